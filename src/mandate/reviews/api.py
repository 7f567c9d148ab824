"""/api/v1/report-regimes, /api/v1/reports and /api/v1/reviews: what units must report, the reports that compile
themselves and who has sent theirs, and the review and quality rating (self-assessment, appraisal, decision)."""
import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from mandate.accounts.selectors import user_named
from mandate.core.errors import invalid
from mandate.core.preconditions import VERSIONED, expected_version
from mandate.orgs.selectors import unit_named
from mandate.reviews import points, selectors, services
from mandate.reviews.compile import report_figures

regimes_router = Router(tags=["reports"])
reports_router = Router(tags=["reports"])
reviews_router = Router(tags=["reviews"])


class RegimeIn(Schema):
    receiver: str | None = Field(None, description="the code of the committee that receives the reports")
    title: str = ""
    frequency: str = Field("quarterly", description="monthly, quarterly, six_monthly, yearly or ad_hoc")
    window_start_day: int = Field(15, description="the data window runs from this day to the day before it (ND 09/2019)")
    deadline_rule: str = Field("day_of_month", description="day_of_month or working_days")
    deadline_day: int = 20
    working_days: int = 3
    aggregating_levels: int = Field(0, description="each level that aggregates adds 3 working days")
    reporters: list[str] = Field(default_factory=list, description="the codes of the units that report")
    contents: str = ""


class RegimeOut(Schema):
    id: int
    receiver: str
    title: str
    frequency: str
    window_start_day: int
    deadline_rule: str
    deadline_day: int
    working_days: int
    aggregating_levels: int
    reporters: list[str]
    contents: str


def _regime(regime) -> dict:
    return {"id": regime.pk, "receiver": regime.receiver.code, "title": regime.title, "frequency": regime.frequency,
            "window_start_day": regime.window_start_day, "deadline_rule": regime.deadline_rule,
            "deadline_day": regime.deadline_day, "working_days": regime.working_days,
            "aggregating_levels": regime.aggregating_levels, "contents": regime.contents,
            "reporters": list(regime.reporters.order_by("code").values_list("code", flat=True))}


def _units(codes: list[str], field_name: str) -> list:
    return [unit_named(code, field_name) for code in codes]


@regimes_router.get("", response=list[RegimeOut], summary="The report regimes I receive or report under")
def list_regimes(request: HttpRequest, receiver: str | None = None):
    return [_regime(r) for r in selectors.regimes_list(user=request.user, receiver=unit_named(receiver, "receiver"))]


@regimes_router.post("", response={201: RegimeOut}, summary="Define what a committee's units must report to it")
def create_regime(request: HttpRequest, payload: RegimeIn):
    regime = services.regime_create(actor=request.user, receiver=unit_named(payload.receiver, "receiver"),
                                    reporters=_units(payload.reporters, "reporters"),
                                    **payload.dict(exclude={"receiver", "reporters"}))
    return Status(201, _regime(regime))


@regimes_router.get("/{int:regime_id}", response=RegimeOut, summary="One report regime")
def get_regime(request: HttpRequest, regime_id: int):
    return _regime(selectors.regime_get(user=request.user, regime_id=regime_id))


class SubmissionOut(Schema):
    unit: str
    unit_name: str
    state: str = Field(description="on_time, late, not_yet (before the deadline) or missing (past it)")
    report_id: int | None
    number: str
    issued_on: dt.date | None
    days_late: int
    reminded_on: dt.date | None


class SubmissionsOut(Schema):
    regime_id: int
    period: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    summary: dict[str, int]
    rows: list[SubmissionOut]


@regimes_router.get("/{int:regime_id}/submissions", response=SubmissionsOut,
                    summary="For one period, which units sent their report on time, late, or not yet")
def regime_submissions(request: HttpRequest, regime_id: int, period: str = ""):
    regime = selectors.regime_get(user=request.user, regime_id=regime_id)
    found = selectors.regime_period(regime=regime, key=period)
    result = selectors.submissions_of(user=request.user, regime=regime, period=found)
    return {"regime_id": regime.pk, "period": found.key, "period_start": found.start, "period_end": found.end,
            "due_on": result.due_on, "summary": result.summary(),
            "rows": [{"unit": row.unit.code, "unit_name": row.unit.name, "state": row.state,
                      "report_id": row.report.pk if row.report else None,
                      "number": row.report.document.number_text if row.report and row.report.document_id else "",
                      "issued_on": row.report.issued_on if row.report else None, "days_late": row.days_late,
                      "reminded_on": row.reminded_on} for row in result.rows]}


class RemindIn(Schema):
    period: str = ""
    units: list[str] | None = Field(None, description="only these units (codes); all those that have not sent it by default")


@regimes_router.post("/{int:regime_id}/reminders", response=dict[str, int],
                     summary="Remind the units that have not sent their report for a period")
def remind(request: HttpRequest, regime_id: int, payload: RemindIn):
    regime = selectors.regime_get(user=request.user, regime_id=regime_id)
    units = _units(payload.units, "units") if payload.units is not None else None
    return {"reminded": services.reporters_remind(actor=request.user, regime=regime, period=payload.period, units=units)}


class ReportIn(Schema):
    regime: int
    unit: str | None = None
    period: str = Field("", description="2025-06, 2025-Q2, 2024-H1, 2025, or 2025-03-01..2025-04-10 for an ad hoc report")
    title: str = ""


class ReportOut(Schema):
    id: int
    regime_id: int
    unit: str
    title: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    state: str
    version: int
    number: str
    issued_on: dt.date | None
    summary: str
    results: str
    shortcomings: str
    next_tasks: str
    proposals: str
    figures: dict


def _report(request, report) -> dict:
    return {"id": report.pk, "regime_id": report.regime_id, "unit": report.unit.code, "title": report.title,
            "period_start": report.period_start, "period_end": report.period_end, "due_on": report.due_on,
            "state": report.state, "version": report.version,
            "number": report.document.number_text if report.document_id else "", "issued_on": report.issued_on,
            **{name: getattr(report, name) for name in services.NARRATIVE},
            "figures": report_figures(user=request.user, report=report)}


@reports_router.get("", response=list[ReportOut], summary="Reports I may read (of a regime, of a unit)")
def list_reports(request: HttpRequest, regime: int | None = None, unit: str | None = None, limit: int = 50):
    found = selectors.regime_get(user=request.user, regime_id=regime) if regime else None
    rows = selectors.reports_list(user=request.user, regime=found, unit=unit_named(unit, "unit"))[:min(max(limit, 1), 200)]
    return [_report(request, r) for r in rows]


@reports_router.post("", response={201: ReportOut}, summary="Draft a unit's report for a period; its figures compile themselves")
def draft_report(request: HttpRequest, payload: ReportIn):
    regime = selectors.regime_get(user=request.user, regime_id=payload.regime)
    report = services.report_draft(actor=request.user, regime=regime, unit=unit_named(payload.unit, "unit"),
                                   period=payload.period, title=payload.title)
    return Status(201, _report(request, report))


@reports_router.get("/{int:report_id}", response=ReportOut, summary="A report with its figures")
def get_report(request: HttpRequest, report_id: int):
    return _report(request, selectors.report_get(user=request.user, report_id=report_id))


@reports_router.get("/{int:report_id}/figures", response=dict, summary="A report's figures: as issued, or as they stand")
def report_figures_only(request: HttpRequest, report_id: int):
    return report_figures(user=request.user, report=selectors.report_get(user=request.user, report_id=report_id))


class NarrativeIn(Schema):
    version: int | None = None
    title: str | None = None
    summary: str | None = None
    results: str | None = None
    shortcomings: str | None = None
    next_tasks: str | None = None
    proposals: str | None = None


@reports_router.post("/{int:report_id}/narrative", response={200: ReportOut, **VERSIONED},
                     summary="Write the narrative parts of a draft report")
def edit_report(request: HttpRequest, report_id: int, payload: NarrativeIn):
    report = selectors.report_get(user=request.user, report_id=report_id)
    version = expected_version(request, payload.version)
    report = services.report_edit(actor=request.user, report=report, version=version,
                                  **payload.dict(exclude={"version"}, exclude_none=True))
    return _report(request, report)


class IssueIn(Schema):
    version: int | None = None
    issued_on: dt.date | None = None
    signer: str = ""


@reports_router.post("/{int:report_id}/issue", response={200: ReportOut, **VERSIONED},
                     summary="Issue the report as a registered BC document; its figures are kept as they stand")
def issue_report(request: HttpRequest, report_id: int, payload: IssueIn):
    report = selectors.report_get(user=request.user, report_id=report_id)
    version = expected_version(request, payload.version)
    report = services.report_issue(actor=request.user, report=report, version=version, issued_on=payload.issued_on,
                                   signer=payload.signer)
    return _report(request, report)


class ReviewIn(Schema):
    subject_kind: str = Field("collective", description="collective or individual")
    unit: str | None = None
    organization: str | None = Field(None, description="the competent level that appraises and decides")
    person_name: str = ""
    person_position: str = ""
    person: str | None = Field(None, description="the person's user name, when they have an account")
    period_kind: str = Field("year", description="quarter, year or term")
    period: str = Field("", description="2025-Q4, 2025, or 2020-10-01..2025-09-30 for a term")
    general_points: Decimal | None = Field(None, description="0 to 30")
    task_points: Decimal | None = Field(None, description="0 to 70; prefilled from the period's figures when left out")
    disciplined: bool = False
    disqualified: bool = False
    note: str = ""


class ReviewOut(Schema):
    id: int
    subject_kind: str
    unit: str
    person_name: str
    person_position: str
    organization: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    general_points: Decimal
    task_points: Decimal
    self_points: Decimal
    breakdown: dict
    all_on_time: bool
    disciplined: bool
    disqualified: bool
    self_level: str
    appraised_points: Decimal | None
    appraised_level: str
    decided_level: str
    decided_on: dt.date | None
    state: str


def _review(review) -> dict:
    return {"id": review.pk, "subject_kind": review.subject_kind, "unit": review.unit.code, "person_name": review.person_name,
            "person_position": review.person_position, "organization": review.organization.code,
            "period_kind": review.period_kind, "period_start": review.period_start, "period_end": review.period_end,
            "general_points": review.general_points, "task_points": review.task_points, "self_points": review.self_points,
            "breakdown": review.breakdown, "all_on_time": review.all_on_time, "disciplined": review.disciplined,
            "disqualified": review.disqualified, "self_level": review.self_level,
            "appraised_points": review.appraised_points, "appraised_level": review.appraised_level,
            "decided_level": review.decided_level, "decided_on": review.decided_on, "state": review.state}


class RuleIn(Schema):
    measure: str = Field(description="on_time_rate, overdue, completed_late, completed_after_extension, kpi_met_rate or "
                                     "recommendations_fulfilled_rate")
    kind: str = Field(description="share (the points × the rate) or less_each (the points less `each` for each one)")
    points: Decimal
    each: Decimal | None = None


class SchemeIn(Schema):
    unit: str = Field(description="the code of the committee whose rules these are")
    task_points: list[dict] = Field(description="the rules, which together give the 70 points of task results")
    version: int | None = Field(None, description="the version you read (0 while the default applies); or If-Match")


class SchemeOut(Schema):
    unit: str
    unit_name: str
    default: bool = Field(description="true while the committee follows the documented default")
    version: int
    task_points: list[RuleIn]
    default_task_points: list[RuleIn]


def _scheme(found: dict) -> dict:
    return {"unit": found["unit"].code, "unit_name": found["unit"].name, "default": found["default"],
            "version": found["version"], "task_points": found["rules"]["task_points"],
            "default_task_points": points.DEFAULT_RULES["task_points"]}


def _scheme_unit(value: str | None):
    if not value:
        raise invalid("unit", _("is required"), "required")
    return unit_named(value, "unit")


@reviews_router.get("/schemes", response=SchemeOut, summary="A committee's rules for the 70 points of task results")
def get_scheme(request: HttpRequest, unit: str = ""):
    return _scheme(selectors.rating_scheme_of(unit=_scheme_unit(unit)))


@reviews_router.post("/schemes", response={200: SchemeOut, **VERSIONED},
                     summary="Set a committee's rules for the 70 points of task results (versioned)")
def set_scheme(request: HttpRequest, payload: SchemeIn):
    unit = _scheme_unit(payload.unit)
    version = expected_version(request, payload.version)
    services.rating_scheme_set(actor=request.user, unit=unit, rules={"task_points": payload.task_points}, version=version)
    return _scheme(selectors.rating_scheme_of(unit=unit))


class ReviewQuery(Schema):
    organization: str | None = None
    period_kind: str | None = None
    period_start: dt.date | None = None
    subject_kind: str | None = None


@reviews_router.get("", response=list[ReviewOut], summary="Reviews I may read")
def list_reviews(request: HttpRequest, query: Query[ReviewQuery]):
    rows = selectors.reviews_list(user=request.user, organization=unit_named(query.organization, "organization"),
                                  period_kind=query.period_kind, period_start=query.period_start,
                                  subject_kind=query.subject_kind)
    return [_review(r) for r in rows[:500]]


@reviews_router.post("", response={201: ReviewOut}, summary="A self-assessment on the 100-point form")
def self_assess(request: HttpRequest, payload: ReviewIn):
    review = services.review_self_assess(
        actor=request.user, subject_kind=payload.subject_kind, unit=unit_named(payload.unit, "unit"),
        organization=unit_named(payload.organization, "organization"), period_kind=payload.period_kind,
        period=payload.period, general_points=payload.general_points, task_points=payload.task_points,
        person_name=payload.person_name, person_position=payload.person_position,
        person=user_named(payload.person, "person") if payload.person else None, disciplined=payload.disciplined,
        disqualified=payload.disqualified, note=payload.note)
    return Status(201, _review(review))


@reviews_router.get("/history", response=list[ReviewOut], summary="A unit's or a person's ratings over the term")
def review_history(request: HttpRequest, unit: str, person_name: str = "", since: dt.date | None = None):
    return [_review(r) for r in selectors.review_history(user=request.user, unit=unit_named(unit, "unit"),
                                                         person_name=person_name, since=since)]


@reviews_router.get("/{int:review_id}", response=ReviewOut, summary="One review")
def get_review(request: HttpRequest, review_id: int):
    return _review(selectors.review_get(user=request.user, review_id=review_id))


class AppraisalIn(Schema):
    appraised_points: Decimal | None = None
    level: str | None = Field(None, description="the level proposed; by default the one the points reach")
    note: str = ""
    disciplined: bool | None = None
    disqualified: bool | None = None


@reviews_router.post("/{int:review_id}/appraisal", response=ReviewOut, summary="The competent level's appraisal")
def appraise(request: HttpRequest, review_id: int, payload: AppraisalIn):
    review = selectors.review_get(user=request.user, review_id=review_id)
    return _review(services.review_appraise(actor=request.user, review=review, appraised_points=payload.appraised_points,
                                            level=payload.level, note=payload.note, disciplined=payload.disciplined,
                                            disqualified=payload.disqualified))


class DecisionItem(Schema):
    review: int
    level: str | None = None


class DecisionIn(Schema):
    organization: str | None = None
    decisions: list[DecisionItem] = Field(default_factory=list)
    note: str = ""


@reviews_router.post("/decisions", response=list[ReviewOut],
                     summary="The competent level decides its reviews of a period (the 20 % quota of excellent checked)")
def decide(request: HttpRequest, payload: DecisionIn):
    organization = unit_named(payload.organization, "organization")
    decisions = [(selectors.review_get(user=request.user, review_id=item.review), item.level) for item in payload.decisions]
    if organization is None and decisions:
        organization = decisions[0][0].organization  # the level that decides the first review named
    reviews = services.reviews_decide(actor=request.user, organization=organization, decisions=decisions, note=payload.note)
    return [_review(r) for r in reviews]

