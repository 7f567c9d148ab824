"""Writes planned documents and tasks through the services, each step by the person who would take it.

A plan is plain data: a document, the tasks it gives, and for each task the steps of its life
(progress reports, requests for more time, submission on a date, acceptance, return, cancellation)
and the parts its lead unit hands down to communes.
"""
import datetime as dt
from dataclasses import dataclass, field

from mandate.accounts.models import User
from mandate.core import clock
from mandate.demo.dating import Story
from mandate.documents.models import Document
from mandate.documents.services import RelationSpec, document_register
from mandate.orgs.models import Unit
from mandate.tasks.models import Extension, ProgressReport, Task, TaskEvent
from mandate.tasks.services import (
    extension_decide, extension_request, progress_report, task_create, task_delegate, task_transition,
)


@dataclass(frozen=True)
class Step:
    """One step of a task's life: report, ask (more time, left pending), extend, refuse, submit, return, complete, cancel."""

    name: str
    on: dt.date | None = None
    percent: int = 0
    text: str = ""
    to: dt.date | None = None


@dataclass
class TaskPlan:
    title: str
    lead: str
    leader: str
    product: str
    deadline: dt.date | None = None
    recurrence: str = ""
    coordinators: tuple[str, ...] = ()
    description: str = ""
    steps: list[Step] = field(default_factory=list)
    parts: list["TaskPlan"] = field(default_factory=list)

    def count(self) -> int:
        return 1 + sum(part.count() for part in self.parts)


@dataclass(frozen=True)
class Relation:
    """`target` is a number ("177-KL/TW") or "@key" of a document planned earlier."""

    kind: str
    target: str
    issued_on: dt.date | None = None
    title: str = ""


@dataclass
class DocumentPlan:
    key: str
    issuing_unit: str
    type: str
    issued_on: dt.date
    title: str
    text: str = ""
    number: str | None = None
    signer: str = ""
    office: str = ""
    relations: list[Relation] = field(default_factory=list)
    tasks: list[TaskPlan] = field(default_factory=list)

    def count(self) -> int:
        return sum(task.count() for task in self.tasks)


# The demo enters documents of the past: their tasks keep their dates, as imports with the reason stated.
HISTORY_REASON = "Nhập dữ liệu minh họa: văn bản và nhiệm vụ đã giao trước khi dùng Mandate"

class Actors:
    """Who takes each step: the registrar of a unit's documents, its lead-side staff, the leaders of an assigning unit.

    `lead`, `decide` and `register` map a unit code to a username; None means the system itself.
    """

    def __init__(self, *, users: dict[str, User], lead, decide, register):
        self.users = users
        self._lead, self._decide, self._register = lead, decide, register

    def _user(self, username: str | None) -> User | None:
        return None if username is None else self.users[username]

    def lead(self, unit_code: str) -> User | None:
        return self._user(self._lead(unit_code))

    def decide(self, unit_code: str) -> User | None:
        return self._user(self._decide(unit_code))

    def register(self, unit_code: str) -> User | None:
        return self._user(self._register(unit_code))


class Writer:
    def __init__(self, *, actors: Actors, story: Story | None = None):
        self.actors = actors
        self.units: dict[str, Unit] = {}
        self.documents: dict[str, Document] = {}
        self.tasks_created = 0
        self.story = story or Story()

    def unit(self, code: str) -> Unit:
        unit = self.units.get(code)
        if unit is None:
            unit = self.units[code] = Unit.objects.get(code=code)
        return unit

    def write(self, plan: DocumentPlan, *, registrar: str | None = None) -> Document:
        """Register the document, then create its tasks and live their steps."""
        actor = self.actors.users[registrar] if registrar else self.actors.register(plan.issuing_unit)
        relations = []
        for relation in plan.relations:
            if relation.target.startswith("@"):
                relations.append(RelationSpec(kind=relation.kind, target=self.documents[relation.target[1:]]))
            else:
                relations.append(RelationSpec(kind=relation.kind, number=relation.target, issued_on=relation.issued_on,
                                              title=relation.title))
        with self.story.at(plan.issued_on, hour=8):
            document = document_register(
                actor=actor, issuing_unit=self.unit(plan.issuing_unit), type=plan.type, issued_on=plan.issued_on,
                title=plan.title, number=plan.number, signer=plan.signer, text=plan.text, office=plan.office,
                relations=relations,
            )
        self.documents[plan.key] = document
        for task_plan in plan.tasks:
            self._task(task_plan, document=document, actor=actor)
        return document

    def _task(self, plan: TaskPlan, *, document: Document, actor) -> Task:
        mark = self.story.mark()
        task = task_create(
            actor=actor, document=document, title=plan.title, lead_unit=self.unit(plan.lead),
            leader=self.actors.users[plan.leader], product=plan.product, deadline=plan.deadline, recurrence=plan.recurrence,
            coordinators=[self.unit(code) for code in plan.coordinators], description=plan.description,
            backdate_reason=HISTORY_REASON, imported=True,
        )
        self.story.since(mark, task.assigned_on, hour=8)
        self.tasks_created += 1
        _stamp(task, after=(0, 0, 0), day=task.assigned_on, hour=8)
        self.live(task, plan)
        return task

    def live(self, task: Task, plan: TaskPlan) -> Task:
        """Take the steps of the task's life, each by the person who would take it, then hand its parts down."""
        lead = self.actors.lead(plan.lead)
        decider = self.actors.decide(task.assigning_unit.code)
        days = story_days(plan.steps, start=task.assigned_on, today=clock.today())
        for step, day in zip(plan.steps, days, strict=True):
            marks = _marks(task)
            with self.story.at(day):
                task = self._step(task, step, lead=lead, decider=decider)
            _stamp(task, after=marks, day=day)
        for part in plan.parts:
            handed = max(task.assigned_on, days[-1] if days else task.assigned_on)
            with self.story.at(handed, hour=8):
                child = task_delegate(actor=lead, parent=task, lead_unit=self.unit(part.lead), title=part.title,
                                      product=part.product, leader=self.actors.users[part.leader],
                                      deadline=part.deadline, description=part.description)
            self.tasks_created += 1
            _stamp(child, after=(0, 0, 0), day=max(child.assigned_on, handed), hour=8)
            self.live(child, part)
        return task

    def _step(self, task: Task, step: Step, *, lead, decider) -> Task:
        if step.name == "report":
            progress_report(actor=lead, task=task, percent=step.percent, text=step.text)
        elif step.name in ("ask", "extend", "refuse"):
            extension = extension_request(actor=lead, task=task, requested_deadline=step.to, reason=step.text)
            if step.name != "ask":
                approve = step.name == "extend"
                note = "Đồng ý gia hạn; yêu cầu không đề nghị gia hạn thêm." if approve else \
                    "Không đồng ý gia hạn: nhiệm vụ cấp bách, yêu cầu tập trung hoàn thành sớm nhất."
                extension_decide(actor=decider, extension=extension, approve=approve, note=note)
        elif step.name == "submit":
            task = task_transition(actor=lead, task=task, name="submit", on=step.on)
        elif step.name in ("return", "cancel"):
            task = task_transition(actor=decider, task=task, name=step.name, reason=step.text, on=step.on)
        elif step.name == "complete":
            task = task_transition(actor=decider, task=task, name="complete", on=step.on)
        else:
            raise ValueError(f"unknown step {step.name!r}")
        return task


def story_days(steps: list[Step], *, start: dt.date, today: dt.date) -> list[dt.date]:
    """The day each step happened in its story: its own date, or (a report, a request) spread evenly between the dated
    steps around it, never before `start` nor after `today`."""
    dated = [step.on for step in steps]
    days: list[dt.date] = []
    previous = start
    for index, day in enumerate(dated):
        if day is None:
            later = next((d for d in dated[index + 1:] if d is not None), today)
            waiting = next((n for n, d in enumerate(dated[index + 1:], 1) if d is not None), len(dated) - index)
            day = previous + (max(later, previous) - previous) / (waiting + 1)
        day = min(max(day, previous), today)
        days.append(day)
        previous = day
    return days


def _marks(task: Task) -> tuple[int, int, int]:
    """The last event, report and extension of a task: what a step writes comes after them."""
    return tuple(model.objects.filter(task=task).order_by("-id").values_list("id", flat=True).first() or 0
                 for model in (TaskEvent, ProgressReport, Extension))


def _stamp(task: Task, *, after: tuple[int, int, int], day: dt.date, hour: int = 10) -> None:
    """Date what a step just wrote on its story's day (its audit records are dated by `Story` once the story is written)."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=clock.VIETNAM)
    events, reports, extensions = after
    TaskEvent.objects.filter(task=task, id__gt=events).update(at=moment)
    ProgressReport.objects.filter(task=task, id__gt=reports).update(reported_at=moment)
    Extension.objects.filter(task=task, id__gt=extensions).update(requested_at=moment)
    Extension.objects.filter(task=task, id__gt=extensions, decided_at__isnull=False).update(decided_at=moment)
