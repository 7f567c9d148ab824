"""The one permission layer: named predicates that the services, the API and the pages all use.

A membership gives its role over the unit and the unit's whole subtree, as the tree stands today.
"""
import datetime as dt
import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q, QuerySet

from mandate.accounts.models import Role
from mandate.core import clock
from mandate.core.errors import PermissionDenied
from mandate.orgs.models import Unit
from mandate.orgs.selectors import placements_on

# Who may do what, by role.
WRITERS = (Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST)
DECIDERS = (Role.LEADER, Role.UNIT_ADMIN)
READERS = (Role.UNIT_ADMIN, Role.LEADER, Role.SPECIALIST, Role.INSPECTOR, Role.VIEWER)


def _roles(user, day: dt.date) -> list[tuple[str, str]]:
    """(role, tree path) of each of the user's memberships on `day`, read once per user object.

    User objects live for one request (or one command), so the memo cannot outlive a change of
    roles by more than that.
    """
    memo = user.__dict__.setdefault("_mandate_roles", {})
    if day not in memo:
        memberships = list(user.memberships.values_list("role", "unit_id"))
        paths = dict(placements_on(day).filter(unit_id__in=[unit for _, unit in memberships]).values_list("unit_id", "path"))
        memo[day] = [(role, paths.get(unit, "")) for role, unit in memberships]
    return memo[day]


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


def require(allowed: bool, message: str = "You may not do this.") -> None:
    if not allowed:
        raise PermissionDenied(message)


# Documents

def can_register_document(user, unit: Unit) -> bool:
    return has_role_over(user, unit, WRITERS)


def visible_documents(user, documents: QuerySet) -> QuerySet:
    if is_system_admin(user):
        return documents
    units = reach(user)
    from mandate.tasks.models import Task  # a document is also visible to those it gives tasks to

    given = Task.objects.filter(document=OuterRef("pk")).filter(Q(lead_unit__in=units) | Q(coordinations__unit__in=units))
    visible = documents.filter(Q(issuing_unit__in=units) | Q(registered=False) | Q(issuing_unit__tier="central") | Exists(given))
    if not user.cleared_for_confidential:
        visible = visible.filter(confidential=False)
    return visible


def can_view_document(user, document) -> bool:
    return visible_documents(user, type(document).objects.filter(pk=document.pk)).exists()


# Tasks

def visible_tasks(user, tasks: QuerySet) -> QuerySet:
    if is_system_admin(user):
        return tasks
    units = reach(user)
    from mandate.tasks.models import TaskCoordinator

    coordinating = TaskCoordinator.objects.filter(task=OuterRef("pk"), unit__in=units)
    visible = tasks.filter(Q(lead_unit__in=units) | Q(assigning_unit__in=units) | Exists(coordinating))
    if not user.cleared_for_confidential:
        visible = visible.filter(confidential=False)
    return visible


def can_view_task(user, task) -> bool:
    return visible_tasks(user, type(task).objects.filter(pk=task.pk)).exists()


def can_assign(user, assigning_unit: Unit) -> bool:
    """Create tasks in the name of `assigning_unit`."""
    return has_role_over(user, assigning_unit, WRITERS)


def can_act_as_lead(user, task) -> bool:
    """Start, report progress, submit, ask for more time, delegate."""
    return has_role_over(user, task.lead_unit, WRITERS) and (not task.confidential or _cleared(user))


def can_decide(user, task) -> bool:
    """Accept or return a result, cancel, decide an extension: the assigning side's leaders."""
    return has_role_over(user, task.assigning_unit, DECIDERS) and (not task.confidential or _cleared(user))


def _cleared(user) -> bool:
    return user is None or is_system_admin(user) or user.cleared_for_confidential


# Structure

def can_reorganize(user) -> bool:
    """Prepare, apply and revert reorganizations: the administrators of the whole system."""
    return is_system_admin(user)
