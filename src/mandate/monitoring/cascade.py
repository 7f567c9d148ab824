"""The cascade of a directive down the levels: which units have taken it up, which have not, how late.

A unit (a province, or a commune of a province) has *issued* its implementing document when a document
issued by a unit of its subtree implements the directive — directly, or through a chain of
"implements" (a commune's plan implements the province's plan that implements the central
conclusion). It has *opened tasks* when a task of the directive or of an implementing document is led
by a unit of its subtree. Days are counted from the directive's date, and lateness from `due` when a
due date for implementing plans is given. Whatever the number of units (34 provinces, 3,321
communes), this costs a fixed handful of queries: the units, one per link of the chain, the tasks and
the placements — then prefixes of materialized paths are matched in memory.
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Min, Q

from mandate.accounts.permissions import is_system_admin
from mandate.documents.models import Document, DocumentRelation, RelationKind
from mandate.documents.permissions import document_q
from mandate.orgs.models import Unit
from mandate.orgs.selectors import placements_on, unit_placement
from mandate.tasks.models import Task
from mandate.tasks.permissions import visible_tasks

MAX_CHAIN = 6  # central → province → its bodies → commune → … is far shorter

ISSUED, TASKS_ONLY, MISSING = "issued", "tasks_only", "missing"


@dataclass(frozen=True)
class CascadeRow:
    unit: Unit
    state: str                       # issued, tasks_only, missing
    document_id: int | None          # the first implementing document of the unit's subtree
    document_number: str
    issued_on: dt.date | None
    first_task_on: dt.date | None
    days_taken: int | None           # from the directive's date to the implementing document
    days_waiting: int | None         # from the directive's date to as_of, while nothing is issued
    days_late: int                   # past `due`: issued late, or still missing after it

    @property
    def took_up(self) -> bool:
        return self.state != MISSING


@dataclass(frozen=True)
class Cascade:
    directive: Document
    level: str
    within: Unit
    as_of: dt.date
    due: dt.date | None
    rows: list[CascadeRow]

    def summary(self) -> dict[str, int]:
        rows = self.rows
        return {
            "units": len(rows),
            "issued": sum(r.state == ISSUED for r in rows),
            "tasks_only": sum(r.state == TASKS_ONLY for r in rows),
            "missing": sum(r.state == MISSING for r in rows),
            "late": sum(r.days_late > 0 for r in rows),
        }


def _implementing(directive: Document, as_of: dt.date, user) -> dict[int, tuple]:
    """Every document `user` may know of that implements the directive, through any chain of such documents:
    id → (issuing unit id, issued on, number)."""
    found: dict[int, tuple] = {}
    frontier = {directive.pk}
    known = Q() if is_system_admin(user) else document_q(user, prefix="source__")
    for _ in range(MAX_CHAIN):
        rows = (DocumentRelation.objects.filter(known, kind=RelationKind.IMPLEMENTS, target_id__in=frontier,
                                                source__issued_on__lte=as_of)
                .values_list("source_id", "source__issuing_unit_id", "source__issued_on", "source__number_text"))
        frontier = set()
        for source_id, unit_id, issued_on, number in rows:
            if source_id not in found and source_id != directive.pk:
                found[source_id] = (unit_id, issued_on, number)
                frontier.add(source_id)
        if not frontier:
            break
    return found


def _owner(path: str, targets: dict[str, Unit]) -> Unit | None:
    prefix = "/"
    for part in path.strip("/").split("/"):
        prefix += part + "/"
        if prefix in targets:
            return targets[prefix]
    return None


def directive_cascade(*, user, directive: Document, level: str, within: Unit, as_of: dt.date,
                      due: dt.date | None = None) -> Cascade:
    """Each unit of `level` (province, commune) under `within` on `as_of`, and how it took the directive up, as far as
    `user` may know: a secret implementing document or task they may not know of counts as not there."""
    top = unit_placement(unit=within, as_of=as_of)
    targets: dict[str, Unit] = {}
    if top is not None:
        for placement in placements_on(as_of).filter(path__startswith=top.path, unit__kind=level).select_related("unit"):
            targets[placement.path] = placement.unit
    documents = _implementing(directive, as_of, user)
    tasks = dict(visible_tasks(user, Task.objects.filter(document_id__in=[directive.pk, *documents], assigned_on__lte=as_of))
                 .exclude(cancelled_on__lte=as_of).order_by()
                 .values("lead_unit_id").annotate(first=Min("assigned_on")).values_list("lead_unit_id", "first"))
    unit_ids = {unit_id for unit_id, _, _ in documents.values() if unit_id} | set(tasks)
    paths = dict(placements_on(as_of).filter(unit_id__in=unit_ids).values_list("unit_id", "path"))

    first_document: dict[int, tuple] = {}
    for document_id, (unit_id, issued_on, number) in documents.items():
        owner = _owner(paths.get(unit_id, ""), targets)
        if owner is not None and (owner.pk not in first_document or (issued_on, document_id) < first_document[owner.pk][:2]):
            first_document[owner.pk] = (issued_on, document_id, number)
    first_task: dict[int, dt.date] = {}
    for unit_id, first in tasks.items():
        owner = _owner(paths.get(unit_id, ""), targets)
        if owner is not None and (owner.pk not in first_task or first < first_task[owner.pk]):
            first_task[owner.pk] = first

    start = directive.issued_on
    rows = []
    for unit in sorted(targets.values(), key=lambda u: u.code):
        issued = first_document.get(unit.pk)
        opened = first_task.get(unit.pk)
        state = ISSUED if issued else TASKS_ONLY if opened else MISSING
        issued_on = issued[0] if issued else None
        end = issued_on or as_of
        rows.append(CascadeRow(
            unit=unit, state=state, document_id=issued[1] if issued else None, document_number=issued[2] if issued else "",
            issued_on=issued_on, first_task_on=opened,
            days_taken=(issued_on - start).days if issued_on and start else None,
            days_waiting=(as_of - start).days if not issued_on and start else None,
            days_late=max(0, (end - due).days) if due else 0,
        ))
    return Cascade(directive=directive, level=level, within=within, as_of=as_of, due=due, rows=rows)
