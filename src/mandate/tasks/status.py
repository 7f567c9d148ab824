"""The status of a task as of a date, as government reports count it — defined once, as data.

For a deadline d, a completion date c (or none) and a date of reckoning t:
done by t: on time when c <= d, late when c > d; not done by t: overdue when d < t,
due soon when d - t is at most the unit's warning window, else within deadline.
A task cancelled by t counts in neither. A task with no deadline (a recurring duty) is never
overdue, and done on time whenever it is done.

`RULES` is read by two interpreters: `status_of` here, in Python, and
`mandate.tasks.status_sql.status_expression`, which builds the same rule as one SQL CASE.
A property test holds them equal.
"""
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    CANCELLED = "cancelled"
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    WITHIN_DEADLINE = "within_deadline"


DONE = (Status.COMPLETED_ON_TIME, Status.COMPLETED_LATE)
NOT_DONE = (Status.OVERDUE, Status.DUE_SOON, Status.WITHIN_DEADLINE)
COUNTED = (*DONE, *NOT_DONE)  # every status but cancelled: what lists and totals count

# The official report's totals, each the set of statuses it counts (DESIGN.md §2). A task's status is the most
# specific one, so a task due soon is labelled `due_soon`; the report counts it "within deadline" all the same.
# Completed on time, completed late, within deadline and overdue are the four numbers of the report, and they
# add up to those assigned. This is the only place that says which status makes which total.
OFFICIAL_TOTALS: dict[str, tuple[Status, ...]] = {
    "assigned": COUNTED,
    "completed": DONE,
    "completed_on_time": (Status.COMPLETED_ON_TIME,),
    "completed_late": (Status.COMPLETED_LATE,),
    "not_completed": NOT_DONE,
    "within_deadline": (Status.DUE_SOON, Status.WITHIN_DEADLINE),
    "due_soon": (Status.DUE_SOON,),
    "overdue": (Status.OVERDUE,),
}
OFFICIAL_FOUR = ("completed_on_time", "completed_late", "within_deadline", "overdue")

# Names the lists accepted before each filter took its total's name; still accepted, deprecated (CHANGELOG.md).
DEPRECATED_STATUS_FILTERS: dict[str, str] = {"open": "not_completed", "done": "completed", "not_overdue": "within_deadline"}

# The filters the lists accept: each names a set of statuses. An official total's name selects exactly the tasks
# it counts, so `?status=within_deadline` lists those due soon too.
STATUS_FILTERS: dict[str, tuple[Status, ...]] = {
    **{status.value: (status,) for status in Status},
    **OFFICIAL_TOTALS,
    **{old: OFFICIAL_TOTALS[new] for old, new in DEPRECATED_STATUS_FILTERS.items()},
}


def official_totals(counts: Mapping[str, int]) -> dict[str, int]:
    """The official report's totals from how many tasks hold each status (a status not given counts none)."""
    return {name: sum(counts.get(status, 0) for status in statuses) for name, statuses in OFFICIAL_TOTALS.items()}


# Names of the operands a rule may speak of.
TODAY = "as_of"          # the date of reckoning
WINDOW = "warning_days"  # the lead unit's due-soon window, in days


@dataclass(frozen=True)
class OnOrBefore:
    """left <= right; false when either is missing."""
    left: str
    right: str


@dataclass(frozen=True)
class Before:
    """left < right; false when either is missing."""
    left: str
    right: str


@dataclass(frozen=True)
class WithinDays:
    """date - start <= days; false when date is missing."""
    date: str
    start: str
    days: str


@dataclass(frozen=True)
class Missing:
    field: str


@dataclass(frozen=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True)
class AnyOf:
    parts: tuple


@dataclass(frozen=True)
class Always:
    pass


Condition = OnOrBefore | Before | WithinDays | Missing | AllOf | AnyOf | Always

RULES: tuple[tuple[Status, Condition], ...] = (
    (Status.CANCELLED, OnOrBefore("cancelled_on", TODAY)),
    (Status.COMPLETED_ON_TIME, AllOf((OnOrBefore("completed_on", TODAY),
                                      AnyOf((Missing("deadline"), OnOrBefore("completed_on", "deadline")))))),
    (Status.COMPLETED_LATE, OnOrBefore("completed_on", TODAY)),
    (Status.OVERDUE, Before("deadline", TODAY)),
    (Status.DUE_SOON, WithinDays("deadline", TODAY, WINDOW)),
    (Status.WITHIN_DEADLINE, Always()),
)


def _holds(condition: Condition, values: dict) -> bool:
    match condition:
        case OnOrBefore(left, right):
            a, b = values[left], values[right]
            return a is not None and b is not None and a <= b
        case Before(left, right):
            a, b = values[left], values[right]
            return a is not None and b is not None and a < b
        case WithinDays(date, start, days):
            a, b = values[date], values[start]
            return a is not None and b is not None and (a - b).days <= values[days]
        case Missing(name):
            return values[name] is None
        case AllOf(parts):
            return all(_holds(part, values) for part in parts)
        case AnyOf(parts):
            return any(_holds(part, values) for part in parts)
        case Always():
            return True
    raise TypeError(f"unknown condition {condition!r}")


def status_of(*, deadline: dt.date | None, completed_on: dt.date | None, cancelled_on: dt.date | None,
              as_of: dt.date, warning_days: int) -> Status:
    values = {"deadline": deadline, "completed_on": completed_on, "cancelled_on": cancelled_on,
              TODAY: as_of, WINDOW: warning_days}
    for status, condition in RULES:
        if _holds(condition, values):
            return status
    raise AssertionError("the last rule always holds")
