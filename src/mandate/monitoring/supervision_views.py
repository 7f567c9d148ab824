"""The panel of a supervision case that names a directive: monitoring's reading of the directive on each step's day.

The case's page (inspections) fetches it by its address with HTMX; opened directly it is a page of its own. Only
those who may know of the case get it: anyone else is answered "not found", as the case itself answers them. The
case's body may cite the directive's tasks in its findings from here (`inspections.citations`).
"""
import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from mandate.core.errors import NotFound
from mandate.inspections.citations import citations_of
from mandate.inspections.models import CaseState
from mandate.inspections.permissions import can_work_on_case
from mandate.inspections.selectors import case_get
from mandate.monitoring.supervision import case_supervision
from mandate.web.pages import page


@page
def supervision(request: HttpRequest, case_id: int, as_of: dt.date) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, as_of=as_of)
    result = case_supervision(user=request.user, case=case, as_of=as_of)
    if result is None:
        raise NotFound(_("This case supervises no directive."))
    cited = citations_of(case=case)
    template = "monitoring/_supervision.html" if request.headers.get("HX-Request") else "monitoring/supervision.html"
    return render(request, template, {
        "case": case, "supervision": result,
        "task_rows": [{"task": task, "citation": cited.get(task.pk)} for task in result.tasks],
        # Back to the case's page after citing, when the panel was fetched into it.
        "back": reverse("inspections:detail", args=[case.pk]) if request.headers.get("HX-Request") else request.get_full_path(),
        "may_cite": can_work_on_case(request.user, case) and case.state not in (CaseState.CLOSED, CaseState.NOT_HANDLED),
    })
