"""Every write on meetings: the meeting, its delegates and groups, agenda and drafts, opinions, responses,
closing the floor and issuing the conclusion with its tasks (through the register's and the tasks' services)."""
import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.limits import integer_range, overlong_errors
from mandate.core.errors import Conflict, DomainError, FieldError, invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.preconditions import version_checked
from mandate.core.text import nfc, searchable
from mandate.documents.models import Document
from mandate.documents.services import numbering_owner
from mandate.meetings import clauses as clause_parser
from mandate.meetings.models import (
    AgendaItem, Attendance, Delegate, DelegateRole, Disposition, DiscussionGroup, Draft, DraftClause, DraftVersion,
    Meeting, MeetingState, Opinion, OpinionKind,
)
from mandate.meetings.permissions import can_give_opinion, can_manage_meeting
from mandate.orgs.models import Term, Unit
from mandate.tasks.issue import DocumentHeader, Issued, ReferenceSpec, TaskSpec, document_issue

CONCLUSION_TYPES = ("TB", "KL")  # a conclusion notice (Thông báo kết luận) or a conclusion (Kết luận)
EXPLANATION_NEEDED = (Disposition.EXPLAINED, Disposition.NOT_ACCEPTED)


def _manage(actor, meeting: Meeting) -> None:
    require(can_manage_meeting(actor, meeting.body), _("You may not manage meetings of %(body)s.") % {"body": meeting.body.name})


def _choice(value: str, choices, field_name: str) -> str:
    if value not in choices.values:
        raise invalid(field_name, _("'%(name)s' is not one of %(names)s") % {"name": value, "names": ", ".join(choices.values)}, "choice")
    return value


def meeting_snapshot(meeting: Meeting) -> dict:
    return {"title": meeting.title, "body": meeting.body.code, "number": meeting.number, "extended": meeting.extended,
            "starts_on": meeting.starts_on, "ends_on": meeting.ends_on, "place": meeting.place, "state": meeting.state,
            "term": meeting.term.name if meeting.term else None,
            "conclusion": meeting.conclusion.number_text if meeting.conclusion else None}


def meeting_create(*, actor, body: Unit, title: str, starts_on: dt.date, ends_on: dt.date | None = None, place: str = "",
                   number: int | None = None, extended: bool = False) -> Meeting:
    """Open a meeting of `body`; it takes opinions until the secretariat closes the floor."""
    require(can_manage_meeting(actor, body), _("You may not manage meetings of %(body)s.") % {"body": body.name})
    title, place = nfc(title or "").strip(), nfc(place or "").strip()
    ends_on = ends_on or starts_on
    errors = overlong_errors(Meeting, title=title, place=place)
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    if not body.is_valid_on(starts_on):
        errors.append(FieldError("body", _("%(unit)s did not exist on %(date)s") % {"unit": body.name, "date": date_format(starts_on, "SHORT_DATE_FORMAT")},
                                 "closed"))
    if ends_on < starts_on:
        errors.append(FieldError("ends_on", _("%(date)s is before the first day %(first)s")
                                 % {"date": date_format(ends_on, "SHORT_DATE_FORMAT"), "first": date_format(starts_on, "SHORT_DATE_FORMAT")}))
    if number is not None and not 1 <= number <= integer_range(Meeting, "number")[1]:
        errors.append(FieldError("number", _("must be from 1 to %(most)s") % {"most": integer_range(Meeting, "number")[1]}))
    if errors:
        raise DomainError(_("The meeting cannot be created."), errors)
    term = _term_of(body, starts_on)
    taken = DomainError(_("The meeting cannot be created."), [FieldError("number", _(
        "%(body)s already has a meeting number %(number)s in this term") % {"body": body.name, "number": number},
        "duplicate")])
    with transaction.atomic():
        with refuse_duplicate(Meeting, "meeting_number_once_per_term", taken), \
                refuse_duplicate(Meeting, "meeting_number_once_without_term", taken):
            meeting = Meeting.objects.create(body=body, title=title, search_title=searchable(title), starts_on=starts_on,
                                             ends_on=ends_on, place=place, number=number, extended=extended,
                                             term=term, created_by=actor, created_at=clock.now())
        audit_record(actor=actor, action="meeting.create", obj=meeting, after=meeting_snapshot(meeting))
    return meeting


def _term_of(body: Unit, day: dt.date) -> Term | None:
    """The term the body sits in on `day`: its own, or its party committee's (an Executive Committee's is the
    committee's term)."""
    owner = numbering_owner(body, on=day)
    return (Term.objects.filter(unit__in=[body, owner], starts_on__lte=day).exclude(ends_on__lte=day)
            .order_by("-starts_on").first())


# Delegates and groups

def _delegate_snapshot(delegate: Delegate) -> dict:
    return {"meeting": delegate.meeting_id, "user": delegate.user.username if delegate.user else None, "name": delegate.name,
            "position": delegate.position, "unit": delegate.unit.code if delegate.unit else None, "role": delegate.role,
            "group": delegate.group.number if delegate.group else None, "attendance": delegate.attendance,
            "attendance_note": delegate.attendance_note}


def _own(meeting: Meeting, obj, field_name: str) -> None:
    if obj is not None and obj.meeting_id != meeting.pk:
        raise invalid(field_name, _("belongs to another meeting"), "other_meeting")


def delegate_add(*, actor, meeting: Meeting, user=None, name: str = "", position: str = "", unit: Unit | None = None,
                 role: str = DelegateRole.DELEGATE, group: DiscussionGroup | None = None) -> Delegate:
    """A person at the meeting: a user of the system (who can then give opinions), or an invited guest by name."""
    _manage(actor, meeting)
    _choice(role, DelegateRole, "role")
    _own(meeting, group, "group")
    name = nfc(name or "").strip() or (user.full_name or user.username if user else "")
    position = nfc(position or "").strip() or (user.position if user else "")
    if not name:
        raise invalid("name", _("is required for a guest who is not a user of the system"), "required")
    overlong = overlong_errors(Delegate, name=name, position=position)
    if overlong:
        raise DomainError(_("The delegate cannot be added."), overlong)
    taken = Conflict(_("%(name)s is already a delegate of this meeting.") % {"name": name},
                     [FieldError("user", _("%(name)s is already a delegate") % {"name": user.username}, "unique")] if user else [])
    with transaction.atomic():
        # delegate_user_once_per_meeting decides, also between two requests at once (no SELECT first).
        with refuse_duplicate(Delegate, "delegate_user_once_per_meeting", taken):
            delegate = Delegate.objects.create(meeting=meeting, user=user, name=name, position=position, unit=unit,
                                               role=role, group=group)
        audit_record(actor=actor, action="meeting.delegate_add", obj=delegate, after=_delegate_snapshot(delegate))
    return delegate


def group_create(*, actor, meeting: Meeting, name: str = "", number: int | None = None, place: str = "",
                 leader: Delegate | None = None, secretary: Delegate | None = None,
                 members: list[Delegate] | tuple = ()) -> DiscussionGroup:
    """A discussion group (tổ thảo luận) with its leader, its secretary and its members."""
    _manage(actor, meeting)
    for field_name, delegate in [("leader", leader), ("secretary", secretary),
                                 *((f"members.{i}", d) for i, d in enumerate(members))]:
        _own(meeting, delegate, field_name)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        if number is None:
            number = (meeting.groups.aggregate(last=Max("number"))["last"] or 0) + 1
        elif not 1 <= number <= integer_range(DiscussionGroup, "number")[1]:
            raise invalid("number", _("must be from 1 to %(most)s") % {"most": integer_range(DiscussionGroup, "number")[1]})
        elif meeting.groups.filter(number=number).exists():
            raise Conflict(_("Group %(number)s already exists.") % {"number": number},
                           [FieldError("number", _("group %(number)s exists") % {"number": number}, "unique")])
        group = DiscussionGroup.objects.create(meeting=meeting, number=number, name=nfc(name or "").strip() or f"Tổ {number}",
                                               place=nfc(place or "").strip(), leader=leader, secretary=secretary)
        placed = {d.pk: d for d in (*members, leader, secretary) if d is not None}
        for index, delegate in enumerate(placed.values()):
            _place(actor, delegate, group, field_name=f"members.{index}")
        audit_record(actor=actor, action="meeting.group_create", obj=group,
                     after={"meeting": meeting.pk, "number": number, "name": group.name, "place": group.place,
                            "leader": leader.pk if leader else None, "secretary": secretary.pk if secretary else None,
                            "members": sorted(placed)})
    return group


def _place(actor, delegate: Delegate, group: DiscussionGroup | None, *, field_name: str = "group",
           expected_version: int | None = None) -> Delegate:
    delegate = _locked(delegate)
    before = _delegate_snapshot(delegate)
    version = version_checked(delegate, expected_version)
    if group is not None and delegate.group_id not in (None, group.pk):
        previous = delegate.group
        if previous.secretary_id == delegate.pk:
            raise invalid(field_name, _("%(name)s is the secretary of %(group)s; name another secretary first")
                          % {"name": delegate.name, "group": previous.name})
    delegate.group, delegate.version = group, version
    delegate.save(update_fields=["group", "version"])
    audit_record(actor=actor, action="meeting.delegate_place", obj=delegate, before=before, after=_delegate_snapshot(delegate))
    return delegate


def _locked(delegate: Delegate) -> Delegate:
    """The delegate's row read again under lock: its version is the one an edit is checked against."""
    return Delegate.objects.select_for_update(of=("self",)).select_related("meeting", "group").get(pk=delegate.pk)


def delegate_place(*, actor, delegate: Delegate, group: DiscussionGroup | None,
                   expected_version: int | None = None) -> Delegate:
    """Put a delegate in a discussion group (or in none); a stale `expected_version` is a 409."""
    _manage(actor, delegate.meeting)
    _own(delegate.meeting, group, "group")
    with transaction.atomic():
        return _place(actor, delegate, group, expected_version=expected_version)


def attendance_record(*, actor, delegate: Delegate, attendance: str, note: str = "",
                      expected_version: int | None = None) -> Delegate:
    """Whether a delegate is present (with a note); a stale `expected_version` is a 409."""
    _manage(actor, delegate.meeting)
    _choice(attendance, Attendance, "attendance")
    with transaction.atomic():
        return _attend(actor, _locked(delegate), attendance, note, expected_version)


def _attend(actor, delegate: Delegate, attendance: str, note: str, expected_version: int | None) -> Delegate:
    before = _delegate_snapshot(delegate)
    delegate.version = version_checked(delegate, expected_version)
    delegate.attendance, delegate.attendance_note = attendance, nfc(note or "").strip()
    delegate.save(update_fields=["attendance", "attendance_note", "version"])
    audit_record(actor=actor, action="meeting.attendance", obj=delegate, before=before, after=_delegate_snapshot(delegate))
    return delegate


def delegate_update(*, actor, delegate: Delegate, attendance: str | None = None, note: str = "",
                    group: DiscussionGroup | None = None, place: bool = False,
                    expected_version: int | None = None) -> Delegate:
    """The row of the delegates' table in one transaction: the attendance (when given) and the group (when `place`),
    both against the version the row was read at."""
    _manage(actor, delegate.meeting)
    if attendance is not None:
        _choice(attendance, Attendance, "attendance")
    _own(delegate.meeting, group, "group")
    with transaction.atomic():
        delegate = _locked(delegate)
        version_checked(delegate, expected_version)
        if attendance is not None:
            delegate = _attend(actor, delegate, attendance, note, None)
        if place and group != delegate.group:
            delegate = _place(actor, delegate, group)
    return delegate


# Agenda and drafts

def agenda_item_add(*, actor, meeting: Meeting, title: str, presenter: str = "", draft_title: str = "", draft_text: str = "",
                    submission: Document | None = None) -> AgendaItem:
    """An item of the agenda; with `draft_text`, the draft the delegates give opinions on (its version 1)."""
    _manage(actor, meeting)
    title = nfc(title or "").strip()
    if not title:
        raise invalid("title", "is required", "required")
    overlong = overlong_errors(AgendaItem, title=title, presenter=nfc(presenter or ""))
    if overlong:
        raise DomainError(_("The agenda item cannot be added."), overlong)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, position=position, title=title, presenter=nfc(presenter or "").strip())
        audit_record(actor=actor, action="meeting.agenda_item_add", obj=item,
                     after={"meeting": meeting.pk, "position": position, "title": title, "presenter": item.presenter})
        if (draft_text or "").strip():
            draft = Draft.objects.create(item=item, title=nfc(draft_title or "").strip() or title, submission=submission)
            _version_create(actor, draft, text=draft_text, note="", taken_in=())
    return item


def draft_version_add(*, actor, draft: Draft, text: str, note: str = "", taken_in: list[Opinion] | tuple = ()) -> DraftVersion:
    """The next version of a draft, recording which opinions on the earlier versions it takes in."""
    _manage(actor, draft.item.meeting)
    with transaction.atomic():
        return _version_create(actor, Draft.objects.select_for_update().get(pk=draft.pk), text=text, note=note,
                               taken_in=taken_in)


def _version_create(actor, draft: Draft, *, text: str, note: str, taken_in) -> DraftVersion:
    text = nfc(text or "").replace("\r\n", "\n").strip()
    if not text:
        raise invalid("text", _("is required: the draft's text"), "required")
    errors = []
    # The opinions as they stand now, locked: a response given a moment ago counts, and none changes meanwhile.
    current = Opinion.objects.select_for_update().in_bulk([opinion.pk for opinion in taken_in])
    taken_in = [current[opinion.pk] for opinion in taken_in]
    # One query for every opinion's earlier versions, however many opinions the version takes in.
    taken_by: dict[int, list[int]] = {}
    for opinion_id, number in (DraftVersion.taken_in.through.objects.filter(opinion_id__in=current)
                               .values_list("opinion_id", "draftversion__number").order_by("draftversion__number")):
        taken_by.setdefault(opinion_id, []).append(number)
    for index, opinion in enumerate(taken_in):
        name = f"taken_in.{index}"
        if opinion.item_id != draft.item_id:
            errors.append(FieldError(name, _("opinion %(number)s is on another agenda item") % {"number": opinion.number}, "other_item"))
        elif opinion.disposition != Disposition.ACCEPTED:
            errors.append(FieldError(name, _("opinion %(number)s is not accepted; only accepted opinions are taken in")
                                     % {"number": opinion.number}, "not_accepted"))
        elif opinion.pk in taken_by:
            errors.append(FieldError(name, _("opinion %(number)s was taken in by version %(version)s")
                                     % {"number": opinion.number, "version": taken_by[opinion.pk][0]}, "taken"))
    if errors:
        raise DomainError(_("The new version cannot be recorded."), errors)
    number = (draft.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DraftVersion.objects.create(draft=draft, number=number, text=text, note=nfc(note or "").strip(),
                                          created_by=actor, created_at=clock.now())
    DraftClause.objects.bulk_create([
        DraftClause(version=version, position=position, key=clause.key, label=clause.label, heading=clause.heading[:500],
                    level=clause.level, start=clause.start, end=clause.end)
        for position, clause in enumerate(clause_parser.parse(text))])
    version.taken_in.set(taken_in)
    audit_record(actor=actor, action="meeting.draft_version", obj=version,
                 after={"draft": draft.pk, "number": number, "note": version.note, "clauses": version.clauses.count(),
                        "taken_in": sorted(o.number for o in taken_in), "text_length": len(text)})
    return version


def current_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.order_by("-number").first()


# Opinions and responses

def opinion_snapshot(opinion: Opinion) -> dict:
    return {"meeting": opinion.meeting_id, "number": opinion.number, "item": opinion.item_id,
            "version": opinion.version.number if opinion.version else None,
            "clause": opinion.clause.key if opinion.clause else None, "quote": opinion.quote, "kind": opinion.kind,
            "text": opinion.text, "proposal": opinion.proposal, "delegate": opinion.delegate_id, "group": opinion.group_id,
            "disposition": opinion.disposition, "explanation": opinion.explanation, "responder": opinion.responder}


def opinion_give(*, actor, meeting: Meeting, item: AgendaItem, kind: str, text: str = "", clause: DraftClause | None = None,
                 quote: str = "", proposal: str = "", delegate: Delegate | None = None,
                 group: DiscussionGroup | None = None) -> Opinion:
    """An opinion on an agenda item, anchored to a clause of its current draft (and to a quote in it) where given.

    With neither `delegate` nor `group`, the opinion is the actor's own, as a delegate of the meeting.
    """
    text, proposal, quote = nfc(text or "").strip(), nfc(proposal or "").strip(), nfc(quote or "").strip()
    errors = []
    if kind not in OpinionKind.values:
        errors.append(FieldError("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(OpinionKind.values)}, "choice"))
    if not text and kind != OpinionKind.AGREE:
        errors.append(FieldError("text", _("is required: what the delegate says"), "required"))
    if item.meeting_id != meeting.pk:
        errors.append(FieldError("item", _("belongs to another meeting"), "other_meeting"))
    for field_name, obj in (("delegate", delegate), ("group", group)):
        if obj is not None and obj.meeting_id != meeting.pk:
            errors.append(FieldError(field_name, _("belongs to another meeting"), "other_meeting"))
    if delegate is None and group is None:
        delegate = Delegate.objects.filter(meeting=meeting, user=actor).first() if actor is not None else None
        if delegate is None:
            errors.append(FieldError("delegate", _("is required: you are not a delegate of this meeting; name the delegate "
                                                   "or the group whose opinion this is"), "required"))
    if delegate is not None and group is not None and delegate.group_id != group.pk:
        errors.append(FieldError("delegate", _("%(name)s is not in %(group)s") % {"name": delegate.name, "group": group.name}, "other_group"))
    version, quote_start = None, None
    if clause is not None:
        version = clause.version
        draft = Draft.objects.filter(item=item).first()
        latest = current_version(draft) if draft is not None else None
        if draft is None or version.draft_id != draft.pk:
            errors.append(FieldError("clause", _("is not a clause of this item's draft"), "other_draft"))
        elif latest.pk != version.pk:
            errors.append(FieldError("clause", _("belongs to version %(version)s; the current version is %(current)s")
                                     % {"version": version.number, "current": latest.number},
                                     "old_version"))
        elif quote:
            found = clause_parser.find_quote(clause.text, quote)
            if found is None:
                errors.append(FieldError("quote", _("is not in %(clause)s of version %(version)s") % {"clause": clause.label, "version": version.number},
                                         "not_in_clause"))
            else:
                quote_start = clause.start + found
    elif quote:
        errors.append(FieldError("clause", _("is required with a quote: the clause the words are in"), "required"))
    if errors:
        raise DomainError(_("The opinion cannot be recorded."), errors)
    require(can_give_opinion(actor, meeting, delegate=delegate, group=group),
            _("You may give only your own opinions, or your group's as its secretary."))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.state != MeetingState.OPEN:
            raise Conflict(_("The meeting no longer takes opinions."),
                           [FieldError("meeting", _("is %(state)s") % {"state": locked.get_state_display()}, "closed")])
        number = (locked.opinions.aggregate(last=Max("number"))["last"] or 0) + 1
        opinion = Opinion.objects.create(
            meeting=meeting, number=number, item=item, version=version, clause=clause, quote=quote, quote_start=quote_start,
            kind=kind, text=text or "Nhất trí.", proposal=proposal, delegate=delegate, group=group, recorded_by=actor,
            recorded_at=clock.now())
        audit_record(actor=actor, action="meeting.opinion_give", obj=opinion, after=opinion_snapshot(opinion))
    return opinion


def opinion_respond(*, actor, opinion: Opinion, disposition: str, explanation: str = "", responder: str = "",
                    expected_version: int | None = None) -> Opinion:
    """The response to an opinion (tiếp thu, giải trình): accepted, explained or not accepted, and who gave it."""
    _manage(actor, opinion.meeting)
    explanation, responder = nfc(explanation or "").strip(), nfc(responder or "").strip()
    errors = []
    if disposition not in Disposition.values:
        errors.append(FieldError("disposition", _("'%(name)s' is not one of %(names)s") % {"name": disposition, "names": ", ".join(Disposition.values)},
                                 "choice"))
    elif disposition in EXPLANATION_NEEDED and not explanation:
        errors.append(FieldError("explanation", _("is required when an opinion is explained or not accepted"), "required"))
    if errors:
        raise DomainError(_("The response cannot be recorded."), errors)
    with transaction.atomic():
        opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
        revision = version_checked(opinion, expected_version, field="revision")
        taken = opinion.taken_into.order_by("number").first()
        if taken is not None and disposition != Disposition.ACCEPTED:
            raise Conflict(_("Version %(version)s of the draft took this opinion in; it stays accepted.") % {"version": taken.number},
                           [FieldError("disposition", _("taken in by version %(version)s") % {"version": taken.number}, "taken")])
        before = opinion_snapshot(opinion)
        if actor is not None and not responder:
            responder = ", ".join(part for part in (actor.full_name or actor.username, actor.position) if part)
        opinion.disposition, opinion.explanation, opinion.responder = disposition, explanation, responder
        opinion.responded_by, opinion.responded_at, opinion.revision = actor, clock.now(), revision
        opinion.save(update_fields=["disposition", "explanation", "responder", "responded_by", "responded_at", "revision"])
        audit_record(actor=actor, action="meeting.opinion_respond", obj=opinion, before=before, after=opinion_snapshot(opinion))
    return opinion


# Closing and concluding

def meeting_close(*, actor, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    """Close the floor: no more opinions; responses and the conclusion go on."""
    _manage(actor, meeting)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        version = version_checked(meeting, expected_version)
        if meeting.state != MeetingState.OPEN:
            raise Conflict(_("The meeting is already %(state)s.") % {"state": meeting.get_state_display()},
                           [FieldError("state", meeting.state, "state")])
        before = meeting_snapshot(meeting)
        meeting.state, meeting.version = MeetingState.CLOSED, version
        meeting.save(update_fields=["state", "version"])
        audit_record(actor=actor, action="meeting.close", obj=meeting, before=before, after=meeting_snapshot(meeting))
    return meeting


def meeting_conclude(*, actor, meeting: Meeting, header: DocumentHeader, references: list[ReferenceSpec] | tuple = (),
                     tasks: list[TaskSpec] | tuple = (), text: str = "") -> Issued:
    """Issue the meeting's conclusion notice with its tasks: the register's numbering and the six clears apply,
    all in one transaction with the meeting's closing."""
    _manage(actor, meeting)
    errors = []
    if header.type.upper() not in CONCLUSION_TYPES:
        errors.append(FieldError("document.type", _("a conclusion is a %(types)s, not '%(type)s'")
                                 % {"types": " / ".join(CONCLUSION_TYPES), "type": header.type}))
    if header.issued_on is not None and header.issued_on < meeting.starts_on:
        errors.append(FieldError("document.issued_on", _("is before the meeting began (%(date)s)")
                                 % {"date": date_format(meeting.starts_on, "SHORT_DATE_FORMAT")}))
    if errors:
        raise DomainError(_("The conclusion cannot be issued: nothing was saved."), errors)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.conclusion_id is not None:
            raise Conflict(_("The meeting's conclusion is already issued as %(number)s.") % {"number": locked.conclusion.number_text},
                           [FieldError("meeting", _("is concluded"), "concluded")])
        before = meeting_snapshot(locked)
        confirmed = document_issue(actor=actor, header=header, references=references, tasks=tasks, text=text,
                                   refusal=_("The conclusion cannot be issued: nothing was saved."))
        locked.conclusion, locked.state, locked.version = confirmed.document, MeetingState.CONCLUDED, locked.version + 1
        locked.save(update_fields=["conclusion", "state", "version"])
        audit_record(actor=actor, action="meeting.conclude", obj=locked, before=before,
                     after={**meeting_snapshot(locked), "tasks": [task.pk for task in confirmed.tasks]})
    meeting.conclusion, meeting.state, meeting.version = locked.conclusion, locked.state, locked.version
    return confirmed
