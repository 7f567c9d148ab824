"""The standing list of roles left after ended posts (issue 18 item 8): an account that still has a role in the unit of
a post its person no longer holds is listed for the organization committee and the administrators, with the one-click
withdrawal through accounts.administration; a viewer gets neither the list nor the withdrawal."""
import datetime as dt

from mandate.accounts.models import Membership, Role
from mandate.audit.models import AuditRecord
from mandate.personnel.services import holding_record, person_update


def _ended_with_role(files, make_user):
    account = make_user(Role.LEADER, "old-25.UBND", username="quang_old")
    person_update(actor=None, person=files["first"], user=account)
    holding_record(actor=None, person=files["first"], position=files["chair_old"], starts_on=dt.date(2021, 6, 1),
                   ends_on=dt.date(2025, 7, 1))
    return account


def test_an_ended_post_with_its_role_is_listed_and_withdrawn_in_one_click(client, files, make_user):
    account = _ended_with_role(files, make_user)
    admin = make_user(Role.SYSTEM_ADMIN, "25", username="qtht")
    client.force_login(admin)
    page = client.get("/personnel/roles/left-over/")
    assert page.status_code == 200
    html = page.content.decode()
    membership = Membership.objects.get(user=account)
    assert "Bùi Văn Quý" in html and f'name="membership" value="{membership.pk}"' in html
    done = client.post("/personnel/roles/", {"membership": membership.pk, "back": "left_over"})
    assert done.status_code == 302 and done["Location"] == "/personnel/roles/left-over/"
    assert not Membership.objects.filter(user=account).exists()
    assert AuditRecord.objects.filter(action="membership.withdraw", actor=admin).count() == 1
    assert "Bùi Văn Quý" not in client.get("/personnel/roles/left-over/").content.decode()


def test_a_holder_still_in_the_unit_is_not_listed_and_a_viewer_is_refused(client, files, make_user):
    account = _ended_with_role(files, make_user)
    # A role in a unit where the person still holds a post is not left over.
    Membership.objects.create(user=account, unit=files["new"], role=Role.LEADER)
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    client.force_login(make_user(Role.SYSTEM_ADMIN, "25", username="sysadmin_x"))
    html = client.get("/personnel/roles/left-over/").content.decode()
    assert html.count("Bùi Văn Quý") == 1  # the old unit's role only, not the new one
    client.force_login(files["viewer"])
    assert client.get("/personnel/roles/left-over/").status_code == 403
    membership = Membership.objects.get(user=account, unit=files["old"])
    assert client.post("/personnel/roles/", {"membership": membership.pk, "back": "left_over"}).status_code in (403, 404)
    assert Membership.objects.filter(user=account, unit=files["old"]).exists()
