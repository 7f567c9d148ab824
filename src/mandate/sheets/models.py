"""An import from a spreadsheet: the preview kept until it is confirmed, and each imported row's identity.

A row's identity is its key (the template's "Mã dòng" column) within its scope (the assigning unit of a task); a row
without a key is known by its content's fingerprint. A second import of the same row finds its `ImportedRow` and adds
nothing; a row whose key is known but whose content changed is shown for a decision (docs/decisions.md).
"""
from django.conf import settings
from django.db import models


class ImportKind(models.TextChoices):
    TASKS = "tasks", "Tasks"
    DOCUMENTS = "documents", "Documents"
    USERS = "users", "Users"
    POSITIONS = "positions", "Positions"
    CADRES = "cadres", "Cadres and their posts"


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", "Previewed"
    CONFIRMED = "confirmed", "Confirmed"


class ImportBatch(models.Model):
    """One uploaded file as the preview read it; nothing of the domain is written until it is confirmed."""

    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    as_of = models.DateField()
    rows = models.JSONField(default=list)
    state = models.CharField(max_length=16, choices=ImportState.choices, default=ImportState.PREVIEWED)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)


class ImportedRow(models.Model):
    """A row that was imported, by its identity: what a later import of the same row is compared with."""

    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    scope = models.CharField(max_length=64, help_text="the code of the unit the key is unique in")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="imported")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "scope", "key"], name="imported_row_identity")]
