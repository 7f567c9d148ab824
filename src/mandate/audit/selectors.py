"""Reading and checking the audit trail."""
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from mandate.audit.models import AuditRecord
from mandate.audit.services import record_hash


def audit_history(*, object_type: str, object_id: str | int) -> QuerySet[AuditRecord]:
    return AuditRecord.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor").order_by("id")


@dataclass(frozen=True)
class ChainBreak:
    record_id: int
    reason: str


def record_matches(entry: AuditRecord, previous: str) -> list[ChainBreak]:
    """What is wrong with one record, given the hash of the record before it: nothing, a broken link, altered content."""
    breaks = []
    if entry.previous_hash != previous:
        breaks.append(ChainBreak(entry.pk, gettext_noop("its link to the record before does not match")))
    expected = record_hash(previous_hash=entry.previous_hash, at=entry.at, actor_id=entry.actor_id,
                           action=entry.action, object_type=entry.object_type, object_id=entry.object_id,
                           before=entry.before, after=entry.after)
    if expected != entry.hash:
        breaks.append(ChainBreak(entry.pk, gettext_noop("its content does not match its hash")))
    return breaks


def audit_verify() -> Iterator[ChainBreak]:
    """Yield every record whose hash or link to the record before it in its shard does not match what was written
    (the tails: `checkpoints.audit_check`)."""
    previous: dict[int, str] = {}
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        yield from record_matches(entry, previous.get(entry.shard, "0" * 64))
        previous[entry.shard] = entry.hash


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object


def audit_changes(record: AuditRecord) -> list[Change]:
    """The fields a record changed, before → after; a record with only one side lists that side."""
    before = record.before if isinstance(record.before, dict) else {}
    after = record.after if isinstance(record.after, dict) else {}
    names = list(dict.fromkeys([*before, *after]))
    return [Change(name, before.get(name), after.get(name)) for name in names if before.get(name) != after.get(name)]

