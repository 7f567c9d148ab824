"""The project's one working-day calendar.

A working day is a weekday that is not a public holiday, or a Saturday worked in exchange for a bridge day off. The
holidays, Tết with the days the Government adds around it and the substitute days off included, and the Saturdays
worked in exchange come from the `holidays` package's Vietnam calendar (kept up to date by its maintainers from the
Prime Minister's yearly notices); an administrator's `CalendarDay` wins over it for the day it names (a notice the
package does not know yet, a local day off). Every deadline counted in working days — denunciations, complaints,
periodic reports — is counted here.
"""
import datetime as dt
import re
from functools import lru_cache

import holidays
from django.utils import translation
from django.utils.translation import gettext as _, gettext_noop

from mandate.core.dates import day_text

from mandate.core.models import CalendarDay

ONE_DAY = dt.timedelta(days=1)
# The package names the holidays in Vietnamese and in English; the other languages read its English names through
# the catalogues.
HOLIDAYS = (gettext_noop("New Year's Day"), gettext_noop("29 of Lunar New Year"), gettext_noop("Lunar New Year's Eve"),
            gettext_noop("Lunar New Year"), gettext_noop("Second Day of Lunar New Year"),
            gettext_noop("Third Day of Lunar New Year"), gettext_noop("Fourth Day of Lunar New Year"),
            gettext_noop("Fifth Day of Lunar New Year"), gettext_noop("Hung Kings' Commemoration Day"),
            gettext_noop("Liberation Day/Reunification Day"), gettext_noop("International Labor Day"),
            gettext_noop("National Day"), gettext_noop("Vietnam Cultural Day"))
OBSERVED = re.compile(r"^(?P<name>.+) \(observed\)$")
SUBSTITUTED = re.compile(r"^Day off \(substituted from (?P<month>\d\d)/(?P<day>\d\d)/(?P<year>\d{4})\)$")


@lru_cache(maxsize=4)
def _published(language: str) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", language=language)


def _in_vietnamese() -> bool:
    return (translation.get_language() or "vi").startswith("vi")


def _holiday_name(english: str) -> str:
    """One of the package's English names in the reader's language."""
    if match := SUBSTITUTED.match(english):
        worked = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        return _("Day off in exchange for the working %(day)s") % {"day": day_text(worked)}
    if match := OBSERVED.match(english):
        return _("%(holiday)s (day off in lieu)") % {"holiday": _holiday_name(match["name"])}
    return _(english) if english in HOLIDAYS else english


def _name(day: dt.date) -> str | None:
    if _in_vietnamese():
        return _published("vi").get(day)
    english = _published("en_US").get(day)
    return _holiday_name(english) if english else None


def _corrections(start: dt.date, end: dt.date) -> dict[dt.date, CalendarDay]:
    return {row.day: row for row in CalendarDay.objects.filter(day__range=(start, end))}


def _working(day: dt.date, corrections: dict[dt.date, CalendarDay]) -> bool:
    if day in corrections:
        return corrections[day].working
    return _published("vi").is_working_day(day)


def is_working_day(day: dt.date) -> bool:
    return _working(day, _corrections(day, day))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (n = 0: `start` itself). A deadline of "90 working days from the day it was
    received" is `add_working_days(received, 90)`."""
    if n < 0:
        raise ValueError("n must not be negative")
    day, counted = start, 0
    while counted < n:
        # The corrections of a stretch at least as long as what is left, each stretch one query.
        stretch_end = day + dt.timedelta(days=2 * (n - counted) + 30)
        corrections = _corrections(day + ONE_DAY, stretch_end)
        while counted < n and day < stretch_end:
            day += ONE_DAY
            if _working(day, corrections):
                counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after `start` up to and including `end` (negative when `end` is before `start`):
    the working days a report is late by, or left before a deadline."""
    if end < start:
        return -working_days_between(end, start)
    corrections = _corrections(start + ONE_DAY, end)
    return sum(_working(start + dt.timedelta(days=offset), corrections) for offset in range(1, (end - start).days + 1))


def day_off_name(day: dt.date) -> str | None:
    """Why `day` is not worked — the holiday's name in the reader's language (Vietnamese, else English), or the
    administrator's reason — or None for a working day or an ordinary weekend."""
    corrections = _corrections(day, day)
    if day in corrections:
        return None if corrections[day].working else corrections[day].reason
    return _name(day)


def year_calendar(year: int) -> list[dict]:
    """The year's days that differ from "Monday to Friday are worked": each holiday or day off on a weekday, each
    Saturday worked in exchange, and each administrator's correction, in date order, with `source` "published" or
    "corrected"."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    corrections = _corrections(first, last)
    published = _published("vi")
    _published("en_US").get(first)
    published.get(first)  # the package fills a year in when a day of it is first asked about
    days = {}
    for day in published:
        if first <= day <= last:
            days[day] = {"day": day, "working": False, "name": _name(day), "source": "published", "correction": None}
    for day in published.weekend_workdays:
        if first <= day <= last:
            days[day] = {"day": day, "working": True, "name": "", "source": "published", "correction": None}
    for day, row in corrections.items():
        days[day] = {"day": day, "working": row.working, "name": row.reason, "source": "corrected", "correction": row}
    return [days[day] for day in sorted(days)]
