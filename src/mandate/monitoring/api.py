"""/api/v1/scorecards, /lagging, /cascade, /kpis, /notifications: who is late, who delivers.

`assigned_from`/`assigned_to` select the tasks ASSIGNED in that period (both ends included) and `as_of` is the
date of reckoning; `GET /api/v1/tasks?assigned_from=…&assigned_to=…&as_of=…&lead_unit=…&subtree=…` lists exactly
the tasks a scorecard counts. The old names `from`/`to` are still accepted, deprecated (CHANGELOG.md).
"""
import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from mandate.accounts.models import User
from mandate.core import clock
from mandate.core.errors import NotFound, invalid
from mandate.core.ids import RowId
from mandate.core.dates import AsOfDate
from mandate.documents.selectors import document_get
from mandate.monitoring import cascade as cascade_selectors
from mandate.monitoring import kpis as kpi_selectors
from mandate.monitoring import selectors, services
from mandate.monitoring.models import KpiTarget
from mandate.orgs.models import Cluster
from mandate.orgs.selectors import unit_named
from mandate.tasks.schemas import OfficialTotalsOut
from mandate.tasks.selectors import TaskFilters

scorecards_router = Router(tags=["scorecards"])
lagging_router = Router(tags=["scorecards"])
cascade_router = Router(tags=["cascade"])
kpis_router = Router(tags=["kpis"])
notifications_router = Router(tags=["notifications"])


class ScorecardOut(OfficialTotalsOut):
    completion_rate: float | None
    on_time_rate: float | None = Field(description="completed_on_time / (completed + overdue)")
    overdue_rate: float | None
    average_days_late: float | None
    average_days_overdue: float | None
    extended: int
    extensions_granted: int
    completed_after_extension: int


def _deprecated(name: str) -> dict:
    """How a field kept under its old name is marked in the OpenAPI schema."""
    return {"description": f"Deprecated: the old name of {name}; see CHANGELOG.md.", "json_schema_extra": {"deprecated": True}}


class AssignedPeriodOut(Schema):
    assigned_from: dt.date | None
    assigned_to: dt.date | None
    period_from: dt.date | None = Field(**_deprecated("assigned_from"))
    period_to: dt.date | None = Field(**_deprecated("assigned_to"))


class ScopeOut(AssignedPeriodOut):
    unit: str | None
    unit_name: str | None
    subtree: bool
    leader: str | None
    as_of: dt.date


class UnitScorecardOut(ScorecardOut):
    scope: ScopeOut
    coordinating: ScorecardOut | None = Field(description="tasks the scope coordinates but does not lead, counted apart")


class RankedOut(Schema):
    rank: int
    unit: str
    unit_name: str
    scorecard: ScorecardOut


class RankingOut(AssignedPeriodOut):
    name: str
    as_of: dt.date
    units: list[RankedOut]


class TrendPointOut(Schema):
    month_end: dt.date
    scorecard: ScorecardOut


def _one_name(current: str, value, old: str, old_value):
    """A filter given by its name or by its deprecated old name: the same value under both, or under one."""
    if value is not None and old_value is not None and value != old_value:
        raise invalid(old, _("is the old name of %(current)s, which says otherwise; give %(current)s only") % {"current": current})
    return value if value is not None else old_value


class AssignedPeriodQuery(Schema):
    """Tasks assigned in [assigned_from, assigned_to], both ends included: the task list's own filters."""

    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    old_from: dt.date | None = Field(None, alias="from", **_deprecated("assigned_from"))
    old_to: dt.date | None = Field(None, alias="to", **_deprecated("assigned_to"))

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        start = _one_name("assigned_from", self.assigned_from, "from", self.old_from)
        end = _one_name("assigned_to", self.assigned_to, "to", self.old_to)
        if start and end and end < start:
            raise invalid("assigned_to" if self.assigned_to else "to", _("is before the first day of the period"))
        return start, end


class ScorecardQuery(AssignedPeriodQuery):
    unit: str | None = None
    subtree: bool = False
    leader: str | None = None
    as_of: AsOfDate | None = None


class ClusterQuery(AssignedPeriodQuery):
    as_of: AsOfDate | None = None


def _leader(username: str | None) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise invalid("leader", _("no user is called “%(name)s”") % {"name": username}, "unknown_user")
    return user


def _filters(query: ScorecardQuery, *, require_unit: bool = False) -> TaskFilters:
    unit = unit_named(query.unit, "unit")
    leader = _leader(query.leader)
    if require_unit and unit is None:
        raise invalid("unit", "is required", "required")
    if unit is None and leader is None:
        raise invalid("unit", _("give a unit code, or a leader's user name"), "required")
    start, end = query.period()
    return TaskFilters(as_of=query.as_of or clock.today(), lead_unit=unit, subtree=query.subtree,
                       leader_id=leader.pk if leader else None, assigned_from=start, assigned_to=end)


def _period_out(filters: TaskFilters) -> dict:
    start, end = filters.assigned_from, filters.assigned_to
    return {"assigned_from": start, "assigned_to": end, "period_from": start, "period_to": end}


def _ranking(name: str, filters: TaskFilters, ranked: list) -> dict:
    return {"name": name, "as_of": filters.as_of, **_period_out(filters),
            "units": [{"rank": r.rank, "unit": r.unit.code, "unit_name": r.unit.name, "scorecard": r.scorecard.as_dict()}
                      for r in ranked]}


@scorecards_router.get("", response=UnitScorecardOut, summary="The scorecard of a unit (with its subtree) or of a leader in charge")
def unit_scorecard(request: HttpRequest, query: Query[ScorecardQuery]):
    filters = _filters(query)
    card = selectors.scorecard(user=request.user, filters=filters)
    coordinating = (selectors.scorecard_coordinating(user=request.user, filters=filters)
                    if filters.lead_unit is not None else None)
    unit = filters.lead_unit
    return {**card.as_dict(), "coordinating": coordinating.as_dict() if coordinating else None,
            "scope": {"unit": unit.code if unit else None, "unit_name": unit.name if unit else None,
                      "subtree": filters.subtree, "leader": query.leader, **_period_out(filters), "as_of": filters.as_of}}


@scorecards_router.get("/children", response=RankingOut, summary="The units directly under a unit, each with its subtree, ranked")
def children_scorecards(request: HttpRequest, query: Query[ScorecardQuery], kind: str | None = None):
    filters = _filters(query, require_unit=True)
    ranked = selectors.children_scorecards(user=request.user, unit=filters.lead_unit, filters=filters, kind=kind)
    return _ranking(filters.lead_unit.name, filters, ranked)


@scorecards_router.get("/clusters/{code}", response=RankingOut, summary="An emulation cluster's members side by side, ranked")
def cluster_scorecards(request: HttpRequest, code: str, query: Query[ClusterQuery]):
    cluster = Cluster.objects.filter(code=code).first()
    if cluster is None:
        raise NotFound(_("No emulation cluster “%(code)s”.") % {"code": code})
    start, end = query.period()
    filters = TaskFilters(as_of=query.as_of or clock.today(), subtree=True, assigned_from=start, assigned_to=end)
    return _ranking(cluster.name, filters, selectors.cluster_scorecards(user=request.user, cluster=cluster, filters=filters))


@scorecards_router.get("/trend", response=list[TrendPointOut], summary="The scorecard at the end of each month")
def scorecard_trend(request: HttpRequest, query: Query[ScorecardQuery], months: int = 12):
    if not 1 <= months <= 36:
        raise invalid("months", _("must be between 1 and 36"))
    filters = _filters(query)
    return [{"month_end": end, "scorecard": card.as_dict()}
            for end, card in selectors.monthly_trend(user=request.user, filters=filters, months=months)]


class TaskBriefOut(Schema):
    id: int
    title: str
    deadline: dt.date | None
    lead_unit: str

    @staticmethod
    def resolve_lead_unit(task) -> str:
        return task.lead_unit.code


class LaggingOut(Schema):
    unit: str
    unit_name: str
    scorecard: ScorecardOut
    overdue_tasks: list[TaskBriefOut]


@lagging_router.get("", response=list[LaggingOut], summary="Units whose overdue count or rate passes a threshold")
def lagging_units(request: HttpRequest, query: Query[ScorecardQuery], min_overdue: int | None = 1,
                  min_rate: float | None = None, level: str | None = None, tasks_per_unit: int = 10):
    if query.unit or query.leader:
        filters = _filters(query)
    else:
        start, end = query.period()
        filters = TaskFilters(as_of=query.as_of or clock.today(), assigned_from=start, assigned_to=end)
    if level not in (None, "province", "commune"):
        raise invalid("level", _("must be province or commune"))
    rows = selectors.lagging_units(user=request.user, filters=filters, min_overdue=min_overdue, min_rate=min_rate,
                                   level=level, tasks_per_unit=min(max(tasks_per_unit, 0), 100))
    return [{"unit": r.unit.code, "unit_name": r.unit.name, "scorecard": r.scorecard.as_dict(), "overdue_tasks": r.overdue_tasks}
            for r in rows]


class CascadeRowOut(Schema):
    unit: str
    unit_name: str
    state: str
    document_id: int | None
    document_number: str
    issued_on: dt.date | None
    first_task_on: dt.date | None
    days_taken: int | None
    days_waiting: int | None
    days_late: int


class CascadeOut(Schema):
    directive_id: int
    directive_number: str
    directive_date: dt.date | None
    level: str
    within: str
    as_of: dt.date
    due: dt.date | None
    summary: dict[str, int]
    units: list[CascadeRowOut]


def cascade_payload(result) -> dict:
    return {
        "directive_id": result.directive.pk, "directive_number": result.directive.number_text,
        "directive_date": result.directive.issued_on, "level": result.level, "within": result.within.code,
        "as_of": result.as_of, "due": result.due, "summary": result.summary(),
        "units": [{"unit": r.unit.code, "unit_name": r.unit.name, "state": r.state, "document_id": r.document_id,
                   "document_number": r.document_number, "issued_on": r.issued_on, "first_task_on": r.first_task_on,
                   "days_taken": r.days_taken, "days_waiting": r.days_waiting, "days_late": r.days_late} for r in result.rows],
    }


@cascade_router.get("", response=CascadeOut, summary="Which provinces or communes have issued their implementing document")
def directive_cascade(request: HttpRequest, document: int, level: str = "province", within: str = "VN",
                      due: dt.date | None = None, as_of: AsOfDate | None = None):
    if level not in ("province", "commune"):
        raise invalid("level", _("must be province or commune"))
    directive = document_get(user=request.user, document_id=document)
    result = cascade_selectors.directive_cascade(user=request.user, directive=directive, level=level, within=unit_named(within, "within"),
                                                 as_of=as_of or clock.today(), due=due)
    return cascade_payload(result)


class KpiOut(Schema):
    id: int
    unit: str
    indicator: str
    period_start: dt.date
    period_end: dt.date
    comparison: str
    target: Decimal
    measure: str
    actual: Decimal | None
    reported_on: dt.date | None
    outcome: str


class KpiIn(Schema):
    unit: str | None = None
    indicator: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    comparison: str = "gte"
    target: Decimal | None = None
    measure: str = ""
    document_id: int | None = None


class KpiActualIn(Schema):
    value: Decimal | None = None
    reported_on: dt.date | None = None
    note: str = ""


def _kpi_row(row) -> dict:
    t = row.target
    return {"id": t.pk, "unit": t.unit.code, "indicator": t.indicator, "period_start": t.period_start,
            "period_end": t.period_end, "comparison": t.comparison, "target": t.target, "measure": t.measure,
            "actual": row.actual, "reported_on": row.reported_on, "outcome": row.outcome}


class KpiQuery(Schema):
    """Targets whose own period overlaps [period_from, period_to] (a target's period, not a task's assignment)."""

    unit: str | None = None
    subtree: bool = False
    as_of: AsOfDate | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    old_from: dt.date | None = Field(None, alias="from", **_deprecated("period_from"))
    old_to: dt.date | None = Field(None, alias="to", **_deprecated("period_to"))


@kpis_router.get("", response=list[KpiOut], summary="KPI targets with their value as of a date: achieved, not achieved, not reported")
def list_kpis(request: HttpRequest, query: Query[KpiQuery]):
    rows = kpi_selectors.kpi_targets_list(
        user=request.user, as_of=query.as_of or clock.today(), unit=unit_named(query.unit, "unit"), subtree=query.subtree,
        period_from=_one_name("period_from", query.period_from, "from", query.old_from),
        period_to=_one_name("period_to", query.period_to, "to", query.old_to))
    return [_kpi_row(row) for row in rows]


def _kpi_one(request, kpi_id: int) -> dict:
    row = next((r for r in kpi_selectors.kpi_targets_list(user=request.user, as_of=clock.today()) if r.target.pk == kpi_id), None)
    if row is None:
        raise NotFound(_("No target %(id)s that you may see.") % {"id": kpi_id})
    return _kpi_row(row)


@kpis_router.post("", response={201: KpiOut}, summary="Set a KPI target for a unit and a period")
def create_kpi(request: HttpRequest, payload: KpiIn):
    document = document_get(user=request.user, document_id=payload.document_id) if payload.document_id else None
    kpi = services.kpi_target_create(actor=request.user, unit=unit_named(payload.unit, "unit"), indicator=payload.indicator or "",
                                     period_start=payload.period_start, period_end=payload.period_end,
                                     comparison=payload.comparison, target=payload.target, measure=payload.measure,
                                     document=document)
    return Status(201, _kpi_one(request, kpi.pk))


@kpis_router.post("/{int:kpi_id}/actuals", response={201: KpiOut}, summary="Report the value an indicator reached")
def report_kpi(request: HttpRequest, kpi_id: int, payload: KpiActualIn):
    target = KpiTarget.objects.select_related("unit").filter(pk=kpi_id).first()
    if target is None:
        raise NotFound(_("No target %(id)s.") % {"id": kpi_id})
    services.kpi_actual_report(actor=request.user, target=target, value=payload.value, reported_on=payload.reported_on,
                               note=payload.note)
    return Status(201, _kpi_one(request, kpi_id))


class NotificationOut(Schema):
    id: int
    kind: str
    day: dt.date
    days: int
    task_id: int
    task_title: str
    deadline: dt.date | None
    read: bool

    @staticmethod
    def resolve_task_title(n) -> str:
        return n.task.title

    @staticmethod
    def resolve_deadline(n):
        return n.task.deadline

    @staticmethod
    def resolve_read(n) -> bool:
        return n.read_at is not None


@notifications_router.get("", response=list[NotificationOut], summary="My notifications, newest first")
def my_notifications(request: HttpRequest, unread: bool = False, limit: int = 100):
    return list(selectors.notifications_of(user=request.user, unread=unread)[:min(max(limit, 1), 500)])


class ReadIn(Schema):
    ids: list[RowId] | None = None


@notifications_router.post("/read", response=dict[str, int], summary="Mark my notifications read")
def read_notifications(request: HttpRequest, payload: ReadIn):
    return {"marked": services.notifications_mark_read(actor=request.user, ids=payload.ids)}

