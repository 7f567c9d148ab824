"""The data windows and deadlines of ND 09/2019/NĐ-CP, counted in the project's one working-day calendar."""
import datetime as dt

import pytest

from mandate.core.errors import DomainError
from mandate.reviews.periods import deadline_of, period_containing, period_of
from mandate.reviews.selectors import LATE, ON_TIME, submission_state

pytestmark = pytest.mark.django_db  # the calendar reads the administrator's corrections


@pytest.mark.parametrize(("frequency", "key", "start", "end", "due"), [
    ("monthly", "2025-06", dt.date(2025, 5, 15), dt.date(2025, 6, 14), dt.date(2025, 6, 20)),
    ("quarterly", "2025-Q2", dt.date(2025, 3, 15), dt.date(2025, 6, 14), dt.date(2025, 6, 20)),
    ("six_monthly", "2024-H1", dt.date(2023, 12, 15), dt.date(2024, 6, 14), dt.date(2024, 6, 20)),
    ("six_monthly", "2024-H2", dt.date(2024, 6, 15), dt.date(2024, 12, 14), dt.date(2024, 12, 20)),
    ("yearly", "2024", dt.date(2023, 12, 15), dt.date(2024, 12, 14), dt.date(2024, 12, 20)),
])
def test_the_windows_run_from_the_15th_to_the_14th_and_are_due_on_the_20th(frequency, key, start, end, due):
    period = period_of(frequency=frequency, key=key)
    assert (period.start, period.end) == (start, end)
    assert deadline_of(period=period, rule="day_of_month", deadline_day=20) == due
    assert period_containing(frequency=frequency, day=start) == period == period_containing(frequency=frequency, day=end)


def test_calendar_months_when_the_window_starts_on_the_1st():
    period = period_of(frequency="quarterly", key="2025-Q1", window_start_day=1)
    assert (period.start, period.end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert deadline_of(period=period, rule="day_of_month", deadline_day=20) == dt.date(2025, 4, 20)


def test_working_days_after_the_cut_off_step_over_a_weekend():
    period = period_of(frequency="monthly", key="2025-08")  # cut-off Thursday 14 August 2025
    assert deadline_of(period=period, rule="working_days", working_days=3) == dt.date(2025, 8, 19)  # Fri, Mon, Tue
    assert deadline_of(period=period, rule="working_days", working_days=3, aggregating_levels=1) == dt.date(2025, 8, 22)
    due = deadline_of(period=period, rule="working_days", working_days=3)
    assert submission_state(issued_on=dt.date(2025, 8, 19), due_on=due, today=dt.date(2025, 9, 1)) == ON_TIME
    assert submission_state(issued_on=dt.date(2025, 8, 20), due_on=due, today=dt.date(2025, 9, 1)) == LATE


def test_working_days_after_the_cut_off_step_over_the_national_day():
    # Cut-off Sunday 31 August 2025; 1 and 2 September are the National Day holiday: Wed 3, Thu 4, Fri 5.
    period = period_of(frequency="monthly", key="2025-08", window_start_day=1)
    due = deadline_of(period=period, rule="working_days", working_days=3)
    assert due == dt.date(2025, 9, 5)
    assert submission_state(issued_on=dt.date(2025, 9, 5), due_on=due, today=due) == ON_TIME
    assert submission_state(issued_on=dt.date(2025, 9, 8), due_on=due, today=due) == LATE


@pytest.mark.parametrize(("frequency", "key"), [("quarterly", "2025-Q5"), ("monthly", "2025-13"), ("yearly", "25"),
                                                ("ad_hoc", "2025-04-10..2025-03-01"), ("six_monthly", "2025-Q1")])
def test_a_key_not_of_the_regimes_form_is_refused_naming_the_period(frequency, key):
    with pytest.raises(DomainError) as refused:
        period_of(frequency=frequency, key=key)
    assert refused.value.errors[0].field == "period"
