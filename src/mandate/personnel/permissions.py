"""Who sees a person's record and who keeps cadre files, on the roles and reach of `accounts.permissions`.

A person's record is personal data (Decree 13/2023): it is seen by the organization committee's staff (Ban Tổ chức:
its administrators, leaders and specialists) of the territory where the person holds or held a post or where the
dossier is kept, by the leaders of the committee that manages the tier of one of the person's posts, and by the
person themself — not by every viewer or specialist of the province. Posts and who holds them are public facts:
they are read by whoever reads the unit. The same staff write: positions, people, holdings, events, the planning
pool, quotas and headcounts of the units in their territory.
"""
from django.db.models import Exists, OuterRef, Q, QuerySet

from mandate.accounts.models import Membership, Role
from mandate.accounts.permissions import DECIDERS, WRITERS, has_role_over, is_system_admin, reach
from mandate.core.secrecy import Secrecy
from mandate.documents.permissions import can_view_document
from mandate.core import clock
from mandate.orgs.models import TERRITORIAL_KINDS, Placement, Unit, UnitKind
from mandate.orgs.selectors import placements_on
from mandate.personnel.models import Holding, Person


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _territories(user) -> list[str]:
    """The paths of the territories (province or commune) whose organization committee the user works in."""
    day = clock.today()
    units = list(Membership.objects.filter(user=user, role__in=WRITERS, unit__kind=UnitKind.ORGANIZATION_COMMITTEE)
                 .values_list("unit_id", flat=True))
    paths = list(placements_on(day).filter(unit_id__in=units).values_list("path", flat=True))
    ancestors = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    territorial = set(Unit.objects.filter(pk__in=ancestors, kind__in=TERRITORIAL_KINDS).values_list("pk", flat=True))
    territories = []
    for path in paths:
        chain = [int(part) for part in path.strip("/").split("/") if part]
        for depth in range(len(chain), 0, -1):
            if chain[depth - 1] in territorial:
                territories.append("/" + "/".join(str(i) for i in chain[:depth]) + "/")
                break
    return territories


def _territory_units(user) -> QuerySet | None:
    """Ids of the units, open or closed, that ever stood in the territories of the user's organization committees."""
    paths = _territories(user)
    if not paths:
        return None
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Placement.objects.filter(condition).values("unit_id")


def kept_units(user) -> QuerySet:
    """The units whose cadre files `user` keeps (`can_keep_files`), open or closed, as one queryset (an import's names)."""
    if is_system_admin(user):
        return Unit.objects.all()
    territory = _territory_units(user) if _signed_in(user) else None
    return Unit.objects.filter(pk__in=territory) if territory is not None else Unit.objects.none()


def visible_people(user, people: QuerySet) -> QuerySet:
    """The records of `people` that `user` may open (the rule above), as one filter."""
    if is_system_admin(user):
        return people
    if not _signed_in(user):
        return people.none()
    condition = Q(user=user)
    territory = _territory_units(user)
    if territory is not None:
        held_here = Holding.objects.filter(person=OuterRef("pk"), position__unit__in=territory)
        condition |= Q(kept_by__in=territory) | Exists(held_here)
    managed = Holding.objects.filter(person=OuterRef("pk"), position__managing_unit__in=reach(user, DECIDERS))
    condition |= Exists(managed)
    return people.filter(condition)


def can_see_person(user, person: Person) -> bool:
    """Open `person`'s record (form 2C, career, discipline, planning)."""
    if is_system_admin(user) or (_signed_in(user) and person.user_id == user.pk):
        return True
    return visible_people(user, Person.objects.filter(pk=person.pk)).exists()


def can_keep_files(user, unit: Unit) -> bool:
    """Write the cadre files of `unit` (its posts, their holders and events, quotas): the organization committee's
    staff of the territory `unit` stands in."""
    if is_system_admin(user):
        return True
    if not _signed_in(user):
        return False
    territory = _territory_units(user)
    return territory is not None and Unit.objects.filter(pk=unit.pk, pk__in=territory).exists()


def can_correct_person(user, person: Person) -> bool:
    """Correct `person`'s record (form 2C): the organization committee's staff who may open it and keep the files of
    the unit that keeps the dossier or of a unit where the person holds or held a post (not the person themself, not a
    leader who only reads it)."""
    if is_system_admin(user):
        return True
    if not _signed_in(user) or not can_see_person(user, person):
        return False
    territory = _territory_units(user)
    if territory is None:
        return False
    if person.kept_by_id is not None and Unit.objects.filter(pk=person.kept_by_id, pk__in=territory).exists():
        return True
    return Holding.objects.filter(person=person, position__unit__in=territory).exists()


def can_keep_any_files(user) -> bool:
    """Works in some organization committee (or administers the system): offers the cadre pages' forms."""
    return is_system_admin(user) or (_signed_in(user) and bool(_territories(user)))


def can_review_left_over_roles(user) -> bool:
    """The standing list of roles left after ended posts: the organization committee's staff and the administrators
    (each sees the units they keep or administer; accounts.administration decides each withdrawal)."""
    if can_keep_any_files(user):
        return True
    return _signed_in(user) and Membership.objects.filter(user=user, role=Role.UNIT_ADMIN).exists()


def visible_positions(user, positions: QuerySet) -> QuerySet:
    """Who holds which post is a public fact (the provinces publish it): every signed-in user reads every post, of
    closed units too — "who was Chủ tịch UBND tỉnh Phú Thọ on 30 June 2025" is asked from the merged province."""
    if is_system_admin(user):
        return positions
    return positions if _signed_in(user) else positions.none()


def can_name_decision(user, document) -> bool:
    """A personnel event may rest on a decision the user knows of, or, when it is not secret, on one issued in the
    territory whose cadre files they keep (the Standing Committee signs what the organization committee prepares)."""
    if can_view_document(user, document):
        return True
    # A document confined to a circle (documents.circles: a case's decision) is named only by one who knows of it.
    return (document.secrecy == Secrecy.NONE and not document.circle and document.issuing_unit_id is not None
            and can_keep_files(user, document.issuing_unit))


def offers_cadre_work(user) -> bool:
    """The menu's "Cadre work": the organization committee's staff, leaders (the posts they manage), and anyone whose
    account is linked to a cadre's record (their own posts and tasks)."""
    if can_keep_any_files(user):
        return True
    if not _signed_in(user):
        return False
    return Membership.objects.filter(user=user, role__in=DECIDERS).exists() or Person.objects.filter(user=user).exists()


def can_read_cadre_figures(user, unit: Unit) -> bool:
    """The planning pool, staffing and headcount of `unit` and below: the organization committee's staff and the
    leaders over the unit (not its viewers and specialists: the pool names people)."""
    return can_keep_files(user, unit) or has_role_over(user, unit, DECIDERS)


def can_read_record_log(user) -> bool:
    """The log of who opened whose record is the administrators' (the system administrators)."""
    return is_system_admin(user) and user is not None
