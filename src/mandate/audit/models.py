from django.conf import settings
from django.db import models

SHARDS = 16  # chains of the audit trail, each with its own head (docs/decisions.md, "The audit trail in shards")


class AuditRecord(models.Model):
    """One write: who, when, what, before and after. Append-only; each row hashes the one before it in its shard."""

    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    shard = models.PositiveSmallIntegerField(default=1, help_text="the chain (and head) this record belongs to")
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditHead(models.Model):
    """The head of one shard's chain (pk = the shard, 1..SHARDS), locked by the writer appending to that shard so
    that its chain stays a chain under concurrency; writers in other shards do not wait for it.

    It also states where the shard's chain ends — the last record's id and hash, and how many records it holds —
    written in the transaction of each record, so that `mandate audit verify` finds records deleted from a tail.
    """

    last_hash = models.CharField(max_length=64, default="0" * 64)
    last_id = models.BigIntegerField(null=True, blank=True)
    count = models.BigIntegerField(default=0)


class ReadRecord(models.Model):
    """One opening of a secret item (its page, its API detail, a download, an export that holds it): who, what, when.

    Reads are not writes: the log stands beside the hash-chained trail, append-only as well.
    """

    at = models.DateTimeField()
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    secrecy = models.PositiveSmallIntegerField()
    via = models.CharField(max_length=32, help_text="page, api, download or export")

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="read_object_idx"),
                   models.Index(fields=["reader", "at"], name="read_reader_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.reader_id} read {self.object_type}#{self.object_id} ({self.via})"
