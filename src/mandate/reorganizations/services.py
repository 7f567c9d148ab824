"""Reorganizations: prepare an event, preview it, apply it in one transaction, revert it while nothing depends on it.

Applying closes the predecessors (`valid_to` = the effective date) with their placements, opens the
planned successors, re-places child units with their whole subtrees, renames and moves; open tasks,
the tasks a closed unit assigned and its coordinations are handed on (`handing.py`), and so are the
closing units' posts with the people holding them, or those people are listed to be arranged (`posts.py`). Completed and
cancelled tasks stay with the unit that did them. Every row of the structure that changes is written
down (`StructureChange`) so that revert restores it exactly.
"""
import datetime as dt

from django.db import connection, transaction
from django.db.models import Max, Q

from mandate.accounts.models import Membership
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import Conflict, DomainError, FieldError, invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.preconditions import version_checked
from mandate.core.text import nfc, searchable
from mandate.documents.models import Document, NumberSequence
from mandate.orgs.models import Placement, ReorganizationKind, Tier, Unit, UnitKind, UnitName
from mandate.orgs.selectors import placements_on
from mandate.orgs.services import territory_load
from mandate.orgs.territory import MERGER_EFFECTIVE, OLD_PREFIX, PROVINCE_BODIES, merger_successors
from mandate.reorganizations.handing import (
    REVERTED_KIND, TIMELINE_KIND, coordinators_update, hand_over, tasks_update, timeline_write,
)
from mandate.reorganizations.models import (
    DestinationItem, PlannedUnit, Reorganization, ReorganizationDestination, ReorganizationLink, StructureChange,
)
from mandate.reorganizations.permissions import can_reorganize, can_sign_off, signoff_rule
from mandate.reorganizations.posts import posts_dependants, posts_hand_over, posts_restore
from mandate.personnel.models import Holding, Position
from mandate.reorganizations.selectors import (
    RULES, Preview, event_coordination_handovers, event_handovers, reorganization_plan, successor_codes,
)
from mandate.tasks.models import Task, TaskCoordinator, TaskEvent
from django.utils.translation import gettext as _, gettext_noop
from mandate.core.dates import day_text

MERGER_2025_BATCH = "merger-2025"


# The country

def country_load(*, actor) -> int:
    """The country's units and terms (`orgs.services.territory_load`) and the 2025 province mergers that link the
    old provinces to the new, recorded but not applied; idempotent. Returns how many units were new."""
    with transaction.atomic():
        created = territory_load(actor=actor)
        mergers = _mergers_2025_record(actor=actor)
        if mergers:
            audit_record(actor=actor, action="reorganization.record_2025", object_type="reorganizations.reorganization",
                         object_id="*", after={"mergers_recorded": mergers})
    return created


def _mergers_2025_record(*, actor) -> int:
    """One merge per new province of 2025, linking its predecessors; skipped where already recorded."""
    successors = merger_successors()
    units = {u.code: u for u in Unit.objects.filter(code__in=[*successors, *successors.values()])}
    recorded = set(ReorganizationLink.objects.filter(predecessor__code__in=successors).values_list("predecessor__code", flat=True))
    by_successor: dict[str, list[str]] = {}
    for old, new in successors.items():
        by_successor.setdefault(new, []).append(old)
    count = 0
    for new, olds in sorted(by_successor.items()):
        if all(old in recorded for old in olds):
            continue
        event = Reorganization.objects.create(kind=ReorganizationKind.MERGE, effective_on=MERGER_EFFECTIVE,
                                              note="Nghị quyết số 202/2025/QH15", author=actor)
        ReorganizationLink.objects.bulk_create(
            [ReorganizationLink(reorganization=event, predecessor=units[old], successor=units[new]) for old in sorted(olds)]
        )
        count += 1
    return count


# Prepare

def _unit_or_code(value) -> str:
    return value.code if isinstance(value, Unit) else nfc(str(value or "")).strip()


def _links_for(kind: str, predecessors: list[Unit], successors: list[str]) -> list[tuple[Unit | None, str | None]]:
    if kind == ReorganizationKind.MERGE:
        if len(successors) != 1:
            raise invalid("successors", _("a merge has exactly one successor: a new unit or a surviving one"))
        return [(unit, successors[0]) for unit in predecessors]
    if kind in (ReorganizationKind.RENAME, ReorganizationKind.MOVE):
        return [(unit, unit.code) for unit in predecessors]
    if kind == ReorganizationKind.ESTABLISH:
        return [(None, code) for code in successors]
    if kind == ReorganizationKind.DISSOLVE and not successors:
        return [(unit, None) for unit in predecessors]
    return [(unit, code) for unit in predecessors for code in successors]


def reorganization_prepare(*, actor, kind: str, effective_on: dt.date, basis: Document | None = None, note: str = "",
                           batch: str = "", predecessors: list[Unit] | tuple = (), successors: list | tuple = (),
                           new_units: list[dict] | tuple = (), links: list[tuple] | None = None, new_name: str = "",
                           new_short_name: str = "", new_parent: Unit | None = None, default_successor: str = "",
                           rule: str = "", destinations: list[tuple[str, int, str]] | tuple = ()) -> Reorganization:
    """Record an event with its links, planned units and chosen destinations; nothing in the structure changes yet."""
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    errors = []
    if kind not in ReorganizationKind.values:
        errors.append(FieldError("kind", _("“%(value)s” is not one of: %(choices)s") % {"value": kind, "choices": ", ".join(str(label) for label in ReorganizationKind.labels)}))
    if effective_on is None:
        errors.append(FieldError("effective_on", _("is required"), "required"))
    planned_codes = []
    for index, spec in enumerate(new_units):
        code, name = nfc(spec.get("code") or "").strip(), nfc(spec.get("name") or "").strip()
        if not code or not name:
            errors.append(FieldError(f"new_units.{index}", _("needs a code and a name"), "required"))
        elif Unit.objects.filter(code=code).exists() or code in planned_codes:
            errors.append(FieldError(f"new_units.{index}.code", _("the code %(code)s is already used by another unit") % {"code": code}, "unique"))
        if spec.get("kind") not in UnitKind.values or spec.get("tier") not in Tier.values:
            errors.append(FieldError(f"new_units.{index}", _("needs a kind and a tier of the lists"), "invalid"))
        planned_codes.append(code)
    successor_codes = [_unit_or_code(s) for s in successors]
    for code in successor_codes:
        if code not in planned_codes and not Unit.objects.filter(code=code).exists():
            errors.append(FieldError("successors", _("no unit and no new unit has the code “%(code)s”") % {"code": code}, "unknown_unit"))
    if errors:
        raise DomainError(_("The reorganization cannot be prepared."), errors)
    with transaction.atomic():
        event = Reorganization.objects.create(
            kind=kind, effective_on=effective_on, basis=basis, note=nfc(note or ""), author=actor, batch=nfc(batch or "").strip(),
            created_at=clock.now(), new_name=nfc(new_name or "").strip(), new_short_name=nfc(new_short_name or "").strip(),
            new_parent=new_parent, default_successor_code=_unit_or_code(default_successor), rule=rule or "")
        planned = {}
        for spec in new_units:
            code = nfc(spec["code"]).strip()
            planned[code] = PlannedUnit.objects.create(
                reorganization=event, code=code, name=nfc(spec["name"]).strip(), short_name=spec.get("short_name") or "",
                issuer_code=spec.get("issuer_code") or "", kind=spec["kind"], tier=spec["tier"], parent=spec.get("parent"))
        pairs = links if links is not None else _links_for(kind, list(predecessors), successor_codes)
        if kind == ReorganizationKind.ESTABLISH and not pairs:
            pairs = [(None, code) for code in planned]
        for predecessor, successor in pairs:
            code = _unit_or_code(successor) if successor is not None else None
            ReorganizationLink.objects.get_or_create(
                reorganization=event, predecessor=predecessor,
                successor=None if code is None or code in planned else Unit.objects.get(code=code),
                planned=planned.get(code) if code else None)
        _destinations_write(event, destinations)
        preview = reorganization_plan(reorganization=event)
        if preview.errors:
            raise DomainError(_("The reorganization cannot be prepared."), preview.errors)
        audit_record(actor=actor, action="reorganization.prepare", obj=event, after=_event_snapshot(event))
    return event


def _destinations_write(event: Reorganization, destinations) -> None:
    for item_type, item_id, code in destinations:
        if item_type not in DestinationItem.values:
            raise invalid("destinations", _("“%(value)s” is not one of: %(choices)s") % {"value": item_type, "choices": ", ".join(DestinationItem.values)})
        code = _unit_or_code(code)
        if code:
            ReorganizationDestination.objects.update_or_create(
                reorganization=event, item_type=item_type, item_id=item_id, defaults={"destination_code": code})
        else:
            ReorganizationDestination.objects.filter(reorganization=event, item_type=item_type, item_id=item_id).delete()


def reorganization_destinations_set(*, actor, reorganization: Reorganization, destinations: list[tuple[str, int, str]] | tuple = (),
                                    default_successor: str | None = None, rule: str | None = None,
                                    expected_version: int | None = None) -> Reorganization:
    """Choose destinations one by one, or a default successor, or a rule, for a prepared event."""
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    with transaction.atomic():
        event = Reorganization.objects.select_for_update().get(pk=reorganization.pk)
        version = version_checked(event, expected_version)
        if event.is_applied:
            raise Conflict(_("The reorganization is applied; revert it before changing its destinations."))
        successors = {code for codes in successor_codes(event).values() for code in codes}
        bad = [FieldError("destinations", _("%(code)s is not a successor of this event") % {"code": code}, "not_successor")
               for _type, _id, code in destinations if code and _unit_or_code(code) not in successors]
        if default_successor and _unit_or_code(default_successor) not in successors:
            bad.append(FieldError("default_successor", _("%(code)s is not a successor of this event") % {"code": default_successor}, "not_successor"))
        if rule and rule not in RULES:
            bad.append(FieldError("rule", _("“%(value)s” is not one of: %(choices)s") % {"value": rule, "choices": ", ".join(RULES)}))
        if bad:
            raise DomainError(_("The destinations cannot be set."), bad)
        before = _event_snapshot(event)
        _destinations_write(event, destinations)
        if default_successor is not None:
            event.default_successor_code = _unit_or_code(default_successor)
        if rule is not None:
            event.rule = rule
        event.version = version
        event.save(update_fields=["default_successor_code", "rule", "version"])
        audit_record(actor=actor, action="reorganization.destinations", obj=event, before=before, after=_event_snapshot(event))
    return event


def _event_snapshot(event: Reorganization) -> dict:
    links = event.links.select_related("predecessor", "successor", "planned").order_by("id")
    return {
        "kind": event.kind, "effective_on": event.effective_on, "basis": event.basis.number_text if event.basis_id else None,
        "batch": event.batch, "note": event.note,
        "links": [[link.predecessor.code if link.predecessor_id else None, link.successor_code] for link in links],
        "new_name": event.new_name, "new_parent": event.new_parent.code if event.new_parent_id else None,
        "default_successor": event.default_successor_code, "rule": event.rule,
        "destinations": event.destinations.count(),
    }


# Apply

def reorganization_apply(*, actor, reorganization: Reorganization, expected_version: int | None = None) -> Reorganization:
    """Apply one event in one transaction; refused while anything lacks a destination."""
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    with transaction.atomic():
        event = Reorganization.objects.select_for_update().get(pk=reorganization.pk)
        version_checked(event, expected_version)
        _apply(event, actor=actor)
    return event


def reorganization_batch_apply(*, actor, batch: str) -> list[Reorganization]:
    """Apply every prepared event of a batch together, in date order, all or nothing."""
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    with transaction.atomic():
        events = list(Reorganization.objects.select_for_update().filter(batch=batch, applied_at__isnull=True)
                      .order_by("effective_on", "id"))
        if not events:
            raise invalid("batch", _("no prepared event in batch “%(batch)s”") % {"batch": batch}, "empty")
        for event in events:
            _apply(event, actor=actor)
    return events


def _refusal(preview: Preview) -> DomainError:
    errors = list(preview.errors)
    for item in preview.missing[:200]:
        errors.append(FieldError(f"destinations.{item.item_type}.{item.item_id}",
                                 _("%(item)s (%(unit)s) has no destination") % {"item": item.label, "unit": item.source.name}, "no_destination"))
    if len(preview.missing) > 200:
        errors.append(FieldError("destinations", _("and %(count)s more items without destination") % {"count": len(preview.missing) - 200}, "no_destination"))
    if preview.missing:
        return Conflict(_("The reorganization cannot be applied: %(count)s item(s) have no destination.")
                        % {"count": len(preview.missing)}, errors)
    return Conflict(_("The reorganization cannot be applied: the structure does not allow it."), errors)


def _apply(event: Reorganization, *, actor) -> None:
    if actor is not None:  # the system itself (the 2025 mergers, commands) signs off by law, not by a regulation
        rule = signoff_rule(event)
        require(can_sign_off(actor, event, rule), rule.describe())
    preview = reorganization_plan(reorganization=event, samples=False)
    if not preview.can_apply:
        raise _refusal(preview)
    moment, day = clock.now(), event.effective_on
    marks = {"task": Task.objects.aggregate(m=Max("id"))["m"] or 0}
    changes: list[StructureChange] = []
    for planned in preview.opens:
        _open_planned(event, planned, day, changes)
    codes = dict(event.links.filter(successor__isnull=False).values_list("successor__code", "successor_id"))
    handed = hand_over(event, preview, codes, actor=actor, moment=moment)
    posts = posts_hand_over(event, preview.posts, codes, moment=moment, changes=changes)
    if posts:  # what came later is told from the holdings only where the event handed posts on
        marks["holding"] = Holding.objects.aggregate(m=Max("id"))["m"] or 0
    # Close first, then re-place the children: a closing unit inside a moving subtree stays where it was,
    # and its own children move as its items.
    for unit in preview.closes:
        _close_unit(event, unit, day, changes)
    closing = frozenset(handing.predecessor.pk for handing in preview.handings)
    for handing in preview.handings:
        for item in handing.items[DestinationItem.UNIT.value]:
            _move_subtree(event, item.item_id, codes[item.destination], day, changes, skip=closing)
    if event.kind == ReorganizationKind.RENAME:
        _rename(event, preview.rename[0], day, changes)
    if event.kind == ReorganizationKind.MOVE:
        _move_subtree(event, preview.move[0].pk, event.new_parent_id, day, changes)
    for order, change in enumerate(changes):
        change.before = {**change.before, "order": order}
    StructureChange.objects.bulk_create(changes, batch_size=2000)
    marks["event"] = TaskEvent.objects.aggregate(m=Max("id"))["m"] or 0
    marks["placement"] = Placement.objects.aggregate(m=Max("id"))["m"] or 0
    event.applied_at, event.reverted_at, event.marks = moment, None, marks
    event.version += 1
    event.save(update_fields=["applied_at", "reverted_at", "marks", "version"])
    audit_record(actor=actor, action="reorganization.apply", obj=event, before=_event_snapshot(event), after={
        "closes": [u.code for u in preview.closes], "opens": [p.code for p in preview.opens], "tasks": handed, "posts": posts,
        "units_moved": sum(1 for c in changes if c.action == "placement_opened"),
        "renamed": event.new_name if event.kind == ReorganizationKind.RENAME else None,
    })


def _open_planned(event: Reorganization, planned: PlannedUnit, day: dt.date, changes: list) -> None:
    parent_path = "/"
    if planned.parent_id:
        parent_placement = placements_on(day).filter(unit_id=planned.parent_id).first()
        parent_path = parent_placement.path
    if planned.unit_id is not None:  # applied before, reverted, kept with an empty interval: open it again
        unit = planned.unit
        Unit.objects.filter(pk=unit.pk).update(valid_from=day, valid_to=None)
    else:
        # Prepare checked the code was free; the unique code decides again now, against a unit created since.
        taken = Conflict(_("The reorganization cannot be applied: the structure does not allow it."),
                         [FieldError("new_units", _("the code %(code)s is already used by another unit") % {"code": planned.code}, "unique")])
        with refuse_duplicate(Unit, "code", taken):
            unit = Unit.objects.create(code=planned.code, name=planned.name, short_name=planned.short_name,
                                       issuer_code=planned.issuer_code, search_name=searchable(planned.name, planned.short_name),
                                       kind=planned.kind, tier=planned.tier, valid_from=day)
    path = f"{parent_path}{unit.pk}/"
    placement = Placement.objects.create(unit=unit, parent_id=planned.parent_id, path=path, depth=path.count("/") - 2, valid_from=day)
    planned.unit = unit
    planned.save(update_fields=["unit"])
    ReorganizationLink.objects.filter(planned=planned).update(successor=unit)
    changes.append(StructureChange(reorganization=event, action="unit_opened", unit=unit, before={"planned": planned.pk}))
    changes.append(StructureChange(reorganization=event, action="placement_opened", unit=unit, placement=placement))


def _move_subtree(event: Reorganization, unit_id: int, parent_id: int, day: dt.date, changes: list,
                  skip: frozenset = frozenset()) -> None:
    """Close the placements of a unit and its whole subtree on `day` and open new ones under `parent_id`.

    Units below a unit of `skip` (closed by the same event) are left out: they move as that unit's items.
    """
    current = placements_on(day).filter(unit_id=unit_id).first()
    target = placements_on(day).filter(unit_id=parent_id).first()
    rows = [row for row in placements_on(day).filter(path__startswith=current.path).order_by("depth", "id")
            if not skip.intersection(int(part) for part in row.path[len(current.path):].strip("/").split("/") if part)]
    for row in rows:
        if row.valid_from == day or row.valid_to is not None:
            raise Conflict(_("%(unit)s changes place on %(date)s; apply events in date order.") % {
                "unit": row.unit.name, "date": day_text(row.valid_from or row.valid_to)},
                           [FieldError("effective_on", _("another change of this subtree is on or after this date"), "later_change")])
    Placement.objects.filter(pk__in=[row.pk for row in rows]).update(valid_to=day)
    root = f"{target.path}{unit_id}/"
    opened = [Placement(unit_id=row.unit_id, parent_id=parent_id if row.unit_id == unit_id else row.parent_id,
                        path=root + row.path[len(current.path):], depth=(root + row.path[len(current.path):]).count("/") - 2,
                        valid_from=day) for row in rows]
    Placement.objects.bulk_create(opened, batch_size=2000)
    if any(p.pk is None for p in opened):  # a backend that does not return ids: read them back
        by_unit = dict(Placement.objects.filter(valid_from=day, unit_id__in=[r.unit_id for r in rows]).values_list("unit_id", "id"))
        for placement in opened:
            placement.pk = placement.id = by_unit[placement.unit_id]
    changes += [StructureChange(reorganization=event, action="placement_closed", unit_id=row.unit_id, placement=row,
                                before={"valid_to": None}) for row in rows]
    changes += [StructureChange(reorganization=event, action="placement_opened", unit_id=p.unit_id, placement=p) for p in opened]


def _close_unit(event: Reorganization, unit: Unit, day: dt.date, changes: list) -> None:
    placements = list(placements_on(day).filter(unit=unit))
    Placement.objects.filter(pk__in=[p.pk for p in placements]).update(valid_to=day)
    Unit.objects.filter(pk=unit.pk).update(valid_to=day)
    changes.append(StructureChange(reorganization=event, action="unit_closed", unit=unit, before={"valid_to": None}))
    changes += [StructureChange(reorganization=event, action="placement_closed", unit=unit, placement=p,
                                before={"valid_to": None}) for p in placements]


def _rename(event: Reorganization, unit: Unit, day: dt.date, changes: list) -> None:
    """The unit keeps its identity and code; its old name is kept with the dates it was borne."""
    unit = Unit.objects.get(pk=unit.pk)
    since = UnitName.objects.filter(unit=unit).aggregate(m=Max("valid_to"))["m"] or unit.valid_from
    if since is not None and since >= day:
        raise Conflict(_("%(unit)s took its name on %(date)s; a rename must come after.") % {
            "unit": unit.name, "date": day_text(since)},
                       [FieldError("effective_on", _("must be after %(date)s") % {"date": day_text(since)}, "later_change")])
    former = UnitName.objects.create(unit=unit, name=unit.name, short_name=unit.short_name, valid_from=since, valid_to=day,
                                     reorganization_id=event.pk)
    changes.append(StructureChange(reorganization=event, action="unit_renamed", unit=unit, before={
        "name": unit.name, "short_name": unit.short_name, "search_name": unit.search_name, "former": former.pk}))
    unit.name = event.new_name
    unit.short_name = event.new_short_name or unit.short_name
    unit.search_name = searchable(unit.name, unit.short_name)
    unit.save(update_fields=["name", "short_name", "search_name"])


# Revert

def reorganization_dependants(*, reorganization: Reorganization) -> list[FieldError]:
    """What happened after the event was applied and rests on it; empty when it may be reverted."""
    event = reorganization
    marks = event.marks or {}
    changed = StructureChange.objects.filter(reorganization=event)
    touched = set(changed.exclude(unit__isnull=True).values_list("unit_id", flat=True))
    touched |= set(event.links.exclude(successor__isnull=True).values_list("successor_id", flat=True))
    touched |= set(event.links.exclude(predecessor__isnull=True).values_list("predecessor_id", flat=True))
    if event.new_parent_id:
        touched.add(event.new_parent_id)
    opened = set(changed.filter(action="unit_opened").values_list("unit_id", flat=True))
    errors = []
    later = (Reorganization.objects.filter(applied_at__isnull=False, reverted_at__isnull=True).exclude(pk=event.pk)
             .filter(Q(applied_at__gt=event.applied_at) | Q(applied_at=event.applied_at, pk__gt=event.pk))
             .filter(Q(links__predecessor__in=touched) | Q(links__successor__in=touched) | Q(new_parent__in=touched)
                     | Q(planned_units__parent__in=touched) | Q(structure_changes__unit__in=touched)).distinct().order_by("id"))
    for other in later[:20]:
        errors.append(FieldError("reorganizations", _("%(kind)s of %(date)s (#%(id)s) changed the same units later; revert it first") % {
            "kind": other.get_kind_display(), "date": day_text(other.effective_on), "id": other.pk},
            "later_event"))
    new_tasks = (Task.objects.filter(pk__gt=marks.get("task", 0))
                 .filter(Q(lead_unit__in=touched) | Q(assigning_unit__in=touched) | Q(coordinations__unit__in=touched))
                 .distinct().order_by("id"))
    count = new_tasks.count()
    if count:
        names = ", ".join(f"#{t.pk} {t.title}" for t in new_tasks[:10])
        errors.append(FieldError("tasks", _("%(count)s task(s) were assigned to or by the changed units afterwards: %(names)s") % {"count": count, "names": names}, "later_task"))
    handed = (Q(task__in=event_handovers(event).values("task_id"))
              | Q(task__in=event_coordination_handovers(event).values("task_id")))
    acted = (TaskEvent.objects.filter(handed, pk__gt=marks.get("event", 0))
             .exclude(kind__in=[TIMELINE_KIND, REVERTED_KIND]).select_related("task").order_by("id"))
    count = acted.values("task_id").distinct().count()
    if count:
        names = ", ".join(sorted({f"#{e.task_id} {e.task.title} ({e.kind})" for e in acted[:30]}))
        errors.append(FieldError("tasks", _("%(count)s handed-over task(s) moved on afterwards: %(names)s") % {"count": count, "names": names}, "later_progress"))
    if opened:
        for words, query in ((gettext_noop("%(count)s documents belong to the units it opened"),
                              Document.objects.filter(issuing_unit__in=opened)),
                             (gettext_noop("%(count)s memberships belong to the units it opened"),
                              Membership.objects.filter(unit__in=opened)),
                             (gettext_noop("%(count)s number sequences belong to the units it opened"),
                              NumberSequence.objects.filter(issuing_unit__in=opened)),
                             (gettext_noop("%(count)s posts were created in the units it opened"),
                              Position.objects.filter(unit__in=opened).exclude(reorganization_id=event.pk))):
            if query.exists():
                errors.append(FieldError("units", _(words) % {"count": query.count()}, "later_use"))
    errors += posts_dependants(event)
    placed = Placement.objects.filter(pk__gt=marks.get("placement", 0)).filter(Q(parent__in=touched) | Q(unit__in=touched))
    if placed.exists():
        errors.append(FieldError("units", _("%(count)s later placement(s) rest on the changed units") % {"count": placed.count()}, "later_placement"))
    return errors


def reorganization_revert(*, actor, reorganization: Reorganization, expected_version: int | None = None) -> Reorganization:
    """Undo a mistaken event exactly, while nothing that happened later depends on it; the refusal names what does."""
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    with transaction.atomic():
        event = Reorganization.objects.select_for_update().get(pk=reorganization.pk)
        version = version_checked(event, expected_version)
        if not event.is_applied:
            raise Conflict(_("The reorganization is not applied."), [FieldError("reorganization", _("is not applied"), "not_applied")])
        dependants = reorganization_dependants(reorganization=event)
        if dependants:
            raise Conflict(_("The reorganization cannot be reverted: later work depends on it."), dependants)
        moment = clock.now()
        with connection.cursor() as cursor:
            timeline_write(cursor, event, REVERTED_KIND, actor=actor, moment=moment)
            tasks_update(cursor, event, "from")
            coordinators_update(cursor, event, "from")
        coordinations = event_coordination_handovers(event)
        TaskCoordinator.objects.bulk_create([TaskCoordinator(task_id=t, unit_id=u) for t, u in
                                             coordinations.filter(removed=True).values_list("task_id", "from_unit_id")])
        coordinations.delete()
        event_handovers(event).delete()
        posts_restore(event)
        _structure_restore(event)
        event.reverted_at, event.version = moment, version
        event.save(update_fields=["reverted_at", "version"])
        audit_record(actor=actor, action="reorganization.revert", obj=event, before={"applied_at": event.applied_at},
                     after=_event_snapshot(event))
    return event


def _structure_restore(event: Reorganization) -> None:
    changes = list(StructureChange.objects.filter(reorganization=event).order_by("-id"))
    doomed_units = []
    for change in changes:
        if change.action == "placement_opened":
            Placement.objects.filter(pk=change.placement_id).delete()
        elif change.action == "placement_closed":
            Placement.objects.filter(pk=change.placement_id).update(valid_to=change.before["valid_to"])
        elif change.action == "unit_closed":
            Unit.objects.filter(pk=change.unit_id).update(valid_to=change.before["valid_to"])
        elif change.action == "unit_renamed":
            Unit.objects.filter(pk=change.unit_id).update(name=change.before["name"], short_name=change.before["short_name"],
                                                          search_name=change.before["search_name"])
            UnitName.objects.filter(pk=change.before["former"]).delete()
        elif change.action == "unit_opened":
            doomed_units.append(change.unit_id)
    StructureChange.objects.filter(reorganization=event).delete()
    named = _named_elsewhere(event, doomed_units)
    for unit in Unit.objects.filter(pk__in=named):  # other events still name it: it stays, as a unit that never existed
        Unit.objects.filter(pk=unit.pk).update(valid_to=unit.valid_from)
    doomed_units = [pk for pk in doomed_units if pk not in named]
    PlannedUnit.objects.filter(unit__in=doomed_units).update(unit=None)
    ReorganizationLink.objects.filter(reorganization=event, planned__isnull=False, successor__in=doomed_units).update(successor=None)
    Unit.objects.filter(pk__in=doomed_units).delete()


def _named_elsewhere(event: Reorganization, unit_ids: list[int]) -> set[int]:
    if not unit_ids:
        return set()
    others = Reorganization.objects.exclude(pk=event.pk)
    named = set(ReorganizationLink.objects.filter(reorganization__in=others, predecessor__in=unit_ids).values_list("predecessor_id", flat=True))
    named |= set(ReorganizationLink.objects.filter(reorganization__in=others, successor__in=unit_ids).values_list("successor_id", flat=True))
    named |= set(others.filter(new_parent__in=unit_ids).values_list("new_parent_id", flat=True))
    named |= set(PlannedUnit.objects.filter(reorganization__in=others, parent__in=unit_ids).values_list("parent_id", flat=True))
    return named


# The provinces merged on 2025-07-01

def reorganization_apply_2025(*, actor) -> int:
    """Carry the open work of the 52 provinces merged on 2025-07-01 to their successors; returns how many events were applied.

    `country_load` writes the 23 merge events and the units as they already stand (the old ones closed,
    the new ones open); this adds to each event the links between the provinces' bodies of the same kind
    (old-NN.UBND → NN.UBND, …) and applies it with the same code as any other event. Idempotent.
    """
    require(can_reorganize(actor), gettext_noop("Only a system administrator may reorganize units."))
    events = list(Reorganization.objects.filter(kind=ReorganizationKind.MERGE, effective_on=MERGER_EFFECTIVE, applied_at__isnull=True,
                                                links__predecessor__code__startswith=OLD_PREFIX).distinct().order_by("id"))
    if not events:
        return 0
    suffixes = [suffix for suffix, *_ in PROVINCE_BODIES]
    with transaction.atomic():
        for event in events:
            pairs = list(event.links.filter(predecessor__code__startswith=OLD_PREFIX, successor__isnull=False)
                         .values_list("predecessor__code", "successor__code"))
            wanted = {f"{old}.{suffix}": f"{new}.{suffix}" for old, new in pairs if "." not in old for suffix in suffixes}
            units = dict(Unit.objects.filter(code__in=[*wanted, *wanted.values()]).values_list("code", "id"))
            ReorganizationLink.objects.bulk_create(
                [ReorganizationLink(reorganization=event, predecessor_id=units[old], successor_id=units[new])
                 for old, new in sorted(wanted.items()) if old in units and new in units],
                ignore_conflicts=True)
            if not event.batch:
                event.batch = MERGER_2025_BATCH
                event.save(update_fields=["batch"])
            _apply(event, actor=actor)
    return len(events)
