"""No form of the product asks for a code or a database id where a name belongs: every field that names a unit,
person or document is labelled by what it names, and a unit is found by its name without diacritics."""
import re

import pytest
from django.conf import settings

from mandate.orgs.forms import unit_from_code

from pages_fixtures import make_task, plan  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

FORMS = ["/tasks/new/", "/tasks/", "/documents/", "/documents/new/", "/meetings/new/", "/ingest/", "/monitoring/",
         "/units/", "/monitoring/lagging/"]
# Where a code is the thing asked for: a reorganization creates units, and a new unit needs its code.
CODES_BELONG = ["/reorganizations/new/"]
ASKS_FOR_A_CODE = {"vi": re.compile(r"\bmã\b|\bID\b", re.IGNORECASE), "en": re.compile(r"\bcodes?\b|\bids?\b", re.IGNORECASE)}


def labels_of(html: str) -> list[str]:
    labels = re.findall(r"<label[^>]*>(.*?)</label>", html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", label).strip() for label in labels]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_form_asks_for_a_code_or_an_id(client, make_user, make_task, language):  # noqa: F811
    task = make_task()
    client.force_login(make_user("specialist", "25.TU"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in [*FORMS, f"/tasks/{task.pk}/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        for label in labels_of(html):
            assert not ASKS_FOR_A_CODE[language].search(label), (path, label)
        assert not re.search(r'placeholder="\d{2}(\.[A-Z]+)*"', html), path  # no "25" or "01.TU.BCH" as the example


def test_a_unit_is_found_by_its_name_without_diacritics():
    assert unit_from_code("ban to chuc tinh uy phu tho").code == "25.TU.BTC"
    assert unit_from_code("25.TU.BTC — Ban Tổ chức Tỉnh ủy Phú Thọ").code == "25.TU.BTC"


def test_a_document_page_names_its_type(client, make_user, plan):  # noqa: F811
    client.force_login(make_user("specialist", "25.TU"))
    html = client.get(f"/documents/{plan.pk}/").content.decode()
    assert "<dd>Kế hoạch</dd>" in html and "<dd>KH</dd>" not in html
