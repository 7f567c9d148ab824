"""A page asked about a date it cannot read, or one outside the calendar it answers for, refuses visibly, naming the
field in the reader's language — as the API refuses it — instead of quietly answering for today."""
import datetime as dt
import re

import pytest

from mandate.core import clock
from mandate.core.dates import EARLIEST_AS_OF, LATEST_AS_OF, parse_as_of
from mandate.core.errors import DomainError

pytestmark = pytest.mark.django_db

UNREADABLE = "“2025-13-45” không phải là ngày; hãy viết theo dạng dd/mm/yyyy, ví dụ 01/07/2025."
TOO_EARLY = "01/01/0001 nằm ngoài khoảng ngày có thể hỏi (01/01/1900 đến 31/12/2999)."


@pytest.fixture
def leader(client, make_user, freeze):
    freeze(dt.date(2025, 8, 1))
    client.force_login(make_user("leader", "25"))
    return client


def refusal(html: str) -> tuple[str, str]:
    """The message of the refusal page and the error shown beside the header's as-of field."""
    message = re.search(r'<section class="panel error-page">.*?<p>(.*?)</p>', html, re.S).group(1)
    beside = re.search(r'<p id="as-of-error" class="error" role="alert">(.*?)</p>', html, re.S).group(1)
    return message, beside


@pytest.mark.parametrize("path", ["/tasks/", "/monitoring/"])
@pytest.mark.parametrize(("value", "reason"), [("2025-13-45", UNREADABLE), ("0001-01-01", TOO_EARLY)])
def test_a_bad_as_of_is_refused_naming_the_field_in_vietnamese(leader, path, value, reason):
    response = leader.get(path, {"as_of": value, "unit": "25"})
    html = response.content.decode()
    assert response.status_code == 422
    assert refusal(html) == (f"Cơ cấu tại ngày: {reason}", reason)
    assert 'aria-invalid="true" aria-describedby="as-of-error"' in html
    assert 'name="as_of" value=""' in html  # the unreadable date is not offered back as if it were one


def test_the_same_refusal_speaks_english_to_who_chose_it(leader):
    leader.cookies["django_language"] = "en"
    message, beside = refusal(leader.get("/tasks/", {"as_of": "2025-13-45"}).content.decode())
    # The reader's format, not ISO's "year-month-day" (ISO stays accepted: links write it).
    assert message == "Structure as of: “2025-13-45” is not a date; write it as dd/mm/yyyy, e.g. 01/07/2025."
    assert beside == "“2025-13-45” is not a date; write it as dd/mm/yyyy, e.g. 01/07/2025."


def test_the_refusal_of_an_as_of_gives_a_russian_reader_the_russian_format(leader):
    leader.cookies["django_language"] = "ru"
    message, beside = refusal(leader.get("/tasks/", {"as_of": "31.02.2025"}).content.decode())
    assert "dd.mm.yyyy" in beside and "01.07.2025" in beside and "год-месяц-день" not in beside, beside


def test_the_api_keeps_refusing_an_unreadable_as_of_with_422(api, make_user):
    response = api.login(make_user("leader", "25")).get("/tasks", as_of="2025-13-45")
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["as_of"]


def test_a_readable_as_of_inside_the_calendar_is_answered(leader):
    response = leader.get("/monitoring/", {"as_of": "2025-07-31", "unit": "25"})
    assert response.status_code == 200 and 'name="as_of" value="2025-07-31"' in response.content.decode()
    assert leader.get("/tasks/").status_code == 200  # no date: today


def test_the_calendar_a_page_answers_for_has_both_ends_inside(freeze):
    freeze(dt.date(2025, 8, 1))
    assert [parse_as_of(""), parse_as_of(None)] == [clock.today()] * 2
    assert [parse_as_of("1900-01-01"), parse_as_of("2999-12-31")] == [EARLIEST_AS_OF, LATEST_AS_OF]
    for outside, code in (("1899-12-31", "out_of_range"), ("3000-01-01", "out_of_range"), ("yesterday", "invalid")):
        with pytest.raises(DomainError) as refused:
            parse_as_of(outside)
        assert (refused.value.status, [(e.field, e.code) for e in refused.value.errors]) == (422, [("as_of", code)])


def test_the_monthly_trend_refuses_a_date_the_pages_refuse(api, make_user):
    points = api.login(make_user("leader", "25")).get("/scorecards/trend", unit="25", as_of="0001-01-01")
    assert points.status_code == 422 and points.json()["errors"][0]["field"] == "as_of"
    first = api.get("/scorecards/trend", unit="25", as_of="1900-01-01", months=3)
    assert first.status_code == 200 and first.json()[-1]["month_end"] == "1900-01-01"
