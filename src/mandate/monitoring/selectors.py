"""Scorecards, rankings, trends and lagging units: who is late, who delivers.

Every number here is a GROUP BY over `tasks_list`, so it reads status through `status_expression`
(the one definition of the rule), sees only the tasks the user may see, and equals, number for
number, the task list asked with the same filters. The period of a scorecard is the date of
assignment: tasks assigned in [assigned_from, assigned_to] (`TaskFilters`), counted as of
`as_of` — the shape of the Government Office's report ("21,914 tasks assigned; 14,068 completed on
time, 1,983 late; 5,640 within deadline, 223 overdue").
"""
import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BigIntegerField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models import DateField as DateFieldType

from mandate.monitoring.models import DEFAULT_DIGEST_HOUR, Channel, Notification, ReminderPreference
from mandate.orgs.models import Cluster, Unit
from mandate.orgs.selectors import placements_on, unit_subtree_ids
from mandate.core.secrecy import Secrecy
from mandate.tasks.models import Task, TaskCoordinator
from mandate.tasks.permissions import visible_tasks
from mandate.tasks.selectors import TaskFilters, lead_unit_as_of, status_groups, tasks_list
from mandate.tasks.status import COUNTED, DONE, Status, official_totals
from mandate.tasks.status_sql import DaysBetween


@dataclass
class Tally:
    """Raw sums over a set of tasks; additive, so units roll up into their ancestors and clusters."""

    counts: dict[str, int] = field(default_factory=lambda: {status.value: 0 for status in COUNTED})
    days_late: int = 0
    days_overdue: int = 0
    extended: int = 0
    extensions_granted: int = 0
    completed_after_extension: int = 0

    def add(self, other: "Tally") -> None:
        for key, value in other.counts.items():
            self.counts[key] += value
        self.days_late += other.days_late
        self.days_overdue += other.days_overdue
        self.extended += other.extended
        self.extensions_granted += other.extensions_granted
        self.completed_after_extension += other.completed_after_extension


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class Scorecard:
    """The official report's totals (`tasks.status.OFFICIAL_TOTALS`, the same as `/api/v1/tasks/counts`) and the
    rates derived from them.

    `within_deadline` includes `due_soon`, as the official report counts it; `due_soon` is also given
    apart. completion_rate = completed / assigned; on_time_rate = completed_on_time / (completed +
    overdue), the share delivered on time among the tasks that are done or past their deadline;
    overdue_rate = overdue / assigned. Averages are in days, over completed-late and overdue tasks.
    """

    assigned: int
    completed: int
    completed_on_time: int
    completed_late: int
    not_completed: int
    within_deadline: int
    due_soon: int
    overdue: int
    completion_rate: float | None
    on_time_rate: float | None
    overdue_rate: float | None
    average_days_late: float | None
    average_days_overdue: float | None
    extended: int
    extensions_granted: int
    completed_after_extension: int

    @classmethod
    def of(cls, tally: Tally) -> "Scorecard":
        totals = official_totals(tally.counts)
        assigned, completed, late, overdue = (totals[name] for name in ("assigned", "completed", "completed_late", "overdue"))
        return cls(
            **totals,
            completion_rate=_ratio(completed, assigned), on_time_rate=_ratio(totals["completed_on_time"], completed + overdue),
            overdue_rate=_ratio(overdue, assigned),
            average_days_late=round(tally.days_late / late, 1) if late else None,
            average_days_overdue=round(tally.days_overdue / overdue, 1) if overdue else None,
            extended=tally.extended, extensions_granted=tally.extensions_granted,
            completed_after_extension=tally.completed_after_extension,
        )

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def _with_lead(tasks: QuerySet[Task], as_of: dt.date) -> tuple[QuerySet[Task], str]:
    """The tasks and the name of the field holding their lead unit on `as_of`, as the task list reads it."""
    lead = ExpressionWrapper(lead_unit_as_of(as_of=as_of), output_field=BigIntegerField())
    return tasks.annotate(lead_on_day=lead), "lead_on_day"


def _tallies(tasks: QuerySet[Task], *, as_of: dt.date, key: str | None) -> dict:
    """One GROUP BY (key, status) over `tasks`: {key value: Tally}."""
    if key == "lead_unit_id":
        tasks, key = _with_lead(tasks, as_of)
    rows = status_groups(
        tasks, by=key,
        days_after=Sum(DaysBetween(F("completed_on"), F("deadline"))),
        days_past=Sum(DaysBetween(Value(as_of, output_field=DateFieldType()), F("deadline"))),
        extended=Count("id", filter=Q(extension_count__gt=0)),
        extensions=Sum("extension_count"),
    )
    tallies: dict = defaultdict(Tally)
    for row in rows:
        tally = tallies[row[key] if key else None]
        status = row["status"]
        tally.counts[status] += row["n"]
        tally.extended += row["extended"]
        tally.extensions_granted += row["extensions"] or 0
        if status == Status.COMPLETED_LATE:
            tally.days_late += row["days_after"] or 0
        elif status == Status.OVERDUE:
            tally.days_overdue += row["days_past"] or 0
        if status in DONE:
            tally.completed_after_extension += row["extended"]
    return tallies


def tally_of_rows(rows, *, as_of: dt.date) -> Tally:
    """The Tally of summed tally rows (`tasks.tallies.tally_rows`: status and `MEASURES`), as `_tallies` makes it."""
    tally = Tally()
    for status, n, extended, extensions, after_days, deadline_days in rows:
        if not n and not extended and not extensions:
            continue
        tally.counts[status] += n
        tally.extended += extended
        tally.extensions_granted += extensions
        if status == Status.COMPLETED_LATE:
            tally.days_late += after_days
        elif status == Status.OVERDUE:
            tally.days_overdue += n * as_of.toordinal() - deadline_days
        if status in DONE:
            tally.completed_after_extension += extended
    return tally


def _counted(user, filters: TaskFilters) -> QuerySet[Task]:
    """The task list with the filters and any status (cancelled ones are left out by the list itself)."""
    return tasks_list(user=user, filters=dataclasses.replace(filters, status=None))


def scorecard(*, user, filters: TaskFilters) -> Scorecard:
    """The scorecard of whatever the task list selects with `filters`: a unit, a subtree, a leader."""
    return Scorecard.of(_tallies(_counted(user, filters), as_of=filters.as_of, key=None).get(None, Tally()))


def scorecard_coordinating(*, user, filters: TaskFilters) -> Scorecard:
    """Tasks the unit (or its subtree) coordinates but does not lead: credited apart from the lead's."""
    unit = filters.lead_unit
    scope = unit_subtree_ids(unit=unit, as_of=filters.as_of) if filters.subtree else Unit.objects.filter(pk=unit.pk).values("pk")
    tasks = (_counted(user, dataclasses.replace(filters, lead_unit=None, subtree=False))
             .filter(Exists(TaskCoordinator.objects.filter(task=OuterRef("pk"), unit__in=scope)))
             .exclude(lead_unit__in=scope))
    return Scorecard.of(_tallies(tasks, as_of=filters.as_of, key=None).get(None, Tally()))


@dataclass(frozen=True)
class Ranked:
    rank: int
    unit: Unit
    scorecard: Scorecard


def _rank(rows: list[tuple[Unit, Scorecard]]) -> list[Ranked]:
    """Best first: on-time rate, then fewest overdue per task, then most assigned; units with nothing due last."""
    def order(row):
        unit, card = row
        return (card.on_time_rate is None, -(card.on_time_rate or 0), card.overdue_rate or 0, -card.assigned, unit.code)
    return [Ranked(rank=index, unit=unit, scorecard=card) for index, (unit, card) in enumerate(sorted(rows, key=order), start=1)]


def _paths(unit_ids, as_of: dt.date) -> dict[int, str]:
    return dict(placements_on(as_of).filter(unit_id__in=unit_ids).values_list("unit_id", "path"))


def scorecards_side_by_side(*, user, units: list[Unit], filters: TaskFilters) -> list[Ranked]:
    """Each unit with its subtree (when `filters.subtree`), side by side and ranked, in two queries.

    One GROUP BY lead unit over the union of the subtrees, then each lead unit is credited to every
    listed unit whose placement path is a prefix of its own.
    """
    as_of = filters.as_of
    member_paths = _paths([u.pk for u in units], as_of)
    by_path = defaultdict(list)
    for unit in units:
        if unit.pk in member_paths:
            by_path[member_paths[unit.pk]].append(unit)
    tasks = _of_units(user, units, filters, list(by_path))
    per_lead = _tallies(tasks, as_of=as_of, key="lead_unit_id")
    totals = {unit.pk: Tally() for unit in units}
    if filters.subtree:
        lead_paths = _paths(list(per_lead), as_of)
        for lead_id, tally in per_lead.items():
            path = lead_paths.get(lead_id, "")
            prefix = "/"
            for part in path.strip("/").split("/"):
                prefix += part + "/"
                for unit in by_path.get(prefix, ()):
                    totals[unit.pk].add(tally)
    else:
        for lead_id, tally in per_lead.items():
            totals[lead_id].add(tally)
    return _rank([(unit, Scorecard.of(totals[unit.pk])) for unit in units])


def _of_units(user, units: list[Unit], filters: TaskFilters, paths: list[str]) -> QuerySet[Task]:
    """The counted tasks led by the units (with their subtrees when `filters.subtree`)."""
    tasks, lead = _with_lead(_counted(user, dataclasses.replace(filters, lead_unit=None, subtree=False)), filters.as_of)
    if not filters.subtree:
        return tasks.filter(**{f"{lead}__in": [u.pk for u in units]})
    if not paths:
        return tasks.none()
    scope_q = Q()
    for path in paths:
        scope_q |= Q(path__startswith=path)
    return tasks.filter(**{f"{lead}__in": placements_on(filters.as_of).filter(scope_q).values("unit_id")})


def scorecard_of_units(*, user, units: list[Unit], filters: TaskFilters) -> Scorecard:
    """One scorecard over several units together (a cluster's total), each task counted once."""
    paths = list(_paths([u.pk for u in units], filters.as_of).values())
    tasks = _of_units(user, units, filters, paths)
    return Scorecard.of(_tallies(tasks, as_of=filters.as_of, key=None).get(None, Tally()))


def cluster_scorecards(*, user, cluster: Cluster, filters: TaskFilters) -> list[Ranked]:
    """The members of an emulation cluster, each with its subtree, ranked."""
    members = list(cluster.members.valid_on(filters.as_of).order_by("code"))
    return scorecards_side_by_side(user=user, units=members, filters=dataclasses.replace(filters, subtree=True))


def cluster_total(*, user, cluster: Cluster, filters: TaskFilters) -> Scorecard:
    members = list(cluster.members.valid_on(filters.as_of))
    return scorecard_of_units(user=user, units=members, filters=dataclasses.replace(filters, subtree=True))


def child_units(*, unit: Unit, as_of: dt.date, kind: str | None = None) -> list[Unit]:
    """The units placed directly under `unit` on `as_of` (e.g. a province's communes and bodies)."""
    children = Unit.objects.filter(pk__in=placements_on(as_of).filter(parent=unit).values("unit_id"))
    if kind:
        children = children.filter(kind=kind)
    return list(children.order_by("code"))


def children_scorecards(*, user, unit: Unit, filters: TaskFilters, kind: str | None = None) -> list[Ranked]:
    """The units directly under `unit`, each with its subtree, ranked."""
    return scorecards_side_by_side(user=user, units=child_units(unit=unit, as_of=filters.as_of, kind=kind),
                                   filters=dataclasses.replace(filters, subtree=True))


@dataclass(frozen=True)
class SubtreeRows:
    """A subtree's scorecard as rows that add up to its total: each unit directly under `unit` with its own subtree,
    ranked, and the tasks `unit` leads itself, which belong to no unit below it."""

    ranked: list[Ranked]
    own: Scorecard
    total: Scorecard


def subtree_rows(*, user, unit: Unit, filters: TaskFilters) -> SubtreeRows:
    """The rows of a subtree's scorecard (units below without a task left out), its own tasks and its total."""
    ranked = [r for r in children_scorecards(user=user, unit=unit, filters=filters) if r.scorecard.assigned]
    own = scorecard(user=user, filters=dataclasses.replace(filters, lead_unit=unit, subtree=False))
    total = scorecard(user=user, filters=dataclasses.replace(filters, lead_unit=unit, subtree=True))
    return SubtreeRows(ranked=ranked, own=own, total=total)


def month_ends(*, as_of: dt.date, months: int) -> list[dt.date]:
    """The last day of each of the `months` months ending with the month of `as_of` (that one ends at `as_of`);
    fewer when the calendar begins sooner (as of 0001-01-01 there is no month before)."""
    ends = [as_of]
    first = as_of.replace(day=1)
    for _ in range(months - 1):
        if first == dt.date.min:
            break
        end = first - dt.timedelta(days=1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))


def monthly_trend(*, user, filters: TaskFilters, months: int = 12) -> list[tuple[dt.date, Scorecard]]:
    """The scorecard as it stood at the end of each month: is the backlog shrinking?"""
    return [(end, scorecard(user=user, filters=dataclasses.replace(filters, as_of=end)))
            for end in month_ends(as_of=filters.as_of, months=months)]


@dataclass(frozen=True)
class LaggingUnit:
    unit: Unit
    scorecard: Scorecard
    overdue_tasks: list


def lagging_units(*, user, filters: TaskFilters, min_overdue: int | None = 1, min_rate: float | None = None,
                  level: str | None = None, tasks_per_unit: int = 10) -> list[LaggingUnit]:
    """Units whose overdue count reaches `min_overdue` or whose overdue rate reaches `min_rate`, worst first.

    Without `level` a unit is the lead unit that answers for the task; with `level` ("province",
    "commune") tasks roll up to the territory of that kind that holds the lead unit on `as_of`.
    """
    as_of = filters.as_of
    per_lead = _tallies(_counted(user, filters), as_of=as_of, key="lead_unit_id")
    if level:
        lead_paths = _paths(list(per_lead), as_of)
        ancestor_ids = {int(part) for path in lead_paths.values() for part in path.strip("/").split("/")}
        territories = set(Unit.objects.filter(pk__in=ancestor_ids, kind=level).values_list("pk", flat=True))
        groups: dict[int, Tally] = defaultdict(Tally)
        members: dict[int, list[int]] = defaultdict(list)
        for lead_id, tally in per_lead.items():
            owner = next((int(p) for p in reversed(lead_paths.get(lead_id, "").strip("/").split("/"))
                          if p and int(p) in territories), None)
            if owner is not None:
                groups[owner].add(tally)
                members[owner].append(lead_id)
    else:
        groups = per_lead
        members = {lead_id: [lead_id] for lead_id in per_lead}
    chosen = []
    for unit_id, tally in groups.items():
        card = Scorecard.of(tally)
        by_count = min_overdue is not None and card.overdue >= min_overdue
        by_rate = min_rate is not None and card.overdue > 0 and (card.overdue_rate or 0) >= min_rate
        if by_count or by_rate:
            chosen.append((unit_id, card))
    chosen.sort(key=lambda row: (-row[1].overdue, -(row[1].overdue_rate or 0), row[0]))
    units = Unit.objects.in_bulk([unit_id for unit_id, _ in chosen])
    owner_of = {lead_id: unit_id for unit_id, _ in chosen for lead_id in members[unit_id]}
    overdue = defaultdict(list)
    if owner_of:
        rows, lead = _with_lead(tasks_list(user=user, filters=dataclasses.replace(filters, status=Status.OVERDUE.value)), as_of)
        for task in rows.filter(**{f"{lead}__in": list(owner_of)}):
            bucket = overdue[owner_of[getattr(task, lead)]]
            if len(bucket) < tasks_per_unit:
                bucket.append(task)
    return [LaggingUnit(unit=units[unit_id], scorecard=card, overdue_tasks=overdue[unit_id]) for unit_id, card in chosen]



def notifications_of(*, user, unread: bool = False) -> QuerySet[Notification]:
    """A person's notifications, newest first."""
    # A secret task's notification stays only while its recipient may still know of the task.
    known = visible_tasks(user, Task.objects.filter(secrecy__gt=Secrecy.NONE)).values("pk")
    notifications = Notification.objects.filter(Q(task__secrecy=Secrecy.NONE) | Q(task__in=known), recipient=user)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.select_related("task", "task__lead_unit").order_by("-day", "kind", "task__deadline", "id")


def reminder_preference_of(*, user) -> ReminderPreference:
    """How `user` receives the daily digest: their choice, or the default (e-mail at 7:00) when they made none."""
    return (ReminderPreference.objects.filter(user=user).first()
            or ReminderPreference(user=user, channel=Channel.EMAIL, digest_hour=DEFAULT_DIGEST_HOUR))
