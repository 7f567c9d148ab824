"""The inspection commission's work (296-QĐ/TW of 30 May 2025, HD 08-HD/TW): the yearly programme, the cases of every
kind with their dated steps, the recommendations a conclusion leaves (tasks), and discipline decisions.

A case is confidential by default: outside its body (the inspection commission or committee that conducts it) and the
standing board of the committee it belongs to, nobody knows of it, not even its title (`permissions.case_q`). What
it leaves to others is its notice of conclusion (a registered TB document) and the tasks that notice gives.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from mandate.core.secrecy import Secrecy
from mandate.personnel.models import DisciplineForm as PersonForm


class CaseKind(models.TextChoices):
    THEMATIC_INSPECTION = "thematic_inspection", _("Thematic inspection")
    THEMATIC_SUPERVISION = "thematic_supervision", _("Thematic supervision")
    VIOLATION_ORGANIZATION = "violation_organization", _("Inspection of an organization with signs of violation")
    VIOLATION_MEMBER = "violation_member", _("Inspection of a party member with signs of violation")
    LOWER_LEVEL_WORK = "lower_level_work", _("Inspection of a lower level's inspection, supervision and discipline")
    FINANCE = "finance", _("Party-finance inspection")
    COMPLAINT = "complaint", _("Disciplinary complaint")
    DENUNCIATION = "denunciation", _("Denunciation")


class CaseState(models.TextChoices):
    PREPARE = "prepare", pgettext_lazy("case state", "Preparing")
    CONDUCT = "conduct", pgettext_lazy("case state", "Conducting")
    CLOSED = "closed", pgettext_lazy("case state", "Closed")
    NOT_HANDLED = "not_handled", pgettext_lazy("case state", "Not handled")


class TargetKind(models.TextChoices):
    """Who a case or a discipline is aimed at; a member's standing decides the forms of discipline allowed."""
    ORGANIZATION = "organization", _("Party organization")
    FULL_MEMBER = "full_member", _("Full party member")
    PROBATIONARY_MEMBER = "probationary_member", _("Probationary party member")


class Programme(models.Model):
    """A body's yearly programme of inspection and supervision, adopted as a registered document (e.g. 01-CTr/TU)."""

    document = models.OneToOneField("documents.Document", on_delete=models.PROTECT, related_name="inspection_programme")
    body = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="inspection_programmes",
                             help_text="the party committee, its standing committee or its inspection commission")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="inspection_programme_one_per_year"),
            models.CheckConstraint(condition=~Q(title=""), name="inspection_programme_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(models.Model):
    """One planned inspection or supervision: kind, target (a unit, also one since merged or dissolved, or a
    member), subject matter, period examined, lead body and quarter. Started, finished or slipped is read from the
    cases that carry it out, as of a date (`selectors.programme_items`)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32, choices=CaseKind.choices)
    target_unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_person = models.ForeignKey("personnel.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=1000)
    period = models.CharField(max_length=64, blank=True, help_text="the period examined, e.g. 2020–2025")
    lead_body = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="inspection_item_position"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="inspection_item_quarter"),
            models.CheckConstraint(condition=Q(target_unit__isnull=False) | Q(target_person__isnull=False),
                                   name="inspection_item_has_target"),
            models.CheckConstraint(condition=Q(target_unit__isnull=True) | Q(target_person__isnull=True),
                                   name="inspection_item_one_target"),
            models.CheckConstraint(condition=~Q(subject=""), name="inspection_item_subject"),
        ]
        ordering = ["programme", "position"]


class Case(models.Model):
    """One inspection, supervision, complaint or denunciation, from its decision (or filing) to its notice of
    conclusion. `deadline`, `completed_on` and `cancelled_on` carry the names the tasks' status rule reads
    (`tasks.status_sql.status_expression`), so a case is overdue or within deadline by the same rule as a task."""

    kind = models.CharField(max_length=32, choices=CaseKind.choices)
    state = models.CharField(max_length=16, choices=CaseState.choices, default=CaseState.PREPARE)
    title = models.CharField(max_length=500)
    search_title = models.CharField(max_length=600)
    subject = models.TextField(blank=True)
    body = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="inspection_cases",
                             help_text="the inspection commission or committee that conducts the case")
    target_kind = models.CharField(max_length=24, choices=TargetKind.choices)
    target_unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_person = models.ForeignKey("personnel.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    programme_item = models.ForeignKey(ProgrammeItem, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    directive = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  help_text="a supervision from the start of a directive: the directive supervised")
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    opened_on = models.DateField(help_text="the decision's date, or the day a complaint or denunciation was received")
    deadline = models.DateField(null=True, blank=True)
    original_deadline = models.DateField(null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(default=0)
    completed_on = models.DateField(null=True, blank=True, help_text="the notice of conclusion's date")
    cancelled_on = models.DateField(null=True, blank=True, help_text="a filing not handled, or a case withdrawn")
    # A complaint or a denunciation: who filed it and when; a repeat names the earlier case and the new evidence.
    filer_name = models.CharField(max_length=255, blank=True)
    filer_address = models.CharField(max_length=500, blank=True)
    repeat_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats")
    new_evidence = models.TextField(blank=True)
    # A complaint: the decision contested, the day the complainant received it, and how it ended.
    contested = models.ForeignKey("DisciplineDecision", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints")
    decision_received_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, blank=True)
    findings = models.TextField(blank=True, help_text="what the team found: never shown outside the case's body")
    cited_tasks = models.ManyToManyField("tasks.Task", blank=True, related_name="+",
                                         help_text="tasks of the supervised directive the findings cite")
    conclusion_notice = models.OneToOneField("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                             related_name="concluded_case")
    notice_title = models.CharField(max_length=500, blank=True,
                                    help_text="the notice of conclusion's own title: the case's circle reads it here; the "
                                              "register knows the notice by a neutral title (documents.circles)")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="inspection_case_title"),
            models.CheckConstraint(condition=Q(target_unit__isnull=False) | Q(target_person__isnull=False),
                                   name="inspection_case_has_target"),
            models.CheckConstraint(condition=Q(target_unit__isnull=True) | Q(target_person__isnull=True),
                                   name="inspection_case_one_target"),
            models.CheckConstraint(condition=Q(extension_count__lte=1), name="inspection_case_one_extension"),
            models.CheckConstraint(condition=Q(state="closed", completed_on__isnull=False)
                                   | (~Q(state="closed") & Q(completed_on__isnull=True)), name="inspection_case_closed_date"),
            models.CheckConstraint(condition=Q(state="not_handled", cancelled_on__isnull=False)
                                   | (~Q(state="not_handled") & Q(cancelled_on__isnull=True)),
                                   name="inspection_case_not_handled_date"),
            models.CheckConstraint(condition=~Q(kind="denunciation") | ~Q(filer_name=""), name="inspection_denunciation_named"),
            models.CheckConstraint(condition=Q(repeat_of__isnull=True) | ~Q(new_evidence=""), name="inspection_repeat_evidence"),
            models.CheckConstraint(condition=Q(outcome__in=["", "kept", "changed", "annulled"]), name="inspection_case_outcome"),
            models.CheckConstraint(condition=Q(secrecy__lte=max(Secrecy.values)), name="inspection_case_secrecy_level"),
        ]
        indexes = [
            models.Index(fields=["body", "opened_on"], name="inspection_case_body_idx"),
            models.Index(fields=["kind", "state"], name="inspection_case_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class CaseStep(models.Model):
    """A step of a case done on a date (decision, plan, notice, self-report, verification, team report, conclusion,
    notice of conclusion…): the codes are the kind's step table (`steps.STEPS`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=32)
    done_on = models.DateField()
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="inspection_step_once")]
        ordering = ["case", "done_on", "recorded_at"]


class TeamRole(models.TextChoices):
    HEAD = "head", _("Team head")
    DEPUTY = "deputy", _("Deputy head")
    MEMBER = "member", _("Team member")


class TeamMember(models.Model):
    """A person of the register on a case's team (an inspection team, a supervision team, a verification team)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=8, choices=TeamRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="inspection_team_once"),
            models.UniqueConstraint(fields=["case"], condition=Q(role="head"), name="inspection_team_one_head"),
        ]


class CaseEvent(models.Model):
    """One line of a case's timeline, like a task's: opened, a step, an extension, the conclusion, not handled."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    at = models.DateTimeField()
    on = models.DateField(help_text="the date the line is about (a step's date)")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "at"], name="inspection_event_time_idx")]


class Recommendation(models.Model):
    """A recommendation of a conclusion, issued as a task whose authority is the notice of conclusion."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recommendations")
    task = models.OneToOneField("tasks.Task", on_delete=models.PROTECT, related_name="inspection_recommendation")
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="inspection_recommendation_position")]
        ordering = ["case", "position"]


class DisciplineForm(models.TextChoices):
    """The forms of discipline: a member's are the personnel register's (the same values and words); an organization
    may also be dissolved."""
    REPRIMAND = PersonForm.REPRIMAND.value, PersonForm.REPRIMAND.label
    WARNING = PersonForm.WARNING.value, PersonForm.WARNING.label
    REMOVAL = PersonForm.REMOVAL.value, PersonForm.REMOVAL.label
    EXPULSION = PersonForm.EXPULSION.value, PersonForm.EXPULSION.label
    DISSOLUTION = "dissolution", _("Dissolution (giải tán)")


class DisciplineState(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    CHANGED = "changed", _("Changed on complaint")
    ANNULLED = "annulled", _("Annulled on complaint")


class DisciplineDecision(models.Model):
    """A disciplinary decision: its target, the violation, the form, the deciding body, its date and document. A
    member's is also a line of the person's discipline history, written by personnel's service (`record_id`)."""

    target_kind = models.CharField(max_length=24, choices=TargetKind.choices)
    target_unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_person = models.ForeignKey("personnel.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="discipline_decisions")
    violation = models.TextField()
    violation_on = models.DateField(help_text="when the violation was committed (its last act)")
    form = models.CharField(max_length=16, choices=DisciplineForm.choices)
    body = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="discipline_decisions")
    decided_on = models.DateField()
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=DisciplineState.choices, default=DisciplineState.IN_FORCE)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    record = models.ForeignKey("personnel.DisciplineRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(target_unit__isnull=False) | Q(target_person__isnull=False),
                                   name="inspection_discipline_has_target"),
            models.CheckConstraint(condition=Q(target_unit__isnull=True) | Q(target_person__isnull=True),
                                   name="inspection_discipline_one_target"),
            models.CheckConstraint(condition=Q(violation_on__lte=models.F("decided_on")), name="inspection_discipline_after_violation"),
            models.CheckConstraint(condition=~Q(violation=""), name="inspection_discipline_names_violation"),
            models.CheckConstraint(condition=Q(secrecy__lte=max(Secrecy.values)), name="inspection_discipline_secrecy_level"),
        ]
        indexes = [models.Index(fields=["body", "decided_on"], name="inspection_discipline_body_idx")]


class PauseReason(models.TextChoices):
    PREGNANT = "pregnant", _("Pregnant")
    NURSING = "nursing", _("Nursing a child under 12 months")
    HOSPITAL = "hospital", _("Seriously ill in hospital")


class ConsiderationPause(models.Model):
    """A time when a member may not be considered for discipline (296-QĐ/TW): pregnant, nursing a child under 12
    months, seriously ill in hospital. `[valid_from, valid_to)`; an open end until it is closed."""

    person = models.ForeignKey("personnel.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=16, choices=PauseReason.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                              name="consideration_pause_interval")]


class Citation(models.Model):
    """A task of the directive a supervision case follows, cited by the case's findings: what the team found of it
    (late, done without its product, not taken up below). Known to the case's circle only, as the findings are."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="citations")
    task = models.ForeignKey("tasks.Task", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True, help_text="what the finding says of the task")
    cited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cited_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "task"], name="inspection_citation_once")]
        ordering = ["case", "cited_at", "pk"]
