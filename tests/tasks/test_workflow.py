"""Tasks through their life: create, delegate, report, submit, complete or return, extend, cancel."""
import datetime as dt

import pytest
from django.utils import translation

from mandate.audit.models import AuditRecord
from mandate.core.errors import Conflict, DomainError, PermissionDenied
from mandate.orgs.models import Unit
from mandate.tasks import services
from mandate.tasks.models import Extension, Task, TaskEvent, TaskState
from tests.factories import a_document, a_leader, a_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return {
        "lead": make_user("specialist", "25.TU.BTC"),
        "leader": make_user("leader", "25.TU"),
        "outsider": make_user("specialist", "01.TU.BTC"),
        "viewer": make_user("viewer", "25.TU"),
    }


def test_create_refuses_a_task_without_lead_unit_and_writes_nothing():
    document, leader = a_document(), a_leader()
    before = (Task.objects.count(), AuditRecord.objects.count())
    with pytest.raises(DomainError) as refusal, translation.override("vi"):
        services.task_create(actor=None, document=document, title="Việc", lead_unit=None, leader=leader, product="Báo cáo",
                             deadline=dt.date(2025, 7, 25))
    assert "trách nhiệm" in refusal.value.message  # the refusal in the language active when it is made
    assert [e.field for e in refusal.value.errors] == ["lead_unit"]
    assert (Task.objects.count(), AuditRecord.objects.count()) == before


def test_create_records_timeline_coordinators_and_audit():
    task = a_task(coordinators=["25.TU.VP"])
    assert task.state == TaskState.ASSIGNED
    assert task.assigning_unit.code == "25.TU.BTV"
    assert [c.unit.code for c in task.coordinations.all()] == ["25.TU.VP"]
    assert list(task.events.values_list("kind", flat=True)) == ["assigned"]
    assert AuditRecord.objects.filter(object_type="tasks.task", object_id=str(task.pk), action="task.create").count() == 1


def test_lead_reports_progress_submits_and_the_leader_completes_on_the_submission_date(staff):
    task = a_task()
    services.progress_report(actor=staff["lead"], task=task, percent=60, text="Đã dự thảo báo cáo")
    task.refresh_from_db()
    assert (task.state, task.progress, task.version) == (TaskState.IN_PROGRESS, 60, 2)
    services.task_transition(actor=staff["lead"], task=task, name="submit", on=dt.date(2025, 7, 24))
    services.task_transition(actor=staff["leader"], task=task, name="complete", on=dt.date(2025, 7, 28))
    task.refresh_from_db()
    assert (task.state, task.completed_on, task.progress) == (TaskState.COMPLETED, dt.date(2025, 7, 24), 100)
    assert list(task.events.order_by("id").values_list("kind", flat=True)) == ["assigned", "progress", "submit", "complete"]


def test_return_needs_a_reason_and_reopens_the_task(staff):
    task = a_task()
    services.task_transition(actor=staff["lead"], task=task, name="submit")
    with pytest.raises(DomainError) as refusal:
        services.task_transition(actor=staff["leader"], task=task, name="return")
    assert refusal.value.errors[0].field == "reason"
    services.task_transition(actor=staff["leader"], task=task, name="return", reason="Thiếu số liệu xã")
    task.refresh_from_db()
    assert task.state == TaskState.RETURNED


def test_the_lead_side_cannot_complete_its_own_task_and_nothing_changes(staff):
    task = a_task()
    services.task_transition(actor=staff["lead"], task=task, name="submit")
    version = Task.objects.get(pk=task.pk).version
    with pytest.raises(PermissionDenied):
        services.task_transition(actor=staff["lead"], task=task, name="complete")
    assert Task.objects.get(pk=task.pk).state == TaskState.SUBMITTED
    assert Task.objects.get(pk=task.pk).version == version


@pytest.mark.parametrize("who", ["outsider", "viewer"])
def test_others_cannot_report_progress(staff, who):
    task = a_task()
    with pytest.raises(PermissionDenied):
        services.progress_report(actor=staff[who], task=task, percent=10, text="x")
    assert task.progress_reports.count() == 0


def test_editing_an_old_version_is_a_conflict(staff):
    task = a_task()
    services.progress_report(actor=staff["lead"], task=task, percent=10, text="Bắt đầu", expected_version=1)
    with pytest.raises(Conflict) as conflict:
        services.progress_report(actor=staff["lead"], task=task, percent=20, text="Cũ", expected_version=1)
    assert conflict.value.status == 409
    assert Task.objects.get(pk=task.pk).progress == 10


def test_extension_approved_moves_the_deadline_and_keeps_the_original(staff):
    task = a_task(deadline=dt.date(2025, 7, 25))
    extension = services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 10),
                                           reason="Chờ số liệu")
    with pytest.raises(DomainError) as refusal:
        services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 20), reason="Lần hai")
    assert [(e.field, e.code) for e in refusal.value.errors] == [("task", "pending")]
    assert list(Extension.objects.filter(task=task).values_list("pk", flat=True)) == [extension.pk]
    services.extension_decide(actor=staff["leader"], extension=extension, approve=True)
    task.refresh_from_db()
    assert (task.deadline, task.original_deadline, task.extension_count) == (dt.date(2025, 8, 10), dt.date(2025, 7, 25), 1)


def test_extension_refusal_needs_a_note(staff):
    task = a_task()
    extension = services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 10), reason="x")
    with pytest.raises(DomainError) as refusal:
        services.extension_decide(actor=staff["leader"], extension=extension, approve=False)
    assert [(e.field, e.code) for e in refusal.value.errors] == [("note", "required")]
    assert Extension.objects.get(pk=extension.pk).state == "pending"
    services.extension_decide(actor=staff["leader"], extension=extension, approve=False, note="Không đủ lý do")
    task.refresh_from_db()
    assert (task.deadline, task.extension_count) == (dt.date(2025, 7, 25), 0)
    assert Extension.objects.get(pk=extension.pk).state == "refused"


def test_delegation_goes_only_below_the_lead_unit_and_the_parent_records_it(make_user, freeze):
    freeze(dt.date(2025, 8, 1))
    lead = make_user("specialist", "25.UBND")
    task = a_task(lead_unit="25.UBND", deadline=dt.date(2025, 9, 30))
    commune = Unit.objects.filter(code__regex=r"^\d{5}$", placements__parent__code="25").order_by("code").first()
    commune_committee = Unit.objects.get(code=f"{commune.code}.UBND")
    with pytest.raises(DomainError) as refusal:
        services.task_delegate(actor=lead, parent=task, lead_unit=Unit.objects.get(code="01.UBND"), title="Phần",
                               product="Báo cáo", leader=a_leader())
    assert [(e.field, e.code) for e in refusal.value.errors] == [("lead_unit", "invalid")]
    assert not Task.objects.filter(parent=task).exists()
    child = services.task_delegate(actor=lead, parent=task, lead_unit=commune_committee, title="Phần của xã",
                                   product="Báo cáo xã", leader=a_leader())
    assert (child.parent_id, child.assigning_unit.code, child.deadline) == (task.pk, "25.UBND", dt.date(2025, 9, 30))
    assert TaskEvent.objects.filter(task=task, kind="delegated_part").count() == 1


def test_cancel_withdraws_a_pending_extension(staff):
    task = a_task()
    services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 10), reason="x")
    services.task_transition(actor=staff["leader"], task=task, name="cancel", reason="Không còn phù hợp", on=dt.date(2025, 7, 20))
    task.refresh_from_db()
    assert (task.state, task.cancelled_on) == (TaskState.CANCELLED, dt.date(2025, 7, 20))
    assert task.extensions.get().state == "withdrawn"
