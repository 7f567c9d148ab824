"""Every page form, found from the URL resolver, takes arbitrary text and numbers without a server error.

The pages are listed from the URL resolver (every route but the API's), each is opened as a system administrator,
and each POST form it shows gets hypothesis-generated values for its fields — text of any script and control
characters, numbers far past any column, dates that are not dates — posted to its action, and to every route that
only takes a POST. A fixed seed and a few examples per form keep it to about a minute.
"""
import datetime as dt
import os
import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from mandate.meetings.services import agenda_item_add, meeting_create
from mandate.orgs.models import Unit
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

FIXED_SEED = "MANDATE_FUZZ_RANDOM" not in os.environ
EXAMPLES_PER_FORM = 20 * int(os.environ.get("MANDATE_FUZZ_SCALE", "1"))  # bench/fuzz_deep.py scales it
SKIPPED = ("api/", "i18n/", "logout/", "login/")
SAMPLES = {"fmt": "docx", "code": "25"}

values = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from([str(2**63), "1" * 25, "²", "٣", "-1", "0", "0001-01-01", "9999-12-31", "2025-02-30", "", " "]),
)


class _Forms(HTMLParser):
    """The POST forms of a page: (action, field names)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str | None, list[str]]] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self.forms.append((attributes.get("action"), []))
            self._open = True
        elif (self._open and tag in ("input", "textarea", "select") and attributes.get("name")
              and attributes.get("type") != "file" and attributes["name"] != "csrfmiddlewaretoken"):
            self.forms[-1][1].append(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = False


def _routes(patterns=None, prefix: str = "") -> list[str]:
    """Every page route as a pattern string ('tasks/<int:task_id>/')."""
    found = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        text = prefix + str(pattern.pattern)
        if text.startswith(SKIPPED):
            continue
        if isinstance(pattern, URLResolver):
            found.extend(_routes(pattern.url_patterns, text))
        elif isinstance(pattern, URLPattern):
            found.append(text.lstrip("^").rstrip("$"))
    return found


def _path(route: str) -> str:
    # Ids of rows the fixture made (1), or the sample of a named string.
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: "1" if m.group(1) == "int" else SAMPLES.get(m.group(2), "x"), route)


@pytest.fixture
def world(make_user, freeze):
    freeze(dt.date(2025, 7, 20))
    admin = make_user("system_admin", "VN")
    task = a_task(document=a_document(issuing_unit="25.TU.BTV"), lead_unit="25.TU.BTC")
    meeting = meeting_create(actor=admin, body=Unit.objects.get(code="25.TU"), title="Hội nghị", starts_on=dt.date(2025, 7, 20))
    agenda_item_add(actor=admin, meeting=meeting, title="Dự thảo", draft_title="Quy định", draft_text="Điều 1. Phạm vi")
    return {"admin": admin, "task": task, "meeting": meeting}


def test_every_page_form_takes_arbitrary_values_without_a_server_error(client, world):
    client.force_login(world["admin"])
    targets: dict[str, set[str]] = {}
    for route in _routes():
        path = _path(route)
        response = client.get(path)
        assert response.status_code < 500, path
        targets.setdefault(path, set())  # a POST-only route still gets the fields some form names
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, names in parser.forms:
                targets.setdefault((action or path).split("?")[0].split("#")[0], set()).update(names)
    assert len(targets) >= 30
    every_name = sorted({name for names in targets.values() for name in names})
    failures = {}
    for path, names in sorted(targets.items()):
        try:
            _poster(client, path, sorted(names) or every_name)()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every failing form, not only the first
            failures[path] = str(error)[:800]
    for path, message in failures.items():
        print(f"=== {path}\n{message}")
    assert failures == {}


def _poster(client, path: str, fields: list[str]):
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values)))
    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None, derandomize=FIXED_SEED,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def post(data):
        response = client.post(path, data)
        assert response.status_code < 500, (path, data)

    return post
