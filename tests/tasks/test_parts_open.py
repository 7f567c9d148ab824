"""A task is not accepted as completed while a part delegated from it is still open, unless the assigning side says
why in a note; the note stands in the task's timeline."""
import datetime as dt

import pytest

from mandate.core.errors import DomainError
from mandate.orgs.models import Unit
from mandate.tasks import services
from mandate.tasks.models import TaskState
from tests.factories import a_leader, a_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def parent_with_part(make_user, freeze):
    freeze(dt.date(2025, 8, 1))
    lead, leader = make_user("specialist", "25.UBND"), make_user("leader", "25.TU")
    task = a_task(lead_unit="25.UBND", deadline=dt.date(2025, 9, 30))
    commune = Unit.objects.filter(code__regex=r"^\d{5}$", placements__parent__code="25").order_by("code").first()
    part = services.task_delegate(actor=lead, parent=task, lead_unit=Unit.objects.get(code=f"{commune.code}.UBND"),
                                  title="Phần của xã", product="Báo cáo xã", leader=a_leader())
    task.refresh_from_db()
    services.task_transition(actor=lead, task=task, name="submit")
    task.refresh_from_db()
    return task, part, leader


def test_accepting_while_a_part_stands_at_zero_is_refused_naming_the_note(parent_with_part):
    task, part, leader = parent_with_part
    assert (part.state, part.progress) == (TaskState.ASSIGNED, 0)
    with pytest.raises(DomainError) as refusal:
        services.task_transition(actor=leader, task=task, name="complete")
    assert [(e.field, e.code) for e in refusal.value.errors] == [("reason", "parts_open")]
    task.refresh_from_db()
    assert task.state == TaskState.SUBMITTED


def test_the_assigning_side_may_accept_with_a_note(parent_with_part):
    task, part, leader = parent_with_part
    services.task_transition(actor=leader, task=task, name="complete", reason="Phần của xã chuyển sang kế hoạch năm sau")
    task.refresh_from_db()
    assert task.state == TaskState.COMPLETED
    assert task.events.get(kind="complete").note == "Phần của xã chuyển sang kế hoạch năm sau"


def test_a_part_done_lets_the_task_be_accepted_without_a_note(parent_with_part):
    task, part, leader = parent_with_part
    services.task_transition(actor=None, task=part, name="cancel", reason="Không còn cần thiết")
    services.task_transition(actor=leader, task=task, name="complete")
    task.refresh_from_db()
    assert task.state == TaskState.COMPLETED
