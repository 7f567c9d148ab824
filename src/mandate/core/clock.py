"""The one place that reads the wall clock; everything below it takes dates as arguments.

`MANDATE_CLOCK` (an ISO date or date and time, read at start-up) fixes the application's clock at that moment in
Asia/Ho_Chi_Minh: a demonstration or a test of a separate process (the background worker) lives on a chosen day.
It is never set in production. `machine_now()` is the machine's own time whatever it says: when background work
falls due in real time.
"""
import datetime as dt
import os
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _fixed(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"MANDATE_CLOCK: {value!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)") from None
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment.astimezone(VIETNAM)


FIXED = _fixed(os.environ.get("MANDATE_CLOCK", "").strip())


def machine_now() -> dt.datetime:
    """The machine's time, never fixed: when a scheduled job is due."""
    return dt.datetime.now(tz=VIETNAM)


def now() -> dt.datetime:
    return FIXED if FIXED is not None else machine_now()


def today() -> dt.date:
    """The calendar date in Asia/Ho_Chi_Minh, which is the date every deadline is counted in."""
    return now().date()


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()
