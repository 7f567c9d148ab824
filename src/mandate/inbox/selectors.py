"""What waits for the signed-in user ("Việc cần tôi xử lý"): each app's selector of what waits in it, composed.

The inbox decides nothing itself: who may decide a request, accept a result or answer an opinion is the apps'
(`tasks.selectors.extensions_to_decide` and its neighbours, `meetings.selectors.opinions_to_answer`), which read
the working regulation and the clearances, so the inbox never offers what the user would be refused. Each section
costs a fixed number of queries (its rows and its count), whatever the number of rows that wait.

Periodic reports not yet sent join here as one more section when the reports app keeps them: a selector
`reports.selectors.reports_to_send(user=…)` and an entry in `SECTIONS` below.
"""
from dataclasses import dataclass
import datetime as dt

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mandate.meetings.selectors import opinions_to_answer
from mandate.tasks.selectors import extensions_to_decide, results_to_accept, tasks_answered_for, tasks_returned

# How many rows of each section the page shows; the count says how many wait in all.
SHOWN = 20


@dataclass(frozen=True)
class Entry:
    title: str
    url: str  # the page where the action is taken, at the panel that takes it
    unit: str
    date: dt.date | None  # the deadline asked for, the deadline, the day submitted, the meeting's first day
    detail: str
    task_id: int | None = None
    meeting_id: int | None = None
    opinion_id: int | None = None


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    action: Promise
    count: int
    entries: list[Entry]


def _task_url(task_id: int, anchor: str = "") -> str:
    return reverse("task_detail", args=[task_id]) + (f"#{anchor}" if anchor else "")


def _extensions(user, shown: int) -> tuple[int, list[Entry]]:
    rows = extensions_to_decide(user=user)
    return rows.count(), [
        Entry(title=e.task.title, url=_task_url(e.task_id, "extension-decision"), unit=e.task.lead_unit.name,
              date=e.requested_deadline, detail=e.reason, task_id=e.task_id) for e in rows[:shown]]


def _tasks(rows, anchor: str, date_of, shown: int) -> tuple[int, list[Entry]]:
    return rows.count(), [Entry(title=t.title, url=_task_url(t.pk, anchor), unit=t.lead_unit.name, date=date_of(t),
                                detail=t.product, task_id=t.pk) for t in rows[:shown]]


def _opinions(user, shown: int) -> tuple[int, list[Entry]]:
    rows = opinions_to_answer(user=user)
    return rows.count(), [
        Entry(title=f"{o.meeting.title} — {o.item.title}",
              url=reverse("meetings:responses", args=[o.meeting_id]) + f"#opinion-{o.pk}", unit=o.meeting.body.name,
              date=o.meeting.starts_on, detail=o.text, meeting_id=o.meeting_id, opinion_id=o.pk) for o in rows[:shown]]


SECTIONS = (
    ("extensions", _("Requests for more time to decide"), _("Decide"), _extensions),
    ("acceptance", _("Results submitted for acceptance"), _("Accept or return"),
     lambda user, shown: _tasks(results_to_accept(user=user), "workflow", lambda t: t.submitted_on, shown)),
    ("returned", _("Tasks returned to my unit"), _("Carry on"),
     lambda user, shown: _tasks(tasks_returned(user=user), "workflow", lambda t: t.deadline, shown)),
    ("overdue", _("My overdue tasks"), _("Report progress"),
     lambda user, shown: _tasks(tasks_answered_for(user=user, status="overdue"), "", lambda t: t.deadline, shown)),
    ("due_soon", _("My tasks due soon"), _("Report progress"),
     lambda user, shown: _tasks(tasks_answered_for(user=user, status="due_soon"), "", lambda t: t.deadline, shown)),
    ("opinions", _("Opinions to answer"), _("Respond"), _opinions),
)


def inbox_of(*, user, shown: int = SHOWN) -> list[Section]:
    """Every section of what waits for `user`, in the order of `SECTIONS` (the empty ones too, with count 0)."""
    sections = []
    for key, label, action, read in SECTIONS:
        count, entries = read(user, shown)
        sections.append(Section(key=key, label=label, action=action, count=count, entries=entries))
    return sections


def inbox_count(*, user) -> int:
    """How many things wait for `user` in all: the number the menu shows."""
    return sum(read(user, 0)[0] for _key, _label, _action, read in SECTIONS)
