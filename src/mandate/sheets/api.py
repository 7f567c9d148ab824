"""/api/v1/personnel-lists: the organization committee's lists (`sheets.personnel_exports`) as files, as the pages
download them."""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.core.errors import invalid
from mandate.monitoring.export_views import DOCX_TOO, respond
from mandate.orgs.selectors import unit_named
from mandate.sheets.personnel_exports import export_report

router = Router(tags=["personnel"])


class ListQuery(Schema):
    unit: str
    format: str = "xlsx"
    as_of: AsOfDate | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None


@router.get("/{report}", response={200: bytes}, summary="A list of cadre work (leaders, appointments, rotations, vacancies) "
            "as XLSX, DOCX or PDF on the organization committee's paper")
def cadre_list(request: HttpRequest, report: str, query: Query[ListQuery]) -> HttpResponse:
    unit = unit_named(query.unit, "unit")
    if unit is None:
        raise invalid("unit", gettext_noop("is required"), "required")
    as_of = query.as_of or clock.today()
    official = export_report(reader=request.user, report=report, unit=unit, as_of=as_of, starts=query.starts, ends=query.ends)
    return respond(official, query.format, f"{report}-{unit.code}-{as_of.isoformat()}", DOCX_TOO)
