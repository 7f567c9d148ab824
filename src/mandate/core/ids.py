"""Row ids as requests send them: a number outside the database's integer range names no row.

Django answers an exact lookup with such a number by finding nothing, but `pk__in` passes it to the
database, which refuses it (a 500 on SQLite). The API's schemas bound ids with `RowId` (a 422 naming the
field); a page keeps only the values that could be ids.
"""
from typing import Annotated

from ninja import Field

MAX_ID = 2**63 - 1
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


def possible_id(value) -> bool:
    return 0 < value <= MAX_ID


def possible_ids(values) -> list[int]:
    """The values (ints, or strings of digits) that could be row ids, in their order."""
    found = []
    for value in values:
        if isinstance(value, str):
            value = int(value) if value.isdigit() else 0
        if possible_id(value):
            found.append(value)
    return found
