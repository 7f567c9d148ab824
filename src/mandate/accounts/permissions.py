"""The one permission layer: named predicates that the services, the API and the pages all use.

A membership gives its role over the unit and the unit's whole subtree, as the tree stands today.

| role | reads | writes |
| --- | --- | --- |
| system administrator | everything, confidential included | everything; reorganizations; any role anywhere |
| unit administrator | its subtree | as a specialist, decides as a leader; appoints people below its unit (in its own unit when delegated) |
| leader | its subtree | assigns, acts as lead unit, decides (accepts, returns, cancels, extends), sets KPI targets |
| specialist | its subtree | assigns, acts as lead unit, reports KPI values |
| inspector | the subtree it supervises: an inspector of an inspection commission reads its whole territory | nothing (inspections are its work) |
| viewer | its subtree | nothing |

A meeting is run by those who write for its body (the secretariat records, the leaders respond); its
delegates see it and give their own opinions, a group's secretary records the group's.

Confidential documents and their tasks are seen only by users cleared for them (and system administrators).
"""
import datetime as dt
import operator
from functools import reduce

from django.db.models import Exists, OuterRef, Q, QuerySet

from mandate.accounts.models import Role
from mandate.core import clock
from mandate.core.errors import PermissionDenied
from mandate.orgs.models import TERRITORIAL_KINDS, Unit, UnitKind
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
        memberships = list(user.memberships.values_list("role", "unit_id", "unit__kind"))
        paths = dict(placements_on(day).filter(unit_id__in=[unit for _, unit, _ in memberships]).values_list("unit_id", "path"))
        memo[day] = [(role, _supervised_path(paths.get(unit, ""), day) if role == Role.INSPECTOR and kind == UnitKind.INSPECTION_COMMISSION
                      else paths.get(unit, "")) for role, unit, kind in memberships]
    return memo[day]


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


# Meetings

def visible_meetings(user, meetings: QuerySet) -> QuerySet:
    """The meetings of bodies inside the user's reach, and those the user is a delegate of."""
    if is_system_admin(user):
        return meetings
    if user is None or not getattr(user, "is_authenticated", False):
        return meetings.none()
    from mandate.meetings.models import Delegate

    attending = Delegate.objects.filter(meeting=OuterRef("pk"), user=user)
    units = reach(user)
    return meetings.filter(Q(body__in=units) | Q(body__in=_inherited_from(units)) | Exists(attending))


def _inherited_from(units: QuerySet) -> QuerySet:
    """Bodies closed by an applied reorganization whose work passed to one of `units`: their meetings are the
    successors' history (the 2025 merger hands old-66.TU.BCH's to 66.TU.BCH)."""
    from mandate.reorganizations.models import ReorganizationLink

    return (ReorganizationLink.objects.filter(successor__in=units, predecessor__isnull=False,
                                              reorganization__applied_at__isnull=False,
                                              reorganization__reverted_at__isnull=True)
            .values("predecessor"))


def can_manage_meeting(user, body: Unit) -> bool:
    """The secretariat's work (delegates, groups, agenda, drafts, attendance, conclusion) and the leaders'
    responses: those who write for the body that meets, or for its successor when a reorganization closed it."""
    if has_role_over(user, body, WRITERS):
        return True
    if body.valid_to is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    from mandate.reorganizations.selectors import unit_successors

    return any(has_role_over(user, heir, WRITERS) for heir in unit_successors(unit=body))


def can_give_opinion(user, meeting, *, delegate=None, group=None) -> bool:
    """A delegate gives their own opinion; a group's secretary records the group's and its members'; the
    secretariat records anyone's (a guest without an account, an opinion sent on paper)."""
    if can_manage_meeting(user, meeting.body):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if group is not None:
        return group.secretary is not None and group.secretary.user_id == user.pk
    if delegate is not None and delegate.user_id == user.pk:
        return True
    return (delegate is not None and delegate.group is not None and delegate.group.secretary is not None
            and delegate.group.secretary.user_id == user.pk)


# Monitoring

def can_set_kpi_target(user, unit: Unit) -> bool:
    """Targets are set by the leaders over the unit (its own, or those above it)."""
    return has_role_over(user, unit, DECIDERS)


def can_report_kpi(user, target) -> bool:
    return has_role_over(user, target.unit, WRITERS)


# People and their roles

def _parent(unit: Unit, day: dt.date) -> Unit | None:
    placement = placements_on(day).filter(unit=unit).select_related("parent").first()
    return placement.parent if placement is not None else None


def _delegated(user, unit: Unit, role: str, day: dt.date) -> bool:
    """A live delegation to `unit` or one of its ancestors, for `role`, whose receiving unit the user administers."""
    from mandate.accounts.models import Delegation

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
    from mandate.orgs.selectors import unit_subtree_ids

    # Only a unit inside the superior's own subtree: a right one does not hold cannot be handed down.
    return (from_unit.pk != to_unit.pk and has_role_over(user, from_unit, (Role.UNIT_ADMIN,))
            and Unit.objects.filter(pk=to_unit.pk, pk__in=unit_subtree_ids(unit=from_unit, as_of=clock.today())).exists())
