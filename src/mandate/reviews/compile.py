"""The content of a periodic report, compiled from what Mandate already knows.

For a unit and a period (its data window), as of the cut-off (or today, while the period runs): the documents it and
the units below it issued, by type (the register, `documents_list`); the tasks assigned in the window and the four
official numbers (`monitoring.selectors.scorecard`, one GROUP BY over the task list, so each number equals the task
list asked with the same filters); the extensions; the lagging units; the KPI targets against their values; what the
units below it sent (when it receives reports under the regime); and each section a later app provides.

`SECTION_PROVIDERS` lists the sections of the apps below this one that are not tasks (`reviews.sections`: the
inspections of the period and their recommendations, the cadre movements): each is a function of a `Scope` giving a
`Section`, or None when the period holds nothing of it; a new app adds its own function to the list.
"""
import dataclasses
import datetime as dt
from collections.abc import Callable
from django.db.models import Count

from mandate.core import clock
from mandate.documents.selectors import documents_list
from mandate.monitoring.kpis import kpi_summary, kpi_targets_list
from mandate.monitoring.selectors import lagging_units, scorecard
from mandate.reviews import periods, sections
from mandate.reviews.models import Report, ReportRegime, ReportState
from mandate.reviews.scope import Scope, Section
from mandate.reviews.selectors import submissions_of
from mandate.tasks.status import OFFICIAL_TOTALS

LAGGING_SHOWN = 10


SECTION_PROVIDERS: list[Callable[[Scope], Section | None]] = [
    sections.inspections_section, sections.recommendations_section, sections.cadre_movements_section]


def report_as_of(*, end: dt.date, today: dt.date | None = None) -> dt.date:
    """The date the figures are counted on: the cut-off, or today while the period still runs."""
    return min(end, today or clock.today())


def scope_of(*, user, report: Report, today: dt.date | None = None) -> Scope:
    return Scope(user=user, unit=report.unit, start=report.period_start, end=report.period_end,
                 as_of=report_as_of(end=report.period_end, today=today))


def _number(value):
    return str(value) if value is not None else None


def figures_of(scope: Scope, *, regime: ReportRegime | None = None) -> dict:
    """Every figure of the report, as JSON (what an issued report keeps)."""
    filters = scope.filters
    documents = (documents_list(user=scope.user, issuing_unit=scope.unit, subtree=True, as_of=scope.as_of,
                                issued_from=scope.start, issued_to=scope.end)
                 .order_by().values("type").annotate(n=Count("id")).order_by("type"))
    by_type = [{"type": row["type"] or "—", "count": row["n"]} for row in documents]
    card = scorecard(user=scope.user, filters=filters)
    lagging = lagging_units(user=scope.user, filters=filters)[:LAGGING_SHOWN]
    kpis = kpi_targets_list(user=scope.user, as_of=scope.as_of, unit=scope.unit, subtree=True,
                            period_from=scope.start, period_to=scope.end)
    figures = {
        "unit": scope.unit.code, "period_start": scope.start.isoformat(), "period_end": scope.end.isoformat(),
        "as_of": scope.as_of.isoformat(),
        "documents": by_type, "documents_total": sum(row["count"] for row in by_type),
        "tasks": card.as_dict(),
        "lagging": [{"unit": row.unit.code, "name": row.unit.name, "assigned": row.scorecard.assigned,
                     "overdue": row.scorecard.overdue, "overdue_rate": row.scorecard.overdue_rate} for row in lagging],
        "kpis": [{"indicator": row.target.indicator, "unit": row.target.unit.code, "unit_name": row.target.unit.name,
                  "comparison": row.target.comparison, "target": _number(row.target.target), "measure": row.target.measure,
                  "actual": _number(row.actual), "outcome": row.outcome} for row in kpis],
        "kpi_summary": kpi_summary(kpis),
        "sections": [dataclasses.asdict(section) for section in
                     (provider(scope) for provider in SECTION_PROVIDERS) if section is not None],
    }
    if regime is not None and regime.receiver_id == scope.unit.pk and regime.frequency != periods.AD_HOC:
        figures["received"] = received_of(user=scope.user, regime=regime, start=scope.start, end=scope.end)
    return figures


def received_of(*, user, regime: ReportRegime, start: dt.date, end: dt.date) -> dict:
    """What the reporting units sent for the period: who sent it when, and the sums of the figures they issued."""
    period = periods.Period(key="", start=start, end=end)
    submissions = submissions_of(user=user, regime=regime, period=period)
    totals = dict.fromkeys(OFFICIAL_TOTALS, 0)
    documents = 0
    rows = []
    for row in submissions.rows:
        sent = row.report.figures if row.report is not None and row.report.state == ReportState.ISSUED else None
        if sent:
            for name in totals:
                totals[name] += sent.get("tasks", {}).get(name, 0)
            documents += sent.get("documents_total", 0)
        rows.append({"unit": row.unit.code, "name": row.unit.name, "state": row.state,
                     "issued_on": row.report.issued_on.isoformat() if sent else None,
                     "number": row.report.document.number_text if sent and row.report.document_id else "",
                     "tasks": sent.get("tasks", {}) if sent else {}})
    return {"due_on": submissions.due_on.isoformat(), "summary": submissions.summary(), "rows": rows,
            "tasks": totals, "documents_total": documents}


def report_figures(*, user, report: Report, today: dt.date | None = None) -> dict:
    """An issued report's figures as it said them; a draft's as they stand."""
    if report.state == ReportState.ISSUED:
        return report.figures
    return figures_of(scope_of(user=user, report=report, today=today), regime=report.regime)
