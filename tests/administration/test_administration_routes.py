"""Every administration page, GET and POST, refused to every role that may not administer (403, nothing written),
and to the signed-out (to the sign-in page); a unit administrator of another province finds nobody of Phú Thọ."""
import pytest
from django.apps import apps
from django.urls import reverse

from mandate.accounts.models import Role

pytestmark = pytest.mark.django_db

ROUTES = ["admin_pages:index", "admin_pages:person_new", "admin_pages:units", "admin_pages:delegations", "admin_pages:clusters",
          "admin_pages:calendar"]
FORM = {"full_name": "Người lạ", "username": "ke.la", "unit": "25.TU.BTC", "role": "specialist", "clearance": 0,
        "add-parent": "25.TU", "add-name": "Phòng mới", "add-kind": "department", "add-valid_from": "2025-08-01",
        "alerts-unit": "25", "alerts-warning_days": 3, "from_unit": "25", "to_unit": "25.TU.BTC", "roles": ["leader"],
        "code": "CUM", "name": "Cụm", "members": "25", "role-unit": "25.TU.BTC", "role-role": "leader"}


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture
def target(make_user):
    return make_user(Role.SPECIALIST, "25.TU.BTC", username="muc.tieu")


@pytest.mark.parametrize("role", [Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER])
def test_every_administration_page_is_refused_to_a_role_that_does_not_administer(client, make_user, target, role):
    client.force_login(make_user(role, "25"))
    paths = [reverse(name) for name in ROUTES] + [reverse("admin_pages:person", args=[target.pk])]
    before = _counts()
    for path in paths:
        assert client.get(path).status_code == 403, path
        for action in ("", "add", "alerts", "grant", "deactivate", "unlock", "password", "revoke"):
            assert client.post(path, {**FORM, "action": action}).status_code == 403, (path, action)
    assert _counts() == before


def test_the_signed_out_are_sent_to_sign_in(client, target):
    for path in [reverse(name) for name in ROUTES] + [reverse("admin_pages:person", args=[target.pk])]:
        assert client.get(path)["Location"].startswith("/login/")
        assert client.post(path, FORM)["Location"].startswith("/login/")


def test_a_unit_administrator_of_another_province_changes_nothing_in_phu_tho(client, make_user, target):
    client.force_login(make_user(Role.UNIT_ADMIN, "01"))
    before = _counts()
    person = reverse("admin_pages:person", args=[target.pk])
    assert client.get(person).status_code == 404
    for action in ("grant", "withdraw", "deactivate", "unlock", "password"):
        assert client.post(person, {**FORM, "action": action}).status_code == 404
    assert client.post(reverse("admin_pages:units"), {**FORM, "action": "add"}).status_code == 403
    assert client.post(reverse("admin_pages:units"), {**FORM, "action": "alerts"}).status_code == 403
    assert client.post(reverse("admin_pages:delegations"), FORM).status_code == 403
    assert client.post(reverse("admin_pages:clusters"), FORM).status_code == 403
    assert client.post(reverse("admin_pages:person_new"), FORM).status_code == 403
    assert client.post(reverse("admin_pages:calendar"), {"day": "01/06/2026", "working": "0", "reason": "x"}).status_code == 403
    assert "muc.tieu" not in client.get(reverse("admin_pages:index")).content.decode()
    assert _counts() == before
