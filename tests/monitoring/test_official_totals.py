"""One home for the official totals: `/api/v1/tasks/counts`, the scorecards, the task list and the exports give the
same numbers for the same unit and period, because they all read `tasks.status.OFFICIAL_TOTALS`.

The tasks are built through the services and labelled by the real status expression; none of these tests
states a status by hand."""
import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from mandate.monitoring.api import ScorecardOut
from mandate.monitoring.selectors import Scorecard
from mandate.tasks.schemas import OfficialTotalsOut
from mandate.tasks.status import OFFICIAL_FOUR, OFFICIAL_TOTALS, STATUS_FILTERS
from tests.factories import a_document, a_task
from tests.monitoring.builders import random_tasks

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 8, 1)


def _few_tasks():
    """On 1 August 2025, in Phú Thọ (25): one of each official status, and one in Hà Nội (01)."""
    document = a_document(issued_on=dt.date(2025, 7, 2))
    a_task(document=document, lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25), assigned_on=dt.date(2025, 7, 3))  # overdue
    a_task(document=document, lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 20), assigned_on=dt.date(2025, 7, 3))  # within
    a_task(document=document, lead_unit="25.UBND", deadline=dt.date(2025, 8, 3), assigned_on=dt.date(2025, 7, 20))   # due soon
    a_task(document=document, lead_unit="01.TU.BTC", deadline=dt.date(2025, 8, 3), assigned_on=dt.date(2025, 7, 20))


def test_the_counts_endpoint_says_within_deadline_with_the_tasks_due_soon_as_the_scorecard_does(admin_api):
    _few_tasks()
    counts = admin_api.get("/tasks/counts", lead_unit="25", subtree="true", as_of=AS_OF.isoformat())
    card = admin_api.get("/scorecards", unit="25", subtree="true", as_of=AS_OF.isoformat())
    assert (counts.status_code, card.status_code) == (200, 200)
    expected = {"assigned": 3, "completed": 0, "completed_on_time": 0, "completed_late": 0, "not_completed": 3,
                "within_deadline": 2, "due_soon": 1, "overdue": 1}
    assert counts.json() == expected
    assert {name: card.json()[name] for name in OFFICIAL_TOTALS} == expected


def _official_totals_agree(admin_api, *, unit: str, subtree: bool, as_of: dt.date, period: tuple) -> dict:
    """The totals of the counts endpoint, checked against the scorecard, their own sums and the task list."""
    task_query = {"lead_unit": unit, "subtree": str(subtree).lower(), "as_of": as_of.isoformat()}
    card_query = {"unit": unit, "subtree": str(subtree).lower(), "as_of": as_of.isoformat()}
    for name, day in zip(("assigned_from", "assigned_to"), period, strict=True):
        if day:
            task_query[name] = card_query[name] = day.isoformat()
    counts = admin_api.get("/tasks/counts", **task_query).json()
    card = admin_api.get("/scorecards", **card_query).json()
    assert {name: card[name] for name in OFFICIAL_TOTALS} == counts
    assert list(counts) == list(OFFICIAL_TOTALS)
    # The four numbers of the report add up to those assigned; the two halves to theirs.
    assert sum(counts[name] for name in OFFICIAL_FOUR) == counts["assigned"]
    assert counts["completed"] == counts["completed_on_time"] + counts["completed_late"]
    assert counts["not_completed"] == counts["within_deadline"] + counts["overdue"]
    assert counts["due_soon"] <= counts["within_deadline"]
    # Each total's name, as the list's status filter, gives exactly the rows it counts.
    for name, statuses in OFFICIAL_TOTALS.items():
        body = admin_api.get("/tasks", status=name, limit=1000, **task_query).json()
        assert body["count"] == counts[name], name
        assert {item["status"] for item in body["items"]} <= {status.value for status in statuses}, name
    return counts


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_and_scorecards_agree_for_every_unit_and_period(admin_api, seed):
    random_tasks(seed)
    due_soon = 0
    for as_of, period in [(dt.date(2025, 8, 20), (None, None)), (dt.date(2025, 9, 30), (dt.date(2025, 7, 10), dt.date(2025, 8, 15))),
                          (dt.date(2025, 8, 25), (dt.date(2025, 8, 1), None))]:
        for unit, subtree in [("25", True), ("25.TU", True), ("25.TU.BTC", False), ("25.UBND", False)]:
            due_soon += _official_totals_agree(admin_api, unit=unit, subtree=subtree, as_of=as_of, period=period)["due_soon"]
    assert due_soon > 0, "the random tasks must hold some due soon, or the test could not fail for its reason"


def test_the_scorecard_export_totals_are_the_counts(client, admin_api, make_user, freeze):
    freeze(AS_OF)
    _few_tasks()
    counts = admin_api.get("/tasks/counts", lead_unit="25", subtree="true", as_of=AS_OF.isoformat()).json()
    client.force_login(make_user("leader", "25"))
    response = client.get("/monitoring/scorecards/export.xlsx", {"unit": "25", "subtree": "true", "as_of": AS_OF.isoformat()})
    assert response.status_code == 200
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=9)]
    total = next(row for row in rows if row[0] is None and isinstance(row[2], int))
    assert total[2:7] == [counts[name] for name in ("assigned", *OFFICIAL_FOUR)] == [3, 0, 0, 2, 1]


def test_each_total_is_a_field_of_the_counts_schema_and_of_every_scorecard():
    assert list(OfficialTotalsOut.model_fields) == list(OFFICIAL_TOTALS)
    assert set(OFFICIAL_TOTALS) <= set(ScorecardOut.model_fields)
    assert set(OFFICIAL_TOTALS) <= {f.name for f in dataclasses.fields(Scorecard)}
    assert all(STATUS_FILTERS[name] == statuses for name, statuses in OFFICIAL_TOTALS.items())


@pytest.mark.parametrize(("old", "current"), [("open", "not_completed"), ("done", "completed"), ("not_overdue", "within_deadline")])
def test_the_old_status_filter_names_list_the_same_tasks(admin_api, old, current):
    random_tasks(3)
    query = {"lead_unit": "25", "subtree": "true", "as_of": "2025-08-25", "limit": 1000}
    listed = admin_api.get("/tasks", status=current, **query).json()
    assert listed["count"] > 0
    assert admin_api.get("/tasks", status=old, **query).json() == listed
