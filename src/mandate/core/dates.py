"""Reading dates given by people and by clients; always calendar dates in Asia/Ho_Chi_Minh."""
import datetime as dt

from mandate.core import clock
from mandate.core.errors import invalid


def parse_iso_date(value: str | None, *, field_name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise invalid(field_name, f"'{value}' is not a date in the form YYYY-MM-DD") from None


def parse_as_of(value: str | None) -> dt.date:
    """The date a structural question is asked about; today when none is given or it is unreadable."""
    try:
        return parse_iso_date(value, field_name="as_of") or clock.today()
    except Exception:
        return clock.today()
