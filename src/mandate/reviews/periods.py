"""The periods of a reporting regime: their data windows, their names and their deadlines (ND 09/2019/NĐ-CP).

A regime's data window runs from day D of a month to day D-1 (D = 15: the 15th to the 14th, as the decree sets; D = 1:
calendar months). A period is named by its key: "2025-06" (month), "2025-Q2", "2024-H1", "2025" (year), or, for an ad
hoc report, "2025-03-01..2025-04-10". Its deadline is either a day of the month after the cut-off (the 20th of the
quarter's last month) or a number of working days after the cut-off, 3 more for each level that aggregates; working
days are counted by the project's one calendar, `mandate.core.workdays`.
"""
import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from mandate.core.errors import invalid
from mandate.core.workdays import add_working_days

MONTHLY, QUARTERLY, SIX_MONTHLY, YEARLY, AD_HOC = "monthly", "quarterly", "six_monthly", "yearly", "ad_hoc"
DAY_OF_MONTH, WORKING_DAYS = "day_of_month", "working_days"
DAYS_PER_AGGREGATING_LEVEL = 3
FIRST_YEAR, LAST_YEAR = 1900, 2998  # the dates a page may ask about (core.dates), with room for a deadline after them
MONTHS = {MONTHLY: 1, QUARTERLY: 3, SIX_MONTHLY: 6, YEARLY: 12}
KEY_FORMS = {MONTHLY: "2025-06", QUARTERLY: "2025-Q2", SIX_MONTHLY: "2025-H1", YEARLY: "2025",
             AD_HOC: "2025-03-01..2025-04-10"}
_PATTERNS = {MONTHLY: r"(\d{4})-(\d{2})", QUARTERLY: r"(\d{4})-Q([1-4])", SIX_MONTHLY: r"(\d{4})-H([12])",
             YEARLY: r"(\d{4})", AD_HOC: r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})"}


@dataclass(frozen=True)
class Period:
    key: str
    start: dt.date
    end: dt.date  # the cut-off: the last day of the data window

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _window(first: tuple[int, int], last: tuple[int, int], start_day: int) -> tuple[dt.date, dt.date]:
    if start_day == 1:
        return dt.date(*first, 1), dt.date(*last, calendar.monthrange(*last)[1])
    return dt.date(*_month_before(*first), start_day), dt.date(*last, start_day - 1)


def period_of(*, frequency: str, key: str, window_start_day: int = 15, field_name: str = "period") -> Period:
    """The period a key names, with its data window; a key that is not of the regime's form is refused naming the field."""
    match = re.fullmatch(_PATTERNS.get(frequency, r"$^"), (key or "").strip())
    refused = invalid(field_name, _("“%(key)s” is not a period of this regime; write it as %(form)s")
                      % {"key": (key or "")[:40], "form": KEY_FORMS.get(frequency, "")}, "period_form")
    if not match:
        raise refused
    if frequency == AD_HOC:
        try:
            start, end = (dt.date.fromisoformat(part) for part in match.groups())
        except ValueError:
            raise refused from None
        if start.year < FIRST_YEAR or end.year > LAST_YEAR:
            raise refused
        if end < start:
            raise invalid(field_name, _("the period ends before it starts"), "period_order")
        return Period(key=key.strip(), start=start, end=end)
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise refused
    index = int(match.group(2)) if frequency != YEARLY else 1
    if frequency == MONTHLY and not 1 <= index <= 12:
        raise refused
    span = MONTHS[frequency]
    last_month = index * span
    start, end = _window((year, last_month - span + 1), (year, last_month), window_start_day)
    return Period(key=key.strip(), start=start, end=end)


def period_containing(*, frequency: str, day: dt.date, window_start_day: int = 15) -> Period:
    """The period whose data window holds `day` (for a regime that is not ad hoc)."""
    span = MONTHS[frequency]
    year, month = day.year, day.month
    if window_start_day > 1 and day.day >= window_start_day:
        year, month = _month_after(year, month)  # the 15th of May already counts towards June
    last_month = -(-month // span) * span
    key = {MONTHLY: f"{year}-{last_month:02d}", QUARTERLY: f"{year}-Q{last_month // 3}",
           SIX_MONTHLY: f"{year}-H{last_month // 6}", YEARLY: f"{year}"}[frequency]
    return period_of(frequency=frequency, key=key, window_start_day=window_start_day)


def previous_periods(*, frequency: str, day: dt.date, window_start_day: int = 15, count: int = 4) -> list[Period]:
    """The period holding `day` and the `count - 1` before it, newest first."""
    periods = [period_containing(frequency=frequency, day=day, window_start_day=window_start_day)]
    while len(periods) < count:
        periods.append(period_containing(frequency=frequency, day=periods[-1].start - dt.timedelta(days=1),
                                         window_start_day=window_start_day))
    return periods


def deadline_of(*, period: Period, rule: str, deadline_day: int = 20, working_days: int = 3,
                aggregating_levels: int = 0) -> dt.date:
    """When a period's report is due: on `deadline_day` of the month (the first such day after the cut-off), or
    `working_days` working days after the cut-off plus 3 for each level that aggregates."""
    cut_off = period.end
    if rule == WORKING_DAYS:
        return add_working_days(cut_off, working_days + DAYS_PER_AGGREGATING_LEVEL * aggregating_levels)
    if cut_off.day < deadline_day:
        return cut_off.replace(day=deadline_day)
    return dt.date(*_month_after(cut_off.year, cut_off.month), deadline_day)
