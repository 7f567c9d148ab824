"""Every read of cadre files that carries business meaning; each takes `as_of` where the answer depends on a date.

Public interface (for other apps): `holders_as_of(*, position=None, unit=None, as_of)` — the holdings in force on
`as_of` of one post, or of every post of one unit (a queryset of `Holding` with person and position), one query;
`person_career(person)` — the person's holdings in order, oldest first, with the events that began and ended them;
`disciplines_of(person, *, before=None)` — the person's discipline records, newest first (those decided before a day
when `before` is given). None of them checks who may read: the edges check `permissions.can_see_person` first.
"""
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from mandate.accounts.models import Membership, Role
from mandate.accounts.permissions import has_role_over
from mandate.core.errors import NotFound
from mandate.core.text import search_terms
from mandate.orgs.models import Term, Unit
from mandate.orgs.selectors import unit_subtree_ids
from mandate.personnel.models import (
    DisciplineRecord, Headcount, Holding, HoldingKind, Person, PersonnelEvent, PlanningEntry, Position, RecordOpening, Sex,
    StaffingQuota,
)
from mandate.documents.models import Document
from mandate.documents.numbering import NumberFormatError, number_key, parse
from mandate.documents.selectors import documents_named
from mandate.personnel.permissions import (
    can_keep_files, can_name_decision, can_see_person, visible_people, visible_positions,
)
from mandate.tasks.models import OPEN_STATES
from mandate.tasks.selectors import TaskFilters, tasks_list


def _held_on(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def positions_valid_on(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def _unit_open_on(day: dt.date) -> Q:
    """A post stands only while its unit does: a post of a unit a reorganization closed is not open after it."""
    return ((Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=day))
            & (Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=day)))


def holders_as_of(*, position: Position | None = None, unit: Unit | None = None, as_of: dt.date) -> QuerySet:
    """The holdings in force on `as_of` of `position`, or of every post of `unit`; official before acting."""
    if (position is None) == (unit is None):
        raise TypeError("holders_as_of takes a position or a unit")
    holdings = Holding.objects.filter(_held_on(as_of)).select_related("person", "position", "position__unit")
    holdings = holdings.filter(position=position) if position is not None else holdings.filter(position__unit=unit)
    return holdings.order_by("-position__grade", "position__title", "kind", "starts_on")


def holders_of_kind(*, kind: str, unit_codes, as_of: dt.date) -> QuerySet:
    """The holders on `as_of` of the posts of a standard title in several units at once (the Chủ tịch UBND of
    tỉnh Phú Thọ before and after the merger: both units' codes)."""
    return Holding.objects.filter(_held_on(as_of), position__kind=kind, position__unit__code__in=list(unit_codes)) \
        .select_related("person", "position", "position__unit").order_by("position__unit__code", "kind")


def person_career(person: Person) -> QuerySet:
    """The person's holdings in order, oldest first (a holding carried by a reorganization follows its origin)."""
    return (Holding.objects.filter(person=person)
            .select_related("position", "position__unit", "basis", "started_by", "ended_by")
            .order_by("starts_on", "pk"))


def disciplines_of(person: Person, *, before: dt.date | None = None) -> QuerySet:
    """The person's discipline records, newest first; with `before`, those decided before that day."""
    records = DisciplineRecord.objects.filter(person=person).select_related("deciding_unit", "document")
    if before is not None:
        records = records.filter(decided_on__lt=before)
    return records.order_by("-decided_on", "-pk")


# Posts and vacancies

def positions_with_seats(*, as_of: dt.date) -> QuerySet:
    """Posts open on `as_of`, each annotated with its seats held (`held`: not acting), held by an acting cadre only
    (`acting`), and the last day a non-acting holder left (`last_left`): one query for any list of posts."""
    on = Q(holdings__starts_on__lte=as_of) & (Q(holdings__ends_on__isnull=True) | Q(holdings__ends_on__gt=as_of))
    return (Position.objects.filter(positions_valid_on(as_of), _unit_open_on(as_of))
            .annotate(held=Count("holdings", filter=on & ~Q(holdings__kind=HoldingKind.ACTING), distinct=True),
                      acting=Count("holdings", filter=on & Q(holdings__kind=HoldingKind.ACTING), distinct=True),
                      last_left=Max("holdings__ends_on", filter=Q(holdings__ends_on__lte=as_of) & ~Q(holdings__kind=HoldingKind.ACTING)))
            .select_related("unit", "managing_unit"))


@dataclass(frozen=True)
class PositionFilters:
    as_of: dt.date
    unit: Unit | None = None
    subtree: bool = False
    vacant: bool | None = None
    kind: str | None = None
    q: str | None = None


def positions_list(*, user, filters: PositionFilters) -> QuerySet:
    """The posts `user` may read, open on `as_of`, of one unit (or its subtree), vacant or not."""
    positions = visible_positions(user, positions_with_seats(as_of=filters.as_of))
    if filters.unit is not None:
        positions = positions.filter(unit__in=unit_subtree_ids(unit=filters.unit, as_of=filters.as_of)) if filters.subtree \
            else positions.filter(unit=filters.unit)
    if filters.kind:
        positions = positions.filter(kind=filters.kind)
    for term in search_terms(filters.q or ""):
        positions = positions.filter(search_title__contains=term)
    if filters.vacant is True:
        positions = positions.filter(held__lt=F("seats"))
    elif filters.vacant is False:
        positions = positions.filter(held__gte=F("seats"))
    return positions.order_by("unit__code", "-grade", "title")


def vacancy_state(position) -> str:
    """empty, acting_only, partly_held or held: what an annotated post's seats are on the day it was read."""
    if position.held >= position.seats:
        return "held"
    if position.held == 0:
        return "acting_only" if position.acting else "empty"
    return "partly_held"


def vacant_since(position) -> dt.date | None:
    """Since when a seat of an annotated post stands empty: the day its last holder left, or the day it was created."""
    if position.held >= position.seats:
        return None
    return position.last_left or position.valid_from


def open_seats(position) -> tuple[int, int]:
    """(empty, acting) of an annotated post: its seats nobody holds, and those held only by an acting cadre (quyền,
    phụ trách). Seats, not posts, are counted: five vice-chairs' seats with one official and one acting holder are
    three empty seats and one acting seat. The one count of the page, the API and the export."""
    not_held = max(position.seats - position.held, 0)
    acting = min(position.acting, not_held)
    return not_held - acting, acting


@dataclass
class UnitVacancies:
    """A unit's vacancies on a day: the posts with a seat not officially held, the seats nobody holds, and the seats
    held only by an acting cadre (quyền, phụ trách)."""

    unit: Unit | None
    posts: int = 0
    empty_seats: int = 0
    acting_seats: int = 0

    @property
    def vacant_seats(self) -> int:
        """The seats not officially held: empty or held only by an acting cadre."""
        return self.empty_seats + self.acting_seats


def vacant_posts(*, user, unit: Unit, as_of: dt.date) -> list:
    """The posts of `unit`'s subtree `user` may read with a seat not officially held on `as_of` (annotated)."""
    return list(positions_list(user=user, filters=PositionFilters(as_of=as_of, unit=unit, subtree=True, vacant=True)))


def vacancies_by_unit(*, user, unit: Unit, as_of: dt.date, posts: list | None = None) -> tuple[list[UnitVacancies], UnitVacancies]:
    """The vacancies of `unit`'s subtree counted per unit, and their total: the sums of the list
    `positions_list(vacant=True, subtree=True)` gives (one query), seat by seat (`open_seats`)."""
    rows: dict[int, UnitVacancies] = {}
    total = UnitVacancies(unit=unit)
    for position in vacant_posts(user=user, unit=unit, as_of=as_of) if posts is None else posts:
        row = rows.setdefault(position.unit_id, UnitVacancies(unit=position.unit))
        empty, acting = open_seats(position)
        for counted in (row, total):
            counted.posts += 1
            counted.acting_seats += acting
            counted.empty_seats += empty
    return sorted(rows.values(), key=lambda r: r.unit.code), total


def holders_of(positions: list, *, as_of: dt.date) -> dict[int, list[Holding]]:
    """The holdings in force on `as_of` of several posts, in one query: position id → holdings."""
    found: dict[int, list[Holding]] = {}
    for holding in Holding.objects.filter(_held_on(as_of), position__in=[p.pk for p in positions]).select_related("person") \
            .order_by("kind", "starts_on"):
        found.setdefault(holding.position_id, []).append(holding)
    return found


def position_get(*, user, position_id: int) -> Position:
    position = visible_positions(user, Position.objects.filter(pk=position_id)).select_related("unit", "managing_unit").first()
    if position is None:
        raise NotFound(_("No position %(id)s that you may see.") % {"id": position_id})
    return position


def position_history(position: Position) -> QuerySet:
    """Every holding of a post, newest first (its predecessors' too, when a reorganization carried it)."""
    chain, current = [position.pk], position
    while current.predecessor_id is not None and len(chain) < 50:
        chain.append(current.predecessor_id)
        current = Position.objects.only("predecessor_id").get(pk=current.predecessor_id)
    return Holding.objects.filter(position__in=chain).select_related("person", "position", "basis").order_by("-starts_on", "-pk")


def decision_get(*, user, document_id: int) -> Document:
    """A registered decision a personnel event may rest on (`permissions.can_name_decision`); 404 otherwise."""
    document = Document.objects.filter(pk=document_id).select_related("issuing_unit").first()
    if document is None or not can_name_decision(user, document):
        raise NotFound(_("No document %(id)s that you may see.") % {"id": document_id})
    return document


def decisions_named(*, user, text: str, limit: int = 15) -> list[Document]:
    """The decisions a personnel event may rest on that `text` names: those `user` may know of (the register's own
    search), and, by number, the public ones issued where the user keeps cadre files."""
    found = documents_named(user=user, text=text, limit=limit)
    if found:
        return found
    number = " ".join((text or "").split()).partition(" — ")[0]
    try:
        key = number_key(parse(number))
    except NumberFormatError:
        return []
    candidates = Document.objects.filter(registered=True, number_key=key).select_related("issuing_unit").order_by("-issued_on", "-pk")
    return [document for document in candidates[:limit] if can_name_decision(user, document)]


def positions_named(*, user, text: str, as_of: dt.date, limit: int = 15) -> list[Position]:
    """The open posts `user` may read whose title and unit contain the words of `text` (a field's suggestions)."""
    positions = visible_positions(user, Position.objects.filter(positions_valid_on(as_of), _unit_open_on(as_of))).select_related("unit")
    terms = search_terms(text or "")
    if not terms:
        return []
    for term in terms:
        positions = positions.filter(search_title__contains=term)
    return list(positions.order_by("-grade", "title", "unit__name")[:limit])


def position_pick(position: Position) -> str:
    """What choosing a post among suggestions writes in a field: its title and its unit."""
    return f"{position.title} — {position.unit.name}"


def person_pick(person: Person) -> str:
    """What choosing a person among suggestions writes: the name and the year of birth (two people share a name)."""
    return f"{person.full_name} — {person.birth_date.year}"


# People

def people_search(*, user, q: str = "", limit: int | None = None) -> QuerySet:
    """The records `user` may open whose name contains the words of `q`, without diacritics."""
    people = visible_people(user, Person.objects.all())
    for term in search_terms(q or ""):
        people = people.filter(search_name__contains=term)
    people = people.order_by("search_name", "pk")
    return people[:limit] if limit else people


def person_get(*, user, person_id: int) -> Person:
    """A record `user` may open (404 otherwise: whether it exists is personal too)."""
    person = Person.objects.filter(pk=person_id).select_related("user", "kept_by").first()
    if person is None or not can_see_person(user, person):
        raise NotFound(_("No record %(id)s that you may open.") % {"id": person_id})
    return person


def current_posts(people: list[Person], *, as_of: dt.date) -> dict[int, list[Holding]]:
    found: dict[int, list[Holding]] = {}
    for holding in Holding.objects.filter(_held_on(as_of), person__in=[p.pk for p in people]) \
            .select_related("position", "position__unit").order_by("-position__grade"):
        found.setdefault(holding.person_id, []).append(holding)
    return found


def person_events(person: Person) -> QuerySet:
    return PersonnelEvent.objects.filter(person=person).select_related("position", "position__unit", "document") \
        .prefetch_related("steps").order_by("-effective_on", "-pk")


def events_list(*, user, date_from: dt.date | None = None, date_to: dt.date | None = None, kind: str | None = None) -> QuerySet:
    """The events of the people whose records `user` may open, in a period (the appointments of a quarter)."""
    events = PersonnelEvent.objects.filter(person__in=visible_people(user, Person.objects.all()).values("pk"))
    if date_from:
        events = events.filter(effective_on__gte=date_from)
    if date_to:
        events = events.filter(effective_on__lte=date_to)
    if kind:
        events = events.filter(kind=kind)
    return events.select_related("person", "position", "position__unit", "document").order_by("-effective_on", "-pk")


def planning_of(person: Person) -> QuerySet:
    return PlanningEntry.objects.filter(person=person).select_related("position", "position__unit", "term").order_by("-added_on")


def record_openings(*, person_id: int | None = None) -> QuerySet:
    """Who opened whose record and when, newest first (the administrators' log)."""
    openings = RecordOpening.objects.select_related("viewer", "person").order_by("-at", "-pk")
    return openings.filter(person_id=person_id) if person_id is not None else openings


# The planning pool

WOMEN_TARGET = Decimal("0.25")
YOUNG_TARGET = Decimal("0.15")
# Under which age a cadre counts as young in a planning pool, by the tier of the post: under 45 for the central level,
# under 40 for the provincial and district levels (50-QĐ/TW of 2021, Art. 4, whose targets 377-QĐ/TW of 2025 keeps:
# at least 15 % young cadres, 25 % women). The commune of the two-level government takes the district's 40 (decisions.md).
# Age is counted on the day the pool is read.
YOUNG_UNDER = {"central": 45, "province": 40, "commune": 40}


@dataclass
class PoolRow:
    position: Position
    people: list[Person]


@dataclass
class PoolSummary:
    rows: list[PoolRow]
    people: int
    women: int
    young: int

    @property
    def women_share(self) -> Decimal:
        return Decimal(self.women) / self.people if self.people else Decimal(0)

    @property
    def young_share(self) -> Decimal:
        return Decimal(self.young) / self.people if self.people else Decimal(0)

    @property
    def women_met(self) -> bool:
        return self.people > 0 and self.women_share >= WOMEN_TARGET

    @property
    def young_met(self) -> bool:
        return self.people > 0 and self.young_share >= YOUNG_TARGET


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def is_young(person: Person, *, tier: str, on: dt.date) -> bool:
    return _age(person.birth_date, on) < YOUNG_UNDER.get(tier, 40)


def planning_pool(*, term: Term, as_of: dt.date, managing_unit: Unit | None = None) -> PoolSummary:
    """The planning pool of a term on `as_of`, per post, with its shares of women and young cadres (each person
    counted once, however many titles they are planned for)."""
    entries = PlanningEntry.objects.filter(term=term, added_on__lte=as_of).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=as_of)) \
        .select_related("person", "position", "position__unit").order_by("-position__grade", "position__title", "person__search_name")
    if managing_unit is not None:
        entries = entries.filter(position__managing_unit=managing_unit)
    rows: dict[int, PoolRow] = {}
    people: dict[int, tuple[Person, str]] = {}
    for entry in entries:
        rows.setdefault(entry.position_id, PoolRow(position=entry.position, people=[])).people.append(entry.person)
        people.setdefault(entry.person_id, (entry.person, entry.position.tier))
    return PoolSummary(rows=list(rows.values()), people=len(people),
                       women=sum(1 for person, _tier in people.values() if person.sex == Sex.FEMALE),
                       young=sum(1 for person, tier in people.values() if is_young(person, tier=tier, on=as_of)))


# Staffing

REDUCTION_AT_LEAST = Decimal("0.20")  # Decree 178/2024 (amended by 67/2025): at least 20 % fewer within 5 years
YEARS_TO_QUOTA = 5


@dataclass
class Staffing:
    unit: Unit
    year: int
    quota: int | None
    headcount: int
    counted: bool  # True: counted from the holdings kept here; False: as the organization committee entered it
    protected: int = 0
    merged_on: dt.date | None = None
    baseline: int | None = None
    target: int | None = None
    path: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surplus(self) -> int:
        return max(self.headcount - (self.quota or 0), 0) if self.quota is not None else 0

    @property
    def reduction_to_date(self) -> Decimal | None:
        if not self.baseline:
            return None
        return Decimal(self.baseline - self.headcount) / self.baseline


def reduction_path(*, baseline: int, quota: int | None, merged_on: dt.date) -> tuple[int, list[tuple[int, int]]]:
    """The target (the quota, and at least 20 % below the headcount at the merger) and the headcount to reach by the
    end of each of the 5 years after it, in even steps (pure)."""
    most = int(baseline - (baseline * REDUCTION_AT_LEAST).to_integral_value(rounding="ROUND_CEILING"))
    target = min(quota, most) if quota is not None else most
    target = max(target, 0)
    path = []
    for step in range(1, YEARS_TO_QUOTA + 1):
        cut = -(-(baseline - target) * step // YEARS_TO_QUOTA)
        path.append((merged_on.year + step, baseline - cut))
    return target, path


def staffing_of(*, unit: Unit, year: int, as_of: dt.date) -> Staffing:
    """A unit's headcount against its quota in `year`; for a unit established by a merger (its first day), the surplus
    and the path to the quota within 5 years."""
    quota = StaffingQuota.objects.filter(unit=unit, year=year).values_list("quota", flat=True).first()
    entered = Headcount.objects.filter(unit=unit, year=year).first()
    if entered is not None:
        headcount, counted, protected = entered.count, False, entered.protected
    else:
        headcount = Holding.objects.filter(_held_on(as_of), position__unit=unit).values("person").distinct().count()
        counted, protected = True, 0
    staffing = Staffing(unit=unit, year=year, quota=quota, headcount=headcount, counted=counted, protected=protected)
    if unit.valid_from is not None and unit.valid_from.year <= year < unit.valid_from.year + YEARS_TO_QUOTA + 1:
        first = Headcount.objects.filter(unit=unit, year=unit.valid_from.year).values_list("count", flat=True).first()
        if first is not None:
            staffing.merged_on, staffing.baseline = unit.valid_from, first
            staffing.target, staffing.path = reduction_path(baseline=first, quota=quota, merged_on=unit.valid_from)
    return staffing


def staffing_rollup(*, unit: Unit, year: int, as_of: dt.date) -> tuple[list[Staffing], Staffing]:
    """Every unit of the subtree that has a quota or a headcount in `year`, and their sum (the province's figure)."""
    ids = unit_subtree_ids(unit=unit, as_of=as_of)
    units = Unit.objects.filter(pk__in=ids).filter(
        Q(pk__in=StaffingQuota.objects.filter(year=year).values("unit")) | Q(pk__in=Headcount.objects.filter(year=year).values("unit"))
    ).order_by("code")
    rows = [staffing_of(unit=each, year=year, as_of=as_of) for each in units]
    total = Staffing(unit=unit, year=year, quota=sum(r.quota or 0 for r in rows) if any(r.quota is not None for r in rows) else None,
                     headcount=sum(r.headcount for r in rows), counted=any(r.counted for r in rows),
                     protected=sum(r.protected for r in rows))
    with_path = [r for r in rows if r.baseline is not None]
    if with_path:
        total.baseline = sum(r.baseline for r in with_path)
        total.target = sum(r.target for r in with_path)
        years = sorted({y for r in with_path for y, _n in r.path})
        total.path = [(y, sum(n for r in with_path for yy, n in r.path if yy == y)) for y in years]
    return rows, total


# Leaders and their tasks (item 8)

def my_posts(*, user, as_of: dt.date) -> list[Holding]:
    """The posts the signed-in user holds on `as_of`, through the record linked to their account."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(Holding.objects.filter(_held_on(as_of), person__user=user).select_related("position", "position__unit")
                .order_by("-position__grade"))


def tasks_of_posts(*, user, as_of: dt.date, limit: int = 20) -> list[tuple[Holding, list]]:
    """For each post the user holds: the open tasks its unit leads that the user may see (the leader's page)."""
    answer = []
    for holding in my_posts(user=user, as_of=as_of):
        tasks = tasks_list(user=user, filters=TaskFilters(as_of=as_of, lead_unit=holding.position.unit)) \
            .filter(state__in=OPEN_STATES).order_by("deadline", "pk")[:limit]
        answer.append((holding, list(tasks)))
    return answer


@dataclass(frozen=True)
class LeftOverRole:
    """A role an account still has in the unit of a post its person no longer holds (item 8's standing list)."""

    holding: Holding
    membership: Membership


def roles_left_over(*, user, as_of: dt.date, limit: int = 300) -> list[LeftOverRole]:
    """Ended holdings whose person's account still has a role in the post's unit while holding no post there on
    `as_of` — those of the units whose files `user` keeps or whose accounts `user` administers; the latest ended
    holding of each account and unit."""
    current_here = Holding.objects.filter(person=OuterRef("person"), position__unit=OuterRef("position__unit")).filter(_held_on(as_of))
    role_here = Membership.objects.filter(user=OuterRef("person__user"), unit=OuterRef("position__unit"))
    holdings = (Holding.objects.filter(ends_on__lte=as_of, person__user__isnull=False)
                .filter(Exists(role_here)).exclude(Exists(current_here))
                .select_related("person", "person__user", "position", "position__unit").order_by("-ends_on", "pk"))
    found: list[LeftOverRole] = []
    seen: set[tuple[int, int]] = set()
    allowed: dict[int, bool] = {}
    for holding in holdings[:5000]:
        key = (holding.person.user_id, holding.position.unit_id)
        if key in seen:
            continue
        seen.add(key)
        unit = holding.position.unit
        if unit.pk not in allowed:
            allowed[unit.pk] = can_keep_files(user, unit) or has_role_over(user, unit, {Role.UNIT_ADMIN})
        if not allowed[unit.pk]:
            continue
        for membership in Membership.objects.filter(user_id=holding.person.user_id, unit=unit).select_related("unit", "user"):
            found.append(LeftOverRole(holding=holding, membership=membership))
        if len(found) >= limit:
            break
    return found
