"""Reorganizations: the events that change the apparatus (merge, split, rename, dissolve, move, establish), their
links from predecessors to successors, the units they plan to open, the destinations chosen one by one, and the
record of every structural row an applied event changed, kept for revert.

What an event hands on of each task is the task's own history (`tasks.TaskHandover`, `tasks.CoordinationHandover`).
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.db.models import Q

from mandate.orgs.models import Placement, ReorganizationKind, Tier, Unit, UnitKind


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
    version = models.PositiveIntegerField(default=1, help_text="raised by every change after preparing: an edit names it")

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

    @property
    def successor_code(self) -> str | None:
        """The successor's code, whether the unit exists or is still planned (None: a dissolution without one)."""
        if self.successor_id:
            return self.successor.code
        return self.planned.code if self.planned_id else None


class DestinationItem(models.TextChoices):
    """What a split or a dissolution hands on, each needing a destination."""

    TASK = "task", _("Open task led by the unit")
    ASSIGNED = "assigned", _("Open task assigned by the unit")
    COORDINATION = "coordination", _("Open task the unit coordinates")
    UNIT = "unit", _("Child unit")
    POSITION = "position", _("Position")


class ReorganizationDestination(models.Model):
    """A destination chosen one by one: where one item of a predecessor goes (a unit code, maybe planned)."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.CASCADE, related_name="destinations")
    item_type = models.CharField(max_length=16, choices=DestinationItem.choices)
    item_id = models.PositiveBigIntegerField()
    destination_code = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reorganization", "item_type", "item_id"], name="destination_unique_item")]


class HoldingHandover(models.Model):
    """A holding a reorganization ended because its post closed: carried on (`to_holding`, at a successor's post) or
    left to be arranged (chờ bố trí, no `to_holding`); with the end it had before, which revert gives back."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="holding_handovers")
    holding = models.ForeignKey("personnel.Holding", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    from_position = models.ForeignKey("personnel.Position", on_delete=models.PROTECT, related_name="+")
    to_holding = models.OneToOneField("personnel.Holding", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ends_on_before = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=16, blank=True, help_text="why the person waits to be arranged: no_successor, no_seat")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reorganization", "holding"], name="holding_handover_once")]


class StructureChange(models.Model):
    """One row of the structure that an applied reorganization closed, opened or renamed, in order, for revert."""

    reorganization = models.ForeignKey(Reorganization, on_delete=models.PROTECT, related_name="structure_changes")
    action = models.CharField(max_length=24)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    placement = models.ForeignKey(Placement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    before = models.JSONField(default=dict, blank=True)


