"""The administration (issue 16, item 1): a system administrator adds staff and gives roles anywhere; a unit
administrator only within their subtree, never a role above their own nor a clearance above their own — refused
alike by the services, the pages and the API, with nothing written."""
import datetime as dt

import pytest

from mandate.accounts import administration
from mandate.accounts.models import LoginFailure, Membership, Role, User
from mandate.accounts.signin import account_locked_for, login_failure_record
from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError, PermissionDenied
from mandate.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins(make_user):
    """The system administrator, the unit administrator of Phú Thọ (25), and one of its Organization Committee."""
    system = make_user(Role.SYSTEM_ADMIN, "VN", username="quantri", clearance=3)
    province = make_user(Role.UNIT_ADMIN, "25", username="quantri25")
    committee = make_user(Role.UNIT_ADMIN, "25.TU.BTC", username="quantri.btc")
    return system, province, committee


def _writes() -> tuple[int, int, int]:
    return User.objects.count(), Membership.objects.count(), AuditRecord.objects.count()


def test_a_system_administrator_adds_a_person_with_a_role_in_a_commune(admins):
    commune = Unit.objects.filter(kind="commune", code__startswith="25").order_by("code").first()
    before = AuditRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    user = administration.staff_add(actor=admins[0], username="can.bo.xa", full_name="Lê Văn Xã", email="xa@example.org",
                                    password="mat-khau-rat-dai", unit=commune, role=Role.SPECIALIST)
    assert user.check_password("mat-khau-rat-dai")
    assert list(user.memberships.values_list("unit__code", "role")) == [(commune.code, Role.SPECIALIST)]
    actions = set(AuditRecord.objects.filter(pk__gt=before).values_list("action", flat=True))
    assert actions == {"user.create", "membership.grant"}


@pytest.mark.parametrize(("unit_code", "role"), [("01", Role.SPECIALIST), ("25.TU.BTC", Role.SYSTEM_ADMIN), ("25", Role.VIEWER)])
def test_a_unit_administrator_appoints_nobody_outside_their_subtree_nor_above_their_role(admins, unit_code, role):
    before = _writes()
    with pytest.raises(PermissionDenied):
        administration.staff_add(actor=admins[1], username="ke.la", full_name="Người lạ", unit=Unit.objects.get(code=unit_code),
                                 role=role)
    assert _writes() == before


def test_a_unit_administrator_gives_no_clearance_above_their_own(admins):
    before = _writes()
    with pytest.raises(PermissionDenied):
        administration.staff_add(actor=admins[1], username="mat", full_name="Cán bộ mật", unit=Unit.objects.get(code="25.TU.BTC"),
                                 role=Role.SPECIALIST, clearance=3)
    assert _writes() == before
    user = administration.staff_add(actor=admins[1], username="thuong", full_name="Cán bộ", unit=Unit.objects.get(code="25.TU.BTC"),
                                    role=Role.SPECIALIST)
    assert user.clearance == 0 and not user.has_usable_password()


def test_a_unit_administrator_manages_only_people_whose_every_role_they_could_give(admins, make_user):
    inside = make_user(Role.SPECIALIST, "25.TU.BTC")
    straddling = make_user(Role.SPECIALIST, "25.TU.BTC")
    Membership.objects.create(user=straddling, unit=Unit.objects.get(code="01"), role=Role.VIEWER)
    province = admins[1]
    administration.user_active_set(actor=province, user=inside, active=False)
    inside.refresh_from_db()
    assert not inside.is_active and User.objects.filter(pk=inside.pk).exists()  # deactivated, never deleted
    for target in (straddling, admins[0], admins[2]):
        with pytest.raises(PermissionDenied):
            administration.user_active_set(actor=admins[2] if target is admins[2] else province, user=target, active=False)
    with pytest.raises(PermissionDenied):  # the committee's administrator cannot appoint in their own unit undelegated
        administration.role_grant(actor=admins[2], user=inside, unit=Unit.objects.get(code="25.TU.BTC"), role=Role.VIEWER)


def test_an_administrator_unlocks_an_account_locked_by_failed_sign_ins(admins, make_user):
    person = make_user(Role.SPECIALIST, "25.TU.BTC", username="bi.khoa")
    for number in range(10):
        login_failure_record(username="bi.khoa", ip=f"10.0.0.{number}")
    assert account_locked_for(username="bi.khoa")
    with pytest.raises(PermissionDenied):
        administration.user_unlock(actor=admins[2], user=person)
    assert administration.user_unlock(actor=admins[1], user=person) == 10
    assert account_locked_for(username="bi.khoa") is None and not LoginFailure.objects.exists()
    assert AuditRecord.objects.filter(action="user.unlock", object_id=str(person.pk)).exists()


def test_a_unit_is_added_under_another_with_its_dates_and_its_reminders_set(admins):
    parent = Unit.objects.get(code="25.TU")
    unit = administration.unit_add(actor=admins[1], parent=parent, name="Ban Chỉ đạo chuyển đổi số", kind="steering_committee",
                                   valid_from=dt.date(2025, 8, 1), valid_to=dt.date(2030, 8, 1))
    assert unit.code == "25.TU.BCDCDS" and unit.tier == parent.tier
    assert (unit.valid_from, unit.valid_to) == (dt.date(2025, 8, 1), dt.date(2030, 8, 1))
    with pytest.raises(PermissionDenied):
        administration.unit_add(actor=admins[1], parent=Unit.objects.get(code="01"), name="Phòng lạ", kind="department",
                                valid_from=dt.date(2025, 8, 1))
    with pytest.raises(DomainError) as refusal:
        administration.unit_add(actor=admins[1], parent=parent, name="Phòng", kind="department", valid_from=dt.date(2025, 8, 1),
                                valid_to=dt.date(2025, 7, 1))
    assert refusal.value.errors[0].field == "valid_to"
    changed = administration.unit_alerts_set(actor=admins[1], unit=Unit.objects.get(code="25.TU"), warning_days=10,
                                             reminder_days=[1, 5, 10], escalate_after_days=3, below=True)
    assert changed > 5
    btc = Unit.objects.get(code="25.TU.BTC")
    assert (btc.warning_days, btc.reminder_days, btc.escalate_after_days) == (10, "10,5,1", 3)
    with pytest.raises(DomainError) as refusal:
        administration.unit_alerts_set(actor=admins[1], unit=btc, warning_days=400, reminder_days=None, escalate_after_days=None)
    assert refusal.value.errors[0].field == "warning_days"
    with pytest.raises(PermissionDenied):
        administration.unit_alerts_set(actor=admins[1], unit=Unit.objects.get(code="01"), warning_days=3, reminder_days=None,
                                       escalate_after_days=None)


def test_a_cluster_spans_only_units_its_saver_administers(admins):
    provinces = [Unit.objects.get(code="25"), Unit.objects.get(code="01")]
    with pytest.raises(PermissionDenied):
        administration.cluster_save(actor=admins[1], code="CUM-1", name="Cụm 1", members=provinces)
    administration.cluster_save(actor=admins[0], code="CUM-1", name="Cụm 1", members=provinces)
    with pytest.raises(PermissionDenied):  # saving it again would take Hà Nội out of a cluster that is not theirs
        administration.cluster_save(actor=admins[1], code="CUM-1", name="Cụm 1", members=provinces[:1])


# The same attacks through the pages and the API

def test_the_pages_refuse_the_unit_administrator_outside_their_subtree_and_above_their_role(client, admins):
    client.force_login(admins[1])
    before = _writes()
    for unit_code, role in (("01", "specialist"), ("25", "system_admin")):
        response = client.post("/administration/people/new/", {"full_name": "Người lạ", "username": "ke.la", "unit": unit_code,
                                                               "role": role, "clearance": 0})
        assert response.status_code == 403
    outsider = User.objects.create_user(username="ha.noi")
    Membership.objects.create(user=outsider, unit=Unit.objects.get(code="01"), role=Role.SPECIALIST)
    assert client.get(f"/administration/people/{outsider.pk}/").status_code == 404
    assert client.post(f"/administration/people/{outsider.pk}/", {"action": "deactivate"}).status_code == 404
    assert _writes() == (before[0] + 1, before[1] + 1, before[2])
    response = client.post("/administration/people/new/", {"full_name": "Lê Thị Mới", "username": "le.moi", "unit": "25.TU.BTC",
                                                           "role": "specialist", "clearance": 0})
    assert response.status_code == 302
    assert User.objects.get(username="le.moi").memberships.get().unit.code == "25.TU.BTC"


def test_the_api_refuses_the_same(api, admins):
    api.login(admins[1])
    before = _writes()
    for unit_code, role in (("01", "specialist"), ("25", "system_admin")):
        response = api.post("/administration/people", {"username": "ke.la", "full_name": "Người lạ", "unit": unit_code, "role": role})
        assert response.status_code == 403, response.content
    target = User.objects.create_user(username="can.bo.btc")
    Membership.objects.create(user=target, unit=Unit.objects.get(code="25.TU.BTC"), role=Role.SPECIALIST)
    assert api.post(f"/administration/people/{target.pk}/roles", {"unit": "25", "role": "system_admin", "version": 1}).status_code == 403
    assert api.post(f"/administration/people/{target.pk}/roles", {"unit": "01", "role": "viewer", "version": 1}).status_code == 403
    assert _writes() == (before[0] + 1, before[1] + 1, before[2])
    assert api.post(f"/administration/people/{target.pk}/roles", {"unit": "25.TU.BTC", "role": "leader", "version": 1}).status_code == 201


def test_the_menu_shows_administration_only_to_those_who_may_administer(client, admins, make_user):
    for user, shown in ((admins[0], True), (admins[2], True), (make_user(Role.LEADER, "25"), False)):
        client.force_login(user)
        page = client.get("/").content.decode()
        assert ('href="/administration/"' in page) is shown
        assert client.get("/administration/").status_code == (200 if shown else 403)


def test_a_clearance_above_ones_own_is_refused_through_the_api_and_the_page(api, client, admins):
    api.login(admins[1])
    before = _writes()
    response = api.post("/administration/people", {"username": "mat", "full_name": "Cán bộ mật", "unit": "25.TU.BTC",
                                                    "role": "specialist", "clearance": 3})
    assert response.status_code == 403
    client.force_login(admins[1])
    assert client.post("/administration/people/new/", {"full_name": "Cán bộ mật", "username": "mat", "unit": "25.TU.BTC",
                                                       "role": "specialist", "clearance": 3}).status_code == 403
    assert _writes() == before


def test_a_unit_is_named_on_the_page_by_its_name_and_a_shared_name_asks_for_a_pick(client, admins):
    from mandate.core.text import fold

    client.force_login(admins[0])
    names = {}
    for unit in Unit.objects.filter(kind="commune", valid_to__isnull=True):
        names.setdefault(fold(unit.name), []).append(unit)
    shared = next(units[0].name for units in names.values() if len(units) > 1)
    refused = client.post("/administration/people/new/", {"full_name": "Người mới", "username": "nguoi.moi", "unit": shared,
                                                          "role": "specialist", "clearance": 0})
    assert refused.status_code == 422 and "gợi ý" in refused.content.decode()
    unique = next(units[0] for units in names.values() if len(units) == 1)
    response = client.post("/administration/people/new/", {"full_name": "Người mới", "username": "nguoi.moi",
                                                           "unit": unique.name.upper(), "role": "specialist", "clearance": 0})
    assert response.status_code == 302
    assert User.objects.get(username="nguoi.moi").memberships.get().unit == unique
