"""Downloads of the organization committee's lists (`personnel_tables`) as XLSX, DOCX or PDF on the paper of the
unit's organization committee, and the page that offers them.

Here, in `sheets` (rank 11), beside the lists of tasks and documents: the content reads `personnel` (rank 7) and
`reorganizations` (rank 8), the layout is `reports` (rank 9) and the download answer is `monitoring.export_views.respond`
— none of them may import this, and `personnel` may import none of them (docs/decisions.md).
"""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _, gettext_lazy

from mandate.accounts.permissions import require
from mandate.core.errors import DomainError, FieldError, NotFound
from mandate.monitoring.export_views import DOCX_TOO, respond
from mandate.orgs.forms import UnitField
from mandate.orgs.models import Unit, UnitKind
from mandate.orgs.selectors import territory_of, unit_subtree_ids
from mandate.personnel.permissions import can_read_cadre_figures
from mandate.reports.selectors import paper_of
from mandate.sheets import personnel_tables
from mandate.web.forms import DateField, DateInput, PageForm
from mandate.web.pages import page

REPORTS = ("leaders", "appointments", "rotations", "vacancies")
PERIOD_REPORTS = ("appointments", "rotations")


class ExportForm(PageForm):
    unit = UnitField(label=gettext_lazy("Unit"), required=True)
    starts = DateField(label=gettext_lazy("Period from"), required=False, widget=DateInput())
    ends = DateField(label=gettext_lazy("Period to"), required=False, widget=DateInput())


def _paper_unit(unit: Unit, day: dt.date) -> Unit:
    """The organization committee of the unit's territory (province or commune) issues its lists; else the unit itself."""
    territory = territory_of(unit=unit, as_of=day) or unit
    committee = (Unit.objects.filter(pk__in=unit_subtree_ids(unit=territory, as_of=day), kind=UnitKind.ORGANIZATION_COMMITTEE)
                 .order_by("code").first())
    return committee or unit


def export_report(*, reader, report: str, unit: Unit, as_of: dt.date, starts: dt.date | None = None,
                  ends: dt.date | None = None):
    """The official report `report` of `unit` as `reader` may read it; refused when they may not read the unit."""
    if report not in REPORTS:
        raise NotFound(_("No such list: ask for %(names)s.") % {"names": ", ".join(REPORTS)})
    # Who holds which post is public (personnel.permissions.visible_positions); staffing and the people waiting to be
    # arranged are the cadre figures of the organization committee and the leaders over the unit.
    if report == "vacancies":
        require(can_read_cadre_figures(reader, unit), _("You may not read the staffing of %(unit)s.") % {"unit": unit.name})
    paper = paper_of(unit=_paper_unit(unit, as_of), day=as_of)
    if report == "leaders":
        return personnel_tables.leaders_report(reader=reader, paper=paper, unit=unit, as_of=as_of)
    if report == "vacancies":
        return personnel_tables.vacancies_report(reader=reader, paper=paper, unit=unit, as_of=as_of)
    ends = ends or as_of
    starts = starts or dt.date(ends.year, 1, 1)
    if starts > ends:
        raise DomainError(_("The period cannot be read."), [FieldError("starts", _("must not be after the end of the period"),
                                                                       "invalid")])
    build = personnel_tables.appointments_report if report == "appointments" else personnel_tables.rotations_report
    return build(reader=reader, paper=paper, unit=unit, starts=starts, ends=ends)


def _form(request: HttpRequest) -> ExportForm:
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        raise DomainError(_("Choose the unit of the list."), [FieldError("unit", _("is required"), "required")])
    return form


@page
def personnel_export(request: HttpRequest, report: str, fmt: str, as_of: dt.date) -> HttpResponse:
    if fmt not in DOCX_TOO:
        raise NotFound(_("An export is made as xlsx, docx or pdf."))
    data = _form(request).cleaned_data
    official = export_report(reader=request.user, report=report, unit=data["unit"], as_of=as_of, starts=data["starts"],
                             ends=data["ends"])
    return respond(official, fmt, f"{report}-{data['unit'].code}-{as_of.isoformat()}", DOCX_TOO)


@page
def personnel_exports(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The page that offers the lists of a unit to download."""
    form = ExportForm(request.GET or None)
    chosen = form.cleaned_data["unit"] if form.is_valid() else None
    lists = [("leaders", _("List of leaders by body")), ("appointments", _("Appointments and nominations")),
             ("rotations", _("Rotation of cadres"))]
    if chosen is not None and can_read_cadre_figures(request.user, chosen):
        lists.append(("vacancies", _("Vacancies and staffing")))
    return render(request, "sheets/personnel_exports.html", {
        "form": form, "chosen": chosen, "lists": lists, "formats": ("xlsx", "docx", "pdf"),
        "query": request.GET.urlencode()})
