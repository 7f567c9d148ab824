"""Writing the audit trail. Every service calls `audit_record` inside its own transaction.

The trail is `SHARDS` hash chains, each with its own head row (`AuditHead`, pk = the shard). A writer locks the
first head no other transaction holds (`FOR UPDATE SKIP LOCKED`, starting from the shard its connection used
last), so concurrent writers append to different chains instead of queueing on one row; within a shard the head
stays locked from the record's INSERT to the commit, so a shard's chain order is its id order. A transaction
that records twice keeps its shard (its own lock is never skipped). See docs/decisions.md, "The audit trail
in shards".
"""
import datetime as dt
import hashlib
import json
import os
from typing import Any

from django.db import transaction

from mandate.audit.models import SHARDS, AuditHead, AuditRecord
from mandate.core import clock

# The first head not locked by another transaction, counted round from this connection's preferred shard.
_FREE_HEAD = ("SELECT id, last_hash, last_id, count FROM audit_audithead WHERE id <= %s "
              "ORDER BY (id - %s + %s) %% %s LIMIT 1 FOR UPDATE SKIP LOCKED")


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_hash(*, previous_hash: str, at: dt.datetime, actor_id: int | None, action: str,
                object_type: str, object_id: str, before: Any, after: Any) -> str:
    moment = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = _canonical([previous_hash, moment, actor_id, action, object_type, object_id, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _preferred(connection) -> int:
    shard = getattr(connection, "mandate_audit_shard", None)
    if shard is None or shard > SHARDS:
        shard = (os.getpid() + id(connection)) % SHARDS + 1
    return shard


def _head(connection) -> AuditHead:
    """Lock and return a shard's head: a free one when the database can skip locked rows, else the preferred one."""
    preferred = _preferred(connection)
    if connection.features.has_select_for_update_skip_locked:
        free = list(AuditHead.objects.raw(_FREE_HEAD, [SHARDS, preferred, SHARDS, SHARDS]))
        if free:
            return free[0]
        # Every head is held by another writer (or the heads were flushed away): restore any missing, then queue.
        AuditHead.objects.bulk_create([AuditHead(pk=shard) for shard in range(1, SHARDS + 1)], ignore_conflicts=True)
    head, created = AuditHead.objects.select_for_update().get_or_create(pk=preferred)
    if created:  # the heads were flushed away with the trail: every shard gets its head back
        AuditHead.objects.bulk_create([AuditHead(pk=shard) for shard in range(1, SHARDS + 1)], ignore_conflicts=True)
    return head


def audit_record(*, actor, action: str, obj=None, object_type: str | None = None,
                 object_id: str | int | None = None, before: Any = None, after: Any = None) -> AuditRecord:
    """Append one record to a shard's chain; must run inside the caller's transaction."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the write it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    head = _head(connection)
    connection.mandate_audit_shard = head.pk
    at = clock.now()
    before = json.loads(_canonical(before)) if before is not None else None
    after = json.loads(_canonical(after)) if after is not None else None
    actor_id = getattr(actor, "pk", None)
    digest = record_hash(previous_hash=head.last_hash, at=at, actor_id=actor_id, action=action,
                         object_type=object_type or "", object_id=str(object_id or ""), before=before, after=after)
    entry = AuditRecord.objects.create(
        at=at, actor_id=actor_id, action=action, object_type=object_type or "", object_id=str(object_id or ""),
        before=before, after=after, shard=head.pk, previous_hash=head.last_hash, hash=digest,
    )
    AuditHead.objects.filter(pk=head.pk).update(last_hash=digest, last_id=entry.pk, count=head.count + 1)
    return entry
