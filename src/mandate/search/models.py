"""The search index: one row per searchable thing, written by the database's triggers (`search.index`)."""
from django.db import models


class Kind(models.TextChoices):
    DOCUMENT = "document"
    ATTACHMENT = "attachment"
    TASK = "task"
    PROGRESS = "progress"
    MEETING = "meeting"
    DRAFT = "draft"


class Entry(models.Model):
    """A document, attachment, task, progress report, meeting or draft version, by its words as written (NFC).

    `owner_id` is the document, task or meeting whose permission rules the row: an attachment is seen with its
    document, a progress report with its task, a draft version with its meeting. The full-text index beside it (FTS5 on
    SQLite, a tsvector column on PostgreSQL) is the database's own and is not a model field."""

    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField()
    owner_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["kind", "owner_id"], name="search_entry_owner")]
