"""GET /api/v1/inspections/cases/{case_id}/supervision: the panel of a supervision case that names a directive.

The same reading as the page (`monitoring.supervision`): the directive's tasks with their status on `as_of`, and on
each step's day of the case its scorecard, its worst lagging units and the cascade's coverage. Answered only to those
who may know of the case (`inspections.selectors.case_get`, as the case's own detail); anyone else, and a case that
names no directive, is answered "not found". Mounted under /inspections, but here: monitoring reads inspections,
never the reverse.
"""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.core.errors import NotFound
from mandate.inspections.citations import citations_of
from mandate.inspections.selectors import case_get
from mandate.monitoring.api import ScorecardOut
from mandate.monitoring.supervision import case_supervision

router = Router(tags=["inspections"])


class SupervisedTaskOut(Schema):
    id: int
    title: str
    lead_unit: str
    deadline: dt.date | None
    status: str = Field(description="the task's status on as_of, by the tasks' one status rule")
    cited: bool = Field(description="the case's findings cite this task")
    citation_note: str = ""


class LaggingBriefOut(Schema):
    unit: str
    unit_name: str
    overdue: int
    assigned: int


class MomentOut(Schema):
    step: str = Field(description="the step of the case on that day; empty for the day asked about (as_of)")
    day: dt.date
    scorecard: ScorecardOut
    lagging: list[LaggingBriefOut]
    coverage: dict[str, int] | None = Field(
        description="the cascade on that day: units, issued, tasks_only, missing, late; null before the directive or "
                    "when nothing stands below its issuer")


class SupervisionOut(Schema):
    case_id: int
    directive_id: int
    directive_number: str
    as_of: dt.date
    level: str | None = Field(description="the level the cascade counts: province, commune, or null")
    within: str | None
    tasks: list[SupervisedTaskOut]
    moments: list[MomentOut]


@router.get("/cases/{int:case_id}/supervision", response=SupervisionOut,
            summary="A supervision case's directive: its tasks, status, lagging units and cascade on each step's day")
def case_supervision_panel(request: HttpRequest, case_id: int, as_of: AsOfDate | None = None):
    as_of = as_of or clock.today()
    case = case_get(user=request.user, case_id=case_id, as_of=as_of)
    result = case_supervision(user=request.user, case=case, as_of=as_of)
    if result is None:
        raise NotFound(_("This case supervises no directive."))
    cited = citations_of(case=case)
    return {
        "case_id": case.pk, "directive_id": result.directive.pk, "directive_number": result.directive.number_text,
        "as_of": result.as_of, "level": result.level, "within": result.within.code if result.within else None,
        "tasks": [{"id": task.pk, "title": task.title, "lead_unit": task.lead_unit.code, "deadline": task.deadline,
                   "status": str(getattr(task, "status", "")), "cited": task.pk in cited,
                   "citation_note": cited[task.pk].note if task.pk in cited else ""} for task in result.tasks],
        "moments": [{"step": moment.label, "day": moment.day, "scorecard": moment.scorecard.as_dict(),
                     "lagging": [{"unit": row.unit.code, "unit_name": row.unit.name, "overdue": row.scorecard.overdue,
                                  "assigned": row.scorecard.assigned} for row in moment.lagging],
                     "coverage": moment.coverage} for moment in result.moments],
    }
