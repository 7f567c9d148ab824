"""/api/v1/tasks: create, list with status as of a date, detail, workflow, progress, extensions."""
import datetime as dt

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from mandate.accounts.selectors import user_named
from mandate.audit.reads import read_log
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, NotFound
from mandate.core.dates import AsOfDate
from mandate.core.preconditions import VERSIONED, expected_version
from mandate.documents.selectors import document_get
from mandate.orgs.schemas import UnitRef
from mandate.orgs.selectors import unit_named
from mandate.tasks import selectors, services
from mandate.tasks.models import Extension
from mandate.tasks.schemas import OfficialTotalsOut
from mandate.tasks.status import DEPRECATED_STATUS_FILTERS, STATUS_FILTERS
from mandate.tasks.transitions import available
from mandate.web.downloads import file_download
from django.utils.translation import gettext as _, gettext_noop

router = Router(tags=["tasks"])


class TaskOut(Schema):
    id: int
    title: str
    state: str
    status: str
    document_id: int
    document_number: str
    lead_unit: UnitRef
    assigning_unit: UnitRef
    leader: str
    product: str
    assigned_on: dt.date
    deadline: dt.date | None
    original_deadline: dt.date | None
    recurrence: str
    progress: int
    completed_on: dt.date | None
    extension_count: int
    parent_id: int | None
    version: int
    secrecy: int = Field(description="0 not secret, 1 Mật, 2 Tối mật, 3 Tuyệt mật; at least its document's")

    @staticmethod
    def resolve_document_number(task) -> str:
        return task.document.number_text

    @staticmethod
    def resolve_leader(task) -> str:
        return task.leader.username


class EventOut(Schema):
    at: dt.datetime
    kind: str
    actor: str | None
    from_state: str
    to_state: str
    note: str
    data: dict

    @staticmethod
    def resolve_actor(event) -> str | None:
        return event.actor.username if event.actor else None


class ExtensionOut(Schema):
    id: int
    state: str
    previous_deadline: dt.date
    requested_deadline: dt.date
    reason: str
    requested_by: str
    decision_note: str

    @staticmethod
    def resolve_requested_by(extension) -> str:
        return extension.requested_by.username


class TaskDetailOut(TaskOut):
    description: str
    coordinators: list[UnitRef]
    transitions: list[str]
    children: list[TaskOut]
    timeline: list[EventOut]
    extensions: list[ExtensionOut]
    as_of: dt.date

    @staticmethod
    def resolve_coordinators(task) -> list:
        return task.coordinator_units

    @staticmethod
    def resolve_transitions(task) -> list[str]:
        return [t.name for t in available(task.state)]

    @staticmethod
    def resolve_children(task) -> list:
        return task.delegated["children"]

    @staticmethod
    def resolve_extensions(task) -> list:
        return task.extension_requests


class TaskIn(Schema):
    """Every clear is optional here so that a refusal can name each missing one."""

    document_id: int | None = None
    title: str | None = None
    description: str = ""
    lead_unit: str | None = None
    coordinators: list[str] = []
    leader: str | None = None
    deadline: dt.date | None = None
    recurrence: str = ""
    product: str | None = None
    assigning_unit: str | None = None
    assigned_on: dt.date | None = None
    secrecy: int = Field(0, ge=0, le=3, description="0 not secret, 1 Mật, 2 Tối mật, 3 Tuyệt mật; at least its document's")


VERSION_DESCRIPTION = ("The task version this edit changes (or send If-Match: <version>); required: 428 when missing, "
                       "409 with current_version when someone changed the task since.")




class DelegateIn(Schema):
    title: str | None = None
    description: str = ""
    lead_unit: str | None = None
    coordinators: list[str] = []
    leader: str | None = None
    deadline: dt.date | None = None
    product: str | None = None
    secrecy: int = Field(0, ge=0, le=3, description="at least its task's")
    version: int | None = Field(None, description=VERSION_DESCRIPTION)


class TransitionIn(Schema):
    name: str
    reason: str = ""
    version: int | None = Field(None, description=VERSION_DESCRIPTION)


class ExtensionIn(Schema):
    requested_deadline: dt.date
    reason: str
    version: int | None = Field(None, description=VERSION_DESCRIPTION)


class DecisionIn(Schema):
    approve: bool
    note: str = ""
    version: int | None = Field(None, description=VERSION_DESCRIPTION)


class ProgressOut(Schema):
    id: int
    percent: int
    text: str
    reported_at: dt.datetime
    evidence: list[str]

    @staticmethod
    def resolve_evidence(report) -> list[str]:
        return [e.name for e in report.evidence.all()]


class TaskStoryOut(TaskDetailOut):
    """The detail with its parts named in `include`: the progress reports beside the timeline and delegated parts."""

    progress_reports: list[ProgressOut] | None = None

    @staticmethod
    def resolve_progress_reports(task) -> list | None:
        return getattr(task, "reports", None)


# What `include` may name: the timeline (events) and the delegated parts (children) are always in the detail.
INCLUDABLE = ("progress", "events", "children")


def _included(include: str | None) -> set[str]:
    parts = {part.strip() for part in (include or "").split(",") if part.strip()}
    unknown = sorted(parts - set(INCLUDABLE))
    if unknown:
        raise DomainError(_("The task's detail was not read."), [FieldError(
            "include", gettext_noop("may name only progress, events and children"), "choice")])
    return parts


STATUS_DESCRIPTION = (
    "One of " + ", ".join(name for name in STATUS_FILTERS if name not in DEPRECATED_STATUS_FILTERS)
    + ". The name of an official total (see /tasks/counts) lists exactly the tasks it counts: within_deadline includes "
    "those due soon. Deprecated, still accepted: "
    + ", ".join(f"{old} (use {new})" for old, new in DEPRECATED_STATUS_FILTERS.items()) + ".")


class TaskQuery(Schema):
    status: str | None = Field(None, description=STATUS_DESCRIPTION)
    as_of: AsOfDate | None = None
    lead_unit: str | None = None
    subtree: bool = False
    assigning_unit: str | None = None
    document: int | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    q: str | None = None
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    leader: str | None = None


def _filters(request, query: TaskQuery) -> selectors.TaskFilters:
    return selectors.TaskFilters(
        as_of=query.as_of or clock.today(), status=query.status, lead_unit=unit_named(query.lead_unit, "lead_unit"),
        subtree=query.subtree, assigning_unit=unit_named(query.assigning_unit, "assigning_unit"),
        document=document_get(user=request.user, document_id=query.document) if query.document else None,
        deadline_from=query.deadline_from, deadline_to=query.deadline_to, q=query.q,
        leader_id=user_named(query.leader, "leader").pk if query.leader else None,
        assigned_from=query.assigned_from, assigned_to=query.assigned_to,
    )


@router.get("", response=list[TaskOut], summary="List tasks with their status as of a date")
@paginate
def list_tasks(request: HttpRequest, query: Query[TaskQuery]):
    return selectors.tasks_list(user=request.user, filters=_filters(request, query))


@router.get("/counts", response=OfficialTotalsOut, summary="The official report's totals of the tasks the filters select")
def count_tasks(request: HttpRequest, query: Query[TaskQuery]):
    return selectors.status_counts(user=request.user, filters=_filters(request, query))


def _detail(request, task_id: int, as_of: AsOfDate | None = None, progress: bool = False):
    dossier = selectors.task_dossier(user=request.user, task_id=task_id, as_of=as_of or clock.today(), progress=progress)
    read_log(reader=request.user, items=[dossier, *dossier.delegated["children"]], via="api")
    return dossier


def _coordinators(codes: list[str]) -> list:
    return [unit_named(code, f"coordinators.{index}") for index, code in enumerate(codes)]


@router.post("", response={201: TaskDetailOut}, summary="Assign a task; refused unless clear in all six ways")
def create_task(request: HttpRequest, payload: TaskIn):
    document = document_get(user=request.user, document_id=payload.document_id) if payload.document_id else None
    task = services.task_create(
        actor=request.user, document=document, title=payload.title or "", lead_unit=unit_named(payload.lead_unit, "lead_unit"),
        leader=user_named(payload.leader, "leader"), product=payload.product or "", deadline=payload.deadline,
        recurrence=payload.recurrence, coordinators=_coordinators(payload.coordinators),
        assigning_unit=unit_named(payload.assigning_unit, "assigning_unit"), description=payload.description,
        assigned_on=payload.assigned_on, secrecy=payload.secrecy,
    )
    return Status(201, _detail(request, task.pk))


@router.get("/{int:task_id}", response=TaskStoryOut, summary="One task with its timeline; include=progress adds its reports")
def task_detail(request: HttpRequest, task_id: int, as_of: AsOfDate | None = None,
                include: str | None = Query(None, description="Comma-separated: progress (the progress reports with "
                                            "their evidence); events and children are always there")):
    return _detail(request, task_id, as_of, progress="progress" in _included(include))


@router.post("/{int:task_id}/delegate", response={201: TaskDetailOut, **VERSIONED}, summary="Hand part of the task to a unit below")
def delegate_task(request: HttpRequest, task_id: int, payload: DelegateIn):
    parent = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    version = expected_version(request, payload.version)
    child = services.task_delegate(
        actor=request.user, parent=parent, expected_version=version, lead_unit=unit_named(payload.lead_unit, "lead_unit"), title=payload.title or "",
        product=payload.product or "", leader=user_named(payload.leader, "leader"), deadline=payload.deadline,
        coordinators=_coordinators(payload.coordinators), description=payload.description, secrecy=payload.secrecy)
    return Status(201, _detail(request, child.pk))


@router.post("/{int:task_id}/transitions", response={200: TaskDetailOut, **VERSIONED}, summary="Start, submit, complete, return or cancel")
def transition_task(request: HttpRequest, task_id: int, payload: TransitionIn):
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    version = expected_version(request, payload.version)
    services.task_transition(actor=request.user, task=task, name=payload.name, reason=payload.reason,
                             expected_version=version)
    return _detail(request, task_id)


@router.post("/{int:task_id}/progress", response={201: ProgressOut, **VERSIONED}, summary="Report progress, with evidence files")
def report_progress(request: HttpRequest, task_id: int, percent: Form[int], text: Form[str],
                    version: Form[int | None] = None, files: File[list[UploadedFile]] = None):
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    report = services.progress_report(actor=request.user, task=task, percent=percent, text=text, files=files or [],
                                      expected_version=expected_version(request, version))
    return Status(201, report)


@router.get("/{int:task_id}/evidence/{int:evidence_id}", summary="Download one piece of the task's evidence")
def download_evidence(request: HttpRequest, task_id: int, evidence_id: int):
    evidence = selectors.evidence_get(user=request.user, task_id=task_id, evidence_id=evidence_id)
    read_log(reader=request.user, items=[evidence.report.task], via="download")
    return file_download(evidence.file, name=evidence.name)


@router.get("/{int:task_id}/progress", response=list[ProgressOut], summary="The task's progress reports")
def list_progress(request: HttpRequest, task_id: int):
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    read_log(reader=request.user, items=[task], via="api")
    return task.progress_reports.prefetch_related("evidence").order_by("reported_at")


@router.post("/{int:task_id}/extensions", response={201: ExtensionOut, **VERSIONED}, summary="Ask for more time")
def request_extension(request: HttpRequest, task_id: int, payload: ExtensionIn):
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    version = expected_version(request, payload.version)
    extension = services.extension_request(actor=request.user, task=task, requested_deadline=payload.requested_deadline,
                                           reason=payload.reason, expected_version=version)
    return Status(201, extension)


@router.post("/{int:task_id}/extensions/{int:extension_id}/decision", response={200: ExtensionOut, **VERSIONED},
             summary="Approve or refuse a request for more time")
def decide_extension(request: HttpRequest, task_id: int, extension_id: int, payload: DecisionIn):
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=clock.today())
    extension = Extension.objects.filter(pk=extension_id, task=task).first()
    if extension is None:
        raise NotFound(_("No request %(request)s on task %(task)s.") % {"request": extension_id, "task": task_id})
    version = expected_version(request, payload.version)
    return services.extension_decide(actor=request.user, extension=extension, approve=payload.approve, note=payload.note,
                                     expected_version=version)
