"""The registers and the report of the commission as downloads from the pages (the API serves the same: `export_api`)."""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.inspections import exports
from mandate.inspections.report_forms import CaseRegisterForm, DisciplineRegisterForm, ReportPeriodForm
from mandate.web.pages import page


def _respond(download: exports.Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "private, no-store"  # confidential: no shared cache keeps it
    return response


@page
def programme_export(request: HttpRequest, programme_id: int, fmt: str, as_of: dt.date) -> HttpResponse:
    return _respond(exports.programme_download(user=request.user, programme_id=programme_id, fmt=fmt, as_of=as_of))


@page
def cases_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    return _respond(exports.cases_download(user=request.user, fmt=fmt, as_of=as_of, body=request.GET.get("body", ""),
                                           kind=request.GET.get("kind", ""), state=request.GET.get("state", "")))


@page
def discipline_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    return _respond(exports.discipline_download(user=request.user, fmt=fmt, as_of=as_of, body=request.GET.get("body", ""),
                                                form=request.GET.get("form", ""), level=request.GET.get("level", "")))


@page
def report_export(request: HttpRequest, fmt: str, as_of: dt.date) -> HttpResponse:
    form = ReportPeriodForm(request.GET, today=as_of)
    period = form.chosen()
    return _respond(exports.report_download(user=request.user, fmt=fmt, day=as_of, body=request.GET.get("body", ""),
                                            shape=period["shape"], number=period["number"], year=period["year"]))


@page
def registers_page(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The registers to download and the report of a period: confidential, as the cases."""
    exports.reader_check(request.user)
    form = ReportPeriodForm(request.GET or None, today=as_of)
    period = form.chosen()
    return render(request, "inspections/registers.html", {
        "form": form, "period": period, "as_of": as_of, "cases_form": CaseRegisterForm(request.GET or None),
        "discipline_form": DisciplineRegisterForm(request.GET or None),
    })
