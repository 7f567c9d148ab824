"""Reads of the structure; every one takes the date it is asked about."""
import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.db.models import Case, Count, Q, QuerySet, When
from django.db.models.functions import Length

from mandate.core.errors import NotFound, invalid
from mandate.core.text import fold, search_terms
from mandate.orgs.models import TERRITORIAL_KINDS, Placement, Unit, UnitName
from mandate.core.dates import day_text


def _valid_on(day: dt.date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def placements_on(day: dt.date) -> QuerySet[Placement]:
    return Placement.objects.filter(_valid_on(day))


def unit_get(*, code: str) -> Unit:
    try:
        return Unit.objects.get(code=code)
    except Unit.DoesNotExist:
        raise NotFound(_("No unit with code '%(code)s'.") % {"code": code}) from None


def unit_named(code: str | None, field_name: str) -> Unit | None:
    """The unit a request names by its code in `field_name`: None when none is named; an unknown code is a
    refusal of that field (422), not a missing page."""
    if not code:
        return None
    try:
        return unit_get(code=code)
    except NotFound:
        raise invalid(field_name, _("no unit has the code “%(code)s”") % {"code": code}) from None


def unit_placement(*, unit: Unit, as_of: dt.date) -> Placement | None:
    return placements_on(as_of).filter(unit=unit).select_related("parent").first()


def unit_subtree_ids(*, unit: Unit, as_of: dt.date) -> QuerySet:
    """Ids of the unit and every unit below it on `as_of`, as a subquery."""
    placement = unit_placement(unit=unit, as_of=as_of)
    if placement is None:
        return Unit.objects.filter(pk=unit.pk).values("pk")
    if placement.depth == 0 and placements_on(as_of).filter(depth=0).count() == 1:
        # The one root's subtree is every unit open that day: a plain filter the planner can hash,
        # instead of a prefix match over every placement (the national roll-up reads a million tasks).
        return Unit.objects.valid_on(as_of).values("pk")
    return placements_on(as_of).filter(path__startswith=placement.path).values("unit_id")


def units_list(*, as_of: dt.date, level: str | None = None, kind: str | None = None, tier: str | None = None,
               parent: Unit | None = None, q: str | None = None, within: Unit | None = None) -> QuerySet[Unit]:
    """Units open on `as_of`, filtered; `level` is a territorial kind (nation, province, commune)."""
    units = Unit.objects.filter(_valid_on(as_of))
    if level:
        units = units.filter(kind=level) if level in TERRITORIAL_KINDS else units.none()
    if kind:
        units = units.filter(kind=kind)
    if tier:
        units = units.filter(tier=tier)
    if parent is not None:
        units = units.filter(pk__in=placements_on(as_of).filter(parent=parent).values("unit_id"))
    if within is not None:
        units = units.filter(pk__in=unit_subtree_ids(unit=within, as_of=as_of))
    if q:
        for term in search_terms(q):
            units = units.filter(search_name__contains=term)
        # Whole-phrase matches first, then territories before their bodies, then shorter names.
        phrase = Case(When(search_name__contains=f" {fold(q)}", then=0), default=1)
        territorial = Case(When(kind__in=TERRITORIAL_KINDS, then=0), default=1)
        return units.order_by(phrase, territorial, Length("name"), "code")
    return units.order_by("code")


def unit_picks(units, *, as_of: dt.date) -> list[tuple[Unit, str]]:
    """Each unit with what choosing it among suggestions writes in a field: its name, or "name — its parent's name"
    when another unit open on `as_of` bears the same name (a person never sees a code in a field)."""
    units = list(units)
    shared = set(Unit.objects.filter(_valid_on(as_of), name__in={unit.name for unit in units}).values("name")
                 .annotate(n=Count("pk")).filter(n__gt=1).values_list("name", flat=True))
    picks = []
    for unit in units:
        parent = unit_parent(unit=unit, as_of=as_of) if unit.name in shared else None
        picks.append((unit, f"{unit.name} — {parent.name}" if parent else unit.name))
    return picks


def unit_names_as_of(units, *, as_of: dt.date) -> list[Unit]:
    """Give each unit (in memory) the name it bore on `as_of`: a rename keeps the unit and its code, not its old name."""
    units = list(units)
    by_id = {unit.pk: unit for unit in units}
    former = (UnitName.objects.filter(unit__in=list(by_id), valid_to__gt=as_of)
              .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=as_of)).values_list("unit_id", "name", "short_name"))
    for unit_id, name, short_name in former:
        by_id[unit_id].name, by_id[unit_id].short_name = name, short_name
    return units


def unit_parent(*, unit: Unit, as_of: dt.date) -> Unit | None:
    placement = unit_placement(unit=unit, as_of=as_of)
    return placement.parent if placement else None


def unit_ancestors(*, unit: Unit, as_of: dt.date) -> list[Unit]:
    """From the root down to the unit's parent."""
    placement = unit_placement(unit=unit, as_of=as_of)
    if placement is None:
        return []
    ids = [int(part) for part in placement.path.strip("/").split("/")[:-1]]
    by_id = Unit.objects.in_bulk(ids)
    return unit_names_as_of([by_id[i] for i in ids if i in by_id], as_of=as_of)


@dataclass
class TreeNode:
    unit: Unit
    children: list["TreeNode"] = field(default_factory=list)


def unit_tree(*, root: Unit, as_of: dt.date, depth: int | None = None) -> TreeNode:
    """The tree under `root` as it stood on `as_of`, in one query."""
    placement = unit_placement(unit=root, as_of=as_of)
    if placement is None:
        raise NotFound(_("The unit %(unit)s did not exist on %(date)s.") % {"unit": root.name, "date": day_text(as_of)})
    rows = placements_on(as_of).filter(path__startswith=placement.path)
    if depth is not None:
        rows = rows.filter(depth__lte=placement.depth + depth)
    rows = rows.select_related("unit").order_by("depth", "unit__code")
    rows = list(rows)
    root = unit_names_as_of([Unit.objects.get(pk=root.pk)], as_of=as_of)[0]
    unit_names_as_of([row.unit for row in rows], as_of=as_of)
    nodes = {placement.unit_id: TreeNode(root)}
    for row in rows:
        if row.unit_id == root.pk:
            continue
        node = TreeNode(row.unit)
        nodes[row.unit_id] = node
        parent = nodes.get(row.parent_id)
        if parent is not None:
            parent.children.append(node)
    return nodes[root.pk]


TIER_ORDER = {"central": 0, "province": 1, "commune": 2}


def territory_of(*, unit: Unit, as_of: dt.date) -> Unit | None:
    """The nation, province or commune a unit belongs to (itself when it is one)."""
    if unit.kind in TERRITORIAL_KINDS:
        return unit
    return next((u for u in reversed(unit_ancestors(unit=unit, as_of=as_of)) if u.kind in TERRITORIAL_KINDS), None)


def is_subordinate(*, unit: Unit, of: Unit, as_of: dt.date) -> bool:
    """Whether `of` may hand work down to `unit`: a unit below it, or one of a lower tier in its territory.

    A provincial People's Committee directs the communes' People's Committees although they hang
    under the commune, not under it; the tier says who is below whom.
    """
    if unit.pk == of.pk:
        return False
    if Unit.objects.filter(pk=unit.pk, pk__in=unit_subtree_ids(unit=of, as_of=as_of)).exists():
        return True
    territory = territory_of(unit=of, as_of=as_of)
    if territory is None or TIER_ORDER[unit.tier] <= TIER_ORDER[of.tier]:
        return False
    return Unit.objects.filter(pk=unit.pk, pk__in=unit_subtree_ids(unit=territory, as_of=as_of)).exists()
