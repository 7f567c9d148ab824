"""The one working-day calendar: weekends, Vietnam's holidays (Tết, substitute days off), Saturdays worked in exchange,
and the system administrator's corrections, which win over the published calendar."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from mandate.accounts import administration
from mandate.accounts.models import Role
from mandate.audit.models import AuditRecord
from mandate.core import workdays
from mandate.core.errors import DomainError, PermissionDenied
from mandate.core.models import CalendarDay

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_week_has_five_working_days():
    assert [workdays.is_working_day(D(2025, 10, day)) for day in range(6, 13)] == [True] * 5 + [False, False]
    assert workdays.add_working_days(D(2025, 10, 10), 1) == D(2025, 10, 13)  # Friday → Monday
    assert workdays.add_working_days(D(2025, 10, 10), 0) == D(2025, 10, 10)
    assert workdays.working_days_between(D(2025, 10, 10), D(2025, 10, 17)) == 5
    assert workdays.working_days_between(D(2025, 10, 17), D(2025, 10, 10)) == -5


def test_tet_2026_is_nine_days_off():
    # The Government's Tết 2026: Saturday 14 to Sunday 22 February; Friday 13 and Monday 23 are worked.
    assert workdays.is_working_day(D(2026, 2, 13))
    assert not any(workdays.is_working_day(D(2026, 2, day)) for day in range(14, 23))
    assert workdays.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert workdays.working_days_between(D(2026, 2, 1), D(2026, 2, 28)) == 20 - 5
    with translation.override("vi"):
        assert workdays.day_off_name(D(2026, 2, 17)) == "Tết Nguyên Đán"
    with translation.override("en"):
        assert workdays.day_off_name(D(2026, 2, 17)) == "Lunar New Year"
        assert workdays.day_off_name(D(2026, 4, 27)) == "Hung Kings' Commemoration Day (day off in lieu)"
    with translation.override("ru"):
        assert workdays.day_off_name(D(2026, 2, 18)) == "Второй день Тэта"
        assert workdays.day_off_name(D(2025, 5, 2)) == "Выходной взамен рабочего дня 26.04.2025"
    with translation.override("uk"):
        assert workdays.day_off_name(D(2026, 4, 27)) == "День вшанування королів Хунгів (перенесений вихідний)"
    assert workdays.day_off_name(D(2026, 2, 23)) is None


def test_a_saturday_worked_in_exchange_counts_and_the_day_it_buys_does_not():
    assert workdays.is_working_day(D(2025, 4, 26))  # Saturday, worked for Friday 2 May
    assert not workdays.is_working_day(D(2025, 5, 2))
    # Friday 25 April → the next working day is that Saturday; 30 April, 1 and 2 May are off.
    assert workdays.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert workdays.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)


def test_ninety_working_days_from_a_denunciation_received_before_tet():
    received = D(2025, 12, 1)
    due = workdays.add_working_days(received, 90)
    assert workdays.working_days_between(received, due) == 90
    assert workdays.is_working_day(due)
    plain = received
    for _ in range(90):  # the same count with weekends only falls before it: the holidays push it later
        plain += dt.timedelta(days=1)
        while plain.weekday() >= 5:
            plain += dt.timedelta(days=1)
    assert due > plain
    assert (due - plain).days >= 5 + 1  # Tết's five weekdays and New Year's Day at least


def test_the_administrators_correction_wins_and_is_audited(make_user):
    admin = make_user(Role.SYSTEM_ADMIN, "25")
    monday = D(2026, 6, 1)
    assert workdays.is_working_day(monday)
    administration.calendar_day_set(actor=admin, day=monday, working=False, reason="Nghỉ bù theo thông báo")
    assert not workdays.is_working_day(monday)
    assert workdays.day_off_name(monday) == "Nghỉ bù theo thông báo"
    assert workdays.add_working_days(D(2026, 5, 29), 1) == D(2026, 6, 2)
    saturday = D(2026, 6, 6)
    administration.calendar_day_set(actor=admin, day=saturday, working=True, reason="Làm bù")
    assert workdays.working_days_between(D(2026, 5, 29), D(2026, 6, 8)) == 6 - 1 + 1
    assert [entry["source"] for entry in workdays.year_calendar(2026) if entry["day"] in (monday, saturday)] == ["corrected"] * 2
    assert administration.calendar_day_clear(actor=admin, day=monday)
    assert workdays.is_working_day(monday)
    assert list(AuditRecord.objects.filter(action__startswith="calendar.").order_by("id").values_list("action", flat=True)) == [
        "calendar.set", "calendar.set", "calendar.clear"]


def test_only_a_system_administrator_corrects_and_a_reason_is_asked(make_user):
    with pytest.raises(PermissionDenied):
        administration.calendar_day_set(actor=make_user(Role.UNIT_ADMIN, "25"), day=D(2026, 6, 1), working=False,
                                        reason="x")
    with pytest.raises(DomainError) as refused:
        administration.calendar_day_set(actor=make_user(Role.SYSTEM_ADMIN, "25"), day=None, working=False, reason=" ")
    assert {error.field for error in refused.value.errors} == {"day", "reason"}
    assert not CalendarDay.objects.exists()


def test_the_calendar_page_in_vietnamese(client, make_user):
    client.force_login(make_user(Role.SYSTEM_ADMIN, "25"))
    page = client.get(reverse("admin_pages:calendar"), {"year": 2026}, HTTP_ACCEPT_LANGUAGE="vi")
    text = page.content.decode()
    assert page.status_code == 200 and "Tết Nguyên Đán" in text and "17/02/2026" in text
    refused = client.post(reverse("admin_pages:calendar") + "?year=2026",
                          {"day": "31/02/2026", "working": "0", "reason": ""}, HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422 and "không phải là một ngày" in refused.content.decode()
    assert "Lý do" in refused.content.decode()
    saved = client.post(reverse("admin_pages:calendar"), {"day": "01/06/2026", "working": "0", "reason": "Nghỉ bù"})
    assert saved.status_code == 302 and CalendarDay.objects.get().day == D(2026, 6, 1)
    cleared = client.post(reverse("admin_pages:calendar") + "?year=2026", {"clear": "2026-06-01"})
    assert cleared.status_code == 302 and not CalendarDay.objects.exists()


def test_a_unit_administrator_reads_the_calendar_and_may_not_correct_it(client, make_user):
    client.force_login(make_user(Role.UNIT_ADMIN, "25"))
    page = client.get(reverse("admin_pages:calendar"))
    assert page.status_code == 200 and 'name="reason"' not in page.content.decode()
    assert client.post(reverse("admin_pages:calendar"), {"day": "01/06/2026", "working": "0", "reason": "x"}).status_code == 403
    assert not CalendarDay.objects.exists()
