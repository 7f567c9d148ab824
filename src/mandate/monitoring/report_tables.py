"""The content of each monitoring report — scorecards, lagging units, the cascade — as an `OfficialReport`, and its charts.

Monitoring computes the numbers; `mandate.reports` only draws (charts) and lays them out on official paper (exports).
"""
import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.core.text import shorten
from mandate.monitoring.cascade import ISSUED, TASKS_ONLY, Cascade
from mandate.monitoring.selectors import LaggingUnit, Ranked, Scorecard
from mandate.reports.charts import COLOURS, Bar, Series, horizontal_bars, stacked_columns
from mandate.reports.exports import OfficialReport
from mandate.reports.paper import Paper


def status_bars(card: Scorecard, links: dict[str, str] | None = None) -> list[Bar]:
    """The official four numbers (within deadline including due soon), each a link to its tasks."""
    links = links or {}
    return [
        Bar(_("Completed on time"), card.completed_on_time, COLOURS["completed_on_time"], links.get("completed_on_time", "")),
        Bar(_("Completed late"), card.completed_late, COLOURS["completed_late"], links.get("completed_late", "")),
        Bar(_("Within deadline"), card.within_deadline, COLOURS["within_deadline"], links.get("within_deadline", "")),
        Bar(_("Overdue"), card.overdue, COLOURS["overdue"], links.get("overdue", "")),
    ]


def status_chart(card: Scorecard, links: dict[str, str] | None = None) -> str:
    return horizontal_bars(title=_("Tasks by status (of %(n)s assigned)") % {"n": card.assigned}, bars=status_bars(card, links))


def ranking_chart(ranked: list[Ranked], links: list[str] | None = None, limit: int = 20) -> str:
    bars = [Bar(r.unit.name, round((r.scorecard.on_time_rate or 0) * 100, 1), COLOURS["completed_on_time"],
                (links or [""] * len(ranked))[i],
                f"{(r.scorecard.on_time_rate or 0) * 100:.1f}%".replace(".", ",") if r.scorecard.on_time_rate is not None else "—")
            for i, r in enumerate(ranked[:limit])]
    return horizontal_bars(title=_("On-time rate by unit"), bars=bars, maximum=100)


def trend_chart(points: list[tuple[dt.date, Scorecard]], links: list[str] | None = None) -> str:
    categories = [f"{end.month:02d}/{end.year % 100:02d}" for end, _card in points]
    series = [
        Series(_("Completed on time"), COLOURS["completed_on_time"], [c.completed_on_time for _e, c in points]),
        Series(_("Completed late"), COLOURS["completed_late"], [c.completed_late for _e, c in points]),
        Series(_("Within deadline"), COLOURS["within_deadline"], [c.within_deadline for _e, c in points]),
        Series(_("Overdue"), COLOURS["overdue"], [c.overdue for _e, c in points]),
    ]
    return stacked_columns(title=_("Tasks at the end of each month"), categories=categories, series=series, hrefs=links)


def scorecard_columns() -> list[str]:
    return [_("No."), _("Unit"), _("Assigned"), _("Completed on time"), _("Completed late"), _("Within deadline"),
            _("Overdue"), _("Completion rate"), _("On-time rate"), _("Average days late"), _("Extended"),
            _("Completed after extension")]


def _scorecard_row(number, name: str, card: Scorecard) -> list:
    return [number, name, card.assigned, card.completed_on_time, card.completed_late, card.within_deadline, card.overdue,
            card.completion_rate, card.on_time_rate, card.average_days_late, card.extended, card.completed_after_extension]


def _period(assigned_from: dt.date | None, assigned_to: dt.date | None, as_of: dt.date) -> str:
    # A bound that was not asked for is left out of the sentence, not printed as dots.
    start = date_format(assigned_from, "SHORT_DATE_FORMAT") if assigned_from else ""
    end = date_format(assigned_to, "SHORT_DATE_FORMAT") if assigned_to else ""
    if start and end:
        text = _("Tasks assigned from %(start)s to %(end)s") % {"start": start, "end": end}
    elif start:
        text = _("Tasks assigned since %(start)s") % {"start": start}
    elif end:
        text = _("Tasks assigned up to %(end)s") % {"end": end}
    else:
        text = _("All tasks assigned")
    return text + "; " + _("status as of %(date)s") % {"date": date_format(as_of, "SHORT_DATE_FORMAT")}


NOTES = lambda: [_("Within deadline includes the tasks due soon, as the official report counts them."),  # noqa: E731
                 _("On-time rate = completed on time / (completed + overdue); completion rate = completed / assigned.")]


def own_tasks_label(unit_name: str) -> str:
    """The row of a subtree's scorecard that holds the tasks its head unit leads itself."""
    return _("%(unit)s (tasks it leads itself)") % {"unit": unit_name}


def scorecard_report(*, paper: Paper, scope_name: str, total: Scorecard, ranked: list[Ranked], as_of: dt.date,
                     assigned_from: dt.date | None, assigned_to: dt.date | None,
                     own: Scorecard | None = None) -> OfficialReport:
    """The scorecard on official paper; with `own`, the scope's own tasks are a row, so that the rows sum to the total."""
    rows = [_scorecard_row(r.rank, r.unit.name, r.scorecard) for r in ranked]
    if own is not None and own.assigned:
        rows.append(_scorecard_row("", own_tasks_label(scope_name), own))
    return OfficialReport(
        paper=paper, title=_("Scorecard of task performance: %(scope)s") % {"scope": scope_name},
        subtitle=_period(assigned_from, assigned_to, as_of), columns=scorecard_columns(), rows=rows,
        totals=_scorecard_row("", _("Total"), total), chart_svg=status_chart(total), chart_title=_("Tasks by status"),
        chart_categories=[bar.label for bar in status_bars(total)],
        chart_series=[(_("Tasks"), [bar.value for bar in status_bars(total)])],
        notes=NOTES(), percent_columns=(7, 8),
    )


def lagging_report(*, paper: Paper, scope_name: str, rows: list[LaggingUnit], as_of: dt.date,
                   assigned_from: dt.date | None, assigned_to: dt.date | None) -> OfficialReport:
    table = []
    for index, row in enumerate(rows, start=1):
        card = row.scorecard
        oldest = "; ".join(f"{shorten(t.title, 60)} ({date_format(t.deadline, 'SHORT_DATE_FORMAT')})" for t in row.overdue_tasks[:3])
        table.append([index, row.unit.name, card.assigned, card.overdue, card.overdue_rate, card.average_days_overdue, oldest])
    bars = [Bar(r.unit.name, r.scorecard.overdue, COLOURS["overdue"]) for r in rows[:20]]
    return OfficialReport(
        paper=paper, title=_("Units lagging behind: %(scope)s") % {"scope": scope_name},
        subtitle=_period(assigned_from, assigned_to, as_of),
        columns=[_("No."), _("Unit"), _("Assigned"), _("Overdue"), _("Overdue rate"), _("Average days overdue"),
                 _("Overdue tasks")],
        rows=table, chart_svg=horizontal_bars(title=_("Overdue tasks by unit"), bars=bars) if bars else "",
        chart_title=_("Overdue tasks by unit"), chart_categories=[b.label for b in bars],
        chart_series=[(_("Overdue"), [b.value for b in bars])] if bars else [], percent_columns=(4,),
    )


def cascade_state_label(state: str) -> str:
    return {ISSUED: _("Implementing document issued"), TASKS_ONLY: _("Tasks opened, no document")}.get(state, _("Not yet"))


def _cascade_bars(cascade: Cascade) -> list[Bar]:
    summary = cascade.summary()
    return [Bar(_("Implementing document issued"), summary["issued"], COLOURS["completed_on_time"]),
            Bar(_("Tasks opened, no document"), summary["tasks_only"], COLOURS["within_deadline"]),
            Bar(_("Not yet"), summary["missing"], COLOURS["overdue"])]


def cascade_chart(cascade: Cascade) -> str:
    return horizontal_bars(title=_("Coverage of the directive"), bars=_cascade_bars(cascade))


def cascade_report(*, paper: Paper, cascade: Cascade) -> OfficialReport:
    table = [[index, row.unit.name, cascade_state_label(row.state), row.document_number or "—",
              date_format(row.issued_on, "SHORT_DATE_FORMAT") if row.issued_on else "—",
              row.days_taken if row.days_taken is not None else row.days_waiting, row.days_late]
             for index, row in enumerate(cascade.rows, start=1)]
    bars = _cascade_bars(cascade)
    directive = cascade.directive
    subtitle = (_("Directive %(number)s of %(date)s") % {"number": directive.number_text,
                                                          "date": date_format(directive.issued_on, "SHORT_DATE_FORMAT")}
                if directive.issued_on else _("Directive %(number)s") % {"number": directive.number_text})
    if cascade.due:
        subtitle += "; " + _("implementing plans due by %(date)s") % {"date": date_format(cascade.due, "SHORT_DATE_FORMAT")}
    return OfficialReport(
        paper=paper, title=_("Implementation of %(number)s by %(within)s") % {"number": directive.number_text,
                                                                             "within": cascade.within.name},
        subtitle=subtitle,
        columns=[_("No."), _("Unit"), _("State"), _("Implementing document"), _("Issued on"), _("Days"), _("Days late")],
        rows=table, chart_svg=cascade_chart(cascade),
        chart_title=_("Coverage of the directive"), chart_categories=[b.label for b in bars],
        chart_series=[(_("Units"), [b.value for b in bars])],
        notes=[_("Days: from the directive's date to the implementing document, or to the date of the report while none is issued.")],
    )
