"""/api/v1/inspections/exports/…: the commission's registers and its report as DOCX or XLSX, the same files as the
pages' downloads (`exports`), confidential as the cases are."""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Router

from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.core.ids import RowId
from mandate.inspections import exports

router = Router(tags=["inspections"])


def _file(download: exports.Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@router.get("/exports/programmes/{programme_id}", summary="A programme of inspection and supervision, as docx or xlsx")
def programme_export(request: HttpRequest, programme_id: RowId, format: str = "xlsx", as_of: AsOfDate | None = None):
    return _file(exports.programme_download(user=request.user, programme_id=programme_id, fmt=format,
                                            as_of=as_of or clock.today()))


@router.get("/exports/cases", summary="The register of cases, by kind and state, as docx or xlsx")
def cases_export(request: HttpRequest, format: str = "xlsx", body: str = "", kind: str = "", state: str = "",
                 as_of: AsOfDate | None = None):
    return _file(exports.cases_download(user=request.user, fmt=format, as_of=as_of or clock.today(), body=body,
                                        kind=kind, state=state))


@router.get("/exports/discipline", summary="The register of disciplinary decisions, by form and level, as docx or xlsx")
def discipline_export(request: HttpRequest, format: str = "xlsx", body: str = "", form: str = "", level: str = "",
                      as_of: AsOfDate | None = None):
    return _file(exports.discipline_download(user=request.user, fmt=format, as_of=as_of or clock.today(), body=body,
                                             form=form, level=level))


@router.get("/exports/report", summary="The report of the commission's work for a quarter or a half-year")
def report_export(request: HttpRequest, year: int, number: int, period: str = "quarter", format: str = "xlsx",
                  body: str = "", as_of: AsOfDate | None = None):
    day: dt.date = as_of or clock.today()
    return _file(exports.report_download(user=request.user, fmt=format, day=day, shape=period, number=number, year=year,
                                         body=body))
