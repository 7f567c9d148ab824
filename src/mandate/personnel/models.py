"""Cadre work: posts of units, the people who hold them over time, the events that change who holds what, the
planning pool, a person's discipline history, staffing quotas and headcounts, and the log of who opened whose record.

Intervals are half-open, [start, end); a null end is open. History is never rewritten: an event closes a holding and
opens another. A reorganization (a higher app) carries posts to a successor unit by closing a position and opening
its successor (`Position.predecessor`), and each open holding likewise (`Holding.carried_from`); both rows name the
event by id (`reorganization_id`), as `orgs.UnitName` does, so that reverting it deletes exactly what it opened.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mandate.orgs.models import Tier
from mandate.personnel.titles import Title


class Position(models.Model):
    """A post of a unit (Chủ tịch UBND tỉnh Phú Thọ) with its number of seats and the tier of cadres it belongs to."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="positions")
    kind = models.CharField(max_length=40, choices=Title.choices)
    title = models.CharField(max_length=255, help_text="the post as the unit names it, e.g. Phó Chủ tịch UBND tỉnh")
    search_title = models.CharField(max_length=400, db_index=True)
    grade = models.PositiveSmallIntegerField(help_text="the title's grade from titles.TITLE_RULES unless the unit ranks it otherwise")
    seats = models.PositiveSmallIntegerField(default=1)
    tier = models.CharField(max_length=16, choices=Tier.choices, help_text="the tier of cadres the post belongs to")
    managing_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="managed_positions",
        help_text="the committee that manages the post's tier (its Standing Committee)",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    predecessor = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="successors")
    reorganization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="position_has_a_seat"),
            models.CheckConstraint(condition=~Q(title=""), name="position_title_not_empty"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="position_valid_interval",
            ),
            # One post of a name per unit at a time: the open one; closed ones are its history.
            models.UniqueConstraint(fields=["unit", "title"], condition=Q(valid_to__isnull=True), name="position_title_once_open"),
        ]
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"], name="position_unit_valid_idx")]

    def __str__(self) -> str:
        return self.title

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PoliticalTheory(models.TextChoices):
    NONE = "", _("No training in political theory")
    ELEMENTARY = "elementary", _("Elementary (Sơ cấp)")
    INTERMEDIATE = "intermediate", _("Intermediate (Trung cấp)")
    ADVANCED = "advanced", _("Advanced (Cao cấp)")
    BACHELOR = "bachelor", _("Bachelor of political theory (Cử nhân)")


class Person(models.Model):
    """A cadre's record: what the organization committee needs of form 2C, no more (Decree 13/2023)."""

    full_name = models.CharField(max_length=255)
    search_name = models.CharField(max_length=400, db_index=True, help_text="the name folded without diacritics")
    birth_date = models.DateField()
    sex = models.CharField(max_length=8, choices=Sex.choices)
    home_province = models.CharField(max_length=128, blank=True, help_text="quê quán, as the dossier writes it")
    ethnicity = models.CharField(max_length=64, blank=True)
    party_joined_on = models.DateField(null=True, blank=True)
    party_full_member_on = models.DateField(null=True, blank=True)
    education = models.CharField(max_length=255, blank=True, help_text="general and professional education")
    political_theory = models.CharField(max_length=16, choices=PoliticalTheory.choices, blank=True, default="")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person")
    kept_by = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="the unit whose organization committee keeps the dossier when the person holds no post",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1, help_text="raised by each correction of the record (If-Match)")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(full_name=""), name="person_name_not_empty"),
            models.CheckConstraint(condition=Q(sex__in=["male", "female"]), name="person_sex_known"),
            models.CheckConstraint(
                condition=Q(party_joined_on__isnull=True) | Q(party_joined_on__gt=F("birth_date")), name="person_joined_after_birth"),
            models.CheckConstraint(
                condition=Q(party_full_member_on__isnull=True) | (Q(party_joined_on__isnull=False) & Q(party_full_member_on__gte=F("party_joined_on"))),
                name="person_full_member_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class HoldingKind(models.TextChoices):
    OFFICIAL = "official", _("Official")
    ACTING = "acting", _("Acting or assigned (quyền, phụ trách)")
    CONCURRENT = "concurrent", _("Concurrent (kiêm nhiệm)")
    SECONDED = "seconded", _("Seconded (biệt phái)")


class EventKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment (bổ nhiệm)")
    REAPPOINTMENT = "reappointment", _("Reappointment (bổ nhiệm lại)")
    NOMINATION = "nomination", _("Nomination for election (giới thiệu ứng cử)")
    ELECTION = "election", _("Election (bầu cử)")
    DESIGNATION = "designation", _("Designation (chỉ định)")
    TRANSFER = "transfer", _("Transfer (điều động)")
    ROTATION = "rotation", _("Rotation (luân chuyển)")
    SECONDMENT = "secondment", _("Secondment (biệt phái)")
    DISMISSAL = "dismissal", _("Dismissal (miễn nhiệm)")
    RESIGNATION = "resignation", _("Resignation (từ chức)")
    RETIREMENT = "retirement", _("Retirement (nghỉ hưu)")
    SUSPENSION = "suspension", _("Suspension (tạm đình chỉ công tác)")


class PersonnelEvent(models.Model):
    """A decision about a person's posts, backed by a registered document: it opens a holding, ends one, or both."""

    kind = models.CharField(max_length=16, choices=EventKind.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="events")
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.PROTECT, related_name="events",
                                 help_text="the post it gives, when it gives one")
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="personnel_events")
    holding_kind = models.CharField(max_length=16, choices=HoldingKind.choices, blank=True,
                                    help_text="how the post is held when the event gives one")
    effective_on = models.DateField()
    dossier_received_on = models.DateField(null=True, blank=True, help_text="the day the dossier was received: the age rule's day")
    ends_on = models.DateField(null=True, blank=True, help_text="the end of a secondment, an acting post or a suspension")
    internal = models.BooleanField(null=True, blank=True, help_text="an appointment's candidate from inside the unit (five meetings) or outside (three)")
    votes_convened = models.PositiveIntegerField(null=True, blank=True, help_text="an election: members convened")
    votes_present = models.PositiveIntegerField(null=True, blank=True)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("effective_on")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(votes_present__isnull=True) | Q(votes_convened__isnull=True) | Q(votes_present__lte=F("votes_convened")),
                name="event_present_within_convened"),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True) | Q(votes_present__isnull=True) | Q(votes_for__lte=F("votes_present")),
                name="event_votes_within_present"),
        ]
        indexes = [models.Index(fields=["effective_on", "kind"], name="event_day_kind_idx")]


class StepKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Meeting of the leadership (tập thể lãnh đạo)")
    ENLARGED_LEADERSHIP = "enlarged_leadership", _("Enlarged meeting of the leadership (hội nghị lãnh đạo mở rộng)")
    KEY_CADRES = "key_cadres", _("Meeting of key cadres (hội nghị cán bộ chủ chốt)")


class ProcedureStep(models.Model):
    """One meeting of an appointment's procedure: who was convened, who came, how many chose the candidate."""

    event = models.ForeignKey(PersonnelEvent, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=24, choices=StepKind.choices)
    held_on = models.DateField()
    convened = models.PositiveIntegerField()
    present = models.PositiveIntegerField()
    votes_for = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="procedure_step_once"),
            models.CheckConstraint(condition=Q(convened__gte=1), name="procedure_step_convened"),
            models.CheckConstraint(condition=Q(present__lte=F("convened")), name="procedure_step_present_within_convened"),
            models.CheckConstraint(condition=Q(votes_for__isnull=True) | Q(votes_for__lte=F("present")), name="procedure_step_votes_within_present"),
        ]


class Holding(models.Model):
    """A person holding a post during [starts_on, ends_on), and how (official, acting, concurrent, seconded)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="holdings")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="holdings")
    kind = models.CharField(max_length=16, choices=HoldingKind.choices, default=HoldingKind.OFFICIAL)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    basis = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="holdings_given",
                              help_text="the decision that gave the post (none for a holding imported from an old file)")
    started_by = models.ForeignKey(PersonnelEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="holdings_started")
    ended_by = models.ForeignKey(PersonnelEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="holdings_ended")
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to")
    reorganization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")), name="holding_interval"),
            models.CheckConstraint(condition=Q(kind__in=HoldingKind.values), name="holding_kind_known"),
            models.UniqueConstraint(fields=["person", "position", "starts_on"], name="holding_once_per_start"),
        ]
        indexes = [
            models.Index(fields=["position", "starts_on", "ends_on"], name="holding_position_idx"),
            models.Index(fields=["person", "starts_on"], name="holding_person_idx"),
        ]

    def is_held_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day < self.ends_on)


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
    WARNING = "warning", _("Warning (cảnh cáo)")
    REMOVAL = "removal", _("Removal from office (cách chức)")
    EXPULSION = "expulsion", _("Expulsion (khai trừ)")


class DisciplineRecord(models.Model):
    """A discipline a person received; written here or by another app (inspections) through `discipline_record`."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disciplines")
    form = models.CharField(max_length=16, choices=DisciplineForm.choices)
    violation = models.TextField()
    deciding_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=64, null=True, blank=True, help_text="the app and object that wrote it, e.g. inspections:17")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(violation=""), name="discipline_violation_not_empty"),
            models.CheckConstraint(condition=Q(form__in=DisciplineForm.values), name="discipline_form_known"),
        ]
        indexes = [models.Index(fields=["person", "decided_on"], name="discipline_person_idx")]


class PlanningEntry(models.Model):
    """A person in the planning pool (quy hoạch) of a post for a committee's term, from `added_on` until removed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="planning")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="planning")
    term = models.ForeignKey("orgs.Term", on_delete=models.PROTECT, related_name="+")
    added_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "position", "term"], name="planning_once_per_term"),
            models.CheckConstraint(condition=Q(removed_on__isnull=True) | Q(removed_on__gt=F("added_on")), name="planning_interval"),
        ]


class StaffingQuota(models.Model):
    """The staffing quota (biên chế) a unit is given for a year."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="staffing_quotas")
    year = models.PositiveSmallIntegerField()
    quota = models.PositiveIntegerField()
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="staffing_quota_once_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="staffing_quota_year"),
        ]


class Headcount(models.Model):
    """How many people a unit employs in a year, as its organization committee entered it."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="headcounts")
    year = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField()
    protected = models.PositiveIntegerField(default=0, help_text="people who cannot be made to leave (Decree 178/2024, art. 7)")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="headcount_once_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="headcount_year"),
            models.CheckConstraint(condition=Q(protected__lte=F("count")), name="headcount_protected_within_count"),
        ]


class RecordOpening(models.Model):
    """Someone opened a person's record (who, whose, when, through what): the personal-record read log."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="openings")
    at = models.DateTimeField()
    channel = models.CharField(max_length=8, help_text="page or api")

    class Meta:
        indexes = [models.Index(fields=["person", "at"], name="opening_person_idx"), models.Index(fields=["at"], name="opening_at_idx")]
