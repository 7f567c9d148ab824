"""Exports of scorecards, lagging units and the cascade, as XLSX and PDF in the layout of an official report.

`respond` answers every official report's download, here and in `sheets` (the lists, the cadre lists): XLSX or PDF,
and DOCX where the caller offers it.
"""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from mandate.web.pages import page
from mandate.audit.reads import read_log
from mandate.core.errors import NotFound
from mandate.documents.models import Document
from mandate.monitoring import report_tables, selectors
from mandate.monitoring.forms import LaggingForm
from mandate.monitoring.views import cascade_from_request, cluster_from_request, lagging_options, scope_from_request
from mandate.reports.exports import OfficialReport, report_docx, report_pdf, report_xlsx
from mandate.reports.selectors import cluster_paper, paper_of

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
RENDERERS = {"xlsx": report_xlsx, "pdf": report_pdf, "docx": report_docx}


DOCX_TOO = ("xlsx", "docx", "pdf")


def respond(report: OfficialReport, fmt: str, name: str, formats: tuple[str, ...] = ("xlsx", "pdf")) -> HttpResponse:
    """The report as a download in `fmt`, one of `formats` (the cadre lists add docx, the organization committee's)."""
    if fmt not in formats:
        raise NotFound(_("An export is made as xlsx, docx or pdf.") if "docx" in formats else _("An export is made as xlsx or pdf."))
    content = RENDERERS[fmt](report)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@page
def scorecard_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    code = request.GET.get("cluster")
    if code:
        cluster, filters = cluster_from_request(request, code, as_of)
        ranked = selectors.cluster_scorecards(user=request.user, cluster=cluster, filters=filters)
        report = report_tables.scorecard_report(
            paper=cluster_paper(cluster=cluster, day=as_of), scope_name=cluster.name,
            total=selectors.cluster_total(user=request.user, cluster=cluster, filters=filters), ranked=ranked, as_of=as_of,
            assigned_from=filters.assigned_from, assigned_to=filters.assigned_to)
        return respond(report, fmt, f"scorecard-{cluster.code}-{as_of.isoformat()}")
    scope = scope_from_request(request, as_of)
    if scope.filters is None:
        raise NotFound(_("You hold no role in any unit yet; ask your unit administrator."))
    if scope.filters.subtree:
        rows = selectors.subtree_rows(user=request.user, unit=scope.unit, filters=scope.filters)
        total, ranked, own = rows.total, rows.ranked, rows.own
    else:
        total, ranked, own = selectors.scorecard(user=request.user, filters=scope.filters), [], None
    report = report_tables.scorecard_report(paper=paper_of(unit=scope.unit, day=as_of), scope_name=scope.unit.name,
                                            total=total, ranked=ranked, own=own, as_of=as_of,
                                            assigned_from=scope.filters.assigned_from, assigned_to=scope.filters.assigned_to)
    return respond(report, fmt, f"scorecard-{scope.unit.code}-{as_of.isoformat()}")


@page
def lagging_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    scope = scope_from_request(request, as_of, LaggingForm)
    if scope.filters is None:
        raise NotFound(_("You hold no role in any unit yet; ask your unit administrator."))
    rows = selectors.lagging_units(user=request.user, filters=scope.filters, **lagging_options(scope.form))
    report = report_tables.lagging_report(paper=paper_of(unit=scope.unit, day=as_of), scope_name=scope.unit.name,
                                          rows=rows, as_of=as_of,
                                          assigned_from=scope.filters.assigned_from, assigned_to=scope.filters.assigned_to)
    return respond(report, fmt, f"lagging-{scope.unit.code}-{as_of.isoformat()}")


@page
def cascade_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    form, result = cascade_from_request(request, as_of)
    if result is None:
        raise NotFound(_("Choose the directive and the level to export its cascade."))
    issuer = result.directive.issuing_unit or result.within
    # The export names each implementing document it found (the user may know of each): the secret ones are logged.
    named = [row.document_id for row in result.rows if row.document_id]
    read_log(reader=request.user, items=[result.directive, *Document.objects.filter(pk__in=named, secrecy__gt=0)], via="export")
    report = report_tables.cascade_report(paper=paper_of(unit=issuer, day=result.as_of), cascade=result)
    return respond(report, fmt, f"cascade-{result.directive.pk}-{result.level}-{as_of.isoformat()}")
