"""Every form of the product, from every page the translation sweep reaches (the URL resolver): no input asks for a
code or a database id by its label, placeholder or screen-reader label, and none shows a unit's code as its value.

Where a code is the very thing asked for, the allow-list below says why."""
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.conf import settings

from mandate.accounts.models import Role
from mandate.orgs.models import Unit

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)
from test_translation_sweep import fill, page_routes, world  # noqa: F401  (the sweep's pages and its world)

pytestmark = pytest.mark.django_db

ASKS_FOR_A_CODE = {"vi": re.compile(r"\bmã\b|\bid\b|\bsố hiệu\b", re.IGNORECASE),
                   "en": re.compile(r"\bcodes?\b|\bids?\b|\bidentifier\b", re.IGNORECASE)}
# (route, input name): a code that is the thing asked for, not a name standing in for one.
CODES_BELONG = {
    ("administration/clusters/", "code"),  # a new cluster is given its code, as a new user is given a user name
    ("account/two-factor/", "code"),  # the six digits of the authenticator app
    ("account/unlock/", "code"),
}
ROUTES_OF_CODES = ("reorganizations/new/",)  # a reorganization creates units, and a new unit needs its code
TEXT_TYPES = {"", "text", "search", "number", "date"}


class Inputs(HTMLParser):
    """Each visible input of each form: its name, type, value, placeholder, aria-label and label text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs, self.labels, self._label, self._text = [], {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label, self._text = attrs.get("for") or f"#wrapped{len(self.labels)}", []
        elif tag in ("input", "textarea", "select") and attrs.get("type", "") not in ("hidden", "submit", "button"):
            self.inputs.append({**attrs, "tag": tag, "wrapped": f"#wrapped{len(self.labels)}" if self._label else None})

    def handle_endtag(self, tag):
        if tag == "label" and self._label:
            self.labels[self._label] = " ".join("".join(self._text).split())
            self._label = None

    def handle_data(self, data):
        if self._label:
            self._text.append(data)


def form_problems(html: str, route: str, language: str, codes: set[str]) -> list[str]:
    parser = Inputs()
    parser.feed(html)
    problems = []
    for field in parser.inputs:
        name = field.get("name") or ""
        if (route, name) in CODES_BELONG or route in ROUTES_OF_CODES:
            continue
        said = [parser.labels.get(field.get("id") or "", ""), parser.labels.get(field["wrapped"] or "", ""),
                field.get("placeholder") or "", field.get("aria-label") or ""]
        for text in said:
            if text and ASKS_FOR_A_CODE[language].search(text):
                problems.append(f"/{route} {name}: asks for a code or an id: “{text}”")
        value = unescape(field.get("value") or "").strip()
        if field["tag"] == "input" and field.get("type", "") in TEXT_TYPES and value in codes:
            problems.append(f"/{route} {name}: shows the code “{value}”")
    return problems


def walk(client, world, language: str) -> tuple[list[str], int]:  # noqa: F811
    client.force_login(world["leader"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    codes = set(Unit.objects.values_list("code", flat=True))
    problems, forms = [], 0
    for name, route, _parameters in page_routes():
        if name == "logout":
            continue
        response = client.get(fill(route, world["real"]))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        forms += html.count("<form")
        problems += form_problems(html, route, language, codes)
    return problems, forms


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_form_of_any_page_asks_for_a_code_or_shows_one(client, world, language):  # noqa: F811
    problems, forms = walk(client, world, language)
    assert forms > 30  # the walk did reach the forms
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_form_of_the_administration_asks_for_a_code_or_shows_one(client, world, unit, language):  # noqa: F811
    from mandate.accounts.services import membership_grant

    membership_grant(actor=None, user=world["leader"], unit=unit("VN"), role=Role.SYSTEM_ADMIN)
    problems, forms = walk(client, world, language)
    assert forms > 30
    assert not problems, "\n".join(problems)


def test_the_walk_sees_a_field_that_asks_for_a_code():
    """The check itself: a label, a placeholder and a value that a person should never be shown."""
    html = ('<form><label for="a">Đơn vị (mã)</label><input id="a" name="a">'
            '<input name="b" placeholder="ID văn bản"><input name="c" value="25.TU.BTC"></form>')
    assert len(form_problems(html, "x/", "vi", {"25.TU.BTC"})) == 3
    assert form_problems('<form><label>Đơn vị <input name="u" value="Ban Tổ chức"></label></form>', "x/", "vi", {"25"}) == []
