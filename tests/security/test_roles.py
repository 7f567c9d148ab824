"""Each role sees and does exactly what permissions.py says; confidential work is for cleared users; appointing can be delegated down."""
import pytest
from django.db import IntegrityError, transaction

from mandate.accounts import permissions
from mandate.accounts.models import Delegation, Membership, Role
from mandate.accounts.services import membership_grant, rights_delegate, rights_delegation_revoke
from mandate.core import clock
from mandate.core.errors import PermissionDenied
from mandate.reorganizations.permissions import can_reorganize
from mandate.tasks.models import Task
from mandate.tasks.permissions import can_act_as_lead, can_assign, can_decide, can_view_task, visible_tasks
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

COMMUNE_BODY = "04792.UBND"  # a commune's People's Committee in Phú Thọ (25)


def test_an_inspector_of_an_inspection_commission_reads_its_whole_province_and_acts_on_nothing(api, make_user):
    commune_task = a_task(document=a_document(issuing_unit="25.UBND", type="KH"), lead_unit=COMMUNE_BODY)
    party_task = a_task(lead_unit="25.TU.BTC")
    elsewhere = a_task(document=a_document(issuing_unit="01.TU.BTV"), lead_unit="01.TU.BTC")
    inspector = make_user("inspector", "25.TU.UBKT")
    seen = set(visible_tasks(inspector, Task.objects.all()).values_list("pk", flat=True))
    assert {commune_task.pk, party_task.pk} <= seen and elsewhere.pk not in seen
    api.login(inspector)
    assert api.get(f"/tasks/{commune_task.pk}").status_code == 200
    assert api.get(f"/tasks/{elsewhere.pk}").status_code == 404
    assert api.post(f"/tasks/{party_task.pk}/transitions", {"name": "start", "version": 1}).status_code == 403
    assert api.post_form(f"/tasks/{party_task.pk}/progress", {"percent": 5, "text": "x", "version": 1}).status_code == 403
    party_task.refresh_from_db()
    assert (party_task.state, party_task.progress, party_task.version) == ("assigned", 0, 1)
    assert not party_task.progress_reports.exists()
    assert list(party_task.events.values_list("kind", flat=True)) == ["assigned"]


def test_an_inspector_elsewhere_reads_only_its_own_subtree(make_user):
    task = a_task(lead_unit="25.TU.BTC")
    inspector = make_user("inspector", "25.TU.BTC")
    assert can_view_task(inspector, task)
    assert not can_view_task(make_user("inspector", "25.TU.VP"), task)


@pytest.mark.parametrize("role, may_assign, may_lead, may_decide", [
    (Role.UNIT_ADMIN, True, True, True),
    (Role.LEADER, True, True, True),
    (Role.SPECIALIST, True, True, False),
    (Role.INSPECTOR, False, False, False),
    (Role.VIEWER, False, False, False),
])
def test_what_each_role_of_a_unit_may_do(make_user, unit, role, may_assign, may_lead, may_decide):
    task = a_task(lead_unit="25.TU.BTC")  # assigned by 25.TU.BTV
    user = make_user(role, "25.TU")
    assert can_view_task(user, task)
    assert can_assign(user, unit("25.TU.BTV")) is may_assign
    assert can_act_as_lead(user, task) is may_lead
    assert can_decide(user, task) is may_decide
    assert not can_reorganize(user)


def test_secret_documents_and_their_tasks_are_for_cleared_users(api, client, make_user):
    document = a_document(secrecy=1, title="Mật")
    task = a_task(document=document, lead_unit="25.TU.BTC")
    assert task.secrecy == 1
    uncleared, cleared = make_user("leader", "25"), make_user("viewer", "25", clearance=1)
    api.login(uncleared)
    assert api.get(f"/tasks/{task.pk}").status_code == 404
    assert api.get(f"/documents/{document.pk}").status_code == 404
    assert task.pk not in [t["id"] for t in api.get("/tasks", limit=1000).json()["items"]]
    assert api.post(f"/tasks/{task.pk}/transitions", {"name": "start"}).status_code == 404
    client.force_login(uncleared)
    assert client.get(f"/tasks/{task.pk}/").status_code == 404
    api.login(cleared)
    assert api.get(f"/tasks/{task.pk}").status_code == 200
    assert api.get(f"/documents/{document.pk}").status_code == 200
    assert not can_act_as_lead(make_user("specialist", "25.TU.BTC"), task)
    assert can_act_as_lead(make_user("specialist", "25.TU.BTC", clearance=1), task)


def test_the_history_of_a_task_is_on_its_page_for_those_who_may_see_it(client, make_user, api):
    task = a_task(lead_unit="25.TU.BTC", title="Rà soát")
    api.login(make_user("specialist", "25.TU.BTC", username="chuyen.vien"))
    api.post(f"/tasks/{task.pk}/transitions", {"name": "start", "version": 1})
    client.force_login(make_user("viewer", "25"))
    html = client.get(f"/tasks/{task.pk}/").content.decode()
    history = html[html.index('id="history"'):]
    assert "Hệ thống đã giao nhiệm vụ." in history and "chuyen.vien đã bắt đầu thực hiện." in history
    assert "Mới giao → Đang thực hiện" in history
    document_page = client.get(f"/documents/{task.document_id}/").content.decode()
    assert "đã đăng ký văn bản." in document_page[document_page.index('id="history"'):]
    client.force_login(make_user("viewer", "01"))
    assert client.get(f"/tasks/{task.pk}/").status_code == 404


def test_appointing_is_for_the_administrators_above_unless_delegated(make_user, unit):
    province_admin = make_user("unit_admin", "25")
    office_admin = make_user("unit_admin", "25.TU.BTC")
    newcomer = make_user()
    assert permissions.can_grant_role(province_admin, unit("25.TU.BTC"), Role.LEADER)
    assert not permissions.can_grant_role(office_admin, unit("25.TU.BTC"), Role.SPECIALIST)
    with pytest.raises(PermissionDenied):
        membership_grant(actor=office_admin, user=newcomer, unit=unit("25.TU.BTC"), role=Role.SPECIALIST)
    assert not Membership.objects.filter(user=newcomer).exists()

    with pytest.raises(PermissionDenied):  # nobody delegates upwards or sideways
        rights_delegate(actor=office_admin, from_unit=unit("25.TU.BTC"), to_unit=unit("25.TU"), roles=[Role.VIEWER])
    with pytest.raises(PermissionDenied):
        rights_delegate(actor=make_user("unit_admin", "01"), from_unit=unit("25"), to_unit=unit("25.TU.BTC"), roles=[Role.VIEWER])
    assert not Delegation.objects.exists()
    [delegation] = rights_delegate(actor=province_admin, from_unit=unit("25"), to_unit=unit("25.TU.BTC"), roles=[Role.SPECIALIST])

    assert membership_grant(actor=office_admin, user=newcomer, unit=unit("25.TU.BTC"), role=Role.SPECIALIST).role == Role.SPECIALIST
    assert not permissions.can_grant_role(office_admin, unit("25.TU.BTC"), Role.LEADER)
    assert not permissions.can_grant_role(office_admin, unit("25.TU.VP"), Role.SPECIALIST)
    assert not permissions.can_grant_role(office_admin, unit("25.TU.BTC"), Role.SYSTEM_ADMIN)

    rights_delegation_revoke(actor=province_admin, delegation=delegation)
    assert not permissions.can_grant_role(office_admin, unit("25.TU.BTC"), Role.SPECIALIST)
    assert Delegation.objects.get().revoked_at is not None


def test_only_a_system_administrator_appoints_system_administrators(make_user, unit):
    hopeful = make_user()
    with pytest.raises(PermissionDenied):
        membership_grant(actor=make_user("unit_admin", "VN"), user=hopeful, unit=unit("VN"), role=Role.SYSTEM_ADMIN)
    assert not Membership.objects.filter(user=hopeful).exists()
    membership_grant(actor=make_user("system_admin", "VN"), user=make_user(), unit=unit("VN"), role=Role.SYSTEM_ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():  # the table refuses it too (CHECK)
        Delegation.objects.create(from_unit=unit("25"), to_unit=unit("25.TU"), role=Role.SYSTEM_ADMIN, granted_at=clock.now())
