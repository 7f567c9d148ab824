"""KPI targets with their reported values, and the reminders sent to people."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.db.models import Q


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "≥"
    AT_MOST = "lte", "≤"
    EQUAL = "eq", "="


class KpiTarget(models.Model):
    """An indicator a unit must reach over a period, e.g. growth of 8% or more in 2025."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="kpi_targets")
    indicator = models.CharField(max_length=255)
    period_start = models.DateField()
    period_end = models.DateField()
    comparison = models.CharField(max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST)
    target = models.DecimalField(max_digits=18, decimal_places=4)
    measure = models.CharField(max_length=32, blank=True, help_text="unit of measure, e.g. %, billion VND")
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 help_text="the document that sets the target")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="kpi_period_order"),
            models.CheckConstraint(condition=~Q(indicator=""), name="kpi_indicator_not_empty"),
            models.UniqueConstraint(fields=["unit", "indicator", "period_start", "period_end"], name="kpi_target_unique"),
        ]
        indexes = [models.Index(fields=["unit", "period_end"], name="kpi_unit_period_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.get_comparison_display()} {self.target}{self.measure}"


class KpiActual(models.Model):
    """A value reported for a target; the latest one reported by a date is the value on that date."""

    target = models.ForeignKey(KpiTarget, on_delete=models.CASCADE, related_name="actuals")
    value = models.DecimalField(max_digits=18, decimal_places=4)
    reported_on = models.DateField()
    note = models.TextField(blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["target", "reported_on"], name="kpi_actual_target_day_idx")]


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ESCALATION = "escalation", _("Escalation")


class Notification(models.Model):
    """One reminder about one task for one person on one day; the digest of that day gathers them."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    day = models.DateField()
    days = models.IntegerField(help_text="days left before the deadline, or days past it")
    digest = models.ForeignKey("Digest", on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "task", "kind", "day"], name="notification_once_a_day"),
        ]
        indexes = [models.Index(fields=["recipient", "day"], name="notification_recipient_day_idx")]


class Digest(models.Model):
    """What one person was sent on one day: at most one, so running the reminders twice sends nothing twice."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField()
    created_at = models.DateTimeField()
    email = models.EmailField(blank=True, help_text="the address it went to; empty when the person has none")
    sent_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="digest_one_per_person_per_day")]


class Channel(models.TextChoices):
    EMAIL = "email", _("by e-mail and in Mandate")
    IN_APP = "in_app", _("in Mandate only")


DEFAULT_DIGEST_HOUR = 7


class ReminderPreference(models.Model):
    """How a person wants their daily digest: by e-mail (at their hour) or only in Mandate. No row: e-mail at 7:00."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    digest_hour = models.PositiveSmallIntegerField(default=DEFAULT_DIGEST_HOUR,
                                                   help_text="the hour (0–23, Asia/Ho_Chi_Minh) the digest is sent from")
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(digest_hour__lte=23), name="reminder_digest_hour_of_a_day"),
                       models.CheckConstraint(condition=Q(channel__in=["email", "in_app"]), name="reminder_channel_known")]
