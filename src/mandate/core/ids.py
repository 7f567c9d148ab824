"""Row ids as requests send them: a number outside the database's integer range names no row.

Django answers an exact lookup with such a number by finding nothing, but `pk__in` passes it to the
database, which refuses it (a 500 on SQLite). The API's schemas bound ids with `RowId` (a 422 naming the
field); a page keeps only the values that could be ids, read by `query_id`: `str.isdigit` is also true of "²" and
"٣", which `int()` refuses or reads as another number.
"""
from typing import Annotated

from ninja import Field

MAX_ID = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


def possible_id(value) -> bool:
    return 0 < value <= MAX_ID


def query_number(value: str | None, *, otherwise: int | None = None) -> int | None:
    """The whole number a page's query or form gives (ASCII digits, within the database's range), else `otherwise`."""
    if value and len(value) <= 19 and value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return otherwise


def query_id(value: str | None, *, otherwise: int | None = None) -> int | None:
    """The row id a page's query or form names, else `otherwise`."""
    number = query_number(value)
    return number if number is not None and possible_id(number) else otherwise

