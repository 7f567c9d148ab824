"""Writes planned documents and tasks through the services, each step by the person who would take it.

A plan is plain data: a document, the tasks it gives, and for each task the steps of its life
(progress reports, requests for more time, submission on a date, acceptance, return, cancellation)
and the parts its lead unit hands down to communes.
"""
import datetime as dt
from dataclasses import dataclass, field

from mandate.accounts.models import User
from mandate.documents.models import Document
from mandate.documents.services import RelationSpec, document_register
from mandate.orgs.models import Unit
from mandate.tasks.models import Task
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
    def __init__(self, *, actors: Actors):
        self.actors = actors
        self.units: dict[str, Unit] = {}
        self.documents: dict[str, Document] = {}
        self.tasks_created = 0

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
        document = document_register(
            actor=actor, issuing_unit=self.unit(plan.issuing_unit), type=plan.type, issued_on=plan.issued_on,
            title=plan.title, number=plan.number, signer=plan.signer, text=plan.text, office=plan.office, relations=relations,
        )
        self.documents[plan.key] = document
        for task_plan in plan.tasks:
            self._task(task_plan, document=document, actor=actor)
        return document

    def _task(self, plan: TaskPlan, *, document: Document, actor) -> Task:
        task = task_create(
            actor=actor, document=document, title=plan.title, lead_unit=self.unit(plan.lead),
            leader=self.actors.users[plan.leader], product=plan.product, deadline=plan.deadline, recurrence=plan.recurrence,
            coordinators=[self.unit(code) for code in plan.coordinators], description=plan.description,
            backdate_reason=HISTORY_REASON, imported=True,
        )
        self.tasks_created += 1
        self.live(task, plan)
        return task

    def live(self, task: Task, plan: TaskPlan) -> Task:
        """Take the steps of the task's life, each by the person who would take it, then hand its parts down."""
        lead = self.actors.lead(plan.lead)
        decider = self.actors.decide(task.assigning_unit.code)
        for step in plan.steps:
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
        for part in plan.parts:
            child = task_delegate(actor=lead, parent=task, lead_unit=self.unit(part.lead), title=part.title,
                                  product=part.product, leader=self.actors.users[part.leader], deadline=part.deadline,
                                  description=part.description)
            self.tasks_created += 1
            self.live(child, part)
        return task
