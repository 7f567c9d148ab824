"""The core of the permission layer: roles and reach, on which every app's named predicates stand.

A membership gives its role over the unit and the unit's whole subtree, as the tree stands today.

| role | reads | writes |
| --- | --- | --- |
| system administrator | everything, every level of secrecy included | everything; reorganizations; any role anywhere |
| unit administrator | its subtree | as a specialist, decides as a leader; appoints people below its unit (in its own unit when delegated) |
| leader | its subtree | assigns, acts as lead unit, decides (accepts, returns, cancels, extends), sets KPI targets |
| specialist | its subtree | assigns, acts as lead unit, reports KPI values |
| inspector | the subtree it supervises: an inspector of an inspection commission reads its whole territory | nothing (inspections are its work) |
| any role in an inspection commission | also its whole territory, as its inspectors (08-QC/TW, `reads_as_commission`) | only what the role writes in the commission itself |
| viewer | its subtree | nothing |

Secret documents and tasks (the levels of `mandate.core.secrecy`) are known only to users cleared for their
level who need to know of them; `mandate.accounts.secrecy` holds that rule.

This module holds the roles (`WRITERS`, `DECIDERS`, `READERS`), who holds them where (`reach`,
`has_role_over`), and the predicates on accounts' own objects
(appointing, delegating the right to appoint, the second factor). The predicates on an app's objects
live in that app's `permissions.py` — `documents`, `tasks`, `meetings`, `monitoring` — and are built
from these; reorganizations' two stay here until they have an app of their own.
"""
import datetime as dt
import operator
from functools import reduce

from django.db.models import Q, QuerySet

from mandate.accounts.models import ActingFor, Delegation, Membership, Role
from mandate.core import clock
from mandate.core.errors import PermissionDenied
from mandate.orgs.models import TERRITORIAL_KINDS, Unit, UnitKind
from mandate.orgs.selectors import placements_on, unit_subtree_ids

# Who may do what, by role.
WRITERS = (Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST)
DECIDERS = (Role.LEADER, Role.UNIT_ADMIN)
READERS = (Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER)

_ROLES_MEMO = "_mandate_roles"


def _roles(user, day: dt.date) -> list[tuple[str, str]]:
    """(role, tree path) of each of the user's memberships on `day`, read once per user object.

    User objects live for one request (or one command), so the memo cannot outlive a change of
    roles by more than that.
    """
    memo = user.__dict__.setdefault(_ROLES_MEMO, {})
    if day not in memo:
        memberships = list(user.memberships.values_list("role", "unit_id", "unit__kind"))
        # Acting for an absent leader holds the leader's role in that unit for the stated period only.
        memberships += ActingFor.objects.filter(acting=user, valid_from__lte=day, valid_to__gt=day).values_list(
            "role", "unit_id", "unit__kind")
        paths = dict(placements_on(day).filter(unit_id__in=[unit for _, unit, _ in memberships]).values_list("unit_id", "path"))
        memo[day] = [(role, _supervised_path(paths.get(unit, ""), day) if role == Role.INSPECTOR and kind == UnitKind.INSPECTION_COMMISSION
                      else paths.get(unit, "")) for role, unit, kind in memberships]
        # 08-QC/TW: whoever works in an inspection commission reads, as its inspectors do, every task and document of
        # the units its committee leads (the territory it sits in). A reading role only: it writes nothing there.
        memo[day] += [(Role.INSPECTOR, _supervised_path(paths.get(unit, ""), day)) for role, unit, kind in memberships
                      if kind == UnitKind.INSPECTION_COMMISSION and role != Role.INSPECTOR and paths.get(unit)]
    return memo[day]


def roles_forget(user) -> None:
    """Forget what `_roles` read of `user`, so the next check reads the memberships again (after a grant)."""
    user.__dict__.pop(_ROLES_MEMO, None)


def _supervised_path(path: str, day: dt.date) -> str:
    """An inspection commission supervises its whole territory (the province or commune it sits in), not its own leaf."""
    ancestor_ids = [int(part) for part in path.strip("/").split("/")[:-1] if part]
    territorial = dict(Unit.objects.filter(pk__in=ancestor_ids, kind__in=TERRITORIAL_KINDS).values_list("pk", "kind"))
    for depth in range(len(ancestor_ids), 0, -1):
        if ancestor_ids[depth - 1] in territorial:
            return "/" + "/".join(str(i) for i in ancestor_ids[:depth]) + "/"
    return path


def is_system_admin(user) -> bool:
    if user is None:  # the system itself: commands, imports, the demo builder
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(role == Role.SYSTEM_ADMIN for role, _ in _roles(user, clock.today()))


def _paths(user, roles, day: dt.date) -> list[str]:
    return [path for role, path in _roles(user, day) if role in roles and path]


def reach(user, roles=READERS, *, as_of: dt.date | None = None) -> QuerySet:
    """Ids of the units inside the subtrees where `user` holds one of `roles`, as a subquery."""
    day = as_of or clock.today()
    paths = _paths(user, roles, day)
    if not paths:
        return Unit.objects.none().values("pk")
    return placements_on(day).filter(reduce(operator.or_, (Q(path__startswith=p) for p in paths))).values("unit_id")


def has_role_over(user, unit: Unit, roles) -> bool:
    if is_system_admin(user):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    day = clock.today()
    paths = _paths(user, roles, day)
    if not paths:
        return False
    # The unit's own path on that day decides; one indexed lookup instead of a subtree scan.
    own = placements_on(day).filter(unit=unit).values_list("path", flat=True)
    return any(path.startswith(prefix) for path in own for prefix in paths)


def reads_as_commission(user, unit: Unit) -> bool:
    """08-QC/TW: `user` works in the inspection commission of the committee that leads `unit`, and so reads its tasks,
    documents and (through `inspections.permissions`) the cases about it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.memberships.filter(unit__kind=UnitKind.INSPECTION_COMMISSION).exists():
        return False
    return has_role_over(user, unit, (Role.INSPECTOR,))


def units_answered_by(user, units: dict[int, tuple[str, ...]], *, as_of: dt.date | None = None) -> set[int]:
    """Of `units` (unit id → the roles that act for it), those whose business waits for `user`: among the people who
    hold one of its roles in the unit itself or, when nobody there does, in the nearest unit above it where anybody
    does (a request assigned by the Standing Committee waits for the committee's leaders above it). Whoever it waits
    for has the role over the unit (`has_role_over`). Three queries, whatever the number of units."""
    if not units or user is None or not getattr(user, "is_authenticated", False):
        return set()
    day = as_of or clock.today()
    paths = dict(placements_on(day).filter(unit_id__in=units).values_list("unit_id", "path"))
    chains = {unit_id: [int(part) for part in paths[unit_id].strip("/").split("/") if part][::-1]
              for unit_id in units if paths.get(unit_id)}
    around = {unit_id for chain in chains.values() for unit_id in chain}
    holders: dict[int, set[tuple[str, int]]] = {}
    for unit_id, role, user_id in [
            *Membership.objects.filter(unit_id__in=around, user__is_active=True).values_list("unit_id", "role", "user_id"),
            *ActingFor.objects.filter(unit_id__in=around, acting__is_active=True, valid_from__lte=day, valid_to__gt=day)
            .values_list("unit_id", "role", "acting_id")]:
        holders.setdefault(unit_id, set()).add((role, user_id))
    answered = set()
    for unit_id, chain in chains.items():
        for step in chain:
            people = {person for role, person in holders.get(step, ()) if role in units[unit_id]}
            if people:
                if user.pk in people:
                    answered.add(unit_id)
                break
    return answered


def units_held(user, roles, *, as_of: dt.date | None = None) -> set[int]:
    """Ids of the units where `user` holds one of `roles` themselves (a membership, or acting for an absent leader on
    `as_of`): the units whose work waits for them, not the whole subtree they reach."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    day = as_of or clock.today()
    own = set(user.memberships.filter(role__in=roles).values_list("unit_id", flat=True))
    return own | set(ActingFor.objects.filter(acting=user, role__in=roles, valid_from__lte=day, valid_to__gt=day)
                     .values_list("unit_id", flat=True))


def require(allowed: bool, message: str = "You may not do this.") -> None:
    if not allowed:
        raise PermissionDenied(message)



# People and their roles

def _parent(unit: Unit, day: dt.date) -> Unit | None:
    placement = placements_on(day).filter(unit=unit).select_related("parent").first()
    return placement.parent if placement is not None else None


def _delegated(user, unit: Unit, role: str, day: dt.date) -> bool:
    """A live delegation to `unit` or one of its ancestors, for `role`, whose receiving unit the user administers."""
    own = placements_on(day).filter(unit=unit).values_list("path", flat=True).first()
    if not own:
        return False
    ancestors = [int(part) for part in own.strip("/").split("/") if part]
    for delegation in Delegation.objects.filter(to_unit_id__in=ancestors, role=role, revoked_at__isnull=True).select_related("to_unit"):
        if any(r == Role.UNIT_ADMIN for r, path in _roles(user, day) if path and
               placements_on(day).filter(unit=delegation.to_unit, path__startswith=path).exists()):
            return True
    return False


def can_grant_role(user, unit: Unit, role: str) -> bool:
    """Appoint someone to `role` in `unit`: the administrators above the unit, or its own when the superior delegated it."""
    if role == Role.SYSTEM_ADMIN:
        return is_system_admin(user)
    if is_system_admin(user):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    day = clock.today()
    parent = _parent(unit, day)
    if parent is not None and has_role_over(user, parent, (Role.UNIT_ADMIN,)):
        return True
    return _delegated(user, unit, role, day)


def can_delegate_rights(user, from_unit: Unit, to_unit: Unit) -> bool:
    """Hand down the right to appoint: the administrators of the superior unit, to a unit strictly below it."""
    # Only a unit inside the superior's own subtree: a right one does not hold cannot be handed down.
    return (from_unit.pk != to_unit.pk and has_role_over(user, from_unit, (Role.UNIT_ADMIN,))
            and Unit.objects.filter(pk=to_unit.pk, pk__in=unit_subtree_ids(unit=from_unit, as_of=clock.today())).exists())


# Signing in

def can_enrol_totp(user) -> bool:
    """The second factor is offered to administrators (it may be required of them by policy, not by code)."""
    return user.is_superuser or user.memberships.filter(role__in=[Role.SYSTEM_ADMIN, Role.UNIT_ADMIN]).exists()


# Administration: the product's own pages for people, roles and units (accounts/administration.py)

def can_administer(user) -> bool:
    """Open the administration pages: system administrators everywhere, unit administrators within their subtree."""
    if is_system_admin(user):
        return user is not None  # the system itself has no pages
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(_paths(user, (Role.UNIT_ADMIN,), clock.today()))


def can_manage_user(actor, user) -> bool:
    """Deactivate, reset the password of, or unlock `user`: a system administrator; a unit administrator when they
    could have appointed every role the user holds (so never a system administrator, nor someone with a role outside
    their subtree, nor someone without any role)."""
    if is_system_admin(actor):
        return True
    if not can_administer(actor) or user.is_superuser or actor.pk == user.pk:
        return False
    memberships = list(user.memberships.select_related("unit"))
    return bool(memberships) and all(can_grant_role(actor, m.unit, m.role) for m in memberships)


def can_give_clearance(actor, clearance: int) -> bool:
    """No one gives a clearance above their own, except a system administrator."""
    return is_system_admin(actor) or clearance <= getattr(actor, "clearance", 0)


def can_administer_unit(actor, unit: Unit) -> bool:
    """Add a unit under `unit`, or set its warning and reminders: the unit administrators over it."""
    return has_role_over(actor, unit, (Role.UNIT_ADMIN,))
