"""What the clerks confirmed: each confirmed reading kept as a labeled example, to measure the reader by."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from mandate.core.secrecy import Secrecy


class LabeledExample(models.Model):
    """A directive's text, what the reader proposed and what the clerk confirmed, both in the corpus's label shape
    (`references`, `tasks` with `assignee`, `coordinators`, `deadline`, `deadline_raw`; and the `title`).

    It keeps its document's level of secrecy: only those cleared for that level list, export or score it."""

    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="labeled_examples")
    text = models.TextField()
    language = models.CharField(max_length=2)
    proposal = models.JSONField(help_text="the reader's reading of the text, as it was proposed")
    confirmed = models.JSONField(help_text="the confirmed references, tasks and title, in the corpus's label shape")
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(secrecy__lte=max(Secrecy.values)),
                                              name="labeled_example_secrecy_level")]

    def __str__(self) -> str:
        return f"{self.language} · {self.created_at:%Y-%m-%d} · {self.document_id}"
