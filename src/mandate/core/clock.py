"""The one place that reads the wall clock; everything below it takes dates as arguments."""
import datetime as dt
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    return dt.datetime.now(tz=VIETNAM)


def today() -> dt.date:
    """The calendar date in Asia/Ho_Chi_Minh, which is the date every deadline is counted in."""
    return now().date()


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VIETNAM).date()
