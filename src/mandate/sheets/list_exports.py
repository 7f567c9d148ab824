"""The lists of tasks and of documents, as filtered on their pages, exported as XLSX and PDF.

Drawn by `reports.exports` (the official paper of the reader's unit, the table, the print settings) and answered by
`monitoring.export_views.respond`, as the scorecards and the lagging units are; the same filters as the page, read by
the page's own function, so the export holds what the list shows — every row, not one page of it.
"""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.selectors import membership_units
from mandate.audit.reads import read_log
from mandate.core.errors import NotFound
from mandate.core.limits import LIST_EXPORT_MAX_ROWS
from mandate.documents.views import documents_from
from mandate.monitoring.export_views import respond
from mandate.orgs.selectors import unit_get
from mandate.orgs.territory import NATION_CODE
from mandate.reports.exports import OfficialReport
from mandate.reports.selectors import paper_of
from mandate.tasks.forms import STATUS_CHOICES
from mandate.tasks.views import task_filters_from
from mandate.web.pages import page

STATUS_NAMES = {key: label for key, label in STATUS_CHOICES if key}


def _day(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _paper_unit(request: HttpRequest, chosen=None):
    units = membership_units(user=request.user)
    return chosen or (units[0] if units else unit_get(code=NATION_CODE))


def _notes(total: int) -> list[str]:
    if total > LIST_EXPORT_MAX_ROWS:
        return [_("The first %(shown)s of %(total)s rows; narrow the filters to export the rest.")
                % {"shown": LIST_EXPORT_MAX_ROWS, "total": total}]
    return []


@page
def tasks_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    form, tasks, _document = task_filters_from(request, as_of)
    if tasks is None:
        raise NotFound(_("Correct the filters to export the list."))
    total = tasks.count()
    chosen = list(tasks.select_related("document", "lead_unit", "leader")[:LIST_EXPORT_MAX_ROWS])
    read_log(reader=request.user, items=[task for task in chosen if task.secrecy], via="export")
    rows = [[i, task.title, task.document.number_text, task.lead_unit.name, str(task.leader),
             _day(task.assigned_on), _day(task.deadline) or task.recurrence, f"{task.progress}%",
             str(STATUS_NAMES.get(task.status, task.status))] for i, task in enumerate(chosen, start=1)]
    unit = _paper_unit(request, form.cleaned_data.get("lead_unit") if form.is_valid() else None)
    report = OfficialReport(
        paper=paper_of(unit=unit, day=as_of), title=_("List of tasks"),
        subtitle=_("As of %(date)s: %(count)s tasks") % {"date": _day(as_of), "count": total},
        columns=[_("No."), _("Task"), _("Document"), _("Lead unit"), _("Leader in charge"), _("Assigned on"),
                 _("Deadline"), _("Progress"), _("Status")],
        rows=rows, notes=_notes(total), text_columns=(1, 2, 3, 4, 8), widths=(6, 50, 14, 30, 22, 12, 12, 9, 16))
    return respond(report, fmt, f"tasks-{as_of.isoformat()}")


@page
def documents_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    form, documents = documents_from(request, as_of)
    if not form.is_valid():
        raise NotFound(_("Correct the filters to export the list."))
    total = documents.count()
    chosen = list(documents[:LIST_EXPORT_MAX_ROWS])
    read_log(reader=request.user, items=[document for document in chosen if document.secrecy], via="export")
    rows = [[i, document.number_text, document.title, document.issuing_unit.name if document.issuing_unit else "—",
             _day(document.issued_on), document.task_count] for i, document in enumerate(chosen, start=1)]
    report = OfficialReport(
        paper=paper_of(unit=_paper_unit(request, form.cleaned_data.get("issuing_unit")), day=as_of),
        title=_("List of documents"), subtitle=_("As of %(date)s: %(count)s documents") % {"date": _day(as_of), "count": total},
        columns=[_("No."), _("Number"), _("Title"), _("Issuing unit"), _("Issued on"), _("Tasks")],
        rows=rows, notes=_notes(total), text_columns=(1, 2, 3), widths=(6, 16, 60, 34, 12, 8))
    return respond(report, fmt, f"documents-{as_of.isoformat()}")
