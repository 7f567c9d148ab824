"""Reading and checking the audit trail."""
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from mandate.audit.models import AuditRecord
from mandate.audit.services import record_hash


def audit_history(*, object_type: str, object_id: str | int) -> QuerySet[AuditRecord]:
    return AuditRecord.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor").order_by("id")


@dataclass(frozen=True)
class ChainBreak:
    record_id: int
    reason: str


def audit_verify() -> Iterator[ChainBreak]:
    """Yield every record whose hash or link does not match what was written."""
    previous = "0" * 64
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != previous:
            yield ChainBreak(entry.pk, "its link to the record before does not match")
        expected = record_hash(previous_hash=entry.previous_hash, at=entry.at, actor_id=entry.actor_id,
                               action=entry.action, object_type=entry.object_type, object_id=entry.object_id,
                               before=entry.before, after=entry.after)
        if expected != entry.hash:
            yield ChainBreak(entry.pk, "its content does not match its hash")
        previous = entry.hash
