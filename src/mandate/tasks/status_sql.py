"""The status rule of `mandate.tasks.status` in SQL: a CASE that labels, and predicates that filter.

`status_expression` labels each row (lists show it, counts group by it). A CASE cannot be matched by
an index, so filtering on it reads every candidate row; `status_filter` states "the status is one of
these" as plain predicates built from the same `RULES` (overdue on t: not cancelled by t, not
completed by t, deadline < t), which lets the planner walk an index on `deadline`. A property test
holds both equal to `status_of`.
"""
import datetime as dt
import functools
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from mandate.tasks.status import (
    RULES, TODAY, WINDOW, AllOf, Always, AnyOf, Before, Condition, Missing, OnOrBefore, Status, WithinDays,
)


class DaysBetween(models.Func):
    """Whole days from `start` to `end` (end - start), the same on SQLite and PostgreSQL."""

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        end, start = self.source_expressions
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return _days_between(end_sql, start_sql, connection.vendor), [*end_params, *start_params]


def _days_between(end_sql: str, start_sql: str, vendor: str) -> str:
    if vendor == "sqlite":
        return f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)"
    return f"({end_sql} - {start_sql})"  # PostgreSQL: date - date is an integer


# --- filtering: "status is one of S" as predicates an index can serve ------------------------------
#
# A predicate here is in negation normal form, with SQL's NULL made explicit: `("and", parts)`,
# `("or", parts)`, or an atom — `("null", f)`, `("notnull", f)`, `(op, left, right)` for op in
# <=, <, >, >=, or `("days<=" | "days>", date, start, days)`. Without NOT, a NULL comparison in a
# WHERE counts as false, which is what every rule means by "false when either is missing".

_TRUE = ("and", ())
_FALSE = ("or", ())
_NEVER_NULL = (TODAY, WINDOW)  # the date asked about, and the window, which falls back to the default
_OPPOSITE = {"<=": ">", "<": ">=", ">": "<=", ">=": "<", "days<=": "days>", "days>": "days<="}


def _either_missing(*names: str) -> tuple:
    return tuple(("null", name) for name in names if name not in _NEVER_NULL)


def _predicate(condition: Condition, *, negated: bool = False) -> tuple:
    """`condition` (or its negation) as a predicate, pushing NOT down to the atoms."""
    match condition:
        case OnOrBefore(left, right) | Before(left, right):
            op = "<=" if isinstance(condition, OnOrBefore) else "<"
            if not negated:
                return (op, left, right)
            return ("or", (*_either_missing(left, right), (_OPPOSITE[op], left, right)))
        case WithinDays(date, start, days):
            if not negated:
                return ("and", (("notnull", date), ("days<=", date, start, days)))
            return ("or", (("null", date), ("days>", date, start, days)))
        case Missing(name):
            return ("notnull", name) if negated else ("null", name)
        case AllOf(parts) | AnyOf(parts):
            kind = "and" if isinstance(condition, AllOf) != negated else "or"
            return (kind, tuple(_predicate(part, negated=negated) for part in parts))
        case Always():
            return _FALSE if negated else _TRUE
    raise TypeError(f"unknown condition {condition!r}")


def _is_junction(predicate: tuple) -> bool:
    return predicate[0] in ("and", "or")


def _members(predicate: tuple, kind: str) -> frozenset:
    """The parts of a junction of `kind`, or the predicate alone."""
    return frozenset(predicate[1]) if predicate[0] == kind else frozenset((predicate,))


def _consequences(fact: tuple) -> tuple[set, set]:
    """The atoms that hold, and those that cannot, wherever the atom `fact` holds."""
    if fact[0] == "null":
        return {fact}, {("notnull", fact[1])}
    if fact[0] == "notnull":
        return {fact}, {("null", fact[1])}
    op, *operands = fact
    present = [name for name in operands if name not in _NEVER_NULL]
    return ({fact, *(("notnull", name) for name in present)},
            {(_OPPOSITE[op], *operands), *(("null", name) for name in present)})


def _simplify(predicate: tuple, known: frozenset = frozenset(), impossible: frozenset = frozenset()) -> tuple:
    """The same predicate, shorter: flattened, constants and repeats dropped, parts implied by others absorbed.

    `known` and `impossible` are atoms that hold, or cannot, where `predicate` is asked: in
    `notnull(d) and (null(d) or d >= t)` the second part reduces to `d >= t`.
    """
    if not _is_junction(predicate):
        return _TRUE if predicate in known else _FALSE if predicate in impossible else predicate
    kind, parts = predicate
    parts = tuple(dict.fromkeys(parts))  # a part must not count as its own premise
    unit, zero = (_TRUE, _FALSE) if kind == "and" else (_FALSE, _TRUE)
    while True:
        flat: list[tuple] = []
        for index, part in enumerate(parts):
            holds, fails = set(known), set(impossible)
            if kind == "and":  # inside a conjunction, each part may assume the other atoms hold
                for other in parts[:index] + parts[index + 1:]:
                    if not _is_junction(other):
                        true, false = _consequences(other)
                        holds |= true
                        fails |= false
            part = _simplify(part, frozenset(holds), frozenset(fails))
            for member in (part[1] if part[0] == kind else (part,)):
                if member == zero:
                    return zero
                if member != unit and member not in flat:
                    flat.append(member)
        # Absorption: (a or b) and (a or b or c) is (a or b); a or (a and c) is a.
        other_kind = "or" if kind == "and" else "and"
        flat = [part for part in flat if not any(
            other is not part and _members(other, other_kind) < _members(part, other_kind) for other in flat)]
        if tuple(flat) == tuple(parts):
            break
        parts = tuple(flat)
    if not flat:
        return unit
    return flat[0] if len(flat) == 1 else (kind, tuple(flat))


def status_predicate(statuses: Iterable[Status]) -> tuple:
    """The rows whose status is one of `statuses`, as a predicate over the rule's operands.

    The status is the first rule that holds, so it is s_i exactly when rule i holds and no earlier
    one does; for a run of consecutive statuses i..k that is "no rule before i, and one of i..k".
    """
    return _status_predicate(frozenset(statuses))


@functools.cache
def _status_predicate(wanted: frozenset) -> tuple:
    runs, before, run = [], [], None
    for status, condition in RULES:
        if status in wanted:
            if run is None:
                run = (list(before), [])
                runs.append(run)
            run[1].append(_predicate(condition))
        else:
            run = None
        before.append(_predicate(condition, negated=True))
    return _simplify(("or", tuple(("and", (*earlier, ("or", tuple(these)))) for earlier, these in runs)))


class _RuleSQL(models.Expression):
    """Predicates over a task's dates written straight into SQL, each column resolved once.

    Building the same text from Django's Q, When and lookup objects resolved and compiled a tree
    of some forty nodes per query, a millisecond of Python in front of every list and count.
    """

    def __init__(self, *, as_of: dt.date, window_field: str, names: Iterable[str], output_field):
        super().__init__(output_field=output_field)
        self.as_of = as_of
        self.window_field = window_field
        self.names = tuple(name for name in names if name != TODAY)
        default = Value(settings.MANDATE_DEFAULT_WARNING_DAYS)
        self.operands = [Coalesce(F(window_field), default) if name == WINDOW else F(name) for name in self.names]

    def get_source_expressions(self):
        return self.operands

    def set_source_expressions(self, expressions):
        self.operands = list(expressions)

    def _emit(self, predicate: tuple, columns: dict, params: list, connection) -> str:
        """The SQL of `predicate`, appending the parameters it uses to `params` in order."""
        def operand(name: str) -> str:
            if name == TODAY:
                params.append(connection.ops.adapt_datefield_value(self.as_of))
                return "%s"
            sql, operand_params = columns[name]
            params.extend(operand_params)
            return sql

        match predicate:
            case ("and", ()):
                return "(1 = 1)"
            case ("or", ()):
                return "(1 = 0)"
            case ("and" | "or" as kind, parts):
                return "(" + f" {kind.upper()} ".join(self._emit(part, columns, params, connection) for part in parts) + ")"
            case ("null", name):
                return f"{operand(name)} IS NULL"
            case ("notnull", name):
                return f"{operand(name)} IS NOT NULL"
            case ("days<=" | "days>" as kind, date, start, days):
                end_sql, start_sql = operand(date), operand(start)
                return f"{_days_between(end_sql, start_sql, connection.vendor)} {kind[4:]} {operand(days)}"
            case (op, left, right):
                left_sql = operand(left)
                return f"{left_sql} {op} {operand(right)}"
        raise TypeError(f"unknown predicate {predicate!r}")

    def _columns(self, compiler) -> dict:
        return {name: compiler.compile(expression) for name, expression in zip(self.names, self.operands, strict=True)}


def _names(predicate: tuple) -> set[str]:
    if predicate[0] in ("and", "or"):
        return set().union(*(_names(part) for part in predicate[1]))
    return set(predicate[1:])


_LABELS = tuple((status, _predicate(condition)) for status, condition in RULES if not isinstance(condition, Always))
_FALLBACK = next(status for status, condition in RULES if isinstance(condition, Always))


class StatusCase(_RuleSQL):
    """CASE WHEN <rule> THEN 'status' … ELSE 'within_deadline' END, the rules taken in order."""

    def __init__(self, *, as_of: dt.date, window_field: str):
        super().__init__(as_of=as_of, window_field=window_field, names=sorted(set().union(*(_names(p) for _, p in _LABELS))),
                         output_field=models.CharField())

    def as_sql(self, compiler, connection, **extra):
        columns, params = self._columns(compiler), []
        whens = []
        for status, predicate in _LABELS:
            whens.append(f"WHEN {self._emit(predicate, columns, params, connection)} THEN %s")
            params.append(status.value)
        params.append(_FALLBACK.value)
        return f"CASE {' '.join(whens)} ELSE %s END", params


class StatusIn(_RuleSQL):
    """A condition: the task's status on `as_of` is one of `statuses` (see `status_predicate`)."""

    conditional = True

    def __init__(self, *, statuses: Iterable[Status], as_of: dt.date, window_field: str):
        self.statuses = tuple(statuses)
        self.predicate = status_predicate(self.statuses)
        super().__init__(as_of=as_of, window_field=window_field, names=sorted(_names(self.predicate)),
                         output_field=models.BooleanField())

    def as_sql(self, compiler, connection, **extra):
        params: list = []
        return self._emit(self.predicate, self._columns(compiler), params, connection), params


def status_expression(*, as_of: dt.date, window_field: str = "lead_unit__warning_days") -> StatusCase:
    """CASE WHEN … THEN 'overdue' … END over tasks, equal to `status_of` row by row."""
    return StatusCase(as_of=as_of, window_field=window_field)


def status_filter(statuses: Iterable[Status], *, as_of: dt.date, window_field: str = "lead_unit__warning_days") -> Q:
    """WHERE the status on `as_of` is one of `statuses`, row for row the same as filtering on `status_expression`.

    For "not one of these", ask for the other statuses: `~status_filter(…)` would leave out the rows where a
    comparison meets a NULL (SQL's unknown), which the rules count as false.
    """
    return Q(StatusIn(statuses=statuses, as_of=as_of, window_field=window_field))
