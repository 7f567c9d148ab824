"""Units over time: what a unit is, where it sits in the tree during which dates, and how it changed.

Validity intervals are half-open, [valid_from, valid_to); a null bound is open.
"""
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    NATION = "nation", "Nation"
    PROVINCE = "province", "Province"
    COMMUNE = "commune", "Commune"
    CENTRAL_COMMITTEE = "central_committee", "Central Committee"
    PARTY_COMMITTEE = "party_committee", "Party committee"
    EXECUTIVE_COMMITTEE = "executive_committee", "Executive Committee"
    STANDING_COMMITTEE = "standing_committee", "Standing Committee"
    STANDING_BOARD = "standing_board", "Standing Board"
    OFFICE = "office", "Office"
    ORGANIZATION_COMMITTEE = "organization_committee", "Organization Committee"
    INSPECTION_COMMISSION = "inspection_commission", "Inspection Commission"
    PROPAGANDA_COMMITTEE = "propaganda_committee", "Propaganda and Mass Mobilization Committee"
    INTERNAL_AFFAIRS_COMMITTEE = "internal_affairs_committee", "Internal Affairs Committee"
    PEOPLES_COUNCIL = "peoples_council", "People's Council"
    PEOPLES_COMMITTEE = "peoples_committee", "People's Committee"
    DEPARTMENT = "department", "Department"
    FATHERLAND_FRONT = "fatherland_front", "Fatherland Front"
    MASS_ORGANIZATION = "mass_organization", "Mass organization"
    STEERING_COMMITTEE = "steering_committee", "Steering committee"
    OTHER = "other", "Other"


# Territorial units answer "level": the nation, its provinces and its communes.
TERRITORIAL_KINDS = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.COMMUNE)


class Tier(models.TextChoices):
    CENTRAL = "central", "Central"
    PROVINCE = "province", "Province"
    COMMUNE = "commune", "Commune"


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> "UnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class Unit(models.Model):
    """An agency, body or territory. Its code never changes and never returns to another unit."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64, blank=True)
    issuer_code = models.CharField(max_length=32, blank=True, help_text="the code it writes in its document numbers, e.g. TU, UBND")
    search_name = models.CharField(max_length=400, db_index=True, help_text="name and short name folded for search")
    kind = models.CharField(max_length=32, choices=UnitKind.choices)
    tier = models.CharField(max_length=16, choices=Tier.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    reminder_days = models.CharField(
        max_length=32, blank=True, help_text="days before a deadline to remind, e.g. 7,3,1; empty means the default"
    )
    warning_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="how many days ahead a deadline counts as due soon; empty means the default"
    )
    escalate_after_days = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        constraints = [
            # An empty interval [d, d) is a unit that never existed: opened by a reorganization that was
            # reverted while other events still named it; its code stays taken, as every code does.
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_interval",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="unit_code_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="unit_name_not_empty"),
        ]
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"], name="unit_kind_valid_idx")]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    def due_soon_window(self) -> int:
        return settings.MANDATE_DEFAULT_WARNING_DAYS if self.warning_days is None else self.warning_days


class Placement(models.Model):
    """A unit's place in the tree during [valid_from, valid_to). `path` is the chain of unit ids from the root."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="placements")
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="child_placements")
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="placement_valid_interval",
            ),
            models.CheckConstraint(condition=~Q(unit=models.F("parent")), name="placement_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=["path"], name="placement_path_idx"),
            models.Index(fields=["parent", "valid_from", "valid_to"], name="placement_parent_idx"),
            models.Index(fields=["unit", "valid_from", "valid_to"], name="placement_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} at {self.path}"


class Term(models.Model):
    """A committee's term (nhiệm kỳ), e.g. the 18th term of the Hanoi Party Committee, 2025–2030."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=64)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts_on"], name="term_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=models.F("starts_on")), name="term_interval"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.name}"


PARTY_KINDS = (
    UnitKind.CENTRAL_COMMITTEE, UnitKind.PARTY_COMMITTEE, UnitKind.EXECUTIVE_COMMITTEE, UnitKind.STANDING_COMMITTEE,
    UnitKind.STANDING_BOARD, UnitKind.OFFICE, UnitKind.ORGANIZATION_COMMITTEE, UnitKind.INSPECTION_COMMISSION,
    UnitKind.PROPAGANDA_COMMITTEE, UnitKind.INTERNAL_AFFAIRS_COMMITTEE, UnitKind.STEERING_COMMITTEE,
)


class ReorganizationKind(models.TextChoices):
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    DISSOLVE = "dissolve", _("Dissolve")
    MOVE = "move", _("Move")
    ESTABLISH = "establish", _("Establish")


class Reorganization(models.Model):
    """A change of the apparatus with its effective date and legal basis.

    Prepared first (`applied_at` empty), previewed, then applied in one transaction; a mistaken
    event can be reverted while nothing later depends on it (`reverted_at`). Events prepared
    together share a `batch` and are applied together.
    """

    kind = models.CharField(max_length=16, choices=ReorganizationKind.choices)
    effective_on = models.DateField()
    basis = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(null=True, blank=True)
    batch = models.CharField(max_length=64, blank=True, db_index=True, help_text="events prepared and applied together")
    created_at = models.DateTimeField(null=True, blank=True)
    reverted_at = models.DateTimeField(null=True, blank=True)
    new_name = models.CharField(max_length=255, blank=True, help_text="rename: the unit's name from the effective date on")
    new_short_name = models.CharField(max_length=64, blank=True)
    new_parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   help_text="move: the unit's parent from the effective date on")
    default_successor_code = models.CharField(max_length=64, blank=True,
                                              help_text="split: where whatever has no destination of its own goes")
    rule = models.CharField(max_length=16, blank=True, help_text="split: 'territory' sends a task where its units go")
    marks = models.JSONField(default=dict, blank=True, help_text="the last ids when applied, to tell what came later")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(reverted_at__isnull=True) | Q(applied_at__isnull=False),
                                   name="reorganization_reverted_was_applied"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None and self.reverted_at is None


class PlannedUnit(models.Model):
    """A unit that a reorganization opens: written as a Unit only when the event is applied."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.CASCADE, related_name="planned_units")
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64, blank=True)
    issuer_code = models.CharField(max_length=32, blank=True)
    kind = models.CharField(max_length=32, choices=UnitKind.choices)
    tier = models.CharField(max_length=16, choices=Tier.choices)
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.OneToOneField(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reorganization", "code"], name="planned_unit_unique_code"),
            models.CheckConstraint(condition=~Q(code=""), name="planned_unit_code_not_empty"),
        ]


class ReorganizationLink(models.Model):
    """One predecessor → successor edge of a reorganization (the successor may still be planned)."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="successor_links")
    successor = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="predecessor_links")
    planned = models.ForeignKey(PlannedUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="links")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(predecessor__isnull=False) | Q(successor__isnull=False) | Q(planned__isnull=False),
                name="reorganization_link_has_end",
            ),
            models.UniqueConstraint(fields=["reorganization", "predecessor", "successor"], name="reorganization_link_unique"),
        ]


class DestinationItem(models.TextChoices):
    """What a split or a dissolution hands on, each needing a destination."""

    TASK = "task", "Open task led by the unit"
    ASSIGNED = "assigned", "Open task assigned by the unit"
    COORDINATION = "coordination", "Open task the unit coordinates"
    UNIT = "unit", "Child unit"
    POSITION = "position", "Position"


class ReorganizationDestination(models.Model):
    """A destination chosen one by one: where one item of a predecessor goes (a unit code, maybe planned)."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.CASCADE, related_name="destinations")
    item_type = models.CharField(max_length=16, choices=DestinationItem.choices)
    item_id = models.PositiveBigIntegerField()
    destination_code = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reorganization", "item_type", "item_id"], name="destination_unique_item")]


class HandoverRole(models.TextChoices):
    LEAD = "lead", "Lead unit"
    ASSIGNING = "assigning", "Assigning unit"
    COORDINATOR = "coordinator", "Coordinator"


class TaskHandover(models.Model):
    """What one reorganization handed on of one open task: its lead unit, the unit that assigned it, or both.

    For each role, `<role>_from` held it during [`<role>_since`, valid_to) and `<role>_to` took it over; a null
    `<role>_from` means the event left that role where it was. valid_to is the event's effective date and
    `<role>_since` the previous handover's of the same role (null: since the task was assigned). Lists "as of" a
    date read the roles through these rows; revert puts the `_from` units back. The coordinations an event moves
    are `CoordinationHandover` rows.

    A national merger writes one row for each of hundreds of thousands of tasks in one transaction, so a row
    carries only the indexes its readers use (the composite ones below, no single-column index per key) and no
    database key, each of which PostgreSQL would check row by row at the commit. Only the apply service writes
    them, and it guarantees the keys: the event and the units come from rows it has just read and are never
    deleted while a handover names them (PROTECT, enforced by Django); every task handed on gets a timeline line
    in the same transaction, whose own key to the task is checked at the commit.
    """

    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="handovers",
                                       db_constraint=False, db_index=False)
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="handovers", db_constraint=False,
                             db_index=False)
    valid_to = models.DateField()
    lead_from = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  db_constraint=False, db_index=False)
    lead_to = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                db_constraint=False, db_index=False)
    lead_since = models.DateField(null=True, blank=True)
    assigning_from = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       db_constraint=False, db_index=False)
    assigning_to = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     db_constraint=False, db_index=False)
    assigning_since = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["task", "valid_to"], name="handover_task_idx"),
            models.Index(fields=["reorganization"], name="handover_event_idx"),
            models.Index(fields=["lead_from", "valid_to"], name="handover_lead_idx"),
            models.Index(fields=["assigning_from", "valid_to"], name="handover_assigning_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(lead_from__isnull=False) | Q(assigning_from__isnull=False),
                                   name="handover_hands_something"),
        ]


class CoordinationHandover(models.Model):
    """A coordination of an open task that a reorganization moved from `from_unit` to `to_unit`, or dropped
    (`removed`) because the successor already led or coordinated the task. valid_to is the event's date; valid_from
    the date of the task's previous coordination handover, whichever unit it moved (null: none), kept for the
    record (no list reads coordinations as of a date). Keys as for `TaskHandover`, which the apply service
    guarantees in the same way."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="coordination_handovers",
                                       db_constraint=False, db_index=False)
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="coordination_handovers",
                             db_constraint=False, db_index=False)
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()
    removed = models.BooleanField(default=False, help_text="dropped: the successor already led or coordinated the task")

    class Meta:
        indexes = [
            models.Index(fields=["task", "valid_to"], name="coord_handover_task_idx"),
            models.Index(fields=["reorganization"], name="coord_handover_event_idx"),
        ]


class StructureChange(models.Model):
    """One row of the structure that an applied reorganization closed, opened or renamed, in order, for revert."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="structure_changes")
    action = models.CharField(max_length=24)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(default=dict, blank=True)


class UnitName(models.Model):
    """A name a unit bore during [valid_from, valid_to) before a rename; the current name is on the unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="former_names")
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()
    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(valid_from__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="unit_name_valid_interval"),
        ]
        indexes = [models.Index(fields=["unit", "valid_to"], name="unit_name_unit_idx")]


class Cluster(models.Model):
    """An emulation cluster (cụm thi đua): units compared side by side."""

    code = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    members = models.ManyToManyField(Unit, related_name="clusters", blank=True)

    def __str__(self) -> str:
        return self.name
