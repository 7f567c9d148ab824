"""Separation of duties under the committee's working regulation (issue 14, class 2).

Nobody decides their own request for more time, nobody accepts a result they submitted, and whoever
assigned a task and carried it out cannot also accept it. Who decides is the working regulation's (data
per committee, with defaults); someone may act for an absent leader for a stated period.
"""
import datetime as dt

import pytest
from django.utils import translation

from mandate.accounts.models import Decision, Role
from mandate.accounts.regulations import acting_for_grant, regulation_adopt
from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError, PermissionDenied
from mandate.orgs.models import ReorganizationKind, Unit
from mandate.reorganizations import services as reorg
from mandate.tasks import services
from mandate.tasks.models import Extension, ExtensionState, Task, TaskState
from tests.factories import a_task
from tests.reorganizations.reorganization_helpers import a_department

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(freeze):
    freeze(dt.date(2025, 7, 20))
    with translation.override("en"):  # the refusals are checked in English; the Vietnamese test is below
        yield


@pytest.fixture
def staff(make_user):
    return {
        "leader": make_user("leader", "25.TU"),  # reaches both the assigning unit and the lead unit
        "deputy": make_user("leader", "25.TU"),
        "lead": make_user("specialist", "25.TU.BTC"),
        "admin": make_user("unit_admin", "25.TU"),
        "other": make_user("specialist", "25.TU.VP"),
    }


def _state(task):
    task = Task.objects.get(pk=task.pk)
    return (task.state, task.deadline, task.version, AuditRecord.objects.count(),
            list(Extension.objects.filter(task=task).values_list("state", flat=True)))


def test_a_leader_cannot_approve_their_own_request_for_more_time(staff):
    task = a_task()
    extension = services.extension_request(actor=staff["leader"], task=task, requested_deadline=dt.date(2025, 8, 30),
                                           reason="Chờ số liệu")
    before = _state(task)
    with pytest.raises(PermissionDenied) as refusal:
        services.extension_decide(actor=staff["leader"], extension=extension, approve=True)
    assert "never the person who asked for it" in refusal.value.message
    assert "default working regulation" in refusal.value.message
    assert _state(task) == before
    services.extension_decide(actor=staff["deputy"], extension=extension, approve=True)
    assert Task.objects.get(pk=task.pk).deadline == dt.date(2025, 8, 30)


def test_the_one_who_submitted_a_result_cannot_accept_it(staff):
    task = a_task()
    services.task_transition(actor=staff["leader"], task=task, name="submit")
    before = _state(task)
    with pytest.raises(PermissionDenied) as refusal:
        services.task_transition(actor=staff["leader"], task=task, name="complete")
    assert "accepting or returning a result" in refusal.value.message
    assert _state(task) == before
    assert services.task_transition(actor=staff["deputy"], task=task, name="complete").state == TaskState.COMPLETED


def test_who_assigned_and_carried_out_a_task_cannot_also_accept_it(staff):
    task = services.task_create(
        actor=staff["leader"], document=a_task().document, title="Tự giao tự làm", lead_unit=Unit.objects.get(code="25.TU.BTC"),
        leader=staff["leader"], product="Báo cáo", deadline=dt.date(2025, 7, 30))
    services.progress_report(actor=staff["leader"], task=task, percent=90, text="Đã làm gần xong")
    services.task_transition(actor=staff["lead"], task=task, name="submit")
    before = _state(task)
    with pytest.raises(PermissionDenied):
        services.task_transition(actor=staff["leader"], task=task, name="complete")
    assert _state(task) == before


def test_the_regulation_names_the_role_that_decides_and_the_refusal_states_it(staff):
    regulation_adopt(actor=None, unit=Unit.objects.get(code="25.TU"), title="Quy chế làm việc của Tỉnh ủy", number_text="01-QC/TU",
                     valid_from=dt.date(2025, 7, 1), rules={Decision.EXTENSION: (Role.UNIT_ADMIN, True)})
    task = a_task()
    extension = services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 30), reason="Chờ")
    before = _state(task)
    with pytest.raises(PermissionDenied) as refusal:
        services.extension_decide(actor=staff["deputy"], extension=extension, approve=True)
    assert "01-QC/TU" in refusal.value.message and "a unit administrator" in refusal.value.message
    assert _state(task) == before
    services.extension_decide(actor=staff["admin"], extension=extension, approve=True)
    assert Extension.objects.get(pk=extension.pk).state == ExtensionState.APPROVED


def test_a_regulation_cannot_let_the_requester_decide_their_own_request(staff):
    regulation_adopt(actor=None, unit=Unit.objects.get(code="25.TU"), title="Quy chế", valid_from=dt.date(2025, 7, 1),
                     rules={Decision.EXTENSION: (Role.LEADER, False)})
    task = a_task()
    extension = services.extension_request(actor=staff["leader"], task=task, requested_deadline=dt.date(2025, 8, 30), reason="Chờ")
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=staff["leader"], extension=extension, approve=True)


def fresh(user):
    """The user as a new request sees them (roles are read once per user object)."""
    return type(user).objects.get(pk=user.pk)


def test_acting_for_an_absent_leader_holds_only_for_the_stated_period(staff, freeze):
    acting_for_grant(actor=staff["admin"], unit=Unit.objects.get(code="25.TU"), absent=staff["leader"], acting=staff["other"],
                     valid_from=dt.date(2025, 7, 21), valid_to=dt.date(2025, 7, 26), reason="Đồng chí Bí thư đi công tác")
    task = a_task()
    extension = services.extension_request(actor=staff["lead"], task=task, requested_deadline=dt.date(2025, 8, 30), reason="Chờ")
    with pytest.raises(PermissionDenied):  # the day before the period
        services.extension_decide(actor=fresh(staff["other"]), extension=extension, approve=True)
    freeze(dt.date(2025, 7, 26))  # the period is half-open: its last day is the 25th
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=fresh(staff["other"]), extension=extension, approve=True)
    freeze(dt.date(2025, 7, 21))
    services.extension_decide(actor=fresh(staff["other"]), extension=extension, approve=True)
    assert Extension.objects.get(pk=extension.pk).decided_by == staff["other"]


def test_an_acting_leader_needs_a_reason_and_a_period(staff):
    with pytest.raises(DomainError) as refusal:
        acting_for_grant(actor=staff["admin"], unit=Unit.objects.get(code="25.TU"), absent=staff["leader"], acting=staff["other"],
                         valid_from=dt.date(2025, 7, 21), valid_to=dt.date(2025, 7, 21), reason="")
    assert sorted(e.field for e in refusal.value.errors) == ["reason", "valid_to"]


def test_the_regulation_api_and_page_show_the_rules(staff, api, client):
    response = api.login(staff["other"]).get("/regulations/25.TU.BTC")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] is None
    assert [(r["decision"], r["source"], r["separate_from_initiator"]) for r in body["rules"]] == [
        ("extension", "default", True), ("acceptance", "default", True), ("reorganization", "default", False)]
    regulation_adopt(actor=None, unit=Unit.objects.get(code="25.TU"), title="Quy chế làm việc", number_text="01-QC/TU",
                     valid_from=dt.date(2025, 7, 1), rules={Decision.ACCEPTANCE: (Role.LEADER, True)})
    body = api.get("/regulations/25.TU.BTC").json()
    assert (body["regulation_unit"], body["number"]) == ("25.TU", "01-QC/TU")
    assert [r["source"] for r in body["rules"]] == ["default", "regulation", "default"]
    assert api.get("/regulations/NO-SUCH").status_code == 404
    client.force_login(staff["other"])
    page = client.get("/regulations/25.TU.BTC/")
    assert page.status_code == 200 and "01-QC/TU" in page.content.decode()


def test_the_reorganization_sign_off_rule_is_enforced(make_user):
    preparer, signer = make_user("system_admin", "VN"), make_user("system_admin", "VN")
    regulation_adopt(actor=None, unit=Unit.objects.get(code="25"), title="Quy chế", number_text="02-QC/TU",
                     valid_from=dt.date(2025, 7, 1), rules={Decision.REORGANIZATION: (Role.SYSTEM_ADMIN, True)})
    department = a_department("Sở cũ")
    event = reorg.reorganization_prepare(actor=preparer, kind=ReorganizationKind.RENAME, effective_on=dt.date(2025, 9, 1),
                                         predecessors=[department], new_name="Sở mới")
    with pytest.raises(PermissionDenied) as refusal:
        reorg.reorganization_apply(actor=preparer, reorganization=event)
    assert "never the person who prepared it" in refusal.value.message and "02-QC/TU" in refusal.value.message
    assert Unit.objects.get(pk=department.pk).name == "Sở cũ"
    reorg.reorganization_apply(actor=signer, reorganization=event)


def test_the_refusal_states_the_rule_in_the_readers_language(staff):
    task = a_task()
    extension = services.extension_request(actor=staff["leader"], task=task, requested_deadline=dt.date(2025, 8, 30), reason="Chờ")
    with translation.override("vi"), pytest.raises(PermissionDenied) as refusal:
        services.extension_decide(actor=staff["leader"], extension=extension, approve=True)
    assert refusal.value.message.startswith("Đồng chí không được tự quyết định đề nghị gia hạn của chính mình.")
    assert "quy chế làm việc mặc định" in refusal.value.message
