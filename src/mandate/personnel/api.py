"""/api/v1/positions, /api/v1/people, /api/v1/personnel-events and /api/v1/personnel (vacancies, staffing, the
planning pool, the log of record openings): cadre work over the same services and selectors as the pages."""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from mandate.accounts.selectors import user_named
from mandate.core import clock
from mandate.core.dates import AsOfDate
from mandate.core.errors import NotFound, PermissionDenied, invalid
from mandate.core.ids import RowId
from mandate.core.preconditions import VERSIONED, expected_version
from mandate.orgs.models import Term
from mandate.orgs.selectors import unit_get, unit_named
from mandate.personnel import selectors, services
from mandate.personnel.events import StepIn, personnel_event_apply
from mandate.personnel.models import EventKind, Holding, Position
from mandate.personnel.permissions import can_read_cadre_figures, can_read_record_log
from mandate.personnel.titles import Title

positions_router = Router(tags=["personnel"])
people_router = Router(tags=["personnel"])
events_router = Router(tags=["personnel"])
router = Router(tags=["personnel"])


class HolderOut(Schema):
    holding: int
    person: int
    name: str
    kind: str
    since: dt.date
    until: dt.date | None


def _holder(holding: Holding) -> dict:
    return {"holding": holding.pk, "person": holding.person_id, "name": holding.person.full_name, "kind": holding.kind,
            "since": holding.starts_on, "until": holding.ends_on}


class PositionOut(Schema):
    id: int
    unit: str
    unit_name: str
    kind: str
    title: str
    grade: int
    seats: int
    tier: str
    managing_unit: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    held: int = Field(description="seats held on the day asked about, acting holders not counted")
    acting: int
    state: str = Field(description="held, partly_held, acting_only or empty")
    vacant_since: dt.date | None
    holders: list[HolderOut]


def _position(position, holders: list[Holding]) -> dict:
    return {"id": position.pk, "unit": position.unit.code, "unit_name": position.unit.name, "kind": position.kind,
            "title": position.title, "grade": position.grade, "seats": position.seats, "tier": position.tier,
            "managing_unit": position.managing_unit.code, "valid_from": position.valid_from, "valid_to": position.valid_to,
            "held": position.held, "acting": position.acting, "state": selectors.vacancy_state(position),
            "vacant_since": selectors.vacant_since(position), "holders": [_holder(h) for h in holders]}


class PositionFiltersIn(Schema):
    unit: str | None = None
    subtree: bool = False
    vacant: bool | None = None
    kind: Title | None = None
    q: str | None = None
    as_of: AsOfDate | None = None


@positions_router.get("", response=list[PositionOut], summary="Posts of a unit (or its subtree) on a date, with who holds them")
@paginate
def positions_list(request: HttpRequest, filters: Query[PositionFiltersIn]):
    as_of = filters.as_of or clock.today()
    positions = list(selectors.positions_list(user=request.user, filters=selectors.PositionFilters(
        as_of=as_of, unit=unit_named(filters.unit, "unit"), subtree=filters.subtree, vacant=filters.vacant, kind=filters.kind,
        q=filters.q))[:5000])
    holders = selectors.holders_of(positions, as_of=as_of)
    return [_position(p, holders.get(p.pk, [])) for p in positions]


class PositionIn(Schema):
    unit: str
    kind: Title
    title: str = ""
    seats: int = 1
    tier: str | None = None
    managing_unit: str | None = None
    valid_from: dt.date | None = None


@positions_router.post("", response={201: PositionOut}, summary="Add a post to a unit")
def position_create(request: HttpRequest, payload: PositionIn):
    position = services.position_create(actor=request.user, unit=unit_named(payload.unit, "unit"), kind=payload.kind,
                                        title=payload.title, seats=payload.seats, tier=payload.tier,
                                        managing_unit=unit_named(payload.managing_unit, "managing_unit"), valid_from=payload.valid_from)
    day = max(payload.valid_from or clock.today(), clock.today())
    annotated = selectors.positions_with_seats(as_of=day).filter(pk=position.pk).first() or position
    annotated.held, annotated.acting = getattr(annotated, "held", 0), getattr(annotated, "acting", 0)
    annotated.last_left = getattr(annotated, "last_left", None)
    return Status(201, _position(annotated, []))


class PositionDetailOut(PositionOut):
    history: list[HolderOut]


@positions_router.get("/{position_id}", response=PositionDetailOut, summary="One post: its holders on a date and its whole history")
def position_detail(request: HttpRequest, position_id: int, as_of: AsOfDate | None = None):
    day = as_of or clock.today()
    position = selectors.position_get(user=request.user, position_id=position_id)
    annotated = selectors.positions_with_seats(as_of=day).filter(pk=position.pk).first()
    if annotated is None:  # not open that day: no seat is counted
        annotated = position
        annotated.held = annotated.acting = 0
        annotated.last_left = None
    holders = list(selectors.holders_as_of(position=position, as_of=day))
    return {**_position(annotated, holders), "history": [_holder(h) for h in selectors.position_history(position)]}


# People

class PostOut(Schema):
    holding: int
    position: int
    title: str
    unit: str
    kind: str
    since: dt.date
    until: dt.date | None


def _post(holding: Holding) -> dict:
    return {"holding": holding.pk, "position": holding.position_id, "title": holding.position.title,
            "unit": holding.position.unit.code, "kind": holding.kind, "since": holding.starts_on, "until": holding.ends_on}


class CadreOut(Schema):
    id: int
    full_name: str
    posts: list[PostOut]


class PeopleFilters(Schema):
    q: str | None = None
    as_of: AsOfDate | None = None


@people_router.get("", response=list[CadreOut], summary="The records you may open, found by name without diacritics")
@paginate
def people_list(request: HttpRequest, filters: Query[PeopleFilters]):
    people = list(selectors.people_search(user=request.user, q=filters.q or "", limit=5000))
    posts = selectors.current_posts(people, as_of=filters.as_of or clock.today())
    return [{"id": p.pk, "full_name": p.full_name, "posts": [_post(h) for h in posts.get(p.pk, [])]} for p in people]


class CadreIn(Schema):
    full_name: str
    birth_date: dt.date
    sex: str
    kept_by: str
    home_province: str = ""
    ethnicity: str = ""
    party_joined_on: dt.date | None = None
    party_full_member_on: dt.date | None = None
    education: str = ""
    political_theory: str = ""
    user: str | None = None


class DisciplineOut(Schema):
    id: int
    form: str
    violation: str
    deciding_unit: str
    decided_on: dt.date
    document: str | None
    source: str | None


class PersonnelEventOut(Schema):
    id: int
    kind: str
    person: int
    person_name: str
    position: int | None
    position_title: str | None
    unit: str | None
    document_id: int
    document: str
    effective_on: dt.date
    ends_on: dt.date | None


def _event(event) -> dict:
    return {"id": event.pk, "kind": event.kind, "person": event.person_id, "person_name": event.person.full_name,
            "position": event.position_id, "position_title": event.position.title if event.position_id else None,
            "unit": event.position.unit.code if event.position_id else None, "document_id": event.document_id,
            "document": event.document.number_text, "effective_on": event.effective_on, "ends_on": event.ends_on}


class PlanningOut(Schema):
    id: int
    position: int
    title: str
    term: str
    added_on: dt.date
    removed_on: dt.date | None


class CadreRecordOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    sex: str
    home_province: str
    ethnicity: str
    party_joined_on: dt.date | None
    party_full_member_on: dt.date | None
    education: str
    political_theory: str
    user: str | None
    kept_by: str | None
    version: int
    career: list[PostOut]
    disciplines: list[DisciplineOut]
    events: list[PersonnelEventOut]
    planning: list[PlanningOut]


def _person_detail(person) -> dict:
    return {
        "id": person.pk, "full_name": person.full_name, "birth_date": person.birth_date, "sex": person.sex,
        "home_province": person.home_province, "ethnicity": person.ethnicity, "party_joined_on": person.party_joined_on,
        "party_full_member_on": person.party_full_member_on, "education": person.education,
        "political_theory": person.political_theory, "user": person.user.username if person.user_id else None,
        "kept_by": person.kept_by.code if person.kept_by_id else None, "version": person.version,
        "career": [_post(h) for h in selectors.person_career(person)],
        "disciplines": [{"id": d.pk, "form": d.form, "violation": d.violation, "deciding_unit": d.deciding_unit.code,
                         "decided_on": d.decided_on, "document": d.document.number_text if d.document_id else None,
                         "source": d.source} for d in selectors.disciplines_of(person)],
        "events": [_event(e) for e in selectors.person_events(person)],
        "planning": [{"id": p.pk, "position": p.position_id, "title": p.position.title, "term": p.term.name,
                      "added_on": p.added_on, "removed_on": p.removed_on} for p in selectors.planning_of(person)],
    }


@people_router.post("", response={201: CadreRecordOut}, summary="Open a cadre's record")
def person_create(request: HttpRequest, payload: CadreIn):
    person = services.person_create(
        actor=request.user, full_name=payload.full_name, birth_date=payload.birth_date, sex=payload.sex,
        kept_by=unit_named(payload.kept_by, "kept_by"), home_province=payload.home_province, ethnicity=payload.ethnicity,
        party_joined_on=payload.party_joined_on, party_full_member_on=payload.party_full_member_on,
        education=payload.education, political_theory=payload.political_theory, user=user_named(payload.user, "user"))
    return Status(201, _person_detail(person))


@people_router.get("/{person_id}", response=CadreRecordOut, summary="A cadre's record (each opening is logged)")
def person_detail(request: HttpRequest, person_id: int):
    person = selectors.person_get(user=request.user, person_id=person_id)
    services.record_opened(actor=request.user, person=person, channel="api")
    return _person_detail(person)


class CadreUpdateIn(Schema):
    """The fields of the record to correct (those left out stay as they are); `user` is the account's username, or
    null to unlink it."""

    full_name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    home_province: str | None = None
    ethnicity: str | None = None
    party_joined_on: dt.date | None = None
    party_full_member_on: dt.date | None = None
    education: str | None = None
    political_theory: str | None = None
    user: str | None = None
    version: int | None = Field(None, description="The version of the record this correction changes (or If-Match).")


def _person_correct(request: HttpRequest, person_id: int, payload: CadreUpdateIn):
    person = selectors.person_get(user=request.user, person_id=person_id)
    changes = payload.model_dump(exclude_unset=True)
    expected = expected_version(request, changes.pop("version", None))
    if "user" in changes:
        changes["user"] = user_named(changes["user"], "user")
    person = services.person_update(actor=request.user, person=person, expected_version=expected, **changes)
    return _person_detail(person)


@people_router.patch("/{person_id}", response={200: CadreRecordOut, **VERSIONED},
                     summary="Correct a cadre's record (If-Match: its version)")
def person_correct(request: HttpRequest, person_id: int, payload: CadreUpdateIn):
    return _person_correct(request, person_id, payload)


@people_router.post("/{person_id}", response={200: CadreRecordOut, **VERSIONED},
                    summary="Correct a cadre's record, for clients that cannot send PATCH (If-Match: its version)")
def person_correct_post(request: HttpRequest, person_id: int, payload: CadreUpdateIn):
    return _person_correct(request, person_id, payload)


class HoldingIn(Schema):
    position: RowId
    starts_on: dt.date
    ends_on: dt.date | None = None
    kind: str = "official"
    basis_id: RowId | None = None


@people_router.post("/{person_id}/holdings", response={201: PostOut}, summary="Enter a post held as an old file states it")
def holding_record(request: HttpRequest, person_id: int, payload: HoldingIn):
    person = selectors.person_get(user=request.user, person_id=person_id)
    holding = services.holding_record(
        actor=request.user, person=person, position=_position_named(request, payload.position), starts_on=payload.starts_on,
        ends_on=payload.ends_on, kind=payload.kind,
        basis=selectors.decision_get(user=request.user, document_id=payload.basis_id) if payload.basis_id else None)
    return Status(201, _post(holding))


class DisciplineIn(Schema):
    form: str
    violation: str
    deciding_unit: str
    decided_on: dt.date
    document_id: RowId | None = None


@people_router.post("/{person_id}/disciplines", response={201: DisciplineOut}, summary="Record a discipline in the person's history")
def discipline_record(request: HttpRequest, person_id: int, payload: DisciplineIn):
    person = selectors.person_get(user=request.user, person_id=person_id)
    record = services.discipline_record(
        actor=request.user, person=person, form=payload.form, violation=payload.violation,
        deciding_unit=unit_named(payload.deciding_unit, "deciding_unit"), decided_on=payload.decided_on,
        document=selectors.decision_get(user=request.user, document_id=payload.document_id) if payload.document_id else None)
    return Status(201, {"id": record.pk, "form": record.form, "violation": record.violation, "deciding_unit": record.deciding_unit.code,
                        "decided_on": record.decided_on, "document": record.document.number_text if record.document_id else None,
                        "source": record.source})


def _position_named(request, position_id: int, field_name: str = "position") -> Position:
    try:
        return selectors.position_get(user=request.user, position_id=position_id)
    except NotFound:
        raise invalid(field_name, _("no position %(id)s that you may see") % {"id": position_id}, "unknown") from None


# Personnel events

class StepSchema(Schema):
    kind: str
    held_on: dt.date
    convened: int = Field(ge=0, le=100_000)
    present: int = Field(ge=0, le=100_000)
    votes_for: int | None = Field(None, ge=0, le=100_000)


class EventIn(Schema):
    kind: EventKind
    person: RowId
    document_id: RowId
    effective_on: dt.date
    position: RowId | None = None
    ends: list[RowId] = Field(default_factory=list, description="the holdings the decision ends")
    holding_kind: str = ""
    dossier_received_on: dt.date | None = None
    ends_on: dt.date | None = None
    internal: bool | None = None
    steps: list[StepSchema] = Field(default_factory=list)
    votes_convened: int | None = Field(None, ge=0, le=100_000)
    votes_present: int | None = Field(None, ge=0, le=100_000)
    votes_for: int | None = Field(None, ge=0, le=100_000)
    note: str = ""
    dry_run: bool = False


class ErrorOut(Schema):
    field: str
    reason: str
    code: str


class ChangeOut(Schema):
    action: str
    day: dt.date
    holding: int | None
    person: str
    position: str
    unit: str
    kind: str


class RoleOfferOut(Schema):
    membership: int | None = None
    user: str
    unit: str
    unit_name: str
    role: str


class OutcomeOut(Schema):
    applied: bool
    event: PersonnelEventOut | None
    changes: list[ChangeOut]
    errors: list[ErrorOut]
    roles_to_end: list[RoleOfferOut]
    roles_to_give: list[RoleOfferOut]


def _ends(request, person, ids: list[int]) -> list[Holding]:
    found = {h.pk: h for h in Holding.objects.filter(pk__in=ids, person=person).select_related("position", "position__unit", "person")}
    missing = [i for i in ids if i not in found]
    if missing:
        raise invalid("ends", _("is not a post of this person"), "not_held")
    return [found[i] for i in ids]


@events_router.post("", response={200: OutcomeOut, 201: OutcomeOut},
                    summary="Apply a personnel event (create = apply); dry_run=true answers what it would change and every rule it breaks")
def event_apply(request: HttpRequest, payload: EventIn):
    person = selectors.person_get(user=request.user, person_id=payload.person)
    outcome = personnel_event_apply(
        actor=request.user, kind=payload.kind, person=person,
        document=selectors.decision_get(user=request.user, document_id=payload.document_id), effective_on=payload.effective_on,
        position=_position_named(request, payload.position) if payload.position else None,
        ends=_ends(request, person, payload.ends), holding_kind=payload.holding_kind,
        dossier_received_on=payload.dossier_received_on, ends_on=payload.ends_on, internal=payload.internal,
        steps=[StepIn(kind=s.kind, held_on=s.held_on, convened=s.convened, present=s.present, votes_for=s.votes_for) for s in payload.steps],
        votes_convened=payload.votes_convened, votes_present=payload.votes_present, votes_for=payload.votes_for,
        note=payload.note, dry_run=payload.dry_run)
    body = {"applied": outcome.applied, "event": _event(outcome.event) if outcome.event else None, "changes": outcome.changes,
            "errors": [{"field": e.field, "reason": e.reason, "code": e.code} for e in outcome.errors],
            "roles_to_end": outcome.roles_to_end, "roles_to_give": outcome.roles_to_give}
    return Status(201 if outcome.applied else 200, body)


class EventFilters(Schema):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kind: EventKind | None = None


@events_router.get("", response=list[PersonnelEventOut], summary="The events of the people whose records you may open, in a period")
@paginate
def events_list(request: HttpRequest, filters: Query[EventFilters]):
    return [_event(e) for e in selectors.events_list(user=request.user, date_from=filters.date_from, date_to=filters.date_to,
                                                     kind=filters.kind)[:5000]]


# Vacancies, staffing, the planning pool, the read log

class StaffingOut(Schema):
    unit: str
    unit_name: str
    year: int
    quota: int | None
    headcount: int
    counted: bool = Field(description="true: counted from the holdings kept in Mandate; false: entered by the organization committee")
    protected: int
    surplus: int
    merged_on: dt.date | None
    baseline: int | None
    target: int | None
    path: list[tuple[int, int]]


def _staffing(row: selectors.Staffing) -> dict:
    return {"unit": row.unit.code, "unit_name": row.unit.name, "year": row.year, "quota": row.quota, "headcount": row.headcount,
            "counted": row.counted, "protected": row.protected, "surplus": row.surplus, "merged_on": row.merged_on,
            "baseline": row.baseline, "target": row.target, "path": row.path}


class StaffingReportOut(Schema):
    rows: list[StaffingOut]
    total: StaffingOut


class StaffingFilters(Schema):
    unit: str
    year: int = Field(ge=1945, le=2200)
    as_of: AsOfDate | None = None


class VacanciesIn(Schema):
    unit: str
    as_of: AsOfDate | None = None


class UnitVacanciesOut(Schema):
    unit: str | None
    unit_name: str | None
    posts: int = Field(description="posts with a seat not officially held")
    empty_seats: int = Field(description="seats nobody holds")
    acting_seats: int = Field(description="seats held only by an acting cadre")
    vacant_seats: int = Field(description="seats not officially held: empty_seats + acting_seats (seats, not posts)")


class VacanciesOut(Schema):
    as_of: dt.date
    units: list[UnitVacanciesOut]
    total: UnitVacanciesOut


def _vacancies(row) -> dict:
    return {"unit": row.unit.code if row.unit else None, "unit_name": row.unit.name if row.unit else None,
            "posts": row.posts, "empty_seats": row.empty_seats, "acting_seats": row.acting_seats, "vacant_seats": row.vacant_seats}


@router.get("/vacancies", response=VacanciesOut,
            summary="Empty and acting-only seats per unit of a subtree and rolled up (the sums of /positions?vacant=true)")
def vacancies(request: HttpRequest, filters: Query[VacanciesIn]):
    as_of = filters.as_of or clock.today()
    rows, total = selectors.vacancies_by_unit(user=request.user, unit=unit_named(filters.unit, "unit"), as_of=as_of)
    return {"as_of": as_of, "units": [_vacancies(r) for r in rows], "total": _vacancies(total)}


@router.get("/staffing", response=StaffingReportOut, summary="Headcount against quota per unit of a subtree and rolled up")
def staffing(request: HttpRequest, filters: Query[StaffingFilters]):
    root, year, as_of = unit_get(code=filters.unit), filters.year, filters.as_of
    if not can_read_cadre_figures(request.user, root):
        raise PermissionDenied()
    rows, total = selectors.staffing_rollup(unit=root, year=year, as_of=as_of or clock.today())
    return {"rows": [_staffing(r) for r in rows], "total": _staffing(total)}


class QuotaIn(Schema):
    unit: str
    year: int = Field(ge=1945, le=2200)
    quota: int | None = Field(None, ge=0, le=1_000_000)
    headcount: int | None = Field(None, ge=0, le=1_000_000)
    protected: int = Field(0, ge=0, le=1_000_000)


@router.post("/staffing", response=StaffingOut, summary="Set a unit's quota and/or headcount for a year")
def staffing_set(request: HttpRequest, payload: QuotaIn):
    unit = unit_named(payload.unit, "unit")
    services.staffing_set(actor=request.user, unit=unit, year=payload.year, quota=payload.quota, headcount=payload.headcount,
                          protected=payload.protected)
    return _staffing(selectors.staffing_of(unit=unit, year=payload.year, as_of=clock.today()))


class PoolPersonOut(Schema):
    person: int
    name: str


class PoolRowOut(Schema):
    position: int
    title: str
    unit: str
    people: list[PoolPersonOut]


class PoolOut(Schema):
    term: str
    people: int
    women: int
    young: int
    women_share: float
    young_share: float
    women_target: float
    young_target: float
    women_met: bool
    young_met: bool
    rows: list[PoolRowOut]


@router.get("/planning", response=PoolOut, summary="The planning pool of a committee's term, with its shares of women and young cadres")
def planning(request: HttpRequest, unit: str, as_of: AsOfDate | None = None):
    committee = unit_get(code=unit)
    day = as_of or clock.today()
    term = Term.objects.filter(unit=committee, starts_on__lte=day).exclude(ends_on__lte=day).order_by("-starts_on").first()
    if term is None:
        raise invalid("unit", _("has no term on %(date)s") % {"date": day.isoformat()}, "no_term")
    if not can_read_cadre_figures(request.user, committee):
        raise PermissionDenied()
    pool = selectors.planning_pool(term=term, as_of=day)
    return {"term": term.name, "people": pool.people, "women": pool.women, "young": pool.young,
            "women_share": float(pool.women_share), "young_share": float(pool.young_share),
            "women_target": float(selectors.WOMEN_TARGET), "young_target": float(selectors.YOUNG_TARGET),
            "women_met": pool.women_met, "young_met": pool.young_met,
            "rows": [{"position": r.position.pk, "title": r.position.title, "unit": r.position.unit.code,
                      "people": [{"person": p.pk, "name": p.full_name} for p in r.people]} for r in pool.rows]}


class PlanningIn(Schema):
    person: RowId
    position: RowId
    added_on: dt.date
    document_id: RowId | None = None


@router.post("/planning", response={201: PlanningOut}, summary="Put a person into the planning pool of a post for its committee's term")
def planning_add(request: HttpRequest, payload: PlanningIn):
    person = selectors.person_get(user=request.user, person_id=payload.person)
    position = _position_named(request, payload.position)
    term = services.term_of(position, payload.added_on)
    entry = services.planning_add(actor=request.user, person=person, position=position, term=term, added_on=payload.added_on,
                                  document=selectors.decision_get(user=request.user, document_id=payload.document_id) if payload.document_id else None)
    return Status(201, {"id": entry.pk, "position": position.pk, "title": position.title, "term": term.name,
                        "added_on": entry.added_on, "removed_on": entry.removed_on})


class OpeningOut(Schema):
    at: dt.datetime
    viewer: str | None
    person: int
    person_name: str
    channel: str


@router.get("/record-openings", response=list[OpeningOut], summary="Who opened whose record, and when (administrators)")
@paginate
def record_openings(request: HttpRequest, person: RowId | None = None):
    if not can_read_record_log(request.user):
        raise PermissionDenied()
    openings = selectors.record_openings(person_id=person)
    return [{"at": o.at, "viewer": o.viewer.username if o.viewer_id else None, "person": o.person_id,
             "person_name": o.person.full_name, "channel": o.channel} for o in openings[:5000]]
