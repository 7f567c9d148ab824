"""Pages of tasks: the dashboard of my unit, the list, one task with its workflow, and the create form.

Each view parses, lets the permission layer and the services decide, and renders; a refusal is shown
next to the fields it names with the status the domain gave it (422, 403, 409), never as a 500.
"""
import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.permissions import READERS, has_role_over, is_system_admin
from mandate.accounts.selectors import membership_units
from mandate.web.downloads import file_download
from mandate.web.pages import page
from mandate.audit.reads import read_log
from mandate.core import clock
from mandate.core.errors import DomainError, NotFound, PermissionDenied
from mandate.documents.selectors import document_get
from mandate.orgs.selectors import unit_get
from mandate.orgs.territory import NATION_CODE
from mandate.tasks import selectors, services
from mandate.tasks.clears import CLEARS, missing_clears
from mandate.tasks.history import history_lines
from mandate.tasks.forms import (
    DashboardForm, DelegateForm, ExtensionDecisionForm, ExtensionRequestForm, ProgressForm, TaskFilterForm, TaskForm,
    TransitionForm,
)
from mandate.tasks.models import ExtensionState
from mandate.tasks.permissions import can_act_as_lead, can_assign_somewhere, can_decide
from mandate.tasks.transitions import available

PAGE_SIZE = 25
DASHBOARD_LIST = 10


def _tasks_url(as_of: dt.date, **params) -> str:
    query = {key: value for key, value in params.items() if value not in (None, "")}
    if as_of != clock.today():
        query["as_of"] = as_of.isoformat()
    return f"{reverse('tasks')}?{urlencode(query)}" if query else reverse("tasks")


@page
def dashboard(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    units = membership_units(user=request.user)
    if not units and is_system_admin(request.user):
        units = [unit_get(code=NATION_CODE)]
    form = DashboardForm(request.GET)
    chosen = form.cleaned_data.get("unit") if form.is_valid() else None
    if chosen is not None and has_role_over(request.user, chosen, READERS):
        unit = chosen
    else:
        unit = units[0] if units else None
    context = {"units": units, "unit": unit}
    if unit is not None:
        filters = selectors.TaskFilters(as_of=as_of, lead_unit=unit, subtree=True)
        counts = selectors.status_counts(user=request.user, filters=filters)
        link = lambda status="": _tasks_url(as_of, status=status, lead_unit=unit.code, subtree="on")  # noqa: E731
        context.update(
            counts=counts,
            cards=[
                ("assigned", _("Assigned"), counts["assigned"], link(), "neutral"),
                ("completed_on_time", _("Completed on time"), counts["completed_on_time"], link("completed_on_time"), "green"),
                ("completed_late", _("Completed late"), counts["completed_late"], link("completed_late"), "amber"),
                ("within_deadline", _("Within deadline"), counts["within_deadline"], link("within_deadline"), "blue"),
                ("due_soon", _("Due soon"), counts["due_soon"], link("due_soon"), "orange"),
                ("overdue", _("Overdue"), counts["overdue"], link("overdue"), "red"),
            ],
            overdue=selectors.tasks_list(user=request.user, filters=selectors.TaskFilters(
                as_of=as_of, lead_unit=unit, subtree=True, status="overdue"))[:DASHBOARD_LIST],
            due_soon=selectors.tasks_list(user=request.user, filters=selectors.TaskFilters(
                as_of=as_of, lead_unit=unit, subtree=True, status="due_soon"))[:DASHBOARD_LIST],
            lagging=[{**row, "url": _tasks_url(as_of, status="overdue", lead_unit=row["code"], subtree="on")}
                     for row in selectors.overdue_by_unit(user=request.user, filters=filters)],
            overdue_url=link("overdue"), due_soon_url=link("due_soon"),
        )
    return render(request, "tasks/dashboard.html", context)


def task_filters_from(request: HttpRequest, as_of: dt.date):
    """The task list's filters from the query string: (form, the tasks they select or None, the document named)."""
    form = TaskFilterForm(request.GET)
    tasks, document = None, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = document_get(user=request.user, document_id=data["document"]) if data["document"] else None
            tasks = selectors.tasks_list(user=request.user, filters=selectors.TaskFilters(
                as_of=as_of, status=data["status"] or None, lead_unit=data["lead_unit"], subtree=data["subtree"],
                document=document, deadline_from=data["deadline_from"], deadline_to=data["deadline_to"], q=data["q"] or None,
                assigned_from=data["assigned_from"], assigned_to=data["assigned_to"]))
        except NotFound:
            form.add_error("document", _("No document that you may see has this number."))
    return form, tasks, document


@page
def task_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    form, tasks, document = task_filters_from(request, as_of)
    page_obj = Paginator(tasks if tasks is not None else [], PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tasks/list.html", {"form": form, "page_obj": page_obj, "document": document,
                                               "may_import": can_assign_somewhere(request.user),
                                               "export_query": request.GET.urlencode()})


def _detail_context(request: HttpRequest, task, as_of: dt.date, forms: dict | None = None) -> dict:
    lead = can_act_as_lead(request.user, task)
    decide = can_decide(request.user, task)
    transitions = [t for t in available(task.state) if (lead if t.side == "lead" else decide)]
    extensions = list(selectors.task_extensions(task=task))
    forms = forms or {}
    return {
        "task": task,
        "lead": lead, "decide": decide, "transitions": transitions,
        "coordinators": selectors.task_coordinators(task=task),
        "children": selectors.task_children_progress(user=request.user, task=task, as_of=as_of),
        "open_parts": selectors.open_parts(task) if decide else 0,
        "timeline": selectors.task_timeline(user=request.user, task=task),
        "history": history_lines(obj=task),  # `task` came through task_get: the user may see it
        "extensions": extensions,
        "reports": selectors.task_progress_reports(task=task),
        "pending": next((e for e in extensions if e.state == ExtensionState.PENDING), None),
        "progress_form": forms.get("progress") or ProgressForm(initial={"percent": task.progress, "version": task.version}),
        "transition_form": forms.get("transition"),
        "transition_name": forms.get("transition_name"),
        "extension_form": forms.get("extension") or ExtensionRequestForm(),
        "decision_form": forms.get("decision") or ExtensionDecisionForm(),
        "delegate_form": forms.get("delegate") or DelegateForm(),
        "refusal": forms.get("refusal"),
        "today": clock.today(),
    }


def _render_detail(request, task, as_of, forms=None, status=200) -> HttpResponse:
    context = _detail_context(request, task, as_of, forms)
    read_log(reader=request.user, items=[task, *context["children"]["children"]], via="page")
    return render(request, "tasks/detail.html", context, status=status)


@page
def task_detail(request: HttpRequest, task_id: int, as_of: dt.date) -> HttpResponse:
    return _render_detail(request, selectors.task_get(user=request.user, task_id=task_id, as_of=as_of), as_of)


def _act(request, task_id: int, as_of: dt.date, form, key: str, action, success: str) -> HttpResponse:
    """Run one write on a task from a posted form; on refusal, show the page again with the reasons."""
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=as_of)
    status = 422
    if form.is_valid():
        try:
            action(task, form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
            status = error.status
        else:
            messages.success(request, success)
            return redirect(reverse("task_detail", args=[task_id]) + (f"?as_of={as_of}" if "as_of" in request.GET else ""))
    forms = {key: form, "refusal": getattr(form, "refusal", None) or _("Check the fields marked below.")}
    if key == "transition":
        forms["transition_name"] = form.data.get("name")
    task = selectors.task_get(user=request.user, task_id=task_id, as_of=as_of)  # as it is now, after a refusal
    return _render_detail(request, task, as_of, forms, status=status)


@require_POST
@page
def task_progress(request: HttpRequest, task_id: int, as_of: dt.date) -> HttpResponse:
    def report(task, data):
        services.progress_report(actor=request.user, task=task, percent=data["percent"], text=data["text"],
                                 files=request.FILES.getlist("files"), expected_version=data["version"])

    return _act(request, task_id, as_of, ProgressForm(request.POST), "progress", report, _("Progress reported."))


@require_POST
@page
def task_transition(request: HttpRequest, task_id: int, as_of: dt.date) -> HttpResponse:
    def move(task, data):
        services.task_transition(actor=request.user, task=task, name=data["name"], reason=data["reason"],
                                 expected_version=data["version"])

    return _act(request, task_id, as_of, TransitionForm(request.POST), "transition", move, _("The task moved on."))


@require_POST
@page
def task_extension_request(request: HttpRequest, task_id: int, as_of: dt.date) -> HttpResponse:
    def ask(task, data):
        services.extension_request(actor=request.user, task=task, requested_deadline=data["requested_deadline"],
                                   reason=data["reason"], expected_version=data["version"])

    return _act(request, task_id, as_of, ExtensionRequestForm(request.POST), "extension", ask,
                _("The request for more time was sent."))


@require_POST
@page
def task_extension_decide(request: HttpRequest, task_id: int, extension_id: int, as_of: dt.date) -> HttpResponse:
    def decide(task, data):
        extension = next((e for e in selectors.task_extensions(task=task) if e.pk == extension_id), None)
        if extension is None:
            raise NotFound()
        services.extension_decide(actor=request.user, extension=extension, approve=data["approve"], note=data["note"],
                                  expected_version=data["version"])

    return _act(request, task_id, as_of, ExtensionDecisionForm(request.POST), "decision", decide, _("The decision was recorded."))


@require_POST
@page
def task_delegate(request: HttpRequest, task_id: int, as_of: dt.date) -> HttpResponse:
    def delegate(task, data):
        services.task_delegate(actor=request.user, parent=task, lead_unit=data["lead_unit"], title=data["title"] or "",
                               product=data["product"] or "", leader=data["leader"], deadline=data["deadline"],
                               expected_version=data["version"])

    return _act(request, task_id, as_of, DelegateForm(request.POST, viewer=request.user), "delegate", delegate, _("The part was delegated."))


def _clears_panel(form: TaskForm) -> dict:
    missing = missing_clears(form.draft())
    codes = {error.code.removeprefix("clear_") for error in missing}
    return {"clears": [(name, name not in codes) for name in CLEARS], "missing": missing}


@page
def task_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_assign_somewhere(request.user):
        raise PermissionDenied(_("You hold no role that may assign tasks."))
    if request.method != "POST":
        form = TaskForm(user=request.user, initial={"document": request.GET.get("document")})
        return render(request, "tasks/create.html", {"form": form, "clears": [(name, None) for name in CLEARS]})
    form = TaskForm(request.POST, user=request.user)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                actor=request.user, document=data["document"], title=data["title"], lead_unit=data["lead_unit"],
                leader=data["leader"], product=data["product"], deadline=data["deadline"], recurrence=data["recurrence"],
                coordinators=data["coordinators"], assigning_unit=data["assigning_unit"], description=data["description"])
        except DomainError as error:
            form.add_domain_error(error)
            status = error.status
        else:
            messages.success(request, _("The task was assigned."))
            return redirect("task_detail", task_id=task.pk)
    return render(request, "tasks/create.html", {"form": form, **_clears_panel(form),
                                                 "refusal": getattr(form, "refusal", None)}, status=status)


@require_POST
@page
def task_check(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The six clears of the values typed so far, before anything is submitted."""
    form = TaskForm(request.POST, user=request.user)
    form.is_valid()
    return render(request, "tasks/_clears.html", _clears_panel(form))


@page
def evidence_download(request: HttpRequest, task_id: int, evidence_id: int, as_of: dt.date) -> HttpResponse:
    """A piece of evidence, to those who may see its task (uploads are never served by path)."""
    evidence = selectors.evidence_get(user=request.user, task_id=task_id, evidence_id=evidence_id)
    read_log(reader=request.user, items=[evidence.report.task], via="download")
    return file_download(evidence.file, name=evidence.name)
