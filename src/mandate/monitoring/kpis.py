"""Reads of KPI targets: each with its value as of a date and whether it is achieved."""
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from mandate.accounts.permissions import is_system_admin, reach
from mandate.monitoring.models import Comparison, KpiActual, KpiTarget
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_subtree_ids

ACHIEVED, NOT_ACHIEVED, NOT_REPORTED = "achieved", "not_achieved", "not_reported"


def kpi_outcome(*, comparison: str, target: Decimal, actual: Decimal | None) -> str:
    """Achieved / not achieved against the target; not reported when no value was reported."""
    if actual is None:
        return NOT_REPORTED
    reached = {Comparison.AT_LEAST: actual >= target, Comparison.AT_MOST: actual <= target,
               Comparison.EQUAL: actual == target}[Comparison(comparison)]
    return ACHIEVED if reached else NOT_ACHIEVED


@dataclass(frozen=True)
class KpiRow:
    target: KpiTarget
    actual: Decimal | None
    reported_on: dt.date | None
    outcome: str


def kpi_targets_list(*, user, as_of: dt.date, unit: Unit | None = None, subtree: bool = False,
                     period_from: dt.date | None = None, period_to: dt.date | None = None) -> list[KpiRow]:
    """Targets whose period overlaps [period_from, period_to], with the latest value reported by `as_of`."""
    targets: QuerySet = KpiTarget.objects.all()
    if not is_system_admin(user):
        targets = targets.filter(unit__in=reach(user, as_of=as_of))
    if unit is not None:
        targets = targets.filter(unit__in=unit_subtree_ids(unit=unit, as_of=as_of)) if subtree else targets.filter(unit=unit)
    if period_from:
        targets = targets.filter(period_end__gte=period_from)
    if period_to:
        targets = targets.filter(period_start__lte=period_to)
    latest = KpiActual.objects.filter(target=OuterRef("pk"), reported_on__lte=as_of).order_by("-reported_on", "-id")
    targets = (targets.annotate(actual_value=Subquery(latest.values("value")[:1]),
                                actual_on=Subquery(latest.values("reported_on")[:1]))
               .select_related("unit", "document").order_by("unit__code", "period_start", "indicator"))
    rows = []
    for t in targets:
        actual = _as_field_decimal(t.actual_value)
        rows.append(KpiRow(target=t, actual=actual, reported_on=t.actual_on,
                           outcome=kpi_outcome(comparison=t.comparison, target=t.target, actual=actual)))
    return rows


_VALUE_EXPONENT = Decimal(1).scaleb(-KpiActual._meta.get_field("value").decimal_places)


def _as_field_decimal(value: Decimal | None) -> Decimal | None:
    """A value read through a subquery, to the places of `KpiActual.value` (SQLite hands back 15 significant digits)."""
    return None if value is None else Decimal(value).quantize(_VALUE_EXPONENT)


def kpi_summary(rows: list[KpiRow]) -> dict[str, int]:
    summary = {ACHIEVED: 0, NOT_ACHIEVED: 0, NOT_REPORTED: 0}
    for row in rows:
        summary[row.outcome] += 1
    return summary
