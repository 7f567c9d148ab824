"""Which reminders fall due on a day: due soon, overdue, and escalation to the superior's leaders.

Rules, per task still open on `day` (its status read through `status_expression`):
- due soon: on each day that is exactly N days before the deadline, N in the lead unit's
  `reminder_days` (default 7, 3, 1) — to the leader in charge and the lead unit's leaders and specialists;
- overdue: once, on the first run after the deadline has passed — to the same people;
- escalation: once, on the first run when the task has been overdue more than the lead unit's
  `escalate_after_days` (default 7) — to the leaders of the nearest unit above the lead unit that has any.
"Once" is checked against the notifications already recorded since the current deadline, so a missed
cron day catches up instead of losing the alert, and an extension re-arms it.
A secret task is reminded only to those among them cleared for its level: they stand in its body already, so the
need to know is met, and a reminder (its notification, its e-mail) names the task.
"""
import datetime as dt
from dataclasses import dataclass

from mandate.accounts.models import Membership, Role, User
from mandate.accounts.secrecy import may_read_level
from mandate.monitoring.models import Notification, NotificationKind
from mandate.orgs.models import Unit
from mandate.orgs.selectors import placements_on
from mandate.tasks.models import Task
from mandate.tasks.permissions import LEAD_SIDE_ROLES
from mandate.tasks.selectors import tasks_with_status
from mandate.tasks.status import NOT_DONE, Status

DEFAULT_REMINDER_DAYS = (7, 3, 1)
DEFAULT_ESCALATE_AFTER_DAYS = 7


def reminder_days_of(unit: Unit) -> tuple[int, ...]:
    """The unit's reminder windows ("7,3,1"); the default when empty or unreadable."""
    try:
        days = tuple(sorted({int(part) for part in unit.reminder_days.split(",") if part.strip()}, reverse=True))
    except ValueError:
        days = ()
    return tuple(d for d in days if d >= 0) or DEFAULT_REMINDER_DAYS


def escalate_after_of(unit: Unit) -> int:
    return DEFAULT_ESCALATE_AFTER_DAYS if unit.escalate_after_days is None else unit.escalate_after_days


@dataclass(frozen=True)
class Reminder:
    recipient_id: int
    task: Task
    kind: str
    days: int  # days left before the deadline (due soon) or days past it (overdue, escalation)


def _longest_window() -> int:
    windows = set(Unit.objects.exclude(reminder_days="").values_list("reminder_days", flat=True).distinct())
    longest = max(DEFAULT_REMINDER_DAYS)
    for value in windows:
        for part in value.split(","):
            if part.strip().isdigit():
                longest = max(longest, int(part))
    return longest


def _lead_side(tasks: list[Task]) -> dict[int, set[int]]:
    """Lead unit id → the users who answer for its tasks there."""
    people: dict[int, set[int]] = {}
    rows = Membership.objects.filter(unit_id__in={t.lead_unit_id for t in tasks}, role__in=LEAD_SIDE_ROLES,
                                     user__is_active=True).values_list("unit_id", "user_id")
    for unit_id, user_id in rows:
        people.setdefault(unit_id, set()).add(user_id)
    return people


def _superiors(tasks: list[Task], day: dt.date) -> dict[int, set[int]]:
    """Lead unit id → the leaders of the nearest unit above it that has leaders on `day`."""
    lead_ids = {t.lead_unit_id for t in tasks}
    paths = dict(placements_on(day).filter(unit_id__in=lead_ids).values_list("unit_id", "path"))
    chains = {lead: [int(p) for p in path.strip("/").split("/")][:-1][::-1] for lead, path in paths.items()}
    leaders: dict[int, set[int]] = {}
    ancestor_ids = {a for chain in chains.values() for a in chain}
    for unit_id, user_id in Membership.objects.filter(unit_id__in=ancestor_ids, role=Role.LEADER, user__is_active=True
                                                      ).values_list("unit_id", "user_id"):
        leaders.setdefault(unit_id, set()).add(user_id)
    return {lead: next((leaders[a] for a in chain if a in leaders), set()) for lead, chain in chains.items()}


def reminders_due(*, day: dt.date) -> list[Reminder]:
    """Every reminder to record on `day`, before any is recorded."""
    soonest = day + dt.timedelta(days=_longest_window())
    open_tasks = list(tasks_with_status(as_of=day)
                      .filter(status__in=[s.value for s in NOT_DONE], deadline__isnull=False, deadline__lte=soonest)
                      .select_related("lead_unit").order_by("deadline", "id"))
    if not open_tasks:
        return []
    lead_side = _lead_side(open_tasks)
    overdue = [t for t in open_tasks if t.status == Status.OVERDUE]
    superiors = _superiors(overdue, day) if overdue else {}
    already = {}
    for recipient_id, task_id, kind, sent_on in Notification.objects.filter(
            task_id__in=[t.pk for t in overdue], kind__in=[NotificationKind.OVERDUE, NotificationKind.ESCALATION]
    ).values_list("recipient_id", "task_id", "kind", "day"):
        key = (recipient_id, task_id, kind)
        already[key] = max(already.get(key, sent_on), sent_on)

    def not_yet(recipient_id: int, task: Task, kind: str) -> bool:
        last = already.get((recipient_id, task.pk, kind))
        return last is None or last <= task.deadline

    reminders: list[Reminder] = []
    for task in open_tasks:
        answerable = {task.leader_id} | lead_side.get(task.lead_unit_id, set())
        left = (task.deadline - day).days
        if task.status == Status.OVERDUE:
            past = -left
            for recipient_id in sorted(answerable):
                if not_yet(recipient_id, task, NotificationKind.OVERDUE):
                    reminders.append(Reminder(recipient_id, task, NotificationKind.OVERDUE, past))
            if past > escalate_after_of(task.lead_unit):
                for recipient_id in sorted(superiors.get(task.lead_unit_id, set())):
                    if not_yet(recipient_id, task, NotificationKind.ESCALATION):
                        reminders.append(Reminder(recipient_id, task, NotificationKind.ESCALATION, past))
        elif left in reminder_days_of(task.lead_unit):
            for recipient_id in sorted(answerable):
                reminders.append(Reminder(recipient_id, task, NotificationKind.DUE_SOON, left))
    return _cleared(reminders)


def _cleared(reminders: list[Reminder]) -> list[Reminder]:
    """The reminders whose recipient may read their task's level of secrecy."""
    secret = {r.recipient_id for r in reminders if r.task.secrecy}
    if not secret:
        return reminders
    people = User.objects.in_bulk(secret)
    return [r for r in reminders if not r.task.secrecy or (r.recipient_id in people
                                                            and may_read_level(people[r.recipient_id], r.task.secrecy))]

