"""Units over time: what a unit is, where it sits in the tree during which dates, and how it changed.

Validity intervals are half-open, [valid_from, valid_to); a null bound is open.
"""
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    CENTRAL_COMMITTEE = "central_committee", _("Central Committee")
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive Committee")
    STANDING_COMMITTEE = "standing_committee", _("Standing Committee")
    STANDING_BOARD = "standing_board", _("Standing Board")
    OFFICE = "office", _("Office")
    ORGANIZATION_COMMITTEE = "organization_committee", _("Organization Committee")
    INSPECTION_COMMISSION = "inspection_commission", _("Inspection Commission")
    PROPAGANDA_COMMITTEE = "propaganda_committee", _("Propaganda and Mass Mobilization Committee")
    INTERNAL_AFFAIRS_COMMITTEE = "internal_affairs_committee", _("Internal Affairs Committee")
    PEOPLES_COUNCIL = "peoples_council", _("People's Council")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    DEPARTMENT = "department", _("Department")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    MASS_ORGANIZATION = "mass_organization", _("Mass organization")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    OTHER = "other", _("Other")


# Territorial units answer "level": the nation, its provinces and its communes.
TERRITORIAL_KINDS = (UnitKind.NATION, UnitKind.PROVINCE, UnitKind.COMMUNE)


class Tier(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")


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
    alerts_version = models.PositiveIntegerField(default=1, help_text="raised by every change of the warning and "
                                                 "reminder settings: an edit names the one it changes")

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
    """How a unit can change over time; the events themselves are the `reorganizations` app's."""

    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Rename")
    DISSOLVE = "dissolve", _("Dissolve")
    MOVE = "move", _("Move")
    ESTABLISH = "establish", _("Establish")


class UnitName(models.Model):
    """A name a unit bore during [valid_from, valid_to) before a rename; the current name is on the unit."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="former_names")
    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=64, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()
    # The event that renamed it (reorganizations.Reorganization), named by id: the structure does not depend on the
    # app that changes it, and only that app's services write or delete these rows.
    reorganization_id = models.BigIntegerField(db_index=True)

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
