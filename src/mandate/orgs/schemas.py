import datetime as dt

from ninja import Schema


class UnitRef(Schema):
    """A unit as other objects name it (a task's lead unit, a document's issuer, a meeting's body): code and name."""

    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    tier: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitDetailOut(UnitOut):
    parent: UnitOut | None
    ancestors: list[UnitOut]
    children: list[UnitOut]
    predecessors: list[UnitOut]
    successors: list[UnitOut]
    as_of: dt.date


class TreeOut(Schema):
    code: str
    name: str
    kind: str
    children: list["TreeOut"]


TreeOut.model_rebuild()
