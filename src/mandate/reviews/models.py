"""Periodic reports (ND 09/2019/NĐ-CP), the year-end review and quality rating (366-QĐ/TW, HD 43-HD/BTCTW) and the
indicator sets a province asks its communes to fill in.

A report's figures are never stored while it is a draft: they are compiled from the task list, the scorecards, the
register and the KPI targets each time it is read; issuing it keeps what it said (`figures`) beside its registered
`BC` document. Whether a unit sent its report on time is read from the report's issue date and its due date.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mandate.monitoring.models import Comparison


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SIX_MONTHLY = "six_monthly", _("Six-monthly")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("Ad hoc")


class DeadlineRule(models.TextChoices):
    DAY_OF_MONTH = "day_of_month", _("On a day of the month after the cut-off")
    WORKING_DAYS = "working_days", _("Working days after the cut-off")


class ReportRegime(models.Model):
    """What a committee's units must send it, how often, over which data window and by when (a chế độ báo cáo)."""

    receiver = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="report_regimes",
                                 help_text="who receives the reports (and defines the regime)")
    title = models.CharField(max_length=255)
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    window_start_day = models.PositiveSmallIntegerField(
        default=15, help_text="the data window runs from this day of a month to the day before it (15: the 15th to the 14th)")
    deadline_rule = models.CharField(max_length=16, choices=DeadlineRule.choices, default=DeadlineRule.DAY_OF_MONTH)
    deadline_day = models.PositiveSmallIntegerField(default=20, help_text="day of the month the report is due by")
    working_days = models.PositiveSmallIntegerField(default=3, help_text="working days after the cut-off")
    aggregating_levels = models.PositiveSmallIntegerField(default=0, help_text="levels that aggregate: 3 more working days each")
    reporters = models.ManyToManyField("orgs.Unit", related_name="+", blank=True, help_text="the units that report")
    contents = models.TextField(blank=True, help_text="what the report must hold")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="regime_title_not_empty"),
            models.CheckConstraint(condition=Q(window_start_day__gte=1, window_start_day__lte=28), name="regime_window_day"),
            models.CheckConstraint(condition=Q(deadline_day__gte=1, deadline_day__lte=28), name="regime_deadline_day"),
            models.CheckConstraint(condition=Q(working_days__lte=60, aggregating_levels__lte=5), name="regime_working_days"),
            models.UniqueConstraint(fields=["receiver", "title"], name="regime_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class Report(models.Model):
    """A unit's report for one period of a regime: compiled while a draft, kept as it was issued."""

    regime = models.ForeignKey(ReportRegime, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="periodic_reports")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    title = models.CharField(max_length=500)
    state = models.CharField(max_length=8, choices=ReportState.choices, default=ReportState.DRAFT)
    summary = models.TextField(blank=True, help_text="the general situation")
    results = models.TextField(blank=True, help_text="what was achieved")
    shortcomings = models.TextField(blank=True, help_text="shortcomings, limitations and their causes")
    next_tasks = models.TextField(blank=True, help_text="tasks and solutions for the next period")
    proposals = models.TextField(blank=True, help_text="proposals and recommendations")
    figures = models.JSONField(default=dict, blank=True, help_text="what the issued report said; empty while a draft")
    document = models.OneToOneField("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regime", "unit", "period_start"], name="report_once_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_order"),
            models.CheckConstraint(condition=Q(state="draft") | (Q(document__isnull=False) & Q(issued_on__isnull=False)),
                                   name="report_issued_has_document"),
        ]
        indexes = [models.Index(fields=["regime", "period_start"], name="report_regime_period_idx")]


class ReportReminder(models.Model):
    """One reminder to one person of a unit that has not sent its report: at most one a day."""

    regime = models.ForeignKey(ReportRegime, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    email = models.EmailField(blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["regime", "unit", "period_start", "recipient", "day"],
                                               name="report_reminder_once_a_day")]


# ---- Review and rating ----

class SubjectKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")


class RatingPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    TERM = "term", _("Term")


class Level(models.TextChoices):
    EXCELLENT = "excellent", _("Excellently fulfilled")
    GOOD = "good", _("Well fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class ReviewState(models.TextChoices):
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    APPRAISED = "appraised", _("Appraised")
    DECIDED = "decided", _("Decided")


class RatingScheme(models.Model):
    """How a committee turns the figures of a period into the 70 points of task results: its data, not code."""

    unit = models.OneToOneField("orgs.Unit", on_delete=models.PROTECT, related_name="rating_scheme")
    rules = models.JSONField(help_text="the rules of reviews.points (see DEFAULT_RULES)")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)


class Review(models.Model):
    """The review of a collective or an individual for a period: self-assessment, appraisal, decision."""

    subject_kind = models.CharField(max_length=12, choices=SubjectKind.choices)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="reviews",
                             help_text="the collective rated, or the unit the person works in")
    person_name = models.CharField(max_length=255, blank=True)
    person_position = models.CharField(max_length=255, blank=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               help_text="the person's account, when they have one: their tasks as leader in charge")
    organization = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                     help_text="the competent level that appraises and decides; the quota counts within it")
    period_kind = models.CharField(max_length=8, choices=RatingPeriod.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    general_points = models.DecimalField(max_digits=5, decimal_places=2)
    task_points = models.DecimalField(max_digits=5, decimal_places=2)
    breakdown = models.JSONField(default=dict, blank=True, help_text="the figures and points the task part was prefilled from")
    all_on_time = models.BooleanField(default=False)
    disciplined = models.BooleanField(default=False, help_text="the collective, one of its units or members, or the person")
    disqualified = models.BooleanField(default=False, help_text="a condition that makes the level not fulfilled")
    self_level = models.CharField(max_length=16, choices=Level.choices)
    self_note = models.TextField(blank=True)
    appraised_points = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    appraised_level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    appraisal_note = models.TextField(blank=True)
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_level = models.CharField(max_length=16, choices=Level.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.SELF_ASSESSED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject_kind", "unit", "person_name", "period_kind", "period_start"],
                                    name="review_once_per_period"),
            models.CheckConstraint(condition=Q(general_points__gte=0, general_points__lte=30), name="review_general_points"),
            models.CheckConstraint(condition=Q(task_points__gte=0, task_points__lte=70), name="review_task_points"),
            models.CheckConstraint(condition=Q(subject_kind="collective", person_name="") | (Q(subject_kind="individual") & ~Q(person_name="")),
                                   name="review_person_for_individuals"),
            models.CheckConstraint(condition=~Q(state="decided") | ~Q(decided_level=""), name="review_decided_has_level"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="review_period_order"),
        ]
        indexes = [models.Index(fields=["organization", "period_start"], name="review_organization_idx")]

    @property
    def self_points(self):
        return self.general_points + self.task_points

    @property
    def subject(self) -> str:
        return self.person_name or self.unit.name


# ---- Indicator sets per commune ----

class IndicatorGroup(models.TextChoices):
    OPENNESS = "openness", _("Openness and transparency (766/QĐ-TTg)")
    ON_TIME = "on_time", _("On-time handling of files (766/QĐ-TTg)")
    DIGITISED = "digitised", _("Digitised files and results (766/QĐ-TTg)")
    ONLINE = "online", _("Online public services (766/QĐ-TTg)")
    SATISFACTION = "satisfaction", _("Satisfaction of people and businesses (766/QĐ-TTg)")
    ONLINE_RATES = "online_rates", _("Fully-online service and online file rates (Decree 224/2026)")
    GROWTH = "growth", _("Growth targets")


class IndicatorSet(models.Model):
    """The indicators a province asks every commune to fill in each period, with their targets."""

    owner = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="indicator_sets")
    title = models.CharField(max_length=255)
    period_start = models.DateField()
    period_end = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "title", "period_start"], name="indicator_set_unique"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="indicator_set_period_order"),
        ]


class Indicator(models.Model):
    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="indicators")
    group = models.CharField(max_length=16, choices=IndicatorGroup.choices)
    name = models.CharField(max_length=255)
    comparison = models.CharField(max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST)
    target = models.DecimalField(max_digits=18, decimal_places=4)
    measure = models.CharField(max_length=32, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator_set", "name"], name="indicator_unique_name")]
        ordering = ["position", "id"]


class IndicatorTarget(models.Model):
    """An indicator given to one commune: its monitoring KPI target, where its values are reported."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    target = models.OneToOneField("monitoring.KpiTarget", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "target"], name="indicator_target_unique")]
