"""Scorecards equal, number for number, a brute-force count over the task list."""
import datetime as dt
from collections import Counter

import pytest

from mandate.orgs.models import Cluster, Unit
from mandate.tasks.models import Task
from mandate.tasks.status import status_of

from tests.monitoring.builders import random_tasks

pytestmark = pytest.mark.django_db

OFFICIAL = ("assigned", "completed_on_time", "completed_late", "within_deadline", "overdue")


def brute_force(tasks, as_of: dt.date) -> dict:
    """The rule of DESIGN.md applied by hand to each task, in Python."""
    counts = Counter(status_of(deadline=t.deadline, completed_on=t.completed_on, cancelled_on=t.cancelled_on,
                               as_of=as_of, warning_days=t.lead_unit.due_soon_window()).value for t in tasks)
    return {
        "assigned": sum(n for s, n in counts.items() if s != "cancelled"),
        "completed_on_time": counts["completed_on_time"], "completed_late": counts["completed_late"],
        "within_deadline": counts["within_deadline"] + counts["due_soon"], "due_soon": counts["due_soon"],
        "overdue": counts["overdue"],
    }


def list_counts(admin_api, **params) -> dict:
    body = admin_api.get("/tasks", limit=1000, **params).json()
    statuses = Counter(item["status"] for item in body["items"])
    assert body["count"] == len(body["items"])
    return {"assigned": body["count"], "completed_on_time": statuses["completed_on_time"],
            "completed_late": statuses["completed_late"],
            "within_deadline": statuses["within_deadline"] + statuses["due_soon"], "due_soon": statuses["due_soon"],
            "overdue": statuses["overdue"]}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scorecard_equals_the_task_list_and_a_brute_force_count(admin_api, seed):
    random_tasks(seed)
    for as_of, period in [(dt.date(2025, 8, 20), (None, None)), (dt.date(2025, 9, 30), (dt.date(2025, 7, 10), dt.date(2025, 8, 15))),
                          (dt.date(2025, 12, 31), (dt.date(2025, 8, 1), None))]:
        for unit, subtree in [("25", True), ("25.TU", True), ("25.TU.BTC", False), ("25.UBND", True)]:
            params = {"lead_unit": unit, "subtree": subtree, "as_of": as_of.isoformat()}
            card_params = {"unit": unit, "subtree": subtree, "as_of": as_of.isoformat()}
            if period[0]:
                params["assigned_from"] = card_params["assigned_from"] = period[0].isoformat()
            if period[1]:
                params["assigned_to"] = card_params["assigned_to"] = period[1].isoformat()
            response = admin_api.get("/scorecards", **card_params)
            assert response.status_code == 200, response.content
            card = response.json()
            expected = list_counts(admin_api, **params)
            assert {k: card[k] for k in expected} == expected

            from mandate.orgs.selectors import unit_subtree_ids
            scope = Unit.objects.get(code=unit)
            leads = unit_subtree_ids(unit=scope, as_of=as_of) if subtree else [scope.pk]
            tasks = Task.objects.filter(lead_unit__in=leads, assigned_on__lte=as_of).select_related("lead_unit")
            if period[0]:
                tasks = tasks.filter(assigned_on__gte=period[0])
            if period[1]:
                tasks = tasks.filter(assigned_on__lte=period[1])
            assert {k: card[k] for k in expected} == brute_force(tasks, as_of)
            assert card["assigned"] == card["completed_on_time"] + card["completed_late"] + card["within_deadline"] + card["overdue"]


def test_rates_averages_and_extensions_are_computed_from_the_counts(admin_api):
    tasks, _ = random_tasks(7)
    as_of = dt.date(2025, 10, 15)
    card = admin_api.get("/scorecards", unit="25", subtree="true", as_of=as_of.isoformat()).json()
    from mandate.orgs.selectors import unit_subtree_ids
    subtree = unit_subtree_ids(unit=Unit.objects.get(code="25"), as_of=as_of)
    in_scope = [t for t in Task.objects.filter(pk__in=[t.pk for t in tasks], lead_unit__in=subtree)
                if t.cancelled_on is None or t.cancelled_on > as_of]
    late = [t for t in in_scope if t.completed_on and t.completed_on <= as_of and t.completed_on > t.deadline]
    assert card["completed_late"] == len(late)
    if late:
        assert card["average_days_late"] == round(sum((t.completed_on - t.deadline).days for t in late) / len(late), 1)
    assert card["extended"] == sum(1 for t in in_scope if t.extension_count)
    assert card["completed_after_extension"] == sum(1 for t in in_scope if t.extension_count and t.completed_on and t.completed_on <= as_of)
    completed = card["completed_on_time"] + card["completed_late"]
    assert card["completion_rate"] == (round(completed / card["assigned"], 4) if card["assigned"] else None)
    assert card["scope"]["unit"] == "25"


def test_coordination_is_credited_apart_from_the_lead(admin_api):
    from tests.factories import a_task
    a_task(lead_unit="25.UBND", coordinators=["25.TU.BTC"], deadline=dt.date(2025, 7, 25))
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))
    card = admin_api.get("/scorecards", unit="25.TU.BTC", as_of="2025-08-01").json()
    assert (card["assigned"], card["overdue"]) == (1, 1)
    assert (card["coordinating"]["assigned"], card["coordinating"]["overdue"]) == (1, 1)


def test_a_leader_in_charge_has_a_scorecard(admin_api):
    tasks, leaders = random_tasks(4, count=20)
    leader = leaders[0]
    card = admin_api.get("/scorecards", leader=leader.username, as_of="2025-12-31").json()
    expected = list_counts(admin_api, leader=leader.username, as_of="2025-12-31")
    assert {k: card[k] for k in expected} == expected


def test_cluster_members_are_ranked_side_by_side(admin_api):
    from tests.factories import a_task
    cluster = Cluster.objects.create(code="cum-2", name="Cụm thi đua số 2")
    cluster.members.add(Unit.objects.get(code="25"), Unit.objects.get(code="01"))
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))  # overdue on 2025-08-01
    body = admin_api.get("/scorecards/clusters/cum-2", as_of="2025-08-01").json()
    ranked = {row["unit"]: row for row in body["units"]}
    assert ranked["25"]["scorecard"]["overdue"] == 1 and ranked["01"]["scorecard"]["assigned"] == 0
    assert [row["rank"] for row in body["units"]] == [1, 2]
    assert admin_api.get("/scorecards/clusters/none").status_code == 404


def test_children_ranking_adds_up_to_the_parent(admin_api):
    random_tasks(5)
    parent = admin_api.get("/scorecards", unit="25", subtree="true", as_of="2025-10-01").json()
    children = admin_api.get("/scorecards/children", unit="25", as_of="2025-10-01").json()["units"]
    own = admin_api.get("/scorecards", unit="25", as_of="2025-10-01").json()
    for key in OFFICIAL:
        assert sum(row["scorecard"][key] for row in children) + own[key] == parent[key]


def test_a_scorecard_needs_a_unit_or_a_leader(admin_api):
    response = admin_api.get("/scorecards")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit"


def test_a_viewer_counts_only_what_they_may_see(api, make_user):
    from tests.factories import a_task
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))
    a_task(lead_unit="01.TU.BTC", deadline=dt.date(2025, 7, 25))
    viewer = api.login(make_user("viewer", "01"))
    card = viewer.get("/scorecards", unit="VN", subtree="true", as_of="2025-08-01").json()
    assert card["assigned"] == 1
