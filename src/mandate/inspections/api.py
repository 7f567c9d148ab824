"""/api/v1/inspections: programmes, cases (with their steps, team, recommendations and their task ids) and discipline.

Every route asks the same selectors and services as the pages; a case the caller may not know of is not found,
whatever they ask of it.
"""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from mandate.audit.reads import read_log
from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.core.errors import DomainError, NotFound, invalid
from mandate.core.ids import query_id
from mandate.core.preconditions import VERSIONED, expected_version
from mandate.documents.selectors import document_get
from mandate.inspections import discipline, selectors, services
from mandate.inspections.models import CaseKind, CaseState, DisciplineDecision, ProgrammeItem
from mandate.orgs.schemas import UnitRef
from mandate.orgs.selectors import unit_named
from mandate.personnel.models import Person

router = Router(tags=["inspections"])


class PersonRef(Schema):
    id: int
    full_name: str


def _person(person_id: int | None, field_name: str, viewer) -> Person | None:
    """A person of the register by id, among those the caller may name (`selectors.people_named`'s reach)."""
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None or person not in selectors.people_named(viewer=viewer, name=person.full_name, limit=50):
        raise invalid(field_name, _("no person of the register with this id that you may name"), "unknown")
    return person


def _unit(code: str | None, field_name: str, *, required: bool = False):
    unit = unit_named(code, field_name)
    if unit is None and required:
        raise invalid(field_name, _("is required"), "required")
    return unit


# Programmes

class ItemOut(Schema):
    id: int
    position: int
    kind: str
    target_unit: UnitRef | None
    target_person: PersonRef | None
    subject: str
    period: str
    lead_body: UnitRef
    quarter: int
    progress: str
    case_ids: list[int]

    @staticmethod
    def resolve_case_ids(item) -> list[int]:
        return list(item.cases.order_by("pk").values_list("pk", flat=True))


class _ProgrammeFields(Schema):
    id: int
    body: UnitRef
    year: int
    title: str
    document_id: int
    document_number: str
    item_count: int


class ProgrammeOut(_ProgrammeFields):
    @staticmethod
    def resolve_document_number(programme) -> str:
        return programme.document.number_text


class ProgrammeDetailOut(_ProgrammeFields):
    as_of: dt.date
    progress: dict[str, int]
    items: list[ItemOut]


class ItemIn(Schema):
    kind: str
    subject: str
    quarter: int
    lead_body: str = Field(description="the code of the body that leads it")
    target_unit: str | None = Field(None, description="a unit's code, also one since merged or dissolved")
    target_person: int | None = Field(None, description="a person of the register")
    period: str = ""


class ProgrammeIn(Schema):
    body: str
    year: int
    title: str
    issued_on: dt.date
    number: str | None = None
    signer: str = ""
    items: list[ItemIn]


class ProgrammeQuery(Schema):
    year: int | None = None


@router.get("/programmes", response=list[ProgrammeOut], summary="Yearly programmes you may see, newest first")
@paginate
def list_programmes(request: HttpRequest, query: Query[ProgrammeQuery]):
    return selectors.programmes_list(user=request.user, year=query.year)


def _programme_detail(request, programme_id: int, as_of: dt.date) -> dict:
    programme = selectors.programme_get(user=request.user, programme_id=programme_id)
    items = selectors.programme_items(programme=programme, as_of=as_of)
    progress = {key: sum(item.progress == key for item in items)
                for key in (selectors.PLANNED, selectors.STARTED, selectors.FINISHED, selectors.SLIPPED)}
    return {**_programme_fields(programme), "as_of": as_of, "progress": progress, "items": items}


def _programme_fields(programme) -> dict:
    return {"id": programme.pk, "body": programme.body, "year": programme.year, "title": programme.title,
            "document_id": programme.document_id, "document_number": programme.document.number_text,
            "item_count": programme.item_count}


@router.get("/programmes/{int:programme_id}", response=ProgrammeDetailOut,
            summary="One programme with each item started, finished, slipped or planned as of a date")
def programme_detail(request: HttpRequest, programme_id: int, as_of: AsOfDate | None = None):
    return _programme_detail(request, programme_id, as_of or clock.today())


@router.post("/programmes", response={201: ProgrammeDetailOut}, summary="Adopt a yearly programme (a registered CTr document)")
def adopt_programme(request: HttpRequest, payload: ProgrammeIn):
    body = _unit(payload.body, "body", required=True)
    items, errors = [], []
    for index, item in enumerate(payload.items):
        try:
            items.append(services.ItemSpec(
                kind=item.kind, subject=item.subject, quarter=item.quarter, period=item.period,
                lead_body=_unit(item.lead_body, f"items.{index}.lead_body", required=True),
                target_unit=_unit(item.target_unit, f"items.{index}.target_unit"),
                target_person=_person(item.target_person, f"items.{index}.target_person", request.user)))
        except DomainError as error:
            errors += error.errors
    if errors:
        raise DomainError(_("The programme cannot be adopted: nothing was saved."), errors)
    programme = services.programme_adopt(actor=request.user, body=body, year=payload.year, title=payload.title,
                                         issued_on=payload.issued_on, items=items, number=payload.number,
                                         signer=payload.signer)
    return Status(201, _programme_detail(request, programme.pk, clock.today()))


# Cases

class _CaseFields(Schema):
    id: int
    kind: str
    state: str = Field(description="the state on the date asked about (as_of)")
    status: str = Field(description="the deadline's status on that date, by the tasks' rule")
    title: str
    body: UnitRef
    target_kind: str
    target_unit: UnitRef | None
    target_person: PersonRef | None
    opened_on: dt.date
    deadline: dt.date | None
    original_deadline: dt.date | None
    extension_count: int
    completed_on: dt.date | None
    cancelled_on: dt.date | None
    programme_item_id: int | None
    directive_id: int | None
    conclusion_notice_id: int | None
    notice_title: str = Field("", description="the notice of conclusion's own title (the register shows a neutral one)")
    secrecy: int
    version: int


class CaseOut(_CaseFields):
    @staticmethod
    def resolve_state(case) -> str:
        return case.state_on


class StepOut(Schema):
    code: str
    phase: str
    label: str
    required: bool
    done_on: dt.date | None
    document_id: int | None
    document_number: str | None
    note: str


class TeamOut(Schema):
    person: PersonRef
    role: str


class RecommendationOut(Schema):
    task_id: int
    title: str
    lead_unit: UnitRef
    deadline: dt.date | None
    status: str


class EventOut(Schema):
    at: dt.datetime
    on: dt.date
    kind: str
    note: str
    data: dict


class CaseDetailOut(_CaseFields):
    subject: str
    findings: str
    outcome: str
    filer_name: str
    contested_id: int | None
    repeat_of_id: int | None
    steps: list[StepOut]
    team: list[TeamOut]
    recommendations: list[RecommendationOut]
    recommendation_totals: dict[str, int]
    timeline: list[EventOut]


class CaseQuery(Schema):
    kind: str | None = None
    state: str | None = None
    target: str | None = Field(None, description="a unit's code, or person:<id> for a party member")
    body: str | None = None
    q: str | None = None
    as_of: AsOfDate | None = None


def _filters(request, query: CaseQuery) -> selectors.CaseFilters:
    if query.kind and query.kind not in CaseKind.values:
        raise invalid("kind", _("is not a kind of case"), "choice")
    if query.state and query.state not in CaseState.values:
        raise invalid("state", _("is not a state of a case"), "choice")
    target_unit = target_person = None
    if query.target and query.target.startswith("person:"):
        raw = query.target.removeprefix("person:")
        target_person = Person.objects.filter(pk=query_id(raw)).first() if query_id(raw) is not None else None
        if target_person is None:
            raise invalid("target", _("no person of the register with this id"), "unknown")
    elif query.target:
        target_unit = unit_named(query.target, "target")
    return selectors.CaseFilters(as_of=query.as_of or clock.today(), kind=query.kind, state=query.state,
                                 target_unit=target_unit, target_person=target_person,
                                 body=unit_named(query.body, "body"), q=query.q)


@router.get("/cases", response=list[CaseOut], summary="Cases you may know of (their circle only), as of a date")
@paginate
def list_cases(request: HttpRequest, query: Query[CaseQuery]):
    return selectors.cases_list(user=request.user, filters=_filters(request, query))


def _case_detail(request, case_id: int, as_of: dt.date) -> dict:
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=as_of)
    read_log(reader=request.user, items=[case], via="api")
    steps = [{"code": row.step.code, "phase": row.step.phase, "label": str(row.step.label), "required": row.step.required,
              "done_on": row.done.done_on if row.done else None, "document_id": row.done.document_id if row.done else None,
              "document_number": row.done.document.number_text if row.done and row.done.document_id else None,
              "note": row.done.note if row.done else ""} for row in selectors.case_steps(case=case, as_of=as_of)]
    recommendations = [{"task_id": task.pk, "title": task.title, "lead_unit": task.lead_unit, "deadline": task.deadline,
                        "status": task.status} for task in selectors.case_recommendations(case=case, as_of=as_of)]
    return {**_case_fields(case), "subject": case.subject, "findings": case.findings, "outcome": case.outcome,
            "filer_name": case.filer_name, "contested_id": case.contested_id, "repeat_of_id": case.repeat_of_id,
            "steps": steps, "team": selectors.case_team(case=case), "recommendations": recommendations,
            "recommendation_totals": selectors.recommendation_totals_of(case=case, as_of=as_of),
            "timeline": selectors.case_timeline(case=case)}


def _case_fields(case) -> dict:
    names = ("id", "kind", "status", "title", "body", "target_kind", "target_unit", "target_person", "opened_on", "deadline",
             "original_deadline", "extension_count", "completed_on", "cancelled_on", "programme_item_id", "directive_id",
             "conclusion_notice_id", "notice_title", "secrecy", "version")
    return {**{name: getattr(case, name) for name in names}, "state": case.state_on}


@router.get("/cases/{int:case_id}", response=CaseDetailOut,
            summary="One case: its steps, team, timeline, recommendations and their task ids")
def case_detail(request: HttpRequest, case_id: int, as_of: AsOfDate | None = None):
    return _case_detail(request, case_id, as_of or clock.today())


class CaseIn(Schema):
    kind: str
    body: str
    title: str
    opened_on: dt.date
    subject: str = ""
    target_unit: str | None = None
    target_person: int | None = None
    programme_item: int | None = None
    directive: int | None = None
    deadline: dt.date | None = None
    secrecy: int = 0
    filer_name: str = ""
    filer_address: str = ""
    repeat_of: int | None = None
    new_evidence: str = ""
    contested: int | None = Field(None, description="a complaint: the disciplinary decision complained of")
    decision_received_on: dt.date | None = None


@router.post("/cases", response={201: CaseDetailOut}, summary="Open a case: a decision to inspect or supervise, or a filing")
def open_case(request: HttpRequest, payload: CaseIn):
    body = _unit(payload.body, "body", required=True)
    item = None
    if payload.programme_item is not None:
        item = ProgrammeItem.objects.filter(pk=payload.programme_item, programme__in=selectors.programmes_list(user=request.user)).first()
        if item is None:
            raise invalid("programme_item", _("no item of a programme you may see with this id"), "unknown")
    contested = None
    if payload.contested is not None:
        contested = selectors.disciplines_list(user=request.user).filter(pk=payload.contested).first()
        if contested is None:
            raise invalid("contested", _("no disciplinary decision you may see with this id"), "unknown")
    repeat_of = None
    if payload.repeat_of is not None:
        repeat_of = selectors.visible_cases(request.user, selectors.Case.objects.filter(pk=payload.repeat_of)).first()
        if repeat_of is None:
            raise invalid("repeat_of", _("no case you may know of with this id"), "unknown")
    case = services.case_open(
        actor=request.user, kind=payload.kind, body=body, title=payload.title, opened_on=payload.opened_on,
        subject=payload.subject, target_unit=_unit(payload.target_unit, "target_unit"),
        target_person=_person(payload.target_person, "target_person", request.user), programme_item=item,
        directive=document_get(user=request.user, document_id=payload.directive) if payload.directive else None,
        deadline=payload.deadline, secrecy=payload.secrecy, filer_name=payload.filer_name,
        filer_address=payload.filer_address, repeat_of=repeat_of, new_evidence=payload.new_evidence,
        contested=contested, decision_received_on=payload.decision_received_on)
    return Status(201, _case_detail(request, case.pk, clock.today()))


class TeamIn(Schema):
    person: int
    role: str


class StepIn(Schema):
    step: str
    done_on: dt.date
    note: str = ""
    document: int | None = Field(None, description="a registered document of the step's type")
    document_title: str = Field("", description="or the title of the document to register now")
    document_number: str | None = None
    team: list[TeamIn] = []
    version: int | None = None


@router.post("/cases/{int:case_id}/steps", response={201: CaseDetailOut, **VERSIONED}, summary="Record a step of the case")
def record_step(request: HttpRequest, case_id: int, payload: StepIn):
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    team = [(_person(member.person, f"team.{index}.person", request.user), member.role) for index, member in enumerate(payload.team)]
    services.case_step_record(
        actor=request.user, case=case, step=payload.step, done_on=payload.done_on, note=payload.note,
        document=document_get(user=request.user, document_id=payload.document) if payload.document else None,
        document_title=payload.document_title, document_number=payload.document_number, team=team,
        expected_version=expected_version(request, payload.version))
    return Status(201, _case_detail(request, case_id, clock.today()))


class ExtensionIn(Schema):
    working_days: int
    reason: str
    denouncer_informed_on: dt.date | None = None
    version: int | None = None


@router.post("/cases/{int:case_id}/extension", response={200: CaseDetailOut, **VERSIONED},
             summary="Extend a denunciation's settlement once, by at most 30 working days")
def extend_case(request: HttpRequest, case_id: int, payload: ExtensionIn):
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    services.case_extend(actor=request.user, case=case, working_days=payload.working_days, reason=payload.reason,
                         denouncer_informed_on=payload.denouncer_informed_on,
                         expected_version=expected_version(request, payload.version))
    return _case_detail(request, case_id, clock.today())


class DeclineIn(Schema):
    on: dt.date
    reason: str
    version: int | None = None


@router.post("/cases/{int:case_id}/decline", response={200: CaseDetailOut, **VERSIONED}, summary="Close a filing without handling it")
def decline_case(request: HttpRequest, case_id: int, payload: DeclineIn):
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    services.case_decline(actor=request.user, case=case, on=payload.on, reason=payload.reason,
                          expected_version=expected_version(request, payload.version))
    return _case_detail(request, case_id, clock.today())


class RecommendationIn(Schema):
    title: str
    lead_unit: str | None = None
    leader: str | None = Field(None, description="the user name of the leader in charge")
    product: str = ""
    deadline: dt.date | None = None
    coordinators: list[str] = []


class ConclusionIn(Schema):
    done_on: dt.date
    notice_title: str
    findings: str
    notice_number: str | None = None
    signer: str = ""
    outcome: str = Field("", description="a complaint: kept, changed or annulled")
    new_form: str = Field("", description="a complaint changed: the new form of discipline")
    recommendations: list[RecommendationIn] = []
    version: int | None = None


@router.post("/cases/{int:case_id}/conclusion", response={201: CaseDetailOut, **VERSIONED},
             summary="Issue the notice of conclusion (TB) with its recommendations as tasks, and close the case")
def conclude_case(request: HttpRequest, case_id: int, payload: ConclusionIn):
    case = selectors.case_get(user=request.user, case_id=case_id, as_of=clock.today())
    services.case_conclude(
        actor=request.user, case=case, done_on=payload.done_on, notice_title=payload.notice_title,
        findings=payload.findings, notice_number=payload.notice_number, signer=payload.signer, outcome=payload.outcome,
        new_form=payload.new_form, expected_version=expected_version(request, payload.version),
        recommendations=[services.RecommendationSpec(title=r.title, lead_unit=r.lead_unit, leader=r.leader,
                                                     product=r.product, deadline=r.deadline,
                                                     coordinators=tuple(r.coordinators)) for r in payload.recommendations])
    return Status(201, _case_detail(request, case_id, clock.today()))


# Discipline

class DisciplineOut(Schema):
    id: int
    target_kind: str
    target_unit: UnitRef | None
    target_person: PersonRef | None
    violation: str
    violation_on: dt.date
    form: str
    body: UnitRef
    decided_on: dt.date
    document_id: int
    document_number: str
    state: str
    case_id: int | None
    replaces_id: int | None

    @staticmethod
    def resolve_document_number(decision) -> str:
        return decision.document.number_text


class DisciplineQuery(Schema):
    form: str | None = None
    target_kind: str | None = None
    body: str | None = None
    state: str | None = None
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None


class DisciplineIn(Schema):
    body: str
    form: str
    violation: str
    violation_on: dt.date
    later_violation_on: dt.date | None = Field(None, description="a new violation: restarts the limitation period")
    decided_on: dt.date
    target_unit: str | None = None
    target_person: int | None = None
    case: int | None = None
    document: int | None = None
    document_title: str = ""
    document_number: str | None = None
    secrecy: int = 0


@router.get("/discipline", response=list[DisciplineOut], summary="Disciplinary decisions you may know of, newest first")
@paginate
def list_discipline(request: HttpRequest, query: Query[DisciplineQuery]):
    return selectors.disciplines_list(user=request.user, filters=selectors.DisciplineFilters(
        form=query.form, target_kind=query.target_kind, body=unit_named(query.body, "body"), state=query.state,
        decided_from=query.decided_from, decided_to=query.decided_to))


@router.get("/discipline/{int:decision_id}", response=DisciplineOut, summary="One disciplinary decision")
def discipline_detail(request: HttpRequest, decision_id: int):
    decision = selectors.disciplines_list(user=request.user).filter(pk=decision_id).first()
    if decision is None:
        raise NotFound()
    read_log(reader=request.user, items=[decision], via="api")
    return decision


@router.post("/discipline", response={201: DisciplineOut},
             summary="Record a disciplinary decision; refused naming the rule it breaks (form, limitation, authority…)")
def decide_discipline(request: HttpRequest, payload: DisciplineIn):
    case = None
    if payload.case is not None:
        case = selectors.visible_cases(request.user, selectors.Case.objects.filter(pk=payload.case)).first()
        if case is None:
            raise invalid("case", _("no case you may know of with this id"), "unknown")
    decision = discipline.discipline_decide(
        actor=request.user, body=_unit(payload.body, "body", required=True), form=payload.form,
        violation=payload.violation, violation_on=payload.violation_on, later_violation_on=payload.later_violation_on,
        decided_on=payload.decided_on, target_unit=_unit(payload.target_unit, "target_unit"),
        target_person=_person(payload.target_person, "target_person", request.user), case=case,
        document=document_get(user=request.user, document_id=payload.document) if payload.document else None,
        document_title=payload.document_title, document_number=payload.document_number, secrecy=payload.secrecy)
    return Status(201, DisciplineDecision.objects.select_related("body", "target_unit", "target_person", "document").get(pk=decision.pk))

