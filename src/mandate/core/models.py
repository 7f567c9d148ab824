"""The one table of `core`: the administrator's corrections of the working-day calendar (`core.workdays`)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day the published calendar gets wrong for the offices: a day off it does not know (a holiday the Government
    moved or added, a local day off) or a day worked in exchange for a bridge holiday. It wins over the published
    calendar for that day, for every deadline counted in working days."""

    day = models.DateField(_("Day"), unique=True)
    working = models.BooleanField(_("Working day"))
    reason = models.CharField(_("Reason"), max_length=255)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["day"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="calendar_day_reason")]

    def __str__(self) -> str:
        return f"{self.day} {'+' if self.working else '-'} {self.reason}"
