"""The seed conferences held through the meetings services: delegates, groups, drafts, opinions, responses,
the next version of a draft, closing the floor and the conclusion notice with its tasks.

The facts are plain data (`meetings_daklak`, `meetings_hanoi`); `meetings_build` plays them in the order a
secretariat would: open the meeting, seat the delegates, form the groups, put the agenda, record each opinion
by whoever would record it (the delegate, the group's secretary, or the secretariat for a guest), record the
responses, revise the drafts, close the floor and conclude. A conclusion's tasks then live their outcome
steps through the Writer, as the other seed tasks do.
"""
import datetime as dt
from dataclasses import dataclass

from mandate.demo.seeds import DocumentFact
from mandate.demo.users import People
from mandate.demo.writer import HISTORY_REASON, Writer
from mandate.tasks.issue import DocumentHeader, ReferenceSpec, TaskSpec
from mandate.meetings.models import (
    AgendaItem, Attendance, Delegate, DelegateRole, DiscussionGroup, DraftClause, Meeting, Opinion,
)
from mandate.meetings.services import (
    agenda_item_add, attendance_record, current_version, delegate_add, draft_version_add, group_create, meeting_close,
    meeting_conclude, meeting_create, opinion_give, opinion_respond,
)

# Invited guests and some officials are not named in the seeds; the demo gives them names, and says so.
DEMO_NAME = "họ tên minh họa"


@dataclass(frozen=True)
class DelegateFact:
    """`key` is how the groups and opinions name the delegate; `user` is a username, or "" for a guest by name."""

    key: str
    user: str = ""
    name: str = ""
    position: str = ""
    unit: str = ""
    role: str = DelegateRole.DELEGATE
    group: int | None = None
    attendance: str = Attendance.PRESENT
    note: str = ""


def guest(key: str, name: str, position: str, *, group: int | None, unit: str = "", role: str = DelegateRole.GUEST,
          attendance: str = Attendance.PRESENT, note: str = "") -> DelegateFact:
    """A person the seed does not name: the position says the name is the demo's."""
    return DelegateFact(key, name=name, position=f"{position} ({DEMO_NAME})", unit=unit, role=role, group=group,
                        attendance=attendance, note=note)


@dataclass(frozen=True)
class GroupFact:
    number: int
    name: str
    place: str
    leader: str  # delegate keys
    secretary: str


@dataclass(frozen=True)
class ItemFact:
    key: str
    title: str
    presenter: str
    draft_title: str = ""
    text: str = ""  # the draft's version 1; none for an item that only reports
    submission: str = ""  # the key of the seed document (a TTr) that brings the draft


@dataclass(frozen=True)
class ResponseFact:
    disposition: str
    explanation: str = ""
    responder: str = ""  # "name, position" of who gave the response
    by: str = ""  # the username who records it; the secretariat when empty


@dataclass(frozen=True)
class OpinionFact:
    """An opinion of delegate `by`, or of group `group` as a whole; on clause `clause` (a key of the current
    version) and the words `quote` in it where given."""

    key: str
    item: str
    kind: str
    text: str
    by: str = ""
    group: int | None = None
    clause: str = ""
    quote: str = ""
    proposal: str = ""
    response: ResponseFact | None = None


@dataclass(frozen=True)
class RevisionFact:
    """The next version of an item's draft: its text is the current one with `edits` (old, new) made, each old
    passage found exactly once, and it takes in the accepted opinions `taken_in`."""

    item: str
    note: str
    edits: tuple[tuple[str, str], ...]
    taken_in: tuple[str, ...]

    def apply(self, text: str) -> str:
        for old, new in self.edits:
            if text.count(old) != 1:
                raise ValueError(f"revision of {self.item!r}: {old[:60]!r} is found {text.count(old)} times, not once")
            text = text.replace(old, new)
        return text


@dataclass(frozen=True)
class MeetingFact:
    key: str
    body: str
    number: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    source: str
    secretariat: str  # the username who runs the meeting: seats delegates, records responses, revises drafts
    extended: bool = False
    delegates: tuple[DelegateFact, ...] = ()
    groups: tuple[GroupFact, ...] = ()
    items: tuple[ItemFact, ...] = ()
    opinions: tuple[OpinionFact, ...] = ()
    revisions: tuple[RevisionFact, ...] = ()
    close: bool = True
    conclusion: DocumentFact | None = None


@dataclass
class Held:
    """What the meetings left: how many meetings, opinions, and tasks their conclusions gave."""

    meetings: int = 0
    opinions: int = 0
    tasks: int = 0


def meetings_build(*, people: People, writer: Writer, facts: tuple[MeetingFact, ...] | list[MeetingFact]) -> Held:
    """Hold each meeting of `facts` through the meetings services; the conclusions' tasks then live their steps."""
    held = Held()
    for fact in facts:
        _MeetingPlayer(fact, people=people, writer=writer).play(held)
    return held


class _MeetingPlayer:
    def __init__(self, fact: MeetingFact, *, people: People, writer: Writer):
        self.fact, self.people, self.writer = fact, people, writer
        self.secretariat = people[fact.secretariat]
        self.delegates: dict[str, Delegate] = {}
        self.groups: dict[int, DiscussionGroup] = {}
        self.items: dict[str, AgendaItem] = {}
        self.opinions: dict[str, Opinion] = {}

    def play(self, held: Held) -> Meeting:
        fact, story = self.fact, self.writer.story
        with story.at(fact.starts_on, hour=8):
            meeting = meeting_create(actor=self.secretariat, body=self.writer.unit(fact.body), title=fact.title,
                                     starts_on=fact.starts_on, ends_on=fact.ends_on, place=fact.place,
                                     number=fact.number, extended=fact.extended)
            self._seat(meeting)
            for item in fact.items:
                self.items[item.key] = agenda_item_add(
                    actor=self.secretariat, meeting=meeting, title=item.title, presenter=item.presenter,
                    draft_title=item.draft_title, draft_text=item.text,
                    submission=self.writer.documents[item.submission] if item.submission else None)
        with story.at(fact.starts_on, hour=14):
            for opinion in fact.opinions:
                self.opinions[opinion.key] = self._give(meeting, opinion)
        with story.at(fact.ends_on, hour=9):
            for opinion in fact.opinions:
                if opinion.response is not None:
                    response = opinion.response
                    self.opinions[opinion.key] = opinion_respond(
                        actor=self.people[response.by] if response.by else self.secretariat,
                        opinion=self.opinions[opinion.key], disposition=response.disposition,
                        explanation=response.explanation, responder=response.responder)
            for revision in fact.revisions:
                draft = self.items[revision.item].draft
                draft_version_add(actor=self.secretariat, draft=draft, text=revision.apply(current_version(draft).text),
                                  note=revision.note, taken_in=[self.opinions[key] for key in revision.taken_in])
        with story.at(fact.ends_on, hour=16):
            if fact.close:
                meeting = meeting_close(actor=self.secretariat, meeting=meeting)
        if fact.conclusion is not None:
            with story.at(fact.conclusion.issued_on, hour=8):
                held.tasks += self._conclude(meeting, fact.conclusion)
        held.meetings += 1
        held.opinions += len(fact.opinions)
        return meeting

    def _seat(self, meeting: Meeting) -> None:
        for fact in self.fact.delegates:
            self.delegates[fact.key] = delegate_add(
                actor=self.secretariat, meeting=meeting, user=self.people[fact.user] if fact.user else None, name=fact.name,
                position=fact.position, unit=self.writer.unit(fact.unit) if fact.unit else None, role=fact.role)
        for group in self.fact.groups:
            members = [self.delegates[d.key] for d in self.fact.delegates if d.group == group.number]
            self.groups[group.number] = group_create(
                actor=self.secretariat, meeting=meeting, name=group.name, number=group.number, place=group.place,
                leader=self.delegates[group.leader], secretary=self.delegates[group.secretary], members=members)
        # The services place and mark a delegate on the row they read again under lock, not on the object given them:
        # read the delegates again, so that each knows its group (whose secretary records a guest's opinion).
        fresh = Delegate.objects.select_related("group__secretary").in_bulk([d.pk for d in self.delegates.values()])
        self.delegates = {key: fresh[d.pk] for key, d in self.delegates.items()}
        for fact in self.fact.delegates:
            if fact.attendance != Attendance.EXPECTED:
                self.delegates[fact.key] = attendance_record(actor=self.secretariat, delegate=self.delegates[fact.key],
                                                             attendance=fact.attendance, note=fact.note)

    def _give(self, meeting: Meeting, fact: OpinionFact) -> Opinion:
        item = self.items[fact.item]
        clause = None
        if fact.clause:
            clause = DraftClause.objects.get(version=current_version(item.draft), key=fact.clause)
        delegate = self.delegates[fact.by] if fact.by else None
        group = self.groups[fact.group] if fact.group is not None else None
        return opinion_give(actor=self._recorder(delegate, group), meeting=meeting, item=item, kind=fact.kind,
                            text=fact.text, clause=clause, quote=fact.quote, proposal=fact.proposal, delegate=delegate,
                            group=group)

    def _recorder(self, delegate: Delegate | None, group: DiscussionGroup | None):
        """A delegate with an account records their own opinion; the group's secretary records the group's and its
        guests'; the secretariat records what is left (a group whose secretary has no account)."""
        if delegate is not None and delegate.user_id is not None:
            return delegate.user
        group = group or (delegate.group if delegate is not None else None)
        if group is not None and group.secretary is not None and group.secretary.user_id is not None:
            return group.secretary.user
        return self.secretariat

    def _conclude(self, meeting: Meeting, fact: DocumentFact) -> int:
        references = []
        for relation in fact.relations:
            if relation.target.startswith("@"):
                raise ValueError(f"{fact.key}: a conclusion cites documents by number, not {relation.target!r}")
            references.append(ReferenceSpec(number=relation.target, kind=relation.kind, issued_on=relation.issued_on,
                                                title=relation.title))
        confirmed = meeting_conclude(
            actor=self.people[fact.registrar], meeting=meeting,
            header=DocumentHeader(issuing_unit=fact.issuing_unit, type=fact.type, issued_on=fact.issued_on,
                                  title=fact.title, number=fact.number, signer=fact.signer, import_reason=HISTORY_REASON),
            references=references,
            tasks=[TaskSpec(title=t.title, lead_unit=t.lead, leader=t.leader, product=t.product,
                                coordinators=t.coordinators, deadline=t.deadline, recurrence=t.recurrence,
                                description=t.description) for t in fact.tasks],
            text=fact.text)
        self.writer.documents[fact.key] = confirmed.document
        for task, task_fact in zip(confirmed.tasks, fact.tasks, strict=True):
            self.writer.live(task, task_fact.plan())
        return len(confirmed.tasks)
