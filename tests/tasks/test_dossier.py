"""The dossier of a task (its API detail): everything read in a fixed number of queries, only for those who may see it."""
import datetime as dt

import pytest

from mandate.core.errors import NotFound
from mandate.orgs.models import Unit
from mandate.tasks import services
from mandate.tasks.selectors import task_dossier
from tests.factories import a_leader, a_task

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 8, 5)


@pytest.fixture
def delegated(make_user, freeze):
    """A task of 25.UBND coordinated by 25.TU.VP, with two parts delegated to communes and an extension asked for."""
    freeze(dt.date(2025, 8, 1))
    lead = make_user("specialist", "25.UBND")
    task = a_task(lead_unit="25.UBND", deadline=dt.date(2025, 9, 30), coordinators=["25.TU.VP"])
    communes = list(Unit.objects.filter(code__regex=r"^\d{5}$", placements__parent__code="25").order_by("code")[:2])
    for commune in reversed(communes):
        services.task_delegate(actor=lead, parent=task, lead_unit=Unit.objects.get(code=f"{commune.code}.UBND"),
                               title=f"Phần của {commune.name}", product="Báo cáo xã", leader=a_leader(),
                               deadline=dt.date(2025, 8, 10))
    services.extension_request(actor=lead, task=task, requested_deadline=dt.date(2025, 10, 15), reason="Chờ số liệu")
    return task, [f"{commune.code}.UBND" for commune in communes]


def test_the_dossier_reads_task_parts_and_lists_in_four_queries(delegated, django_assert_num_queries):
    task, part_leads = delegated

    with django_assert_num_queries(4):
        dossier = task_dossier(user=None, task_id=task.pk, as_of=AS_OF)
        # What the API detail serializes of each part, each line and each request: no query one by one.
        shown = ([(c.lead_unit.code, c.assigning_unit.code, c.leader.username, c.document.number_text, c.status)
                  for c in dossier.delegated["children"]],
                 [(e.kind, e.actor.username if e.actor else None) for e in dossier.timeline],
                 [(x.state, x.requested_by.username) for x in dossier.extension_requests])

    assert (dossier.pk, dossier.status, dossier.as_of) == (task.pk, "within_deadline", AS_OF)
    assert [unit.code for unit in dossier.coordinator_units] == ["25.TU.VP"]
    assert [row[0] for row in shown[0]] == part_leads  # by the lead unit's code, not by creation
    assert {(assigning, number, status) for _, assigning, _, number, status in shown[0]} == {
        ("25.UBND", task.document.number_text, "due_soon")}
    assert (dossier.delegated["count"], dossier.delegated["done"], dossier.delegated["average_progress"]) == (2, 0, 0)
    assert [kind for kind, _ in shown[1]] == ["assigned", "delegated_part", "delegated_part", "extension_requested"]
    assert [state for state, _ in shown[2]] == ["pending"]


def test_a_coordinator_sees_the_task_with_all_its_parts(delegated, make_user):
    task, part_leads = delegated
    coordinator = make_user("viewer", "25.TU.VP")

    dossier = task_dossier(user=coordinator, task_id=task.pk, as_of=AS_OF)

    assert [child.lead_unit.code for child in dossier.delegated["children"]] == part_leads


def test_the_dossier_of_a_task_one_may_not_see_is_not_found(delegated, make_user):
    task, _ = delegated
    outsider = make_user("specialist", "01.TU.BTC")

    with pytest.raises(NotFound):
        task_dossier(user=outsider, task_id=task.pk, as_of=AS_OF)
    with pytest.raises(NotFound):
        task_dossier(user=None, task_id=10**12, as_of=AS_OF)
