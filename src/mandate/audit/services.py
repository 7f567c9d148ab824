"""Writing the audit trail. Every service calls `audit_record` inside its own transaction."""
import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction

from mandate.audit.models import AuditHead, AuditRecord
from mandate.core import clock


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_hash(*, previous_hash: str, at: dt.datetime, actor_id: int | None, action: str,
                object_type: str, object_id: str, before: Any, after: Any) -> str:
    moment = at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    payload = _canonical([previous_hash, moment, actor_id, action, object_type, object_id, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audit_record(*, actor, action: str, obj=None, object_type: str | None = None,
                 object_id: str | int | None = None, before: Any = None, after: Any = None) -> AuditRecord:
    """Append one record to the chain; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the write it records")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    at = clock.now()
    before = json.loads(_canonical(before)) if before is not None else None
    after = json.loads(_canonical(after)) if after is not None else None
    actor_id = getattr(actor, "pk", None)
    digest = record_hash(previous_hash=head.last_hash, at=at, actor_id=actor_id, action=action,
                         object_type=object_type or "", object_id=str(object_id or ""), before=before, after=after)
    entry = AuditRecord.objects.create(
        at=at, actor_id=actor_id, action=action, object_type=object_type or "", object_id=str(object_id or ""),
        before=before, after=after, previous_hash=head.last_hash, hash=digest,
    )
    head.last_hash, head.last_id, head.count = digest, entry.pk, head.count + 1
    head.save(update_fields=["last_hash", "last_id", "count"])
    return entry
