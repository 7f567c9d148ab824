"""The status rule of `mandate.tasks.status` as one SQL CASE expression, for lists and counts."""
import datetime as dt
import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan, LessThanOrEqual

from mandate.tasks.status import (
    RULES, TODAY, WINDOW, AllOf, Always, AnyOf, Before, Condition, Missing, OnOrBefore, WithinDays,
)


class DaysBetween(models.Func):
    """Whole days from `start` to `end` (end - start), the same on SQLite and PostgreSQL."""

    output_field = models.IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date - date is an integer
        end, start = self.source_expressions
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return f"({end_sql} - {start_sql})", [*end_params, *start_params]

    def as_sqlite(self, compiler, connection, **extra):
        end, start = self.source_expressions
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)", [*end_params, *start_params]


def _operand(name: str, *, as_of: dt.date, window_field: str):
    if name == TODAY:
        return Value(as_of, output_field=models.DateField())
    if name == WINDOW:
        return Coalesce(F(window_field), Value(settings.MANDATE_DEFAULT_WARNING_DAYS))
    return F(name)


def _to_q(condition: Condition, *, as_of: dt.date, window_field: str) -> Q:
    operand = lambda name: _operand(name, as_of=as_of, window_field=window_field)  # noqa: E731
    match condition:
        case OnOrBefore(left, right):
            return Q(LessThanOrEqual(operand(left), operand(right)))
        case Before(left, right):
            return Q(LessThan(operand(left), operand(right)))
        case WithinDays(date, start, days):
            return Q(**{f"{date}__isnull": False}) & Q(LessThanOrEqual(DaysBetween(operand(date), operand(start)), operand(days)))
        case Missing(name):
            return Q(**{f"{name}__isnull": True})
        case AllOf(parts):
            return reduce(operator.and_, (_to_q(part, as_of=as_of, window_field=window_field) for part in parts))
        case AnyOf(parts):
            return reduce(operator.or_, (_to_q(part, as_of=as_of, window_field=window_field) for part in parts))
        case Always():
            return Q()
    raise TypeError(f"unknown condition {condition!r}")


def status_expression(*, as_of: dt.date, window_field: str = "lead_unit__warning_days") -> Case:
    """CASE WHEN … THEN 'overdue' … END over tasks, equal to `status_of` row by row."""
    whens = [When(_to_q(condition, as_of=as_of, window_field=window_field), then=Value(status.value))
             for status, condition in RULES if not isinstance(condition, Always)]
    fallback = next(status.value for status, condition in RULES if isinstance(condition, Always))
    return Case(*whens, default=Value(fallback), output_field=models.CharField())
