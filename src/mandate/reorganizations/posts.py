"""Handing posts on: what a reorganization does with the positions of the units it closes and the people holding them.

Every position of a closing predecessor that is open on the effective date goes to a successor: the one successor the
predecessor has, or — for a split or a dissolution into several — the one chosen for it (a destination of item
"position", or the event's default successor). At the successor the post lands in the position of the same kind and
title open that day, else in the only open position of its kind, else in a position the event opens (its title
names the successor instead of the predecessor; as many seats as the largest post it takes in). Only an elected
title (a chair, a secretary: once in a body) lands by its kind alone in a post otherwise named. The old position
closes on the effective date (its holdings end that day), and each of its people is either carried on — a new holding
of the same kind from that day (`Holding.carried_from`), when everyone coming to that post fits in its free seats — or
listed as **to be arranged** (chờ bố trí) when they do not all fit, or when the predecessor has no successor. Nobody is
picked for a seat by the machine: when three chairs of merged communes meet one chair's seat, all three wait for the
decision that places them, and the post stays vacant until it comes.

A `HoldingHandover` row per holding ended (with the end it had before) and a `StructureChange` per position closed
let revert restore everything exactly; the rows the event opened carry its id (`reorganization_id`).
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from mandate.core.dates import day_text
from mandate.core.errors import FieldError
from mandate.core.text import fold_words, searchable
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, PersonnelEvent, PlanningEntry, Position
from mandate.personnel.titles import TITLE_RULES
from mandate.reorganizations.models import DestinationItem, HoldingHandover, Reorganization, StructureChange

CARRIED, ARRANGE = "carried", "arrange"
NO_SUCCESSOR, NO_SEAT = "no_successor", "no_seat"  # why a person waits to be arranged
POSITION_CLOSED, POSITION_OPENED = "position_closed", "position_opened"


@dataclass
class Move:
    """One person's holding of a closing post and what the event does with it."""

    holding: Holding
    source: Position
    destination: str | None  # the successor's code; None: no successor
    outcome: str = ""  # CARRIED or ARRANGE
    reason: str = ""  # why the person waits to be arranged: NO_SUCCESSOR or NO_SEAT
    landing: "Landing | None" = None


@dataclass
class Landing:
    """Where the posts of one kind and title land at one successor, and who comes with them."""

    successor: str
    successor_name: str
    title: str
    kind: str
    target: Position | None  # the successor's open position that takes them; None: the event opens one
    seats: int
    occupied: int  # people the target already holds on the day
    sources: list[Position] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(self.seats - self.occupied, 0)

    @property
    def fits(self) -> bool:
        return len(self.moves) <= self.free


@dataclass
class PostsPlan:
    """What the event does with posts: where each closing position lands and who is carried or to be arranged."""

    closing: list[Position] = field(default_factory=list)
    destinations: dict[int, tuple[str | None, str]] = field(default_factory=dict)  # position → (successor code, how)
    holdings: dict[int, list[Holding]] = field(default_factory=lambda: defaultdict(list))  # position → its people
    landings: list[Landing] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)

    @property
    def carried(self) -> list[Move]:
        return [move for move in self.moves if move.outcome == CARRIED]

    @property
    def to_arrange(self) -> list[Move]:
        return [move for move in self.moves if move.outcome == ARRANGE]


def _held_on(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def open_positions(unit_ids: list[int], day: dt.date):
    """The positions of `unit_ids` open on `day` (begun by then, not closed by then)."""
    return (Position.objects.filter(unit__in=unit_ids).filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)))


def position_label(position: Position, holdings: list[Holding]) -> str:
    names = ", ".join(holding.person.full_name for holding in holdings) or _("vacant")
    return f"{position.title} ({names})"


def reason_text(reason: str, landing: Landing | None = None) -> str:
    """Why a person waits to be arranged, in the reader's language."""
    if reason == NO_SUCCESSOR:
        return _("the unit closes without a successor")
    if landing is not None:
        return _("%(people)s people for %(free)s free seat(s) of %(post)s") % {
            "people": len(landing.moves), "free": landing.free, "post": landing.title}
    return _("more people than free seats at the successor's post")


def _successor_title(title: str, predecessor: Unit, successor_name: str) -> str:
    """'Chủ tịch UBND xã Sơn Hà' of Sơn Hà becomes 'Chủ tịch UBND xã Sơn Thủy' at Sơn Thủy; other titles stay."""
    for old, new in ((predecessor.name, successor_name), (predecessor.name[:1].lower() + predecessor.name[1:],
                                                           successor_name[:1].lower() + successor_name[1:])):
        if old and old in title:
            return title.replace(old, new)
    return title


def posts_plan(*, reorganization: Reorganization, handings: list, chosen: dict, planned_names: dict[str, str]) -> PostsPlan:
    """The posts of the closing predecessors of `handings` (selectors.Handing: predecessor, successors), each given its
    destination; `chosen`: (item type, id) → the destination chosen one by one; `planned_names`: code → name of the
    units the event opens."""
    plan = PostsPlan()
    day = reorganization.effective_on
    by_unit = {handing.predecessor.pk: handing for handing in handings}
    if not by_unit:
        return plan
    # One read of the closing units' posts not closed by the day: those that begin on or after it refuse the event.
    positions, later = [], set()
    for position in (Position.objects.filter(unit__in=list(by_unit)).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
                     .select_related("unit").order_by("unit__code", "title", "id")):
        if position.valid_from is not None and position.valid_from >= day:
            later.add(position.unit.name)
        else:
            positions.append(position)
    for name in sorted(later)[:10]:
        plan.errors.append(FieldError("positions", _("%(unit)s has posts that begin on or after %(date)s; apply events in date order")
                                      % {"unit": name, "date": day_text(day)}, "later_change"))
    if not positions:
        return plan
    for holding in (Holding.objects.filter(position__in=positions).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
                    .select_related("person", "position").order_by("person__full_name", "id")):
        if holding.starts_on >= day:
            plan.errors.append(FieldError("positions", _("%(person)s takes the post %(post)s on %(date)s, not before the event; "
                                                         "apply events in date order") % {
                "person": holding.person.full_name, "post": holding.position.title, "date": day_text(holding.starts_on)},
                "later_change"))
            continue
        plan.holdings[holding.position_id].append(holding)
    plan.closing = positions
    for position in positions:
        handing = by_unit[position.unit_id]
        plan.destinations[position.pk] = _destination(reorganization, handing, position, chosen)
        for holding in plan.holdings[position.pk]:
            plan.moves.append(Move(holding=holding, source=position, destination=plan.destinations[position.pk][0]))
    _land(plan, day, {p.pk: by_unit[p.unit_id].predecessor for p in positions}, planned_names)
    return plan


def _destination(reorganization: Reorganization, handing, position: Position, chosen: dict) -> tuple[str | None, str]:
    successors = handing.successors
    if not successors:
        return None, ""
    if len(successors) == 1:
        return successors[0], "link"
    choice = chosen.get((DestinationItem.POSITION.value, position.pk))
    if choice in successors:
        return choice, "chosen"
    if reorganization.default_successor_code in successors:
        return reorganization.default_successor_code, "default"
    return None, ""


def _land(plan: PostsPlan, day: dt.date, predecessors: dict[int, Unit], planned_names: dict[str, str]) -> None:
    """Group the closing posts by where they land and decide, for each group at once, who is carried."""
    sources_by_code = defaultdict(list)
    for position in plan.closing:
        sources_by_code[plan.destinations[position.pk][0]].append(position)
    successors = {unit.code: unit for unit in Unit.objects.filter(code__in=[code for code in sources_by_code if code])}
    closing_ids = {position.pk for position in plan.closing}
    existing = defaultdict(list)
    for position in open_positions([u.pk for u in successors.values()], day).exclude(pk__in=closing_ids).select_related("unit"):
        existing[position.unit.code].append(position)
    occupied = defaultdict(int)
    for position_id in (Holding.objects.filter(position__in=[p for rows in existing.values() for p in rows]).filter(_held_on(day))
                        .values_list("position_id", flat=True)):
        occupied[position_id] += 1
    landings: dict[tuple, Landing] = {}
    for code, sources in sources_by_code.items():
        if code is None:
            continue
        name = successors[code].name if code in successors else planned_names.get(code, code)
        for source in sources:
            title = _successor_title(source.title, predecessors[source.pk], name)
            target = _target(existing[code], source, title)
            key = (code, target.pk) if target else (code, fold_words(title))
            landing = landings.get(key)
            if landing is None:
                landing = landings[key] = Landing(successor=code, successor_name=name,
                                                  title=target.title if target else title, kind=source.kind,
                                                  target=target, seats=target.seats if target else source.seats,
                                                  occupied=occupied[target.pk] if target else 0)
            elif target is None:
                landing.seats = max(landing.seats, source.seats)
            landing.sources.append(source)
    landing_of = {source.pk: landing for landing in landings.values() for source in landing.sources}
    for move in plan.moves:
        if move.destination is None:
            move.outcome, move.reason = ARRANGE, NO_SUCCESSOR
            continue
        move.landing = landing_of[move.source.pk]
        move.landing.moves.append(move)
    for landing in landings.values():
        for move in landing.moves:
            move.outcome, move.reason = (CARRIED, "") if landing.fits else (ARRANGE, NO_SEAT)
    plan.landings = sorted(landings.values(), key=lambda landing: (landing.successor, landing.title))


def _target(candidates: list[Position], source: Position, title: str) -> Position | None:
    """The successor's position that takes `source`: the same name, else — for an elected title, which a body has
    once (its chair, its secretary) — the only one of its kind."""
    folded = fold_words(title)
    # A unit has one open post of a name (personnel's constraint): the same name is the same post, whatever its kind.
    same = [p for p in candidates if fold_words(p.title) in (folded, fold_words(source.title))]
    if same:
        return same[0]
    kind = [p for p in candidates if p.kind == source.kind]
    return kind[0] if len(kind) == 1 and TITLE_RULES[source.kind].elected else None


# Apply and revert

def posts_hand_over(event: Reorganization, plan: PostsPlan, codes: dict[str, int], *, moment: dt.datetime,
                    changes: list[StructureChange]) -> dict:
    """Close the posts, open the successors' posts the plan needs, carry the people who fit, and write down every
    holding ended (`HoldingHandover`) and position closed (`changes`) for revert. Returns the counts."""
    day = event.effective_on
    if not plan.closing:
        return {}
    heirs = {}  # a closing predecessor → its one successor: a post it managed is managed by that successor
    for landing in plan.landings:
        for source in landing.sources:
            heirs.setdefault(source.unit_id, set()).add(codes[landing.successor])
    # Written set-wise, as the tasks' handovers are: one INSERT of the posts the event opens, one of the holdings it
    # carries on, one of the handovers, one UPDATE of the posts and one of the holdings it ends.
    opening = [landing for landing in plan.landings if landing.target is None]
    fresh = Position.objects.bulk_create([Position(
        unit_id=codes[landing.successor], kind=landing.kind, title=landing.title,
        search_title=searchable(landing.title, landing.successor_name), grade=landing.sources[0].grade, seats=landing.seats,
        tier=landing.sources[0].tier, managing_unit_id=_managing(landing.sources[0], codes[landing.successor], heirs),
        valid_from=day, predecessor=landing.sources[0], reorganization_id=event.pk, created_at=moment) for landing in opening])
    opened_by = {id(landing): target for landing, target in zip(opening, fresh, strict=True)}
    targets: dict[int, Position] = {}
    for landing in plan.landings:
        target = landing.target or opened_by[id(landing)]
        if landing.target is None:
            changes.append(StructureChange(reorganization=event, action=POSITION_OPENED, unit_id=target.unit_id,
                                           before={"position": target.pk}))
        for source in landing.sources:
            targets[source.pk] = target
    for position in plan.closing:
        changes.append(StructureChange(reorganization=event, action=POSITION_CLOSED, unit_id=position.unit_id,
                                       before={"position": position.pk, "valid_to": position.valid_to.isoformat()
                                               if position.valid_to else None}))
    Position.objects.filter(pk__in=[p.pk for p in plan.closing]).update(valid_to=day)
    carried_moves = [move for move in plan.moves if move.outcome == CARRIED]
    carried = dict(zip((id(move) for move in carried_moves), Holding.objects.bulk_create([Holding(
        person_id=move.holding.person_id, position=targets[move.source.pk], kind=move.holding.kind, starts_on=day,
        ends_on=move.holding.ends_on, basis_id=move.holding.basis_id, carried_from=move.holding, reorganization_id=event.pk,
        created_at=moment) for move in carried_moves], batch_size=2000), strict=True))
    handovers = [HoldingHandover(reorganization=event, holding=move.holding, person_id=move.holding.person_id,
                                 from_position=move.source, to_holding=carried.get(id(move)),
                                 ends_on_before=move.holding.ends_on, reason=move.reason) for move in plan.moves]
    Holding.objects.filter(pk__in=[move.holding.pk for move in plan.moves]).update(ends_on=day)
    HoldingHandover.objects.bulk_create(handovers, batch_size=2000)
    opened = len(fresh)
    return {"positions_closed": len(plan.closing), "positions_opened": opened, "carried": len(plan.carried),
            "to_arrange": len(plan.to_arrange)}


def _managing(source: Position, successor_id: int, heirs: dict[int, set[int]]) -> int:
    """Who manages the post opened at the successor: the successor when the old post was managed by its own unit (or
    by another unit the event closes into one successor), else the committee that managed it."""
    if source.managing_unit_id == source.unit_id:
        return successor_id
    heir = heirs.get(source.managing_unit_id, set())
    return next(iter(heir)) if len(heir) == 1 else source.managing_unit_id


def posts_dependants(event: Reorganization) -> list[FieldError]:
    """What happened to the posts after the event and rests on it: the refusals of a revert."""
    mark = (event.marks or {}).get("holding", 0)
    handed = HoldingHandover.objects.filter(reorganization=event)
    opened = Position.objects.filter(reorganization_id=event.pk)
    targets = set(Holding.objects.filter(reorganization_id=event.pk).values_list("position_id", flat=True))
    targets |= set(opened.values_list("pk", flat=True))
    waiting = handed.filter(to_holding__isnull=True).values("person_id")
    names = {holding.person.full_name for holding in Holding.objects.filter(pk__gt=mark)
             .filter(Q(position__in=targets) | Q(person__in=waiting)).select_related("person")[:20]}
    carried_on = set(Holding.objects.filter(carried_from__reorganization_id=event.pk).values_list("carried_from_id", flat=True))
    for handover in handed.filter(to_holding__isnull=False).select_related("to_holding__person"):
        carried = handover.to_holding
        if carried.ends_on != handover.ends_on_before or carried.ended_by_id or carried.pk in carried_on:
            names.add(carried.person.full_name)
    errors = []
    if names:
        errors.append(FieldError("positions", _("the posts it handed on changed afterwards (%(names)s); undo those changes first")
                                 % {"names": ", ".join(sorted(names)[:20])}, "later_personnel"))
    if PersonnelEvent.objects.filter(position__in=opened).exists() or PlanningEntry.objects.filter(position__in=opened).exists():
        errors.append(FieldError("positions", _("the posts it opened are named by later personnel decisions or planning"),
                                 "later_personnel"))
    return errors


def posts_restore(event: Reorganization) -> None:
    """Undo the event's posts exactly: delete what it opened, give back every end and every close it wrote."""
    ends = defaultdict(list)  # the end a holding had before → the holdings it goes back to: one UPDATE per end
    for holding_id, before in HoldingHandover.objects.filter(reorganization=event).values_list("holding_id", "ends_on_before"):
        ends[before].append(holding_id)
    HoldingHandover.objects.filter(reorganization=event).delete()
    Holding.objects.filter(reorganization_id=event.pk).delete()
    for before, holding_ids in ends.items():
        Holding.objects.filter(pk__in=holding_ids).update(ends_on=before)
    Position.objects.filter(reorganization_id=event.pk).delete()
    closes = defaultdict(list)
    for change in StructureChange.objects.filter(reorganization=event, action=POSITION_CLOSED).values_list("before", flat=True):
        closes[change["valid_to"]].append(change["position"])
    for before, position_ids in closes.items():
        Position.objects.filter(pk__in=position_ids).update(valid_to=dt.date.fromisoformat(before) if before else None)
