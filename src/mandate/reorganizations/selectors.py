"""What a reorganization would move where: the one plan that the preview shows and `reorganization_apply` executes.

A predecessor that the event closes hands on four kinds of items: the open tasks it leads, the open
tasks it assigned, its coordinations of open tasks, and its child units (positions come with
personnel). A predecessor with exactly one successor hands everything to it ("link"); one with
several (a split, a dissolution into several) needs a destination for each item — chosen one by one
(`ReorganizationDestination`), by the rule "territory" (a task goes where the units holding its work
go), or by the event's default successor. Anything left without one is listed in `missing`, and
applying is refused while the list is not empty.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.core.dates import day_text
from mandate.core.errors import FieldError, NotFound
from mandate.documents.models import Document, NumberSequence
from mandate.documents.permissions import visible_documents
from mandate.orgs.models import Placement, ReorganizationKind, Unit
from mandate.orgs.selectors import placements_on
from mandate.reorganizations.models import DestinationItem, PlannedUnit, Reorganization, ReorganizationLink
from mandate.tasks.models import (
    OPEN_STATES, CoordinationHandover, Extension, ExtensionState, Task, TaskCoordinator, TaskHandover,
)

RULE_TERRITORY = "territory"
RULES = (RULE_TERRITORY,)
SAMPLE = 50  # items listed per predecessor and kind when everything goes one way; the counts are exact
HANDED = (DestinationItem.TASK.value, DestinationItem.ASSIGNED.value, DestinationItem.COORDINATION.value)  # what tasks hand on


@dataclass
class Item:
    item_type: str
    item_id: int
    label: str
    source: Unit
    destination: str | None = None  # a unit code, existing or planned
    how: str = ""  # link, chosen, rule, default
    destination_name: str = ""  # what the page shows of the destination


@dataclass
class Handing:
    """Everything one closing predecessor hands on."""

    predecessor: Unit
    successors: list[str]
    mode: str  # "link" (one successor takes all) or "choose"
    counts: dict = field(default_factory=dict)
    items: dict = field(default_factory=lambda: {kind.value: [] for kind in DestinationItem})  # item_type → [Item]; a sample in link mode
    handed: dict | None = None  # once applied: what it did hand on, by item type (task, assigned, coordination)
    successor_names: list[str] = field(default_factory=list)  # what the page shows: the successors by name
    successor_choices: list[tuple[str, str]] = field(default_factory=list)  # (code, name) of each successor


@dataclass
class Preview:
    reorganization: Reorganization
    closes: list[Unit] = field(default_factory=list)
    already_closed: list[Unit] = field(default_factory=list)
    opens: list[PlannedUnit] = field(default_factory=list)
    rename: tuple | None = None  # (unit, old name, new name)
    move: tuple | None = None  # (unit, old parent, new parent, subtree size)
    handings: list[Handing] = field(default_factory=list)
    extensions: list[dict] = field(default_factory=list)
    sequences: list[dict] = field(default_factory=list)
    missing: list[Item] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)

    @property
    def can_apply(self) -> bool:
        return not self.errors and not self.missing

    def totals(self) -> dict:
        totals = {kind.value: 0 for kind in DestinationItem}
        for handing in self.handings:
            for kind, count in handing.counts.items():
                totals[kind] += count
        return totals

    def handed_totals(self) -> dict | None:
        """Once the event is applied: what all its predecessors handed on, by item type (zeros for a rename)."""
        if not self.reorganization.is_applied:
            return None
        return {kind: sum((handing.handed or {}).get(kind, 0) for handing in self.handings) for kind in HANDED}


def _task_label(task) -> str:
    return f"#{task.pk} {task.title}"


def successor_codes(reorganization: Reorganization) -> dict[int | None, list[str]]:
    """Predecessor id → the codes of its successors (existing or planned), in link order."""
    result: dict[int | None, list[str]] = defaultdict(list)
    for link in reorganization.links.select_related("successor", "planned").order_by("id"):
        code = link.successor_code
        if code and code not in result[link.predecessor_id]:
            result[link.predecessor_id].append(code)
    return result


def _successor_names(reorganization: Reorganization) -> dict[str, str]:
    """A successor's code → its name, whether the unit exists or is still planned."""
    names = {}
    for link in reorganization.links.select_related("successor", "planned"):
        if link.successor_id:
            names[link.successor.code] = link.successor.name
        elif link.planned_id:
            names[link.planned.code] = link.planned.name
    return names


def closing_predecessors(reorganization: Reorganization) -> list[Unit]:
    """The predecessors that the event closes: every one except a unit that is also its own successor."""
    if reorganization.kind in (ReorganizationKind.RENAME, ReorganizationKind.MOVE, ReorganizationKind.ESTABLISH):
        return []
    survivors = set(reorganization.links.filter(successor__isnull=False).values_list("successor_id", flat=True))
    ids = reorganization.links.filter(predecessor__isnull=False).values_list("predecessor_id", flat=True)
    return list(Unit.objects.filter(pk__in=ids).exclude(pk__in=survivors).order_by("code"))


def _check_structure(reorganization: Reorganization, preview: Preview) -> None:
    day = reorganization.effective_on
    errors = preview.errors
    if reorganization.applied_at and not reorganization.reverted_at:
        errors.append(FieldError("reorganization", _("was already applied on %(date)s") % {"date": date_format(timezone.localtime(reorganization.applied_at), "SHORT_DATETIME_FORMAT")}, "applied"))
    links = list(reorganization.links.select_related("predecessor", "successor", "planned"))
    predecessors = {link.predecessor for link in links if link.predecessor_id}
    kind = reorganization.kind
    placed_later = set(Placement.objects.filter(unit__in=[u.pk for u in predecessors if u.valid_to is None], valid_from__gte=day)
                       .values_list("unit_id", flat=True))
    for unit in sorted(predecessors, key=lambda u: u.code):
        if unit.valid_from is not None and unit.valid_from >= day:
            errors.append(FieldError("predecessors", _("%(unit)s begins on %(begins)s, not before %(date)s") % {"unit": unit.name, "begins": day_text(unit.valid_from), "date": day_text(day)}, "not_open"))
        elif unit.valid_to is not None and unit.valid_to < day:
            errors.append(FieldError("predecessors", _("%(unit)s was already closed on %(date)s") % {"unit": unit.name, "date": day_text(unit.valid_to)}, "closed"))
        elif unit.valid_to is not None and unit.valid_to > day:
            errors.append(FieldError("predecessors", _("%(unit)s closes later, on %(date)s; apply events in date order") % {"unit": unit.name, "date": day_text(unit.valid_to)},
                                     "later_change"))
        elif unit.pk in placed_later:
            errors.append(FieldError("predecessors", _("%(unit)s changes place on or after %(date)s; apply events in date order") % {"unit": unit.name, "date": day_text(day)},
                                     "later_change"))
    for link in links:
        unit = link.successor
        if unit is not None and unit not in predecessors and not unit.is_valid_on(day):
            errors.append(FieldError("successors", _("%(unit)s is not open on %(date)s") % {"unit": unit.name, "date": day_text(day)}, "not_open"))
    for planned in reorganization.planned_units.select_related("parent", "unit"):
        if planned.unit_id is None and Unit.objects.filter(code=planned.code).exists():
            errors.append(FieldError("new_units", _("the code %(code)s is already used by another unit") % {"code": planned.code}, "unique"))
        if planned.parent is not None and not placements_on(day).filter(unit=planned.parent).exists():
            errors.append(FieldError("new_units", _("the parent %(parent)s of %(unit)s is not open on %(date)s") % {"parent": planned.parent.name, "unit": planned.name, "date": day_text(day)}, "not_open"))
    survivors = {link.successor for link in links if link.successor_id and link.successor not in predecessors}
    paths = dict(placements_on(day - dt.timedelta(days=1)).filter(unit__in=[u.pk for u in predecessors | survivors])
                 .values_list("unit_id", "path"))
    for unit in predecessors:
        path = paths.get(unit.pk)
        inside = sorted(s.code for s in survivors if path and paths.get(s.pk, "").startswith(path))
        if inside and kind != ReorganizationKind.MOVE:
            errors.append(FieldError("successors", _("%(units)s lies inside the subtree of %(unit)s") % {"units": ", ".join(inside), "unit": unit.name}, "cycle"))
    counts = {"predecessors": len(predecessors), "successors": len({(link.successor_id, link.planned_id) for link in links if link.successor_id or link.planned_id})}
    if kind == ReorganizationKind.MERGE:
        by_predecessor = successor_codes(reorganization)
        if counts["predecessors"] < 1 or counts["successors"] < 1:
            errors.append(FieldError("links", _("a merge needs predecessors and one successor for each"), "required"))
        for unit in predecessors:
            if len(by_predecessor[unit.pk]) != 1:
                errors.append(FieldError("links", _("%(unit)s must merge into exactly one unit") % {"unit": unit.name}, "invalid"))
    elif kind == ReorganizationKind.SPLIT:
        if counts["predecessors"] != 1 or counts["successors"] < 2:
            errors.append(FieldError("links", _("a split takes one unit into two or more"), "invalid"))
    elif kind in (ReorganizationKind.RENAME, ReorganizationKind.MOVE):
        if counts["predecessors"] != 1:
            errors.append(FieldError("unit", _("a %(kind)s names exactly one unit") % {"kind": ReorganizationKind(kind).label.lower()}, "required"))
        if kind == ReorganizationKind.RENAME and not reorganization.new_name:
            errors.append(FieldError("new_name", _("is required for a rename"), "required"))
        if kind == ReorganizationKind.MOVE:
            _check_move(reorganization, next(iter(predecessors), None), errors)
    elif kind == ReorganizationKind.DISSOLVE and counts["predecessors"] != 1:
        errors.append(FieldError("predecessors", _("a dissolution names exactly one unit"), "required"))
    elif kind == ReorganizationKind.ESTABLISH and (counts["predecessors"] or not reorganization.planned_units.exists()):
        errors.append(FieldError("new_units", _("an establishment opens new units and closes none"), "required"))
    if reorganization.rule and reorganization.rule not in RULES:
        errors.append(FieldError("rule", _("“%(value)s” is not one of: %(choices)s") % {"value": reorganization.rule, "choices": ", ".join(RULES)}, "invalid"))


def _check_move(reorganization: Reorganization, unit: Unit | None, errors: list) -> None:
    day, parent = reorganization.effective_on, reorganization.new_parent
    if parent is None:
        errors.append(FieldError("new_parent", _("is required for a move"), "required"))
        return
    if unit is None:
        return
    current = placements_on(day - dt.timedelta(days=1)).filter(unit=unit).first()
    target = placements_on(day).filter(unit=parent).first()
    if target is None:
        errors.append(FieldError("new_parent", _("%(unit)s is not open on %(date)s") % {"unit": parent.name, "date": day_text(day)}, "not_open"))
    elif current is not None and target.path.startswith(current.path):
        errors.append(FieldError("new_parent", _("%(units)s lies inside the subtree of %(unit)s") % {"units": parent.name, "unit": unit.name}, "cycle"))
    elif current is not None and current.parent_id == parent.pk:
        errors.append(FieldError("new_parent", _("%(unit)s is already under %(parent)s") % {"unit": unit.name, "parent": parent.name}, "unchanged"))


def _territory_map(predecessor: Unit, unit_destinations: dict[int, str], day: dt.date) -> dict[int, str]:
    """Every unit in the predecessor's subtree (the day before) → the destination of the child unit that holds it."""
    placement = placements_on(day - dt.timedelta(days=1)).filter(unit=predecessor).first()
    if placement is None:
        return {}
    result = {}
    prefix_parts = len(placement.path.strip("/").split("/"))
    for unit_id, path in placements_on(day - dt.timedelta(days=1)).filter(path__startswith=placement.path).values_list("unit_id", "path"):
        parts = path.strip("/").split("/")
        if len(parts) > prefix_parts:
            child = int(parts[prefix_parts])
            if child in unit_destinations:
                result[unit_id] = unit_destinations[child]
    return result


def _one(values) -> str | None:
    values = {v for v in values if v}
    return values.pop() if len(values) == 1 else None


def _counts(counted: list[int], children: dict[int, list[Placement]]) -> dict[int, dict[str, int]]:
    """How many items of each kind the `counted` predecessors hand on: the tasks and coordinations in three grouped
    queries, the child units from `children`, already read."""
    counts = {pk: {kind.value: 0 for kind in DestinationItem} for pk in counted}
    if not counted:
        return counts
    open_tasks = Task.objects.filter(state__in=OPEN_STATES).order_by()
    grouped = (
        (DestinationItem.TASK, "lead_unit_id", open_tasks.filter(lead_unit__in=counted)),
        (DestinationItem.ASSIGNED, "assigning_unit_id", open_tasks.filter(assigning_unit__in=counted)),
        (DestinationItem.COORDINATION, "unit_id",
         TaskCoordinator.objects.filter(unit__in=counted, task__state__in=OPEN_STATES).order_by()),
    )
    for kind, column, query in grouped:
        for unit_id, n in query.values(column).annotate(n=Count("pk")).values_list(column, "n"):
            counts[unit_id][kind.value] = n
    for pk in counted:
        counts[pk][DestinationItem.UNIT.value] = len(children[pk])
    return counts


def _children(closing_ids: list[int], day: dt.date) -> dict[int, list[Placement]]:
    """The child units of every closing predecessor on `day`, except those that close too, in one query."""
    children = defaultdict(list)
    for placement in (placements_on(day).filter(parent__in=closing_ids).exclude(unit__in=closing_ids)
                      .select_related("unit").order_by("unit__code")):
        children[placement.parent_id].append(placement)
    return children


def _handing(reorganization: Reorganization, predecessor: Unit, successors: list[str], chosen: dict, samples: bool,
             children: list[Placement], counts: dict[str, int]) -> Handing:
    day = reorganization.effective_on
    mode = "link" if len(successors) == 1 else "choose"
    handing = Handing(predecessor=predecessor, successors=successors, mode=mode)
    handing.counts = counts
    if mode == "link" and not samples:
        limit = 0  # applying in link mode needs no list of tasks: one successor takes them all, in bulk
    else:
        limit = None if mode == "choose" else SAMPLE
    default = reorganization.default_successor_code if reorganization.default_successor_code in successors else None

    def pick(item_type: str, item_id: int, by_rule: str | None = None) -> tuple[str | None, str]:
        if mode == "link":
            return successors[0], "link"
        choice = chosen.get((item_type, item_id))
        if choice in successors:
            return choice, "chosen"
        if by_rule:
            return by_rule, "rule"
        return (default, "default") if default else (None, "")

    units: dict[int, str] = {}
    for placement in children:  # every one: apply re-places each
        destination, how = pick(DestinationItem.UNIT, placement.unit_id)
        if destination:
            units[placement.unit_id] = destination
        handing.items[DestinationItem.UNIT.value].append(
            Item(DestinationItem.UNIT, placement.unit_id, f"{placement.unit.code} {placement.unit.name}", predecessor, destination, how))
    if limit == 0:
        return handing
    open_tasks = Task.objects.filter(state__in=OPEN_STATES)
    queries = {
        DestinationItem.TASK: open_tasks.filter(lead_unit=predecessor),
        DestinationItem.ASSIGNED: open_tasks.filter(assigning_unit=predecessor),
    }
    coordinations = TaskCoordinator.objects.filter(unit=predecessor, task__state__in=OPEN_STATES)
    territory = _territory_map(predecessor, units, day) if mode == "choose" and reorganization.rule == RULE_TERRITORY else {}

    for item_type in (DestinationItem.TASK, DestinationItem.ASSIGNED):
        tasks = queries[item_type].order_by("id")[:limit]
        if territory and item_type == DestinationItem.TASK:
            tasks = tasks.prefetch_related("children", "coordinations")
        for task in tasks:
            by_rule = None
            if territory:
                if item_type == DestinationItem.TASK:
                    held = [c.lead_unit_id for c in task.children.all() if c.state in OPEN_STATES]
                    held += [c.unit_id for c in task.coordinations.all()]
                    by_rule = _one(territory.get(u) for u in held)
                else:
                    by_rule = territory.get(task.lead_unit_id)
            destination, how = pick(item_type, task.pk, by_rule)
            handing.items[item_type.value].append(Item(item_type, task.pk, _task_label(task), predecessor, destination, how))
    lead_destinations = {item.item_id: item.destination for item in handing.items[DestinationItem.TASK.value]}
    for coordination in coordinations.select_related("task").order_by("id")[:limit]:
        by_rule = lead_destinations.get(coordination.task_id) or territory.get(coordination.task.lead_unit_id)
        destination, how = pick(DestinationItem.COORDINATION, coordination.pk, by_rule if territory else None)
        handing.items[DestinationItem.COORDINATION.value].append(
            Item(DestinationItem.COORDINATION, coordination.pk, _task_label(coordination.task), predecessor, destination, how))
    return handing


def reorganization_plan(*, reorganization: Reorganization, samples: bool = True) -> Preview:
    """The plan of one event against the database as it stands; items are listed in full where each needs its own
    destination, and as a sample where one successor takes everything. With `samples=False` (what applying needs)
    such a predecessor lists only its child units, without counts, and pending extensions are not listed."""
    preview = Preview(reorganization=reorganization)
    _check_structure(reorganization, preview)
    day = reorganization.effective_on
    preview.opens = list(reorganization.planned_units.select_related("parent").order_by("code"))
    closing = closing_predecessors(reorganization)
    preview.closes = [u for u in closing if u.valid_to is None]
    preview.already_closed = [u for u in closing if u.valid_to is not None]
    by_predecessor = successor_codes(reorganization)
    names = _successor_names(reorganization)
    chosen = {(d.item_type, d.item_id): d.destination_code for d in reorganization.destinations.all()}
    closing_ids = [u.pk for u in closing]
    # Applying needs no count where one successor takes everything: only where the counts decide (no successor).
    children = _children(closing_ids, day)
    counts = _counts([pk for pk in closing_ids if samples or len(by_predecessor.get(pk, [])) != 1], children)
    for predecessor in closing:
        handing = _handing(reorganization, predecessor, by_predecessor.get(predecessor.pk, []), chosen, samples,
                           children[predecessor.pk], counts.get(predecessor.pk, {}))
        handing.successor_names = [names.get(code, code) for code in handing.successors]
        handing.successor_choices = list(zip(handing.successors, handing.successor_names, strict=True))
        for items in handing.items.values():
            for item in items:
                item.destination_name = names.get(item.destination, item.destination or "")
        preview.handings.append(handing)
        for items in handing.items.values():
            preview.missing += [item for item in items if item.destination is None]
        if not handing.successors and any(handing.counts.values()):
            preview.missing.append(Item("unit", predecessor.pk, _("%(unit)s: open work but no successor") % {"unit": predecessor.name}, predecessor))
    links = list(reorganization.links.select_related("predecessor"))
    if reorganization.kind == ReorganizationKind.RENAME and links and links[0].predecessor:
        unit = links[0].predecessor
        preview.rename = (unit, unit.name, reorganization.new_name)
    if reorganization.kind == ReorganizationKind.MOVE and links and links[0].predecessor:
        unit = links[0].predecessor
        current = placements_on(day - dt.timedelta(days=1)).filter(unit=unit).select_related("parent").first()
        size = placements_on(day).filter(path__startswith=current.path).count() if current else 0
        preview.move = (unit, current.parent if current else None, reorganization.new_parent, size)
    if samples:
        _extensions_plan(preview, closing_ids)
        known = set(names)
        wanted = {row[key] for row in preview.extensions for key in ("lead", "decided_by")} - known
        names.update(Unit.objects.filter(code__in=wanted).values_list("code", "name"))
        for row in preview.extensions:
            row["lead_name"], row["decided_by_name"] = names.get(row["lead"], row["lead"]), names.get(row["decided_by"], row["decided_by"])
    for sequence in NumberSequence.objects.filter(issuing_unit__in=closing_ids).select_related("issuing_unit").order_by("issuing_unit__code", "period", "type"):
        preview.sequences.append({"sequence": sequence, "unit": sequence.issuing_unit,
                                  "successors": by_predecessor.get(sequence.issuing_unit_id, [])})
    return preview


def _extensions_plan(preview: Preview, closing_ids: list[int]) -> None:
    """Pending extensions of the handed-over tasks, with who will lead them and decide on them (a sample)."""
    extensions = (Extension.objects.filter(state=ExtensionState.PENDING, task__state__in=OPEN_STATES)
                  .filter(Q(task__lead_unit__in=closing_ids) | Q(task__assigning_unit__in=closing_ids))
                  .select_related("task", "task__lead_unit", "task__assigning_unit").order_by("id"))
    destinations = {(item.item_type, item.item_id): item.destination
                    for handing in preview.handings for items in handing.items.values() for item in items}
    single = {h.predecessor.pk: h.successors[0] for h in preview.handings if h.mode == "link"}
    for extension in extensions[:SAMPLE * 4]:
        task = extension.task
        lead = destinations.get((DestinationItem.TASK, task.pk)) or single.get(task.lead_unit_id) or task.lead_unit.code
        decider = destinations.get((DestinationItem.ASSIGNED, task.pk)) or single.get(task.assigning_unit_id) or task.assigning_unit.code
        preview.extensions.append({"extension": extension, "task": task, "lead": lead, "decided_by": decider})


def reorganization_preview(*, reorganization_id: int) -> Preview:
    """Exactly what applying the event would move where, and what has no destination yet; once it is applied, what
    each predecessor handed on."""
    reorganization = reorganization_get(reorganization_id=reorganization_id)
    preview = reorganization_plan(reorganization=reorganization)
    if reorganization.is_applied:
        handed = reorganization_handed(reorganization=reorganization)
        for handing in preview.handings:
            handing.handed = handed.get(handing.predecessor.pk, dict.fromkeys(HANDED, 0))
    return preview


def reorganization_handed(*, reorganization: Reorganization) -> dict[int, dict[str, int]]:
    """What an applied event handed on, by predecessor: open tasks it led, open tasks it had assigned, coordinations."""
    handed = defaultdict(lambda: dict.fromkeys(HANDED, 0))
    for item, rows, column in (
        (DestinationItem.TASK, event_handovers(reorganization).filter(lead_from__isnull=False), "lead_from"),
        (DestinationItem.ASSIGNED, event_handovers(reorganization).filter(assigning_from__isnull=False), "assigning_from"),
        (DestinationItem.COORDINATION, event_coordination_handovers(reorganization), "from_unit"),
    ):
        for unit_id, count in (rows.order_by().values(column).annotate(n=Count("id"))
                               .values_list(column, "n")):
            handed[unit_id][item.value] = count
    return dict(handed)


def event_handovers(event: Reorganization) -> QuerySet[TaskHandover]:
    """The task handovers an event wrote; their `valid_to` is its date, which leads the index they are found by."""
    return TaskHandover.objects.filter(valid_to=event.effective_on, reorganization_id=event.pk)


def event_coordination_handovers(event: Reorganization) -> QuerySet[CoordinationHandover]:
    return CoordinationHandover.objects.filter(reorganization_id=event.pk)


def unit_predecessors(*, unit: Unit) -> QuerySet[Unit]:
    """The units a reorganization linked to `unit` as its successor (prepared, applied or recorded)."""
    return Unit.objects.filter(successor_links__successor=unit).distinct().order_by("code")


def unit_successors(*, unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(predecessor_links__predecessor=unit).distinct().order_by("code")


def _basis_known(user) -> Exists:
    """Whether `user` may know of the event's legal basis (a document, which may be secret): the basis is named only then."""
    return Exists(visible_documents(user, Document.objects.filter(pk=OuterRef("basis_id"))).values("pk"))


def reorganization_get(*, reorganization_id: int, user=None) -> Reorganization:
    """One event; its basis is named to `user` only if they may know of it (`user=None`: the system)."""
    reorganization = (Reorganization.objects.select_related("basis", "author", "new_parent")
                      .annotate(basis_known=_basis_known(user)).filter(pk=reorganization_id).first())
    if reorganization is None:
        raise NotFound(_("No reorganization %(id)s.") % {"id": reorganization_id})
    return reorganization


def reorganizations_list(*, user, batch: str | None = None, state: str | None = None, as_of: dt.date | None = None):
    """Events, newest effective date first; `state` is prepared, applied or reverted; `as_of` keeps those in effect by then.
    Each event's basis is named only when `user` may know of it (`basis_known`)."""
    events = (Reorganization.objects.select_related("basis", "author")
              .annotate(link_count=Count("links"), basis_known=_basis_known(user)))
    if batch:
        events = events.filter(batch=batch)
    if state == "prepared":
        events = events.filter(applied_at__isnull=True)
    elif state == "applied":
        events = events.filter(applied_at__isnull=False, reverted_at__isnull=True)
    elif state == "reverted":
        events = events.filter(reverted_at__isnull=False)
    if as_of is not None:
        events = events.filter(effective_on__lte=as_of)
    return events.order_by("-effective_on", "batch", "id")


NAMES_SHOWN = 4


@dataclass(frozen=True)
class LinkNames:
    """What a list shows of an event's links: the names it changes or closes, and the names it leads to."""
    before: list[str]
    before_more: int
    after: list[str]
    after_more: int


def _shown(names: list[tuple[int, str]]) -> tuple[list[str], int]:
    distinct = list(dict.fromkeys(name for _depth, name in sorted(names)))
    return distinct[:NAMES_SHOWN], max(0, len(distinct) - NAMES_SHOWN)


def reorganizations_link_names(*, events: list[Reorganization]) -> dict[int, LinkNames]:
    """The unit names each event links, the highest units first (a province before its offices), in one query."""
    before: dict[int, list[tuple[int, str]]] = defaultdict(list)
    after: dict[int, list[tuple[int, str]]] = defaultdict(list)
    links = (ReorganizationLink.objects.filter(reorganization__in=[event.pk for event in events])
             .select_related("predecessor", "successor", "planned").order_by("id"))
    for link in links:
        if link.predecessor:
            before[link.reorganization_id].append((link.predecessor.code.count("."), link.predecessor.name))
        end = link.successor or link.planned
        if end:
            after[link.reorganization_id].append((end.code.count("."), end.name))
    return {event.pk: LinkNames(*_shown(before[event.pk]), *_shown(after[event.pk])) for event in events}
