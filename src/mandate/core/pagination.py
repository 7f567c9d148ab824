"""The API's one pagination: limit and offset, both bounded.

Ninja's default accepts any limit and any offset; an offset past 2**63 reaches the database as an
integer it cannot hold (a 500 on SQLite), and a limit of a billion asks for a whole table at once.
"""
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
