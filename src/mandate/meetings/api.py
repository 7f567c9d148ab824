"""/api/v1/meetings: meetings, delegates, groups, agenda and drafts, opinions, responses, the table of responses,
closing the floor and the conclusion with its tasks."""
import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from mandate.accounts.selectors import user_named
from mandate.core import clock
from mandate.core.errors import invalid
from mandate.core.preconditions import VERSIONED, ExpectedVersionIn, expected_version
from mandate.documents.selectors import document_get
from mandate.meetings import exports, selectors, services
from mandate.meetings.models import Delegate, DiscussionGroup, Meeting
from mandate.orgs.schemas import UnitRef
from mandate.orgs.selectors import unit_named
from mandate.tasks.issue import DocumentHeader, ReferenceSpec, TaskSpec

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    title: str
    body: UnitRef
    number: int | None
    extended: bool
    starts_on: dt.date
    ends_on: dt.date
    place: str
    state: str
    version: int
    opinion_count: int
    conclusion_id: int | None
    conclusion_number: str | None

    @staticmethod
    def resolve_conclusion_id(meeting) -> int | None:
        return meeting.conclusion_id if getattr(meeting, "conclusion_known", False) else None

    @staticmethod
    def resolve_conclusion_number(meeting) -> str | None:
        return meeting.conclusion.number_text if meeting.conclusion_id and getattr(meeting, "conclusion_known", False) else None


class DelegateOut(Schema):
    id: int
    name: str
    position: str
    user: str | None
    unit: str | None
    role: str
    group: int | None
    attendance: str
    attendance_note: str
    version: int = Field(description="raised by every change of attendance or group; an edit sends it (If-Match)")

    @staticmethod
    def resolve_user(delegate) -> str | None:
        return delegate.user.username if delegate.user_id else None

    @staticmethod
    def resolve_unit(delegate) -> str | None:
        return delegate.unit.code if delegate.unit_id else None

    @staticmethod
    def resolve_group(delegate) -> int | None:
        return delegate.group.number if delegate.group_id else None


class GroupOut(Schema):
    id: int
    number: int
    name: str
    place: str
    leader_id: int | None
    secretary_id: int | None


class ClauseOut(Schema):
    id: int
    key: str
    label: str
    heading: str
    text: str


class VersionOut(Schema):
    id: int
    number: int
    note: str
    text: str
    clauses: list[ClauseOut]
    taken_in: list[int]

    @staticmethod
    def resolve_clauses(version) -> list:
        return list(version.clauses.all())

    @staticmethod
    def resolve_taken_in(version) -> list[int]:
        return sorted(opinion.number for opinion in version.taken_in.all())


class DraftOut(Schema):
    id: int
    title: str
    submission_id: int | None
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(draft) -> list:
        return list(draft.versions.all())


class ItemOut(Schema):
    id: int
    position: int
    title: str
    presenter: str
    opinion_count: int
    draft: DraftOut | None

    @staticmethod
    def resolve_draft(item):
        try:
            return item.draft
        except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: the item carries no draft
            return None


class MeetingDetailOut(MeetingOut):
    delegates: list[DelegateOut]
    groups: list[GroupOut]
    items: list[ItemOut]

    @staticmethod
    def resolve_delegates(meeting) -> list:
        return selectors.meeting_delegates(meeting=meeting)

    @staticmethod
    def resolve_groups(meeting) -> list:
        return selectors.meeting_groups(meeting=meeting)

    @staticmethod
    def resolve_items(meeting, context) -> list:
        return selectors.meeting_agenda(user=context["request"].user, meeting=meeting)


class OpinionOut(Schema):
    id: int
    number: int
    item_id: int
    version: int | None
    clause: str | None
    clause_label: str | None
    quote: str
    kind: str
    text: str
    proposal: str
    delegate_id: int | None
    group_id: int | None
    author: str
    disposition: str
    explanation: str
    responder: str
    responded_at: dt.datetime | None
    revision: int = Field(description="raised by every response; a response sends it as its version (If-Match)")
    taken_into: list[int]

    @staticmethod
    def resolve_version(opinion) -> int | None:
        return opinion.version.number if opinion.version_id else None

    @staticmethod
    def resolve_clause(opinion) -> str | None:
        return opinion.clause.key if opinion.clause_id else None

    @staticmethod
    def resolve_clause_label(opinion) -> str | None:
        return opinion.clause.label if opinion.clause_id else None

    @staticmethod
    def resolve_author(opinion) -> str:
        return opinion.author

    @staticmethod
    def resolve_taken_into(opinion) -> list[int]:
        return sorted(version.number for version in opinion.taken_into.all())


class SummaryOut(Schema):
    item_id: int
    title: str
    total: int
    by_kind: dict[str, int]
    by_group: dict[str, int]
    by_disposition: dict[str, int]
    waiting: int


class MeetingIn(Schema):
    body: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = ""
    number: int | None = None
    extended: bool = False


class DelegateIn(Schema):
    user: str | None = None
    name: str = ""
    position: str = ""
    unit: str | None = None
    role: str = "delegate"
    group: int | None = None


class GroupIn(Schema):
    name: str = ""
    number: int | None = None
    place: str = ""
    leader: int | None = None
    secretary: int | None = None
    members: list[int] = []


class PlaceIn(ExpectedVersionIn):
    group: int | None = None


class AttendanceIn(ExpectedVersionIn):
    attendance: str
    note: str = ""


class ItemIn(Schema):
    title: str
    presenter: str = ""
    draft_title: str = ""
    draft_text: str = ""
    submission_id: int | None = None


class VersionIn(Schema):
    text: str
    note: str = ""
    taken_in: list[int] = []


class OpinionIn(Schema):
    item: int
    kind: str
    text: str = ""
    clause: int | None = None
    quote: str = ""
    proposal: str = ""
    delegate: int | None = None
    group: int | None = None


class ResponseIn(Schema):
    disposition: str
    explanation: str = ""
    responder: str = ""
    version: int | None = Field(None, description="The opinion's revision this response changes (or send If-Match: "
                                                  "<revision>); required: 428 when missing, 409 when it was answered since.")


class ConclusionTaskIn(Schema):
    title: str = ""
    lead_unit: str | None = None
    leader: str | None = None
    product: str = ""
    coordinators: list[str] = []
    deadline: dt.date | None = None
    recurrence: str = ""
    description: str = ""


class ConclusionIn(Schema):
    issuing_unit: str | None = None
    type: str = "TB"
    number: str | None = None
    issued_on: dt.date | None = None
    title: str = ""
    signer: str = ""
    text: str = ""
    references: list[str] = []
    tasks: list[ConclusionTaskIn] = []


class ConclusionOut(Schema):
    document_id: int
    document_number: str
    task_ids: list[int]


class OpinionQuery(Schema):
    item: int | None = None
    group: int | None = None
    kind: str | None = None
    disposition: str | None = None


class MeetingQuery(Schema):
    q: str | None = None
    body: str | None = None
    state: str | None = None


def _meeting(request, meeting_id: int) -> Meeting:
    return selectors.meeting_get(user=request.user, meeting_id=meeting_id)


def _delegate(meeting: Meeting, pk: int | None, field_name: str) -> Delegate | None:
    return selectors.delegate_picked(meeting=meeting, pk=pk, field_name=field_name)


def _group_by_number(meeting: Meeting, number: int | None, field_name: str) -> DiscussionGroup | None:
    return selectors.group_numbered(meeting=meeting, number=number, field_name=field_name)


@router.get("", response=list[MeetingOut], summary="Meetings you may see, newest first, with their opinion counts")
@paginate
def list_meetings(request: HttpRequest, query: Query[MeetingQuery]):
    body = unit_named(query.body, "body")
    return selectors.meetings_list(user=request.user, q=query.q, body_id=body.pk if body else None, state=query.state)


@router.post("", response={201: MeetingDetailOut}, summary="Open a meeting of a body")
def create_meeting(request: HttpRequest, payload: MeetingIn):
    body = unit_named(payload.body, "body")
    if body is None:
        raise invalid("body", "is required", "required")
    meeting = services.meeting_create(actor=request.user, body=body, title=payload.title, starts_on=payload.starts_on,
                                      ends_on=payload.ends_on, place=payload.place, number=payload.number,
                                      extended=payload.extended)
    return Status(201, _meeting(request, meeting.pk))


@router.get("/{int:meeting_id}", response=MeetingDetailOut, summary="One meeting: delegates, groups, agenda and drafts")
def meeting_detail(request: HttpRequest, meeting_id: int):
    return _meeting(request, meeting_id)


@router.post("/{int:meeting_id}/delegates", response={201: DelegateOut}, summary="Add a delegate or an invited guest")
def add_delegate(request: HttpRequest, meeting_id: int, payload: DelegateIn):
    meeting = _meeting(request, meeting_id)
    delegate = services.delegate_add(actor=request.user, meeting=meeting, user=user_named(payload.user, "user"),
                                     name=payload.name, position=payload.position, unit=unit_named(payload.unit, "unit"),
                                     role=payload.role, group=_group_by_number(meeting, payload.group, "group"))
    return Status(201, delegate)


@router.post("/{int:meeting_id}/delegates/{int:delegate_id}/group", response={200: DelegateOut, **VERSIONED},
             summary="Put a delegate in a discussion group (by its number), or in none")
def place_delegate(request: HttpRequest, meeting_id: int, delegate_id: int, payload: PlaceIn):
    meeting = _meeting(request, meeting_id)
    delegate = _delegate(meeting, delegate_id, "delegate")
    return services.delegate_place(actor=request.user, delegate=delegate, group=_group_by_number(meeting, payload.group, "group"),
                                   expected_version=expected_version(request, payload.version))


@router.post("/{int:meeting_id}/delegates/{int:delegate_id}/attendance", response={200: DelegateOut, **VERSIONED},
             summary="Record whether a delegate is present")
def record_attendance(request: HttpRequest, meeting_id: int, delegate_id: int, payload: AttendanceIn):
    meeting = _meeting(request, meeting_id)
    delegate = _delegate(meeting, delegate_id, "delegate")
    return services.attendance_record(actor=request.user, delegate=delegate, attendance=payload.attendance,
                                      note=payload.note, expected_version=expected_version(request, payload.version))


@router.post("/{int:meeting_id}/groups", response={201: GroupOut}, summary="A discussion group with its secretary")
def create_group(request: HttpRequest, meeting_id: int, payload: GroupIn):
    meeting = _meeting(request, meeting_id)
    group = services.group_create(
        actor=request.user, meeting=meeting, name=payload.name, number=payload.number, place=payload.place,
        leader=_delegate(meeting, payload.leader, "leader"),
        secretary=_delegate(meeting, payload.secretary, "secretary"),
        members=[_delegate(meeting, pk, f"members.{i}") for i, pk in enumerate(payload.members)])
    return Status(201, group)


@router.post("/{int:meeting_id}/items", response={201: ItemOut}, summary="An agenda item, with its draft when given")
def add_item(request: HttpRequest, meeting_id: int, payload: ItemIn):
    meeting = _meeting(request, meeting_id)
    submission = document_get(user=request.user, document_id=payload.submission_id) if payload.submission_id else None
    item = services.agenda_item_add(actor=request.user, meeting=meeting, title=payload.title, presenter=payload.presenter,
                                    draft_title=payload.draft_title, draft_text=payload.draft_text, submission=submission)
    return Status(201, selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item.pk))


@router.post("/{int:meeting_id}/items/{int:item_id}/versions", response={201: VersionOut},
             summary="The next version of an item's draft, naming the opinions (by number) it takes in")
def add_version(request: HttpRequest, meeting_id: int, item_id: int, payload: VersionIn):
    meeting = _meeting(request, meeting_id)
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    if item.current_version is None:
        raise invalid("item", "carries no draft", "no_draft")
    opinions = selectors.opinions_numbered(meeting=meeting, numbers=payload.taken_in)
    version = services.draft_version_add(actor=request.user, draft=item.draft, text=payload.text, note=payload.note,
                                         taken_in=opinions)
    return Status(201, version)


@router.get("/{int:meeting_id}/items/summary", response=list[SummaryOut],
            summary="Per item: how many opinions, of which kind, from which group, how many answered")
def item_summaries(request: HttpRequest, meeting_id: int):
    meeting = _meeting(request, meeting_id)
    return [SummaryOut(item_id=s.item.pk, title=s.item.title, total=s.total, by_kind=s.by_kind, by_group=s.by_group,
                       by_disposition=s.by_disposition, waiting=s.waiting)
            for s in selectors.item_summaries(meeting=meeting)]


@router.get("/{int:meeting_id}/opinions", response=list[OpinionOut], summary="Opinions in their order")
@paginate
def list_opinions(request: HttpRequest, meeting_id: int, query: Query[OpinionQuery]):
    meeting = _meeting(request, meeting_id)
    group = _group_by_number(meeting, query.group, "group")
    disposition = "" if query.disposition == "waiting" else query.disposition
    return selectors.opinions_list(meeting=meeting, item_id=query.item, group_id=group.pk if group else None,
                                   kind=query.kind, disposition=disposition)


@router.post("/{int:meeting_id}/opinions", response={201: OpinionOut},
             summary="Give an opinion (your own, or as secretary your group's), on a clause where it applies")
def give_opinion(request: HttpRequest, meeting_id: int, payload: OpinionIn):
    meeting = _meeting(request, meeting_id)
    item = selectors.item_picked(meeting=meeting, pk=payload.item)
    clause = selectors.clause_picked(meeting=meeting, pk=payload.clause)
    opinion = services.opinion_give(
        actor=request.user, meeting=meeting, item=item, kind=payload.kind, text=payload.text, clause=clause,
        quote=payload.quote, proposal=payload.proposal, delegate=_delegate(meeting, payload.delegate, "delegate"),
        group=_group_by_number(meeting, payload.group, "group"))
    return Status(201, selectors.opinion_get(meeting=meeting, opinion_id=opinion.pk))


@router.post("/{int:meeting_id}/opinions/{int:opinion_id}/response", response={200: OpinionOut, **VERSIONED},
             summary="Respond to an opinion: accepted, explained or not accepted")
def respond(request: HttpRequest, meeting_id: int, opinion_id: int, payload: ResponseIn):
    meeting = _meeting(request, meeting_id)
    opinion = selectors.opinion_get(meeting=meeting, opinion_id=opinion_id)
    services.opinion_respond(actor=request.user, opinion=opinion, disposition=payload.disposition,
                             explanation=payload.explanation, responder=payload.responder,
                             expected_version=expected_version(request, payload.version))
    return selectors.opinion_get(meeting=meeting, opinion_id=opinion_id)


@router.get("/{int:meeting_id}/responses.{fmt}", response={200: None},
            summary="The table of responses (tiếp thu, giải trình) as DOCX or XLSX")
def responses_export(request: HttpRequest, meeting_id: int, fmt: str, item: int | None = None):
    meeting = _meeting(request, meeting_id)
    return exports.responses_response(meeting=meeting, fmt=fmt, day=clock.today(), item_id=item)


@router.post("/{int:meeting_id}/close", response={200: MeetingOut, **VERSIONED}, summary="Close the floor: no more opinions")
def close_meeting(request: HttpRequest, meeting_id: int, payload: ExpectedVersionIn | None = None):
    services.meeting_close(actor=request.user, meeting=_meeting(request, meeting_id),
                           expected_version=expected_version(request, payload.version if payload else None))
    return _meeting(request, meeting_id)


@router.post("/{int:meeting_id}/conclusion", response={201: ConclusionOut},
             summary="Issue the conclusion notice with its tasks; refused unless every task is clear in six ways")
def conclude(request: HttpRequest, meeting_id: int, payload: ConclusionIn):
    meeting = _meeting(request, meeting_id)
    header = DocumentHeader(issuing_unit=payload.issuing_unit or meeting.body.code, type=payload.type,
                            issued_on=payload.issued_on or meeting.ends_on, title=payload.title,
                            number=payload.number, signer=payload.signer)
    confirmed = services.meeting_conclude(
        actor=request.user, meeting=meeting, header=header, text=payload.text,
        references=[ReferenceSpec(number=number) for number in payload.references],
        tasks=[TaskSpec(title=t.title, lead_unit=t.lead_unit, leader=t.leader, product=t.product,
                            coordinators=tuple(t.coordinators), deadline=t.deadline, recurrence=t.recurrence,
                            description=t.description) for t in payload.tasks])
    return Status(201, ConclusionOut(document_id=confirmed.document.pk, document_number=confirmed.document.number_text,
                                     task_ids=[task.pk for task in confirmed.tasks]))
