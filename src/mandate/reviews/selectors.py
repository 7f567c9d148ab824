"""Reads of reviews: regimes and their periods, reports, who has sent theirs, ratings and their history, indicator sets."""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from mandate.accounts.permissions import is_system_admin, reach
from mandate.core import clock
from mandate.core.errors import NotFound
from mandate.monitoring.kpis import KpiRow, kpi_outcome
from mandate.monitoring.models import KpiActual
from mandate.orgs.models import Unit
from mandate.reviews import periods
from mandate.reviews.models import (
    Indicator, IndicatorSet, IndicatorTarget, RatingScheme, Report, ReportReminder, ReportRegime, ReportState, Review,
    ReviewState,
)
from mandate.reviews.points import DEFAULT_RULES

ON_TIME, LATE, NOT_YET, MISSING = "on_time", "late", "not_yet", "missing"


def _readable(user, queryset: QuerySet, *fields: str) -> QuerySet:
    if is_system_admin(user):
        return queryset
    units = reach(user, as_of=clock.today())
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__in": units})
    return queryset.filter(condition).distinct()


def regimes_list(*, user, receiver: Unit | None = None) -> QuerySet[ReportRegime]:
    """The regimes a user sees: those their units receive, and those their units report under."""
    regimes = _readable(user, ReportRegime.objects.all(), "receiver", "reporters")
    if receiver is not None:
        regimes = regimes.filter(receiver=receiver)
    return regimes.select_related("receiver").order_by("receiver__code", "title")


def regime_get(*, user, regime_id: int) -> ReportRegime:
    regime = regimes_list(user=user).filter(pk=regime_id).first()
    if regime is None:
        raise NotFound(_("No report regime %(id)s that you may see.") % {"id": regime_id})
    return regime


def regime_period(*, regime: ReportRegime, key: str, field_name: str = "period") -> periods.Period:
    return periods.period_of(frequency=regime.frequency, key=key, window_start_day=regime.window_start_day,
                             field_name=field_name)


def regime_due(*, regime: ReportRegime, period: periods.Period) -> dt.date:
    return periods.deadline_of(period=period, rule=regime.deadline_rule, deadline_day=regime.deadline_day,
                               working_days=regime.working_days, aggregating_levels=regime.aggregating_levels)


def regime_recent_periods(*, regime: ReportRegime, day: dt.date, count: int = 4) -> list[periods.Period]:
    if regime.frequency == periods.AD_HOC:
        keys = (Report.objects.filter(regime=regime).order_by("-period_start")
                .values_list("period_start", "period_end").distinct()[:count])
        return [periods.Period(key=f"{s.isoformat()}..{e.isoformat()}", start=s, end=e) for s, e in keys]
    return periods.previous_periods(frequency=regime.frequency, day=day, window_start_day=regime.window_start_day, count=count)


def period_key_of(report: Report) -> str:
    """The key of a report's period as its regime names it."""
    regime = report.regime
    if regime.frequency == periods.AD_HOC:
        return f"{report.period_start.isoformat()}..{report.period_end.isoformat()}"
    return periods.period_containing(frequency=regime.frequency, day=report.period_end,
                                     window_start_day=regime.window_start_day).key


def reports_list(*, user, regime: ReportRegime | None = None, unit: Unit | None = None) -> QuerySet[Report]:
    reports = _readable(user, Report.objects.all(), "unit", "regime__receiver")
    if regime is not None:
        reports = reports.filter(regime=regime)
    if unit is not None:
        reports = reports.filter(unit=unit)
    return reports.select_related("regime", "regime__receiver", "unit", "document").order_by("-period_start", "unit__code")


def report_get(*, user, report_id: int) -> Report:
    report = reports_list(user=user).filter(pk=report_id).first()
    if report is None:
        raise NotFound(_("No report %(id)s that you may see.") % {"id": report_id})
    return report


@dataclass(frozen=True)
class Submission:
    unit: Unit
    report: Report | None
    state: str  # on_time, late, not_yet (due later, or a draft before the deadline), missing (past due)
    days_late: int
    reminded_on: dt.date | None


def submission_state(*, issued_on: dt.date | None, due_on: dt.date, today: dt.date) -> str:
    if issued_on is not None:
        return ON_TIME if issued_on <= due_on else LATE
    return NOT_YET if today <= due_on else MISSING


@dataclass(frozen=True)
class Submissions:
    regime: ReportRegime
    period: periods.Period
    due_on: dt.date
    rows: list[Submission]

    def summary(self) -> dict[str, int]:
        counts = {ON_TIME: 0, LATE: 0, NOT_YET: 0, MISSING: 0}
        for row in self.rows:
            counts[row.state] += 1
        return counts

    @property
    def waiting(self) -> list[Submission]:
        return [row for row in self.rows if row.state in (NOT_YET, MISSING)]


def submissions_of(*, user, regime: ReportRegime, period: periods.Period, today: dt.date | None = None) -> Submissions:
    """For a regime and a period, each reporting unit: sent on time, late, not yet, or missing past the deadline."""
    today = today or clock.today()
    due = regime_due(regime=regime, period=period)
    reporters = list(regime.reporters.order_by("code"))
    reports = {r.unit_id: r for r in Report.objects.filter(regime=regime, period_start=period.start,
                                                            unit__in=reporters).select_related("document")}
    reminded = {}
    for unit_id, day in ReportReminder.objects.filter(regime=regime, period_start=period.start).values_list("unit_id", "day"):
        reminded[unit_id] = max(reminded.get(unit_id, day), day)
    rows = []
    for unit in reporters:
        report = reports.get(unit.pk)
        issued = report.issued_on if report is not None and report.state == ReportState.ISSUED else None
        state = submission_state(issued_on=issued, due_on=due, today=today)
        late = (issued - due).days if state == LATE else (today - due).days if state == MISSING else 0
        rows.append(Submission(unit=unit, report=report, state=state, days_late=late, reminded_on=reminded.get(unit.pk)))
    return Submissions(regime=regime, period=period, due_on=due, rows=rows)


# ---- Review and rating ----

def rating_rules_of(*, unit: Unit) -> dict:
    """The committee's rules for the task-results points, or the documented default."""
    scheme = RatingScheme.objects.filter(unit=unit).first()
    return scheme.rules if scheme is not None else DEFAULT_RULES


def rating_scheme_of(*, unit: Unit) -> dict:
    """The committee's rules with their version, or the documented default (version 0, `default` true)."""
    scheme = RatingScheme.objects.select_related("updated_by").filter(unit=unit).first()
    if scheme is None:
        return {"unit": unit, "rules": DEFAULT_RULES, "version": 0, "default": True, "updated_by": None, "updated_at": None}
    return {"unit": unit, "rules": scheme.rules, "version": scheme.version, "default": False,
            "updated_by": scheme.updated_by, "updated_at": scheme.updated_at}


def reviews_list(*, user, organization: Unit | None = None, period_kind: str | None = None,
                 period_start: dt.date | None = None, subject_kind: str | None = None) -> QuerySet[Review]:
    reviews = _readable(user, Review.objects.all(), "unit", "organization")
    if organization is not None:
        reviews = reviews.filter(organization=organization)
    if period_kind:
        reviews = reviews.filter(period_kind=period_kind)
    if period_start:
        reviews = reviews.filter(period_start=period_start)
    if subject_kind:
        reviews = reviews.filter(subject_kind=subject_kind)
    return reviews.select_related("unit", "organization").order_by("-period_start", "subject_kind", "unit__code", "person_name")


def review_get(*, user, review_id: int) -> Review:
    review = reviews_list(user=user).filter(pk=review_id).first()
    if review is None:
        raise NotFound(_("No review %(id)s that you may see.") % {"id": review_id})
    return review


def review_history(*, user, unit: Unit, person_name: str = "", since: dt.date | None = None) -> list[Review]:
    """A unit's (or a person's) ratings over the term, oldest first."""
    reviews = reviews_list(user=user).filter(unit=unit, person_name=person_name)
    if since:
        reviews = reviews.filter(period_start__gte=since)
    return list(reviews.order_by("period_start", "period_kind"))


def decided_counts(*, organization: Unit, period_kind: str, period_start: dt.date, subject_kind: str,
                   exclude: list[int] = ()) -> dict[str, int]:
    """How many of an organization's reviews of a period were decided at each level (the quota's count)."""
    counts: dict[str, int] = {}
    rows = (Review.objects.filter(organization=organization, period_kind=period_kind, period_start=period_start,
                                  subject_kind=subject_kind, state=ReviewState.DECIDED).exclude(pk__in=exclude)
            .values_list("decided_level", flat=True))
    for level in rows:
        counts[level] = counts.get(level, 0) + 1
    return counts


# ---- Indicator sets ----

def indicator_sets_list(*, user, owner: Unit | None = None, period_from: dt.date | None = None,
                        period_to: dt.date | None = None) -> QuerySet[IndicatorSet]:
    """The sets a user sees (those their units own, and those given to their communes), of an owner, whose period
    overlaps [period_from, period_to]."""
    sets = _readable(user, IndicatorSet.objects.all(), "owner", "indicators__targets__target__unit")
    if owner is not None:
        sets = sets.filter(owner=owner)
    if period_from is not None:
        sets = sets.filter(period_end__gte=period_from)
    if period_to is not None:
        sets = sets.filter(period_start__lte=period_to)
    return sets.select_related("owner").order_by("-period_start", "title")


def indicator_set_get(*, user, set_id: int) -> IndicatorSet:
    found = indicator_sets_list(user=user).filter(pk=set_id).first()
    if found is None:
        raise NotFound(_("No indicator set %(id)s that you may see.") % {"id": set_id})
    return found


@dataclass(frozen=True)
class IndicatorCell:
    row: KpiRow
    rank: int | None  # among the communes that reported it, best first


@dataclass(frozen=True)
class CommuneRow:
    unit: Unit
    cells: list[IndicatorCell | None]
    achieved: int
    reported: int


def indicator_matrix(*, user, indicator_set: IndicatorSet, as_of: dt.date) -> tuple[list[Indicator], list[CommuneRow]]:
    """Each commune against each indicator's target (latest value by `as_of`) and its rank among the others."""
    indicators = list(indicator_set.indicators.all())
    links = list(IndicatorTarget.objects.filter(indicator__in=indicators).select_related("target", "target__unit"))
    if not is_system_admin(user) and not reach(user, as_of=as_of).filter(pk=indicator_set.owner_id).exists():
        seen = set(reach(user, as_of=as_of).filter(pk__in=[link.target.unit_id for link in links]).values_list("pk", flat=True))
        links = [link for link in links if link.target.unit_id in seen]  # a commune sees its own row only
    latest: dict[int, tuple] = {}
    for target_id, value, day in (KpiActual.objects.filter(target__in=[link.target for link in links], reported_on__lte=as_of)
                                  .order_by("target_id", "reported_on", "id").values_list("target_id", "value", "reported_on")):
        latest[target_id] = (value, day)
    by_unit: dict[int, dict[int, KpiRow]] = {}
    units: dict[int, Unit] = {}
    for link in links:
        value, day = latest.get(link.target_id, (None, None))
        row = KpiRow(target=link.target, actual=value, reported_on=day,
                     outcome=kpi_outcome(comparison=link.target.comparison, target=link.target.target, actual=value))
        by_unit.setdefault(link.target.unit_id, {})[link.indicator_id] = row
        units[link.target.unit_id] = link.target.unit
    ranks: dict[tuple[int, int], int] = {}
    for indicator in indicators:
        reported = [(unit_id, cells[indicator.pk].actual) for unit_id, cells in by_unit.items()
                    if indicator.pk in cells and cells[indicator.pk].actual is not None]
        reported.sort(key=lambda pair: pair[1], reverse=indicator.comparison != "lte")
        for position, (unit_id, _value) in enumerate(reported, start=1):
            ranks[(unit_id, indicator.pk)] = position
    rows = []
    for unit_id, cells in by_unit.items():
        line = [IndicatorCell(row=cells[i.pk], rank=ranks.get((unit_id, i.pk))) if i.pk in cells else None for i in indicators]
        rows.append(CommuneRow(unit=units[unit_id], cells=line,
                               achieved=sum(1 for c in line if c and c.row.outcome == "achieved"),
                               reported=sum(1 for c in line if c and c.row.actual is not None)))
    rows.sort(key=lambda r: (-r.achieved, -r.reported, r.unit.name))
    return indicators, rows
