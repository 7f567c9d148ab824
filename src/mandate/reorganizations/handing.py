"""Handing tasks on: the SQL that an applied event runs over hundreds of thousands of open tasks.

A task's lead and assigning units go to their successors through one `TaskHandover` row per task (each role with the
interval the old unit held it), its coordinations through `CoordinationHandover` rows; the tasks are rewritten by one
UPDATE joined to the event's rows, and each gets one "reorganized" line on its timeline. Revert runs the same
statements the other way ("from" instead of "to"). PostgreSQL takes the rows by COPY.
"""
import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from mandate.core.errors import Conflict, FieldError
from mandate.orgs.models import Unit
from mandate.reorganizations.models import DestinationItem, Reorganization, ReorganizationLink
from mandate.reorganizations.selectors import Preview, event_handovers
from mandate.tasks.models import (
    OPEN_STATES, CoordinationHandover, HandoverRole, Task, TaskCoordinator, TaskEvent, TaskHandover,
)

TIMELINE_KIND = "reorganized"
REVERTED_KIND = "reorganization_reverted"
# A task's role → its column and the destination item that names where it goes.
ROLES = {HandoverRole.LEAD.value: ("lead_unit_id", DestinationItem.TASK),
         HandoverRole.ASSIGNING.value: ("assigning_unit_id", DestinationItem.ASSIGNED)}
HANDOVER_COLUMNS = ("reorganization_id", "task_id", "valid_to", *(f"{role}_{part}" for role in ROLES
                                                                  for part in ("from_id", "to_id", "since")))
COORDINATION_COLUMNS = ("reorganization_id", "task_id", "from_unit_id", "to_unit_id", "valid_from", "valid_to", "removed")


def table_name(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _json_object(*pairs: tuple[str, str]) -> str:
    """A JSON object built by the database from (key, SQL expression) pairs: values are never glued into strings."""
    function = "jsonb_build_object" if connection.vendor == "postgresql" else "json_object"
    arguments = ", ".join(f"'{key}', {expression}" for key, expression in pairs)
    return f"{function}({arguments})"


def _destinations(preview: Preview, codes: dict[str, int], item_type: str) -> tuple[dict[int, int], list[tuple[int, int, int]]]:
    """Link-mode predecessors → successor id; and (item id, predecessor id, successor id) chosen one by one."""
    single, chosen = {}, []
    for handing in preview.handings:
        if not handing.successors:
            continue
        if handing.mode == "link":
            single[handing.predecessor.pk] = codes[handing.successors[0]]
        else:
            chosen += [(item.item_id, handing.predecessor.pk, codes[item.destination]) for item in handing.items[item_type]]
    return single, chosen


def chunks(values: list, size: int = 5000):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def hand_over(event: Reorganization, preview: Preview, codes: dict[str, int], *, actor, moment: dt.datetime) -> dict:
    """Write the event's handovers (one row per task for its lead and assigning units, one per coordination),
    re-point the tasks and their coordinations, and give each task handed on its timeline line."""
    # A task's earlier handover (where its `<role>_since` comes from) can only have handed it to one of these units
    # if an applied event made that unit a successor; when none did (the 2025 merger closes units that no event
    # created), every `<role>_since` is null and no task needs looking up.
    inherited = (ReorganizationLink.objects.filter(successor_id__in=[h.predecessor.pk for h in preview.handings],
                                                   reorganization__applied_at__isnull=False,
                                                   reorganization__reverted_at__isnull=True)
                 .exclude(reorganization=event).exists())
    singles, chosen = {}, defaultdict(dict)  # role → {predecessor: successor}; task → role → (predecessor, successor)
    for role, (_column, item) in ROLES.items():
        singles[role], picked = _destinations(preview, codes, item.value)
        for task_id, source, target in picked:
            chosen[task_id][role] = (source, target)
    with connection.cursor() as cursor:
        if any(singles.values()):
            _handovers_by_link(cursor, event, singles, inherited=inherited)
        if chosen:
            _handovers_chosen(cursor, event, chosen, inherited=inherited)
        tasks_update(cursor, event, "to")
        coordinations = _hand_over_coordinators(cursor, event, preview, codes, inherited=inherited)
        timeline_write(cursor, event, TIMELINE_KIND, actor=actor, moment=moment)
    counts = event_handovers(event).aggregate(lead=Count("lead_from"), assigning=Count("assigning_from"))
    counts = {role: n for role, n in counts.items() if n}
    counts[HandoverRole.COORDINATOR.value] = coordinations
    return counts


def _since(role: str, task_sql: str) -> str:
    """SQL: when the task's `role` was last handed on before (null: never, it holds it since it was assigned)."""
    return (f"(SELECT MAX(p.valid_to) FROM {table_name(TaskHandover)} p WHERE p.task_id = {task_sql} "
            f"AND p.{role}_from_id IS NOT NULL)")


def _handovers_by_link(cursor, event: Reorganization, singles: dict, *, inherited: bool) -> None:
    """One INSERT … SELECT for every open task whose lead or assigning unit a successor takes whole."""
    selected, conditions, select_params, where_params = [], [], [], []
    for role, (column, _item) in ROLES.items():
        single = singles[role]
        if not single:
            selected += ["NULL", "NULL", "NULL"]
            continue
        keys = ", ".join(["%s"] * len(single))
        selected += [f"CASE WHEN t.{column} IN ({keys}) THEN t.{column} END",
                     f"CASE t.{column} {' '.join('WHEN %s THEN %s' for _ in single)} END",
                     f"CASE WHEN t.{column} IN ({keys}) THEN {_since(role, 't.id')} END" if inherited else "NULL"]
        select_params += [*single, *[v for pair in single.items() for v in pair], *(single if inherited else ())]
        conditions.append(f"t.{column} IN ({keys})")
        where_params += list(single)
    open_states = [str(s) for s in OPEN_STATES]
    cursor.execute(
        f"INSERT INTO {table_name(TaskHandover)} ({', '.join(HANDOVER_COLUMNS)}) "
        f"SELECT %s, t.id, %s, {', '.join(selected)} FROM {table_name(Task)} t "
        f"WHERE ({' OR '.join(conditions)}) AND t.state IN ({', '.join(['%s'] * len(open_states))})",
        [event.pk, event.effective_on, *select_params, *where_params, *open_states])


def _handovers_chosen(cursor, event: Reorganization, chosen: dict[int, dict], *, inherited: bool) -> None:
    """Write the destinations chosen one by one. Only a split or a dissolution chooses, and each has one predecessor,
    so no task of the event is also handed on whole (a merger's predecessors each go to one successor); should those
    rules ever allow it, the apply is refused rather than a task given two rows."""
    for chunk in chunks(sorted(chosen)):
        twice = list(event_handovers(event).filter(task_id__in=chunk).values_list("task_id", flat=True)[:10])
        if twice:
            raise Conflict(_("The reorganization hands some tasks on both whole and item by item."),
                           [FieldError("destinations", _("task %(id)s is handed on both ways") % {"id": task_id}, "twice")
                            for task_id in twice])
    since = defaultdict(dict)
    for role in ROLES if inherited else ():
        for chunk in chunks(sorted(chosen)):
            rows = (TaskHandover.objects.filter(task_id__in=chunk, **{f"{role}_from__isnull": False})
                    .values("task_id").annotate(m=Max("valid_to")).values_list("task_id", "m"))
            for task_id, day in rows:
                since[task_id][role] = day
    rows = []
    for task_id, roles in chosen.items():
        values = {}
        for role, (source, target) in roles.items():
            values.update({f"{role}_from_id": source, f"{role}_to_id": target, f"{role}_since": since[task_id].get(role)})
        rows.append((event.pk, task_id, event.effective_on, *[values.get(f"{role}_{part}") for role in ROLES
                                                              for part in ("from_id", "to_id", "since")]))
    _rows_insert(cursor, TaskHandover, HANDOVER_COLUMNS, rows)


def tasks_update(cursor, event: Reorganization, side: str) -> None:
    """Set the lead and assigning units of the handed-over tasks from the event's handovers (side "to" on apply,
    "from" on revert), one rewrite per task."""
    tasks = table_name(Task)
    cursor.execute(
        f"UPDATE {tasks} SET lead_unit_id = COALESCE(h.lead_{side}_id, lead_unit_id), "
        f"assigning_unit_id = COALESCE(h.assigning_{side}_id, assigning_unit_id) "
        f"FROM {table_name(TaskHandover)} h WHERE h.valid_to = %s AND h.reorganization_id = %s AND h.task_id = {tasks}.id",
        [event.effective_on, event.pk])


def _hand_over_coordinators(cursor, event: Reorganization, preview: Preview, codes: dict[str, int], *, inherited: bool) -> int:
    """Re-point the coordinations of open tasks; one that its successor already leads or coordinates is dropped."""
    single, chosen = _destinations(preview, codes, DestinationItem.COORDINATION.value)
    chosen_by_id = {item_id: target for item_id, _source, target in chosen}
    sources = [h.predecessor.pk for h in preview.handings]
    # By key, the closing units' coordinations and then their tasks: joining them to every open task scans the table.
    coordinations = list(TaskCoordinator.objects.filter(unit_id__in=sources).values_list("id", "task_id", "unit_id").order_by("id"))
    leads = {}  # open task → its lead unit, as handed on already
    for chunk in chunks(sorted({task_id for _id, task_id, _unit in coordinations})):
        leads.update(Task.objects.filter(pk__in=chunk, state__in=OPEN_STATES).values_list("id", "lead_unit_id"))
    rows = [row for row in coordinations if row[1] in leads]
    if not rows:
        return 0
    moved_ids = {row[0] for row in rows}
    taken = set(leads.items())
    previous = {}
    for chunk in chunks(sorted(leads)):
        taken |= {(task_id, unit_id) for row_id, task_id, unit_id in
                  TaskCoordinator.objects.filter(task_id__in=chunk).values_list("id", "task_id", "unit_id") if row_id not in moved_ids}
        if inherited:
            previous.update(CoordinationHandover.objects.filter(task_id__in=chunk).values("task_id").annotate(m=Max("valid_to"))
                            .values_list("task_id", "m"))
    handovers, removed = [], []
    for row_id, task_id, unit_id in rows:
        target = chosen_by_id.get(row_id) or single.get(unit_id)
        drop = (task_id, target) in taken
        taken.add((task_id, target))
        handovers.append((event.pk, task_id, unit_id, target, previous.get(task_id), event.effective_on, drop))
        if drop:
            removed.append(row_id)
    for chunk in chunks(removed):
        TaskCoordinator.objects.filter(pk__in=chunk).delete()
    _rows_insert(cursor, CoordinationHandover, COORDINATION_COLUMNS, handovers)
    coordinators_update(cursor, event, "to")
    return len(handovers)


def coordinators_update(cursor, event: Reorganization, side: str) -> None:
    """Move the coordinations the event kept (not dropped) to their successor (side "to") or back (side "from")."""
    coordinators, other = table_name(TaskCoordinator), "from" if side == "to" else "to"
    cursor.execute(
        f"UPDATE {coordinators} SET unit_id = h.{side}_unit_id FROM {table_name(CoordinationHandover)} h "
        f"WHERE h.reorganization_id = %s AND h.removed = %s AND h.task_id = {coordinators}.task_id "
        f"AND h.{other}_unit_id = {coordinators}.unit_id", [event.pk, False])


def _rows_insert(cursor, model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT the rows in their order (ids tell the first): PostgreSQL's COPY, elsewhere a few thousand per statement."""
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table_name(model)} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = f"({', '.join(['%s'] * len(columns))})"
    for chunk in chunks(rows, 2000):
        cursor.execute(f"INSERT INTO {table_name(model)} ({', '.join(columns)}) VALUES {', '.join([placeholders] * len(chunk))}",
                       [value for row in chunk for value in row])


# What a timeline line's data holds: the event's id, kind and date (parameters), the role and the units' codes.
TIMELINE_DATA = (("reorganization", "%s"), ("kind", "%s"), ("effective_on", "%s"), ("role", "x.role"),
                 ("from", "f.code"), ("to", "s.code"))


def timeline_write(cursor, event: Reorganization, kind: str, *, actor, moment: dt.datetime) -> None:
    """One line per task on its timeline, naming the event and what it handed on: the lead unit when it did, else the
    assigning unit, else the first coordination; every handover stays in the handover tables and the event's audit."""
    label = f"{event.get_kind_display()} {event.effective_on.isoformat()} (#{event.pk}): "
    units, handovers, coordinations = table_name(Unit), table_name(TaskHandover), table_name(CoordinationHandover)
    cursor.execute(
        f"INSERT INTO {table_name(TaskEvent)} (task_id, at, actor_id, kind, from_state, to_state, note, data) "
        f"SELECT x.task_id, %s, %s, %s, '', '', %s || f.code || ' → ' || s.code || %s, "
        f"{_json_object(*TIMELINE_DATA)} "
        f"FROM (SELECT 0 AS part, h.id AS ord, h.task_id, "
        f"CASE WHEN h.lead_from_id IS NULL THEN 'assigning' ELSE 'lead' END AS role, "
        f"COALESCE(h.lead_from_id, h.assigning_from_id) AS from_id, COALESCE(h.lead_to_id, h.assigning_to_id) AS to_id "
        f"FROM {handovers} h WHERE h.valid_to = %s AND h.reorganization_id = %s "
        f"UNION ALL SELECT 1, c.id, c.task_id, 'coordinator', c.from_unit_id, c.to_unit_id FROM {coordinations} c "
        f"JOIN (SELECT MIN(o.id) AS id FROM {coordinations} o WHERE o.reorganization_id = %s GROUP BY o.task_id) firsts "
        f"ON firsts.id = c.id WHERE c.task_id NOT IN (SELECT h.task_id FROM {handovers} h "
        f"WHERE h.valid_to = %s AND h.reorganization_id = %s)"
        f") x JOIN {units} f ON f.id = x.from_id JOIN {units} s ON s.id = x.to_id ORDER BY x.part, x.ord",
        [moment, getattr(actor, "pk", None), kind, label, "" if kind == TIMELINE_KIND else " (reverted)",
         event.pk, event.kind, event.effective_on.isoformat(),
         event.effective_on, event.pk, event.pk, event.effective_on, event.pk])
