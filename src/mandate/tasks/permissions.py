"""Who sees a task and who may act on it, on the roles and reach of `accounts.permissions`.

A task is seen by the units in one's reach that assign it, lead it or coordinate it, and by the person in its
charge; a secret one only by those among them cleared for its level (`mandate.accounts.secrecy`). The writers of the lead unit carry it out; the writers of the assigning unit assign;
the leaders of the assigning unit decide on it.
"""
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from mandate.accounts.permissions import DECIDERS, WRITERS, has_role_over, is_system_admin, reach
from mandate.accounts.secrecy import may_read_level, secrecy_q
from mandate.accounts.regulations import rule_for
from mandate.accounts.models import Delegation, Role
from mandate.core import clock
from mandate.orgs.models import Unit
from mandate.orgs.selectors import territory_of, unit_subtree_ids
from mandate.tasks.models import TaskCoordinator

# Who answers for a task in its lead unit, beside the leader in charge: the people reminders go to.
LEAD_SIDE_ROLES = (Role.LEADER, Role.SPECIALIST)


def task_q(user) -> Q:
    """The tasks `user` may know of, as a filter."""
    units = reach(user)
    coordinating = TaskCoordinator.objects.filter(task=OuterRef("pk"), unit__in=units)
    need_to_know = Q(lead_unit__in=units) | Q(assigning_unit__in=units) | Exists(coordinating)
    if getattr(user, "pk", None) is not None:
        need_to_know |= Q(leader_id=user.pk)
    return secrecy_q(user, need_to_know=need_to_know)


def visible_tasks(user, tasks: QuerySet) -> QuerySet:
    """The tasks of `tasks` that `user` may know of."""
    if is_system_admin(user):
        return tasks
    return tasks.filter(task_q(user))


def part_q(user) -> Q:
    """The delegated parts of a task `user` may know of that `user` may know of too: a part of level 0 is open through
    its task (it is shown with it), a secret part only to those who may know of it on its own."""
    if is_system_admin(user):
        return Q()
    return Q(secrecy=0) | task_q(user)


def task_known(user):
    """An expression: whether `user` may know of the row (True for the system and its administrators)."""
    if is_system_admin(user):
        return Value(True, output_field=BooleanField())
    return Case(When(task_q(user), then=Value(True)), default=Value(False), output_field=BooleanField())


def can_view_task(user, task) -> bool:
    """May `user` know of `task`: the predicate of `task_q`, for one row."""
    return is_system_admin(user) or type(task).objects.filter(task_q(user), pk=task.pk).exists()


def can_assign(user, assigning_unit: Unit) -> bool:
    """Create tasks in the name of `assigning_unit`."""
    return has_role_over(user, assigning_unit, WRITERS)


def can_assign_somewhere(user) -> bool:
    """Holds a role that assigns tasks in some unit: offers the form to assign one at all."""
    return is_system_admin(user) or reach(user, WRITERS).exists()


def can_assign_to(user, unit: Unit) -> bool:
    """Name `unit` as lead unit or coordinator: a unit within the territory (the province or commune) where one holds a
    writing role — a committee's office assigns to the People's Committee beside it — or a unit that has delegated rights
    to a unit one reaches. A ward's staff reach their ward, never the city's office or another province."""
    if is_system_admin(user):
        return True
    if has_role_over(user, unit, WRITERS):
        return True
    today = clock.today()
    if Delegation.objects.filter(from_unit=unit, revoked_at__isnull=True, to_unit__in=reach(user, WRITERS)).exists():
        return True
    homes = Unit.objects.filter(memberships__user=user, memberships__role__in=WRITERS).distinct()
    territories = {territory.pk: territory for home in homes if (territory := territory_of(unit=home, as_of=today))}
    return any(Unit.objects.filter(pk=unit.pk, pk__in=unit_subtree_ids(unit=territory, as_of=today)).exists()
               for territory in territories.values())


def can_backdate(user, assigning_unit: Unit) -> bool:
    """Date a task more than a week back: a leader of the assigning side."""
    return has_role_over(user, assigning_unit, DECIDERS)


def can_act_as_lead(user, task) -> bool:
    """Start, report progress, submit, ask for more time, delegate."""
    return has_role_over(user, task.lead_unit, WRITERS) and may_read_level(user, task.secrecy)


def can_decide(user, task, decision: str | None = None) -> bool:
    """Accept or return a result, cancel, decide an extension: the assigning side's leaders, or the role the
    committee's working regulation names for `decision`."""
    roles = rule_for(unit=task.assigning_unit, decision=decision).roles if decision else DECIDERS
    return has_role_over(user, task.assigning_unit, roles) and may_read_level(user, task.secrecy)


def decided_by_initiator(user, *, initiators) -> bool:
    """The person deciding is one of those who asked or submitted: separation of duties refuses it."""
    return user is not None and getattr(user, "pk", None) is not None and user.pk in {p for p in initiators if p}
