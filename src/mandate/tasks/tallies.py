"""Tallies: how many tasks each lead unit held in each status, as changes by day, month and year.

A scorecard as of a date t counts, per status, the tasks assigned by t that their lead unit on t holds
(`tasks.selectors.status_counts`); read from the tasks it reads every task of the scope's history, so it
grows with history. A task's status, read as a function of t with its dates fixed, is a step function: it
changes only on the days where a condition of `tasks.status.RULES` that speaks of the date of reckoning
turns true or false (`turning_days`), and its lead unit only on the dates of its handovers. So each task is
a handful of changes — "from day b, one task less in (unit, status) and one more in (unit', status')" —
and the count as of t is the sum of the changes dated on or before t.

The changes are kept summed per (lead unit, secrecy level, status) in three grains: a row per year, per
month and per day. As of t a unit's count is its year rows before t's year, its month rows of t's year
before t's month and its day rows of t's month up to t: at most a few dozen rows per unit and status,
however many tasks the units hold — what a scorecard reads stops growing with history.

Every status comes from `status_of` itself, asked on the turning days (between two of them no condition
changes truth, so no status changes); the lead unit on a day is `lead_unit_as_of`'s reading of the
handovers. A property test holds the tallies equal to the live count for random tasks, extensions,
reorganizations applied and reverted, and dates of reckoning.

The rule compares dates only with each other (differences of days), so a task's steps shifted by any number
of days are the steps of the task shifted by as many: `_steps` is cached on the dates relative to the
assignment, which makes rebuilding ten million tasks a matter of minutes.
"""
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from mandate.tasks.models import TaskHandover, TaskTally
from mandate.tasks.status_sql import _days_between
from mandate.tasks.status import (
    RULES, TODAY, WINDOW, AllOf, Always, AnyOf, Before, Condition, Missing, OnOrBefore, Status, WithinDays, status_of,
)

YEAR, MONTH, DAY = 0, 1, 2  # the grains of `TaskTally.grain`
COUNTED_STATUSES = tuple(status for status in Status if status != Status.CANCELLED)
# What a tally row sums besides the number of tasks (n): those extended, the extensions granted, the days from the
# deadline to the completion (completed_on - deadline, where both are known) and the deadlines as day numbers (so
# that the days overdue as of t are n * t - deadline_days).
MEASURES = ("n", "extended", "extensions", "after_days", "deadline_days")
_OPERANDS = ("deadline", "completed_on", "cancelled_on")


# --- where a status can change ---------------------------------------------------------------------------------

def _atoms(condition: Condition) -> Iterator[Condition]:
    match condition:
        case AllOf(parts) | AnyOf(parts):
            for part in parts:
                yield from _atoms(part)
        case Always() | Missing():
            return
        case _:
            yield condition


def _shift(day: dt.date | None, days: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None  # beyond the calendar: no day of reckoning reaches it


def _turn(atom: Condition, values: dict) -> dt.date | None:
    """The first day t on which `atom`'s truth differs from the day before, when it speaks of t."""
    match atom:
        case OnOrBefore(left, right) if right == TODAY:  # x <= t: true from x
            return values[left]
        case OnOrBefore(left, right) if left == TODAY:  # t <= x: false from x + 1
            return _shift(values[right], 1)
        case Before(left, right) if right == TODAY:  # x < t: true from x + 1
            return _shift(values[left], 1)
        case Before(left, right) if left == TODAY:  # t < x: false from x
            return values[right]
        case WithinDays(date, start, days) if start == TODAY:  # date - t <= w: true from date - w
            return _shift(values[date], -values[days])
        case WithinDays(date, start, days) if date == TODAY:  # t - start <= w: false from start + w + 1
            return _shift(values[start], values[days] + 1)
        case OnOrBefore() | Before() | WithinDays():
            return None  # compares two fixed dates: the same whatever t is
    raise TypeError(f"unknown condition {atom!r}")


_ATOMS = tuple(atom for _status, condition in RULES for atom in _atoms(condition))


def turning_days(*, deadline, completed_on, cancelled_on, warning_days: int) -> set[dt.date]:
    """The days on which some condition of `RULES` about the date of reckoning turns: the status can change only there."""
    values = {"deadline": deadline, "completed_on": completed_on, "cancelled_on": cancelled_on, WINDOW: warning_days}
    return {day for atom in _ATOMS if (day := _turn(atom, values)) is not None}


@functools.lru_cache(maxsize=1 << 20)
def _steps(offsets: tuple, warning_days: int) -> tuple[tuple[int, Status], ...]:
    """The status from each turning day on, for a task assigned on day 0 (dates as offsets from it, or None)."""
    zero = dt.date(2000, 1, 1)  # any day: the rule sees differences only (checked by the property test)
    dates = dict(zip(_OPERANDS, (None if o is None else zero + dt.timedelta(days=o) for o in offsets), strict=True))
    days = sorted({0} | {(day - zero).days for day in turning_days(**dates, warning_days=warning_days)
                         if day > zero})
    steps, last = [], None
    for offset in days:
        status = status_of(**dates, as_of=zero + dt.timedelta(days=offset), warning_days=warning_days)
        if status != last:
            steps.append((offset, status))
            last = status
    return tuple(steps)


def status_steps(*, assigned_on: dt.date, deadline, completed_on, cancelled_on, warning_days: int
                 ) -> list[tuple[dt.date, Status]]:
    """From which day the task holds which status, from its assignment on (before it, the task is not counted)."""
    offsets = tuple(None if day is None else (day - assigned_on).days for day in (deadline, completed_on, cancelled_on))
    return [(assigned_on + dt.timedelta(days=offset), status) for offset, status in _steps(offsets, warning_days)]


# --- who leads it on which day ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LeadHandover:
    """What one handover says of the lead: `lead_from` held it in [`since`, `valid_to`) (since None: from the start)."""

    valid_to: dt.date
    lead_from: int
    since: dt.date | None


def lead_on(day: dt.date, *, lead_unit_id: int, handovers: list[LeadHandover]) -> int:
    """The lead unit on `day`, as `tasks.selectors.lead_unit_as_of` reads it: the first handover (by date) after `day`
    that had begun by then names it; with none, the unit on the task."""
    for handover in handovers:  # ordered by valid_to
        if handover.valid_to > day and (handover.since is None or handover.since <= day):
            return handover.lead_from
    return lead_unit_id


def lead_steps(*, assigned_on: dt.date, lead_unit_id: int, handovers: list[LeadHandover]) -> list[tuple[dt.date, int]]:
    handovers = sorted(handovers, key=lambda h: h.valid_to)
    days = sorted({assigned_on} | {d for h in handovers for d in (h.valid_to, h.since) if d is not None and d > assigned_on})
    steps, last = [], None
    for day in days:
        unit = lead_on(day, lead_unit_id=lead_unit_id, handovers=handovers)
        if unit != last:
            steps.append((day, unit))
            last = unit
    return steps


# --- a task's changes --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskFacts:
    """What a task's tally reads of it."""

    assigned_on: dt.date
    deadline: dt.date | None
    completed_on: dt.date | None
    cancelled_on: dt.date | None
    lead_unit_id: int
    warning_days: int  # of the unit on the task, as `status_expression` reads it
    secrecy: int
    extension_count: int
    handovers: tuple[LeadHandover, ...] = ()


def _measures(facts: TaskFacts) -> tuple[int, ...]:
    after = (facts.completed_on - facts.deadline).days if facts.completed_on and facts.deadline else 0
    return (1, 1 if facts.extension_count > 0 else 0, facts.extension_count, after,
            facts.deadline.toordinal() if facts.deadline else 0)


def changes(facts: TaskFacts) -> list[tuple[dt.date, int, Status, int]]:
    """(day, unit, status, +1 or -1): from `day` on the task counts (or no longer counts) for `unit` in `status`.
    A cancelled task counts nowhere."""
    statuses = status_steps(assigned_on=facts.assigned_on, deadline=facts.deadline, completed_on=facts.completed_on,
                            cancelled_on=facts.cancelled_on, warning_days=facts.warning_days)
    if facts.handovers:
        leads = lead_steps(assigned_on=facts.assigned_on, lead_unit_id=facts.lead_unit_id, handovers=list(facts.handovers))
    else:
        leads = [(facts.assigned_on, facts.lead_unit_id)]
    days = sorted({day for day, _ in statuses} | {day for day, _ in leads})
    out, held = [], None
    si = li = 0
    for day in days:
        while si + 1 < len(statuses) and statuses[si + 1][0] <= day:
            si += 1
        while li + 1 < len(leads) and leads[li + 1][0] <= day:
            li += 1
        status = statuses[si][1]
        now = None if status == Status.CANCELLED else (leads[li][1], status)
        if now != held:
            if held is not None:
                out.append((day, held[0], held[1], -1))
            if now is not None:
                out.append((day, now[0], now[1], 1))
            held = now
    return out


def _buckets(day: dt.date) -> tuple[tuple[int, dt.date], ...]:
    return ((YEAR, day.replace(month=1, day=1)), (MONTH, day.replace(day=1)), (DAY, day))


def accumulate(sums: dict, facts: TaskFacts, sign: int = 1) -> None:
    """Add (sign 1) or take away (sign -1) the task's changes to `sums`, keyed (unit, secrecy, grain, start, status)."""
    measures = _measures(facts)
    for day, unit, status, change in changes(facts):
        for grain, start in _buckets(day):
            row = sums[(unit, facts.secrecy, grain, start, status.value)]
            for index, value in enumerate(measures):
                row[index] += sign * change * value


def new_sums() -> dict:
    return defaultdict(lambda: [0] * len(MEASURES))


# --- reading tasks -------------------------------------------------------------------------------------------

def _default_window() -> int:
    return settings.MANDATE_DEFAULT_WARNING_DAYS


def facts_of(task_ids: Iterable[int] | None = None, *, batch: int = 50_000) -> Iterator[tuple[int, TaskFacts]]:
    """(id, facts) of the tasks (all of them when `task_ids` is None), in id order, read in batches."""
    window = _default_window()
    sql = ("SELECT t.id, t.assigned_on, t.deadline, t.completed_on, t.cancelled_on, t.lead_unit_id, u.warning_days, "
           "t.secrecy, t.extension_count FROM tasks_task t JOIN orgs_unit u ON u.id = t.lead_unit_id "
           "WHERE t.id > %s {only} ORDER BY t.id LIMIT %s")
    ids = None if task_ids is None else sorted(set(task_ids))
    any_handover = TaskHandover.objects.filter(lead_from__isnull=False).exists()
    last = 0
    while True:
        with connection.cursor() as cursor:
            if ids is None:
                cursor.execute(sql.format(only=""), [last, batch])
            else:
                chunk = [i for i in ids if i > last][:batch]
                if not chunk:
                    return
                cursor.execute(sql.format(only=f"AND t.id IN ({', '.join(['%s'] * len(chunk))})"), [last, *chunk, batch])
            rows = cursor.fetchall()
        if not rows:
            return
        handovers = defaultdict(list)
        if any_handover:
            for task_id, valid_to, lead_from, since in (
                    TaskHandover.objects.filter(task_id__in=[r[0] for r in rows], lead_from__isnull=False)
                    .values_list("task_id", "valid_to", "lead_from_id", "lead_since")):
                handovers[task_id].append(LeadHandover(valid_to=valid_to, lead_from=lead_from, since=since))
        for (task_id, assigned, deadline, completed, cancelled, lead, warning, secrecy, extensions) in rows:
            yield task_id, TaskFacts(
                assigned_on=_date(assigned), deadline=_date(deadline), completed_on=_date(completed),
                cancelled_on=_date(cancelled), lead_unit_id=lead, warning_days=window if warning is None else warning,
                secrecy=secrecy, extension_count=extensions,
                handovers=tuple(sorted(handovers.get(task_id, ()), key=lambda h: h.valid_to)))
        last = rows[-1][0]


def _date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)  # SQLite through a raw cursor


# --- writing ---------------------------------------------------------------------------------------------------

_COLUMNS = ("unit_id", "secrecy", "grain", "start", "status", *MEASURES)


@functools.lru_cache(maxsize=1 << 20)
def _relative_changes(offsets: tuple, warning_days: int) -> tuple[tuple[int, str, int], ...]:
    """(offset from the assignment, status, +1 or -1) of a task that one unit leads throughout: `changes` without
    handovers, as offsets, for the rebuild's inner loop."""
    out, held = [], None
    for offset, status in _steps(offsets, warning_days):
        now = None if status == Status.CANCELLED else status.value
        if held is not None:
            out.append((offset, held, -1))
        if now is not None:
            out.append((offset, now, 1))
        held = now
    return tuple(out)


_NONE = -1_000_000  # the offset that stands for a missing date where the classes are joined (no task spans it)


def _sql(vendor: str) -> dict:
    """The date arithmetic the rebuild's statement needs, on either database."""
    days = lambda end, start: f"COALESCE({_days_between(end, start, vendor)}, {_NONE})"  # noqa: E731
    if vendor == "postgresql":
        plus, ordinal = "t.assigned_on + p.step", "(t.deadline - DATE '0001-01-01' + 1)"
    else:
        plus, ordinal = ("date(t.assigned_on, '+' || p.step || ' days')",
                         "(CAST(julianday(t.deadline) - julianday('0001-01-01') AS INTEGER) + 1)")
    return {"dd": days("t.deadline", "t.assigned_on"), "cd": days("t.completed_on", "t.assigned_on"),
            "xd": days("t.cancelled_on", "t.assigned_on"), "plus": plus, "ordinal": ordinal,
            "after": _days_between("t.completed_on", "t.deadline", vendor)}


def _handed_rows(task_ids: list[int]) -> Iterator[list]:
    """The day rows of tasks whose lead was handed on, summed: [unit, secrecy, day, status, *MEASURES]."""
    sums: dict = {}
    for _task_id, facts in facts_of(task_ids):
        measures = _measures(facts)
        for day, unit, status, change in changes(facts):
            row = sums.setdefault((unit, facts.secrecy, day, status.value), [0] * len(MEASURES))
            for index, value in enumerate(measures):
                row[index] += change * value
    return ([*key, *values] for key, values in sums.items() if any(values))


def _insert(cursor, table: str, columns: tuple, rows) -> None:
    rows = list(rows)  # read before the COPY starts: the connection serves no other query during it
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    rows, marks = iter(rows), ", ".join(["%s"] * len(columns))  # in chunks, as the SQLite writer does
    while chunk := [row for _, row in zip(range(5000), rows, strict=False)]:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", chunk)


def _truncated(column: str, grain: int) -> str:
    unit = "year" if grain == YEAR else "month"
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('{unit}', {column}) AS date)"
    return f"date({column}, 'start of {unit}')"


def tallies_rebuild() -> int:
    """Recompute every tally from the tasks (after a bulk load, or to repair); returns the rows written.

    Tasks whose dates stand alike relative to their assignment, in units with the same window, step alike
    (`_relative_changes`): Python computes the steps of each such class once, from `status_of`; the database shifts
    them by each task's assignment and sums them into day rows, the day rows into month rows and those into year
    rows. The few tasks whose lead was handed on are stepped one by one (`changes`) and summed in with them."""

    table, window = TaskTally._meta.db_table, _default_window()
    sql = _sql(connection.vendor)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    nonzero = " OR ".join(f"SUM({m}) <> 0" for m in MEASURES)
    columns = ", ".join(_COLUMNS)
    stage_columns = ("unit_id", "secrecy", "start", "status", *MEASURES)
    handed = sorted(set(TaskHandover.objects.filter(lead_from__isnull=False).values_list("task_id", flat=True)))
    with transaction.atomic(), connection.cursor() as cursor:
        TaskTally.objects.all().delete()
        for name in ("tally_steps", "tally_stage"):
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute("CREATE TEMP TABLE tally_steps (dd integer, cd integer, xd integer, w integer, step integer, "
                       "status varchar(24), sign integer)")
        cursor.execute("CREATE TEMP TABLE tally_stage (unit_id bigint, secrecy smallint, start date, status varchar(24), "
                       + ", ".join(f"{m} bigint" for m in MEASURES) + ")")
        cursor.execute(f"SELECT DISTINCT {sql['dd']}, {sql['cd']}, {sql['xd']}, COALESCE(u.warning_days, {window}) "
                       f"FROM tasks_task t JOIN orgs_unit u ON u.id = t.lead_unit_id")
        steps = []
        for dd, cd, xd, w in cursor.fetchall():
            offsets = tuple(None if o == _NONE else o for o in (dd, cd, xd))
            steps += [(dd, cd, xd, w, step, status, sign) for step, status, sign in _relative_changes(offsets, w)]
        _insert(cursor, "tally_steps", ("dd", "cd", "xd", "w", "step", "status", "sign"), steps)
        _insert(cursor, "tally_stage", stage_columns, _handed_rows(handed))
        handed_out = ("AND NOT EXISTS (SELECT 1 FROM tasks_taskhandover h WHERE h.task_id = t.id "
                      "AND h.lead_from_id IS NOT NULL)") if handed else ""
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT unit_id, secrecy, {DAY}, start, status, {sums} FROM ("
            f"SELECT t.lead_unit_id AS unit_id, t.secrecy AS secrecy, {sql['plus']} AS start, p.status AS status, "
            f"p.sign AS n, CASE WHEN t.extension_count > 0 THEN p.sign ELSE 0 END AS extended, "
            f"p.sign * t.extension_count AS extensions, p.sign * COALESCE({sql['after']}, 0) AS after_days, "
            f"p.sign * COALESCE({sql['ordinal']}, 0) AS deadline_days "
            f"FROM tasks_task t JOIN orgs_unit u ON u.id = t.lead_unit_id JOIN tally_steps p ON p.dd = {sql['dd']} "
            f"AND p.cd = {sql['cd']} AND p.xd = {sql['xd']} AND p.w = COALESCE(u.warning_days, {window}) "
            f"WHERE 1 = 1 {handed_out} "
            f"UNION ALL SELECT {', '.join(stage_columns)} FROM tally_stage) AS c "
            f"GROUP BY unit_id, secrecy, start, status HAVING {nonzero}")
        written = cursor.rowcount
        for grain, finer in ((MONTH, DAY), (YEAR, MONTH)):
            start = _truncated("start", grain)
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT unit_id, secrecy, {grain}, {start}, status, {sums} "
                           f"FROM {table} WHERE grain = {finer} GROUP BY unit_id, secrecy, {start}, status HAVING {nonzero}")
            written += cursor.rowcount
        cursor.execute("DROP TABLE tally_steps")
        cursor.execute("DROP TABLE tally_stage")
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")
    return written


# --- reading the tallies -------------------------------------------------------------------------------------

def tally_rows_sql(*, units_sql: str, clearance: int | None, by_unit: bool) -> str:
    """SELECT [unit_id,] status, SUM(measures…) of the tally rows that make the counts as of a day, for the units of
    `units_sql` (a subquery of unit ids) and the levels of secrecy up to `clearance` (None: every level).

    Three arms, one per grain, so that each is a range of the key (unit, grain, start) for each unit. Parameters:
    those of `units_sql` and the day's year start; again and the year and month starts; again and the month start and
    the day."""

    group = "unit_id, status" if by_unit else "status"
    secrecy = "" if clearance is None else f" AND secrecy <= {int(clearance)}"
    measures = ", ".join(MEASURES)
    arms = " UNION ALL ".join(
        f"SELECT unit_id, status, {measures} FROM {TaskTally._meta.db_table} "
        f"WHERE unit_id IN ({units_sql}){secrecy} AND grain = {grain} AND {bounds}"
        for grain, bounds in ((YEAR, "start < %s"), (MONTH, "start >= %s AND start < %s"),
                              (DAY, "start >= %s AND start <= %s")))
    return f"SELECT {group}, {', '.join(f'SUM({m})' for m in MEASURES)} FROM ({arms}) AS r GROUP BY {group}"


def tally_rows(*, units, as_of: dt.date, clearance: int | None = None, by_unit: bool = False) -> list[tuple]:
    """The summed tally rows as of `as_of` for `units` (a queryset of unit ids or a list of ids)."""
    if isinstance(units, (list, tuple, set, frozenset)):
        ids = [int(u) for u in units]
        if not ids:
            return []
        units_sql, params = ", ".join(str(i) for i in ids), ()
    else:
        units_sql, params = units.query.sql_with_params()
    day = connection.ops.adapt_datefield_value
    year, month = day(as_of.replace(month=1, day=1)), day(as_of.replace(day=1))
    sql = tally_rows_sql(units_sql=units_sql, clearance=clearance, by_unit=by_unit)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, year, *params, year, month, *params, month, day(as_of)])
        keys = 2 if by_unit else 1  # PostgreSQL sums bigints as numeric: the measures back to int
        return [(*row[:keys], *(int(value) for value in row[keys:])) for row in cursor.fetchall()]


def tally_counts(*, units, as_of: dt.date, clearance: int | None = None) -> dict[str, int]:
    """How many tasks of `units` hold each counted status as of `as_of` ({status: n}), from the tallies."""
    return {status: n for status, n, *_ in tally_rows(units=units, as_of=as_of, clearance=clearance) if n}
