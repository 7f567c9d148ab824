"""The hourly schedule of reminders and each person's choice of channel and hour (issue 16, item 5)."""
import datetime as dt

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mandate.audit.models import AuditRecord
from mandate.core.clock import VIETNAM
from mandate.core.errors import DomainError, PermissionDenied
from mandate.monitoring import jobs
from mandate.monitoring.models import Channel, Digest, ReminderPreference
from mandate.monitoring.services import digests_deliver, reminder_preference_set, reminders_run
from tests.factories import a_task

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 8, 1)


@pytest.fixture
def people(make_user):
    early = make_user(email="som@example.vn")
    default = make_user("specialist", "25.TU.BTC", email="macdinh@example.vn")
    late = make_user("specialist", "25.TU.BTC", email="muon@example.vn")
    quiet = make_user("specialist", "25.TU.BTC", email="im@example.vn")
    reminder_preference_set(actor=early, user=early, channel=Channel.EMAIL, digest_hour=6)
    reminder_preference_set(actor=late, user=late, channel=Channel.EMAIL, digest_hour=16)
    reminder_preference_set(actor=quiet, user=quiet, channel=Channel.IN_APP, digest_hour=7)
    a_task(lead_unit="25.TU.BTC", deadline=DAY + dt.timedelta(days=3), leader=early, title="Báo cáo sơ kết")
    return {"early": early, "default": default, "late": late, "quiet": quiet}


def _sent_to(smtp) -> list[str]:
    return sorted(address for recipients, _ in smtp.messages for address in recipients)


def test_each_digest_goes_at_its_persons_hour_and_never_to_one_who_chose_mandate_only(smtp, people):
    reminders_run(day=DAY)
    assert Digest.objects.filter(day=DAY).count() == 4  # everyone finds it under My notifications
    assert digests_deliver(day=DAY, hour=5) == 0
    assert digests_deliver(day=DAY, hour=6) == 1 and _sent_to(smtp) == ["som@example.vn"]
    assert digests_deliver(day=DAY, hour=7) == 1 and _sent_to(smtp) == ["macdinh@example.vn", "som@example.vn"]
    assert digests_deliver(day=DAY, hour=15) == 0
    assert digests_deliver(day=DAY, hour=23) == 1
    assert _sent_to(smtp) == ["macdinh@example.vn", "muon@example.vn", "som@example.vn"]
    assert digests_deliver(day=DAY) == 0  # `mandate remind` does not reach the one who chose Mandate only either


def test_the_hourly_run_queues_its_next_run_first_and_never_twice(smtp, people, freeze):
    freeze(dt.datetime(2025, 8, 1, 9, 30, tzinfo=VIETNAM))
    assert jobs.schedule_reminders() is True
    assert jobs.schedule_reminders() is False  # one schedule, however often the worker starts
    queued = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    DBTaskResult.objects.filter(pk=queued.pk).update(status=TaskResultStatus.SUCCESSFUL)  # as the worker marks it
    result = jobs.remind_hour.call()
    assert result == {"day": "2025-08-01", "hour": 9, "digests": 4, "notifications": 4, "sent": 2}
    following = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert following.task_path == jobs.remind_hour.module_path
    assert following.run_after.minute == 0 and following.run_after > queued.enqueued_at
    assert jobs.remind_hour.call()["sent"] == 0  # the same hour again: nothing twice
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_the_next_hour_is_on_the_hour():
    assert jobs.next_hour(dt.datetime(2025, 8, 1, 23, 59, 58, tzinfo=VIETNAM)) == dt.datetime(2025, 8, 2, 0, 0, tzinfo=VIETNAM)


def test_a_person_chooses_their_own_reminders_and_a_wrong_hour_is_refused_by_name(make_user):
    person, other = make_user(), make_user()
    before = AuditRecord.objects.count()
    with pytest.raises(DomainError) as refusal:
        reminder_preference_set(actor=person, user=person, channel="sms", digest_hour=24)
    assert [e.field for e in refusal.value.errors] == ["channel", "digest_hour"]
    with pytest.raises(PermissionDenied):
        reminder_preference_set(actor=other, user=person, channel=Channel.IN_APP, digest_hour=8)
    assert not ReminderPreference.objects.filter(user=person).exists() and AuditRecord.objects.count() == before
    reminder_preference_set(actor=person, user=person, channel=Channel.IN_APP, digest_hour=8)
    assert ReminderPreference.objects.filter(user=person).values_list("channel", "digest_hour").get() == ("in_app", 8)
    assert AuditRecord.objects.filter(action="monitoring.reminder_preference_set").count() == 1


def test_the_reminders_page_saves_the_choice_and_names_a_bad_field_in_vietnamese(client, make_user):
    person = make_user()
    client.force_login(person)
    page = client.get("/account/reminders/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Nhắc việc của tôi" in page and '<option value="7" selected>07:00</option>' in page  # the default
    saved = client.post("/account/reminders/", {"channel": "in_app", "digest_hour": "18"})
    assert saved.status_code == 302
    assert ReminderPreference.objects.filter(user=person).values_list("channel", "digest_hour").get() == ("in_app", 18)
    refused = client.post("/account/reminders/", {"channel": "in_app", "digest_hour": "25"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    shown = refused.content.decode()
    assert '<div class="field has-error">\n  <label for="id_digest_hour">Gửi thư lúc</label>' in shown
    assert ReminderPreference.objects.get(user=person).digest_hour == 18
