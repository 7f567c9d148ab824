"""Reads of tasks. Every status comes from `RULES`: rows are labelled by `status_expression` and filtered by `status_filter`."""
import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from mandate.accounts.models import Decision
from mandate.accounts.permissions import WRITERS, reach, units_held
from mandate.accounts.regulations import DECIDING_ROLES, units_deciding
from mandate.accounts.secrecy import clearance_of
from mandate.core import clock
from mandate.core.errors import NotFound, invalid
from mandate.core.ids import possible_id
from mandate.core.text import search_terms
from mandate.documents.models import Document
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_subtree_ids
from mandate.tasks.models import OPEN_STATES, Evidence, Extension, ExtensionState, ProgressReport, Task, TaskEvent, TaskHandover, TaskState
from mandate.tasks.permissions import LEAD_SIDE_ROLES, part_q, task_known, visible_tasks
from mandate.tasks.status import COUNTED, DONE, STATUS_FILTERS, official_totals
from mandate.tasks.status_sql import status_expression, status_filter

# What a list row or a child in a detail shows of each task: read in the same query, never one by one.
SHOWN_WITH_TASK = ("lead_unit", "assigning_unit", "leader", "document")
# ... but not a directive's full text, which can run to many pages and is shown on the document's own page only.
NOT_SHOWN_WITH_TASK = ("document__text",)


@dataclass(frozen=True)
class TaskFilters:
    as_of: dt.date
    status: str | None = None
    lead_unit: Unit | None = None
    subtree: bool = False
    assigning_unit: Unit | None = None
    document: Document | None = None
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    q: str | None = None
    leader_id: int | None = None
    # The period of a scorecard: tasks assigned on a date in [assigned_from, assigned_to].
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None


def tasks_with_status(*, as_of: dt.date) -> QuerySet[Task]:
    """Tasks assigned by `as_of`, each annotated with its status on that date."""
    return Task.objects.filter(assigned_on__lte=as_of).annotate(status=status_expression(as_of=as_of))


def _handed_over_since(as_of: dt.date) -> bool:
    """Whether any reorganization after `as_of` handed tasks on; questions about today never need the history.

    A handover's `valid_to` is its event's date and leads an index, so this is one index probe; reverting an event
    deletes its handovers."""
    return TaskHandover.objects.filter(valid_to__gt=as_of).exists()


def _held_by(units, *, role: str, column: str, as_of: dt.date) -> Q:
    """Tasks whose `role` ("lead" or "assigning") was held by one of `units` on `as_of`, reading through
    reorganization handovers.

    A handover row says which unit held the role until the event's date; with none after `as_of`, the
    unit on the task holds it. `units` is a queryset of unit ids or a list of units.
    """
    if not _handed_over_since(as_of):
        # The plain filter keeps the (lead_unit, deadline) index usable: one index scan per unit.
        return Q(**{f"{column}__in": units})
    later = TaskHandover.objects.filter(task=OuterRef("pk"), valid_to__gt=as_of, **{f"{role}_from__isnull": False})
    held = (TaskHandover.objects.filter(valid_to__gt=as_of, **{f"{role}_from__in": units})
            .filter(Q(**{f"{role}_since__isnull": True}) | Q(**{f"{role}_since__lte": as_of})).values("task_id"))
    return (Q(**{f"{column}__in": units}) & ~Exists(later)) | Q(pk__in=held)


def lead_unit_as_of(*, as_of: dt.date):
    """An expression: the id of the task's lead unit on `as_of` (before any later reorganization handed it on)."""
    if not _handed_over_since(as_of):
        return F("lead_unit_id")
    held = (TaskHandover.objects.filter(task=OuterRef("pk"), valid_to__gt=as_of, lead_from__isnull=False)
            .filter(Q(lead_since__isnull=True) | Q(lead_since__lte=as_of)).order_by("valid_to").values("lead_from_id")[:1])
    return Coalesce(Subquery(held), F("lead_unit_id"), output_field=BigIntegerField())


def tasks_list(*, user, filters: TaskFilters) -> QuerySet[Task]:
    tasks = visible_tasks(user, tasks_with_status(as_of=filters.as_of))
    if filters.status:
        statuses = STATUS_FILTERS.get(filters.status)
        if statuses is None:
            raise invalid("status", _("“%(value)s” is not one of: %(choices)s") % {"value": filters.status, "choices": ", ".join(STATUS_FILTERS)})
    else:
        statuses = COUNTED
    # Filtered by predicates an index can serve, labelled by the CASE; both come from the same RULES.
    tasks = tasks.filter(status_filter(statuses, as_of=filters.as_of))
    if filters.lead_unit is not None:
        units = unit_subtree_ids(unit=filters.lead_unit, as_of=filters.as_of) if filters.subtree else [filters.lead_unit]
        tasks = tasks.filter(_held_by(units, role="lead", column="lead_unit", as_of=filters.as_of))
    if filters.assigning_unit is not None:
        tasks = tasks.filter(_held_by([filters.assigning_unit], role="assigning", column="assigning_unit",
                                      as_of=filters.as_of))
    if filters.document is not None:
        tasks = tasks.filter(document=filters.document)
    if filters.deadline_from:
        tasks = tasks.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        tasks = tasks.filter(deadline__lte=filters.deadline_to)
    if filters.leader_id:
        tasks = tasks.filter(leader_id=filters.leader_id)
    if filters.assigned_from:
        tasks = tasks.filter(assigned_on__gte=filters.assigned_from)
    if filters.assigned_to:
        tasks = tasks.filter(assigned_on__lte=filters.assigned_to)
    if filters.q:
        for term in search_terms(filters.q):
            tasks = tasks.filter(search_title__contains=term)
    return tasks.select_related(*SHOWN_WITH_TASK).defer(*NOT_SHOWN_WITH_TASK).order_by("deadline", "id")


def status_groups(tasks: QuerySet[Task], *, by: str | None = None, **aggregates) -> QuerySet:
    """The one count of tasks by status: a GROUP BY (`by`, status) over tasks labelled by `status_expression`,
    each row with `status`, `n` (how many) and the `aggregates` asked for. `official_totals` makes the totals."""
    group = (by, "status") if by else ("status",)
    return tasks.order_by().values(*group).annotate(n=Count("id"), **aggregates)


def status_counts(*, user, filters: TaskFilters) -> dict[str, int]:
    """The official report's totals (`OFFICIAL_TOTALS`) of the tasks the list selects with `filters`, whatever their status."""
    rows = status_groups(tasks_list(user=user, filters=dataclasses.replace(filters, status=None)))
    return official_totals({row["status"]: row["n"] for row in rows})


def evidence_get(*, user, task_id: int, evidence_id: int):
    """One piece of evidence of a task the user may see; any other is not found, as if it did not exist."""
    task = task_get(user=user, task_id=task_id, as_of=clock.today())
    evidence = Evidence.objects.filter(pk=evidence_id, report__task=task).first()
    if evidence is None:
        raise NotFound(_("No evidence %(id)s of task %(task)s.") % {"id": evidence_id, "task": task_id})
    return evidence


def task_get(*, user, task_id: int, as_of: dt.date) -> Task:
    tasks = Task.objects.annotate(status=status_expression(as_of=as_of))
    task = (visible_tasks(user, tasks).filter(pk=task_id)
            .select_related("lead_unit", "assigning_unit", "leader", "document", "parent").first())
    if task is None:
        raise NotFound(_("No task %(id)s that you may see.") % {"id": task_id})
    return task


def task_timeline(*, user, task: Task, known_parts: set[int] | None = None) -> list[TaskEvent]:
    """The task's events; one that names a delegated part (its title) only when `user` may know of that part
    (`known_parts`, when the caller has read them already)."""
    events = list(task.events.select_related("actor").order_by("at", "id"))
    _unit_names(events)
    parts = {event.data.get("child") for event in events if event.kind == "delegated_part" and isinstance(event.data, dict)}
    parts.discard(None)
    if not parts:
        return events
    known = known_parts if known_parts is not None else set(
        Task.objects.filter(part_q(user), pk__in=parts).values_list("pk", flat=True))
    return [event for event in events
            if not (event.kind == "delegated_part" and isinstance(event.data, dict) and event.data.get("child") not in known)]


def _unit_names(events: list[TaskEvent]) -> None:
    """A reorganization's line names the units it handed the task between (`from_name`, `to_name`), not their codes."""
    lines = [(event, event.reorganization) for event in events if event.kind.startswith("reorganiz")]
    codes = {code for _event, line in lines if line for code in (line["from"], line["to"]) if code}
    names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    for event, line in lines:
        if line:
            event.from_name, event.to_name = names.get(line["from"], line["from"]), names.get(line["to"], line["to"])


def task_children_progress(*, user, task: Task, as_of: dt.date) -> dict:
    """The delegated parts of a task that `user` may know of, and how far they have come."""
    children = (Task.objects.filter(part_q(user), parent=task).annotate(status=status_expression(as_of=as_of))
                .select_related(*SHOWN_WITH_TASK).defer(*NOT_SHOWN_WITH_TASK).order_by("lead_unit__code", "id"))
    return _progress(list(children))


def open_parts(task: Task) -> int:
    """How many parts delegated from `task` are still open (assigned, in progress, submitted or returned), seen or not."""
    return Task.objects.filter(parent=task, state__in=OPEN_STATES).count()


def _progress(children: list[Task]) -> dict:
    done = sum(1 for child in children if child.status in DONE)
    average = round(sum(child.progress for child in children) / len(children)) if children else None
    return {"children": children, "done": done, "count": len(children), "average_progress": average}


def task_extensions(*, task: Task) -> QuerySet[Extension]:
    return task.extensions.select_related("requested_by", "decided_by").order_by("requested_at")


def task_progress_reports(*, task: Task) -> QuerySet[ProgressReport]:
    """The task's progress reports, newest first, each with its evidence (a task the caller has already been shown)."""
    return (task.progress_reports.select_related("author").prefetch_related("evidence")
            .order_by("-reported_at", "-pk"))


def task_coordinators(*, task: Task) -> list[Unit]:
    return [c.unit for c in task.coordinations.select_related("unit").order_by("unit__code")]


def overdue_by_unit(*, user, filters: TaskFilters, limit: int = 10) -> list[dict]:
    """Units with the most overdue tasks: who lags, each task counted for the unit that led it on `as_of`."""
    rows = (tasks_list(user=user, filters=TaskFilters(**{**filters.__dict__, "status": "overdue"})).order_by()
            .annotate(lead_then=lead_unit_as_of(as_of=filters.as_of)).values("lead_then").annotate(n=Count("id"))
            .order_by("-n", "lead_then")[:limit])
    units = Unit.objects.in_bulk([r["lead_then"] for r in rows])
    rows = sorted(rows, key=lambda r: (-r["n"], units[r["lead_then"]].code))
    return [{"code": units[r["lead_then"]].code, "name": units[r["lead_then"]].name, "overdue": r["n"]} for r in rows]




def task_dossier(*, user, task_id: int, as_of: dt.date, progress: bool = False) -> Task:
    """One task with everything its API detail shows: the task and its delegated parts in one query, then one per list;
    with `progress`, its progress reports and their evidence too (two more)."""
    if not possible_id(task_id):  # no row has such an id, and the database would refuse the number in `parent_id`
        raise NotFound(_("No task %(id)s that you may see.") % {"id": task_id})
    # Whether the user may know of each row is read in the same query: the task itself, and each delegated part.
    family = list(Task.objects.annotate(status=status_expression(as_of=as_of), known=task_known(user))
                  .filter(Q(pk=task_id) | Q(parent_id=task_id))
                  .select_related(*SHOWN_WITH_TASK).defer(*NOT_SHOWN_WITH_TASK).order_by("lead_unit__code", "id"))
    task = next((row for row in family if row.pk == task_id), None)
    if task is None or not task.known:
        raise NotFound(_("No task %(id)s that you may see.") % {"id": task_id})
    task.as_of = as_of
    children = [row for row in family if row.parent_id == task_id]
    shown = [child for child in children if child.known or not child.secrecy]  # as `part_q` has it
    task.delegated = _progress(shown)
    task.coordinator_units = task_coordinators(task=task)
    task.timeline = task_timeline(user=user, task=task, known_parts={child.pk for child in shown})
    task.extension_requests = list(task_extensions(task=task))
    if progress:
        task.reports = list(task.progress_reports.prefetch_related("evidence").order_by("reported_at", "id"))
    return task


# What waits for one person (the inbox composes these). Each offers only what its service would let the person do:
# the decisions through the working regulation (`units_deciding`, the rule `can_decide` applies), never one's own
# request or result (`decided_by_initiator`), never a task above one's clearance. A decision waits for the nearest
# people who may take it — a provincial leader's inbox holds the requests of the province's committee, not those of
# every commune below it, whose own leaders decide them; the work of a lead unit waits for the people in that unit,
# as the reminders go to them. Each is a fixed number of queries however many rows wait.

def extensions_to_decide(*, user) -> QuerySet[Extension]:
    """The requests for more time that wait for `user`'s decision."""
    pending = (Extension.objects.filter(state=ExtensionState.PENDING, task__state__in=OPEN_STATES,
                                        task__assigning_unit_id__in=reach(user, DECIDING_ROLES),
                                        task__secrecy__lte=clearance_of(user))
               .exclude(requested_by_id=user.pk))
    units = set(pending.order_by().values_list("task__assigning_unit_id", flat=True).distinct())
    deciding = units_deciding(user=user, units=units, decision=Decision.EXTENSION)
    return (pending.filter(task__assigning_unit_id__in=deciding)
            .select_related("task", "task__lead_unit", "requested_by").order_by("requested_at", "id"))


def results_to_accept(*, user) -> QuerySet[Task]:
    """The submitted results that wait for `user` to accept or return them: never a result
    they submitted, nor one of a task they assigned and carried out (as `task_transition` refuses them)."""
    submitted = Task.objects.filter(state=TaskState.SUBMITTED, assigning_unit_id__in=reach(user, DECIDING_ROLES),
                                    secrecy__lte=clearance_of(user))
    units = set(submitted.order_by().values_list("assigning_unit_id", flat=True).distinct())
    deciding = units_deciding(user=user, units=units, decision=Decision.ACCEPTANCE)
    by_user = TaskEvent.objects.filter(task=OuterRef("pk"), actor_id=user.pk)
    return (submitted.filter(assigning_unit_id__in=deciding)
            .exclude(Exists(by_user.filter(kind="submit")))
            .exclude(Q(created_by_id=user.pk) & Exists(by_user.filter(kind="progress")))
            .select_related(*SHOWN_WITH_TASK).defer(*NOT_SHOWN_WITH_TASK).order_by("submitted_on", "id"))


def tasks_returned(*, user) -> QuerySet[Task]:
    """The tasks whose result was returned to a unit where `user` carries tasks out (`can_act_as_lead`)."""
    return (Task.objects.filter(state=TaskState.RETURNED, lead_unit_id__in=units_held(user, WRITERS),
                                secrecy__lte=clearance_of(user))
            .select_related(*SHOWN_WITH_TASK).defer(*NOT_SHOWN_WITH_TASK).order_by("deadline", "id"))


def tasks_answered_for(*, user, status: str) -> QuerySet[Task]:
    """`user`'s tasks of `status` ("overdue", "due_soon") today: those they are in charge of and those of the units where
    they lead or work on the lead side — the people the reminders go to."""
    mine = Q(leader_id=user.pk) | Q(lead_unit_id__in=units_held(user, LEAD_SIDE_ROLES))
    return tasks_list(user=user, filters=TaskFilters(as_of=clock.today(), status=status)).filter(mine)
