"""Reading dates given by people and by clients; always calendar dates in Asia/Ho_Chi_Minh."""
import datetime as dt
from typing import Annotated

from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from pydantic import AfterValidator

from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, invalid

# The dates a page answers questions about. Nothing this register tracks is older than 1900, and the monthly views
# reach a year back from the date, so a date near the calendar's ends (0001-01-01) has no months to show.
EARLIEST_AS_OF = dt.date(1900, 1, 1)
LATEST_AS_OF = dt.date(2999, 12, 31)


def parse_iso_date(value: str | None, *, field_name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise invalid(field_name, _("“%(value)s” is not a date; write it as year-month-day, e.g. 2025-07-01.")
                      % {"value": str(value)[:40]}) from None


def day_text(day: dt.date) -> str:
    """A date as the reader's language writes it (dd/mm/yyyy, dd.mm.yyyy), for the words of a message."""
    return date_format(day, "SHORT_DATE_FORMAT")


def _day_month_year(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # strftime writes the year 1 as "1"


def _as_of_refused(reason: str, code: str) -> DomainError:
    # Only pages read `as_of` through here, so the refusal is written in the reader's language at once, and names
    # the field by the label the page shows beside it.
    return DomainError(message=_("%(field)s: %(reason)s") % {"field": _("Structure as of"), "reason": reason},
                       errors=[FieldError("as_of", reason, code)])


# What an "as of" date may be written as: ISO (links), or as a page prints it in any of its languages.
AS_OF_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def date_pattern() -> str:
    """The reader's date format as a person writes it: dd/mm/yyyy (vi, en) or dd.mm.yyyy (ru, uk)."""
    first = get_format("DATE_INPUT_FORMATS")[0]
    return first.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")


def _read_date(value) -> dt.date | None:
    for pattern in AS_OF_FORMATS:
        try:
            return dt.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse_as_of(value: str | None) -> dt.date:
    """The date a page's structural question is asked about: today when none is given.

    A date that cannot be read, or one outside [EARLIEST_AS_OF, LATEST_AS_OF], is refused (422) naming the field,
    as the API refuses it; it never silently means today.
    """
    if value in (None, ""):
        return clock.today()
    day = _read_date(value)
    if day is None:
        raise _as_of_refused(_("“%(value)s” is not a date; write it as %(format)s, e.g. %(example)s.") % {
            "value": value[:40], "format": date_pattern(), "example": date_format(dt.date(2025, 7, 1), "SHORT_DATE_FORMAT")},
            "invalid")
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        raise _as_of_refused(_("%(date)s is outside the dates that can be asked about (%(earliest)s to %(latest)s).") % {
            "date": _day_month_year(day), "earliest": _day_month_year(EARLIEST_AS_OF),
            "latest": _day_month_year(LATEST_AS_OF)}, "out_of_range")
    return day


def _within_the_dates_asked_about(day: dt.date) -> dt.date:
    if not EARLIEST_AS_OF <= day <= LATEST_AS_OF:
        # In the reader's language, as the pages say it: the API's refusal gives this text as the field's reason.
        raise ValueError(_("%(date)s is outside the dates that can be asked about (%(earliest)s to %(latest)s).") % {
            "date": _day_month_year(day), "earliest": _day_month_year(EARLIEST_AS_OF),
            "latest": _day_month_year(LATEST_AS_OF)})
    return day


# The API's `as_of`: a date within the same bounds as the pages' (a 422 naming the field otherwise).
AsOfDate = Annotated[dt.date, AfterValidator(_within_the_dates_asked_about)]
