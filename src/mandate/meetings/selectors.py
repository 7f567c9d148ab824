"""Reads of meetings: the list with opinion counts, one meeting, the opinions, the summary of an item, the table of responses."""
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from mandate.accounts.permissions import WRITERS, reach, units_answered_by
from mandate.core.errors import NotFound, invalid
from mandate.core.text import search_terms
from mandate.meetings.models import (
    AgendaItem, Delegate, Disposition, DiscussionGroup, Draft, DraftClause, DraftVersion, Meeting, MeetingState, Opinion, OpinionKind,
)
from mandate.documents.models import Document
from mandate.documents.permissions import visible_documents
from mandate.meetings.permissions import visible_meetings


def _opinion_count() -> Coalesce:
    counted = Opinion.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def meetings_list(*, user, q: str | None = None, body_id: int | None = None, state: str | None = None) -> QuerySet[Meeting]:
    """The meetings the user may see, newest first, each with `opinion_count`."""
    meetings = visible_meetings(user, Meeting.objects.all())
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    if state:
        meetings = meetings.filter(state=state)
    for term in search_terms(q or ""):
        meetings = meetings.filter(search_title__contains=term)
    # The conclusion is named only to those who may know of it (it may be secret).
    known = Exists(visible_documents(user, Document.objects.filter(pk=OuterRef("conclusion_id"))).values("pk"))
    return (meetings.select_related("body", "conclusion").annotate(opinion_count=_opinion_count(), conclusion_known=known)
            .order_by("-starts_on", "-pk"))


def meeting_get(*, user, meeting_id: int) -> Meeting:
    meeting = meetings_list(user=user).filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("No meeting %(id)s that you may see.") % {"id": meeting_id})
    return meeting


def meeting_agenda(*, user, meeting: Meeting) -> list[AgendaItem]:
    """The agenda with each item's draft, its versions (clauses in order) and how many opinions each item has; a
    draft's submission only when `user` may know of it (else it is left off these in-memory rows, never saved)."""
    versions = DraftVersion.objects.order_by("number").prefetch_related("clauses", "taken_in")
    drafts = Draft.objects.select_related("submission").prefetch_related(Prefetch("versions", queryset=versions))
    items = list(meeting.items.annotate(opinion_count=Count("opinions"))
                 .prefetch_related(Prefetch("draft", queryset=drafts)).order_by("position"))
    for item in items:
        item.current_version = None
        try:
            draft = item.draft
        except Draft.DoesNotExist:
            draft = None
        if draft is not None:
            all_versions = list(draft.versions.all())
            item.current_version = all_versions[-1] if all_versions else None
    drafts_with_submission = [item.draft for item in items if _has_draft(item)]
    submissions = {d.submission_id for d in drafts_with_submission if d.submission_id}
    if submissions:
        known = set(visible_documents(user, Document.objects.filter(pk__in=submissions)).values_list("pk", flat=True))
        for draft in drafts_with_submission:
            if draft.submission_id and draft.submission_id not in known:
                draft.submission = None
    return items


def _has_draft(item: AgendaItem) -> bool:
    try:
        return item.draft is not None
    except Draft.DoesNotExist:
        return False


def agenda_item_get(*, user, meeting: Meeting, item_id: int) -> AgendaItem:
    item = next((i for i in meeting_agenda(user=user, meeting=meeting) if i.pk == item_id), None)
    if item is None:
        raise NotFound(_("No agenda item %(id)s in this meeting.") % {"id": item_id})
    return item


def picked(rows: QuerySet, pk: int | None, *, field_name: str, reason: str):
    """The row of `rows` (a meeting's delegates, groups…) that a request names by id; None when it names none.
    An id that is not among them is a refusal of `field_name`."""
    if pk is None:
        return None
    row = rows.filter(pk=pk).first()
    if row is None:
        raise invalid(field_name, reason, "unknown")
    return row


def delegate_of(*, user, meeting: Meeting) -> Delegate | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Delegate.objects.filter(meeting=meeting, user=user).select_related("group").first()


def groups_secretaried(*, user, meeting: Meeting) -> list[DiscussionGroup]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(meeting.groups.filter(secretary__user=user))


def opinions_list(*, meeting: Meeting, item_id: int | None = None, group_id: int | None = None, kind: str | None = None,
                  disposition: str | None = None) -> QuerySet[Opinion]:
    """Opinions in their order; `disposition=""` gives those still waiting for a response."""
    opinions = meeting.opinions.select_related("item", "version", "clause", "delegate", "delegate__group", "group",
                                               "responded_by").prefetch_related("taken_into")
    if item_id is not None:
        opinions = opinions.filter(item_id=item_id)
    if group_id is not None:
        opinions = opinions.filter(group_id=group_id) | opinions.filter(group__isnull=True, delegate__group_id=group_id)
    if kind:
        opinions = opinions.filter(kind=kind)
    if disposition is not None:
        opinions = opinions.filter(disposition=disposition)
    return opinions.order_by("number")


def opinion_get(*, meeting: Meeting, opinion_id: int) -> Opinion:
    opinion = opinions_list(meeting=meeting).filter(pk=opinion_id).first()
    if opinion is None:
        raise NotFound(_("No opinion %(id)s in this meeting.") % {"id": opinion_id})
    return opinion


@dataclass
class ItemSummary:
    """How many opinions an item drew, of which kind, from which group, and how many are answered."""

    item: AgendaItem
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, int] = field(default_factory=dict)
    by_disposition: dict[str, int] = field(default_factory=dict)
    waiting: int = 0


def item_summaries(*, meeting: Meeting) -> list[ItemSummary]:
    summaries = {item.pk: ItemSummary(item=item) for item in meeting.items.order_by("position")}
    counters = {pk: (Counter(), Counter(), Counter()) for pk in summaries}
    for opinion in opinions_list(meeting=meeting):
        summary, (kinds, groups, dispositions) = summaries[opinion.item_id], counters[opinion.item_id]
        summary.total += 1
        kinds[opinion.kind] += 1
        group = opinion.speaking_group
        groups[group.name if group else "—"] += 1
        if opinion.disposition:
            dispositions[opinion.disposition] += 1
        else:
            summary.waiting += 1
    for pk, summary in summaries.items():
        kinds, groups, dispositions = counters[pk]
        summary.by_kind = {kind: kinds[kind] for kind in OpinionKind.values}
        summary.by_group = dict(sorted(groups.items()))
        summary.by_disposition = {value: dispositions[value] for value in Disposition.values}
    return list(summaries.values())


# The words of the official table of responses, whatever the reader's language.
OFFICIAL_KIND = {OpinionKind.AGREE: "Nhất trí", OpinionKind.AMEND: "Đề nghị sửa đổi", OpinionKind.ADD: "Đề nghị bổ sung",
                 OpinionKind.REMOVE: "Đề nghị bỏ", OpinionKind.QUESTION: "Đề nghị làm rõ"}
OFFICIAL_DISPOSITION = {Disposition.ACCEPTED: "Tiếp thu", Disposition.EXPLAINED: "Giải trình",
                        Disposition.NOT_ACCEPTED: "Không tiếp thu"}


@dataclass(frozen=True)
class ResponseRow:
    """One row of the table of responses (bảng tổng hợp tiếp thu, giải trình)."""

    number: int
    item: str
    clause: str
    author: str
    kind: str
    opinion: str
    disposition: str
    explanation: str
    responder: str
    taken_into: str


def responses_table(*, meeting: Meeting, item_id: int | None = None) -> list[ResponseRow]:
    rows = []
    for opinion in opinions_list(meeting=meeting, item_id=item_id):
        text = opinion.text
        if opinion.quote:
            text = f"«{opinion.quote}»: {text}"
        if opinion.proposal:
            text = f"{text}\nĐề nghị sửa thành: {opinion.proposal}"
        versions = sorted(v.number for v in opinion.taken_into.all())
        rows.append(ResponseRow(
            number=opinion.number, item=opinion.item.title,
            clause=(f"{opinion.clause.label} (dự thảo lần {opinion.version.number})" if opinion.clause else ""),
            author=opinion.author, kind=OFFICIAL_KIND[opinion.kind], opinion=text,
            disposition=OFFICIAL_DISPOSITION.get(opinion.disposition, "Chưa trả lời"),
            explanation=opinion.explanation, responder=opinion.responder,
            taken_into=", ".join(f"dự thảo lần {number}" for number in versions)))
    return rows


# What the meeting's pages show beside their forms.

def meeting_delegates(*, meeting: Meeting) -> list[Delegate]:
    return list(meeting.delegates.select_related("user", "unit", "group").order_by("pk"))


def meeting_groups(*, meeting: Meeting) -> list[DiscussionGroup]:
    return list(meeting.groups.select_related("leader", "secretary").order_by("number"))


def meeting_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.items.order_by("position")


def speakers_for(*, meeting: Meeting, manage: bool, groups: list[DiscussionGroup]) -> tuple[list, list[Delegate]]:
    """The groups and the delegates whose opinions a user records: all of them for the secretariat, else those of the
    groups they are the secretary of."""
    if manage:
        return list(meeting.groups.order_by("number")), list(meeting.delegates.select_related("group").order_by("pk"))
    return groups, list(Delegate.objects.filter(group__in=groups).select_related("group").order_by("pk"))


def opinions_numbered(*, meeting: Meeting, numbers: list[int]) -> list[Opinion]:
    """The opinions of `meetings` with these numbers, in the order asked, in one query; a number that is not among
    them is a refusal of `taken_in.<index>`."""
    found = {opinion.number: opinion for opinion in meeting.opinions.filter(number__in=numbers)}
    for index, number in enumerate(numbers):
        if number not in found:
            raise invalid(f"taken_in.{index}", _("no opinion %(number)s in this meeting") % {"number": number}, "unknown")
    return [found[number] for number in numbers]


def delegate_picked(*, meeting: Meeting, pk: int | None, field_name: str) -> Delegate | None:
    return picked(meeting.delegates, pk, field_name=field_name, reason=f"no delegate {pk} in this meeting")


def group_numbered(*, meeting: Meeting, number: int | None, field_name: str) -> DiscussionGroup | None:
    """The meeting's group with this number (the API names groups by number); None when none is asked for."""
    if number is None:
        return None
    group = meeting.groups.filter(number=number).first()
    if group is None:
        raise invalid(field_name, _("no group %(number)s in this meeting") % {"number": number}, "unknown")
    return group


def item_picked(*, meeting: Meeting, pk: int) -> AgendaItem:
    item = meeting.items.filter(pk=pk).first()
    if item is None:
        raise invalid("item", _("no agenda item %(id)s in this meeting") % {"id": pk}, "unknown")
    return item


def clause_picked(*, meeting: Meeting, pk: int | None) -> DraftClause | None:
    if pk is None:
        return None
    clause = DraftClause.objects.filter(pk=pk, version__draft__item__meeting=meeting).select_related("version").first()
    if clause is None:
        raise invalid("clause", _("no clause %(id)s in this meeting's drafts") % {"id": pk}, "unknown")
    return clause


def opinions_to_answer(*, user) -> QuerySet[Opinion]:
    """The opinions without a response in the meetings, not yet concluded, of a body `user` writes for
    (`can_manage_meeting`: the secretariat and the leaders who respond) — of the bodies whose nearest writers they are
    (`units_answered_by`): what waits for them in the inbox. Four queries and the rows."""
    waiting = Opinion.objects.filter(disposition="", meeting__body_id__in=reach(user, WRITERS)).exclude(
        meeting__state=MeetingState.CONCLUDED)
    bodies = set(waiting.order_by().values_list("meeting__body_id", flat=True).distinct())
    answered = units_answered_by(user, dict.fromkeys(bodies, WRITERS))
    return (waiting.filter(meeting__body_id__in=answered)
            .select_related("meeting", "meeting__body", "item").order_by("meeting__starts_on", "meeting_id", "number"))
