"""`mandate remind` records one digest per person per day and sends it once, to a real SMTP server."""
import datetime as dt

import pytest
from django.core.management import call_command

from mandate.accounts.models import Role
from mandate.accounts.services import membership_grant
from mandate.monitoring.models import Digest, Notification
from mandate.orgs.models import Unit
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def test_remind_twice_sends_each_digest_once(smtp, make_user, capsys):
    leader = make_user(email="lanh.dao@example.vn", full_name="Trần Thị B")
    specialist = make_user("specialist", "25.TU.BTC", email="chuyen.vien@example.vn")
    superior = make_user("leader", "25.TU", email="bi.thu@example.vn")
    due = a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 4), leader=leader, title="Báo cáo sơ kết")
    late = a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 20), leader=leader, title="Kế hoạch sắp xếp")

    call_command("remind", "--date", "2025-08-01")
    call_command("remind", "--date", "2025-08-01")

    assert Digest.objects.filter(day=dt.date(2025, 8, 1)).count() == 3
    assert Digest.objects.filter(sent_at__isnull=True).count() == 0
    received = {tuple(to): body for to, body in smtp.messages}
    assert len(smtp.messages) == 3
    assert set(received) == {("lanh.dao@example.vn",), ("chuyen.vien@example.vn",), ("bi.thu@example.vn",)}
    kinds = {(n.recipient_id, n.task_id, n.kind) for n in Notification.objects.all()}
    assert kinds == {(leader.pk, due.pk, "due_soon"), (specialist.pk, due.pk, "due_soon"),
                     (leader.pk, late.pk, "overdue"), (specialist.pk, late.pk, "overdue"),
                     (superior.pk, late.pk, "escalation")}
    assert f"/tasks/{late.pk}/" in received[("bi.thu@example.vn",)]

    # The next day: nothing new is due (3 days ahead is 2025-08-05), overdue and escalation were sent once.
    call_command("remind", "--date", "2025-08-02")
    assert len(smtp.messages) == 3


def test_reminder_windows_and_escalation_follow_the_unit(smtp, make_user):
    unit = Unit.objects.get(code="25.TU.BTC")
    unit.reminder_days, unit.escalate_after_days = "10", 2
    unit.save(update_fields=["reminder_days", "escalate_after_days"])
    leader = make_user(email="a@example.vn")
    superior = make_user(email="b@example.vn")
    membership_grant(actor=None, user=superior, unit=Unit.objects.get(code="25.TU"), role=Role.LEADER)
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 11), leader=leader)
    late = a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 29), leader=leader)

    call_command("remind", "--date", "2025-08-01")  # 10 days before the first; the second overdue 3 > 2 days

    assert sorted(Notification.objects.values_list("kind", flat=True)) == ["due_soon", "escalation", "overdue"]
    assert Notification.objects.get(kind="escalation").recipient == superior
    assert Notification.objects.get(kind="escalation").task == late


def test_my_notifications_page_and_api(client, api, make_user):
    leader = make_user("leader", "25.TU.BTC")
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 4), leader=leader, title="Tổng hợp ý kiến")
    call_command("remind", "--date", "2025-08-01", "--no-email")
    client.force_login(leader)
    page = client.get("/monitoring/notifications/")
    assert page.status_code == 200 and "Tổng hợp ý kiến" in page.content.decode()
    body = api.login(leader).get("/notifications").json()
    assert [(n["kind"], n["days"], n["read"]) for n in body] == [("due_soon", 3, False)]
    assert api.post("/notifications/read", {}).json() == {"marked": 1}


def test_the_job_runs_the_same_reminders(smtp, make_user):
    from mandate.monitoring.jobs import remind

    leader = make_user(email="c@example.vn")
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 8), leader=leader)
    result = remind.call(day="2025-08-01")
    assert result == {"day": "2025-08-01", "digests": 1, "notifications": 1, "sent": 1}
    assert remind.call(day="2025-08-01")["sent"] == 0
