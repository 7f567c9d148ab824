"""The demo's audit trail dated by its story: each record at the day its step happened, not at the build's minute.

The services write their audit records at the clock's time, as everywhere; the demo notes which records each step of
its story wrote (`Story.at`) and, once the whole story is written, gives them their story's moment and seals the chain
again (`Story.date_records`). The chain's hash covers the time, so the links after the first re-dated record are
computed anew; the head follows. This is a build step of fictional data, before anyone uses it: nothing in the
application re-dates a record.
"""
import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction

from mandate.audit.checkpoints import GENESIS
from mandate.audit.guard import guard_lifted
from mandate.audit.models import AuditHead, AuditRecord
from mandate.audit.services import record_hash
from mandate.core import clock


def _last_id() -> int:
    return AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0


class Story:
    """The moments of the story, by the range of audit records each step wrote."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int, dt.datetime]] = []

    @contextmanager
    def at(self, day: dt.date, hour: int = 10):
        """What is written inside belongs to `day` at `hour` (Asia/Ho_Chi_Minh), unless a step inside it has its own."""
        first = self.mark()
        yield
        self.since(first, day, hour=hour)

    def mark(self) -> int:
        """The last record written so far: `since(mark, …)` dates what comes after it."""
        return _last_id()

    def since(self, mark: int, day: dt.date, *, hour: int = 10) -> None:
        """The records written after `mark` belong to `day` at `hour`, unless a step among them has its own."""
        self.ranges.append((mark, _last_id(), dt.datetime.combine(day, dt.time(hour), tzinfo=clock.VIETNAM)))

    def moments(self) -> dict[int, dt.datetime]:
        """Each record's moment; an inner step (noted first, since it ends first) keeps its own."""
        found: dict[int, dt.datetime] = {}
        for after, upto, moment in self.ranges:
            for record_id in AuditRecord.objects.filter(id__gt=after, id__lte=upto).values_list("id", flat=True):
                found.setdefault(record_id, moment)
        return found

    def date_records(self) -> int:
        """Give every noted record its story's moment and seal the chain again; return how many were re-dated."""
        moments = self.moments()
        if not moments:
            return 0
        first = min(moments)
        with transaction.atomic(), guard_lifted(connection):
            previous = (AuditRecord.objects.filter(id__lt=first).order_by("-id").values_list("hash", flat=True).first()
                        or GENESIS)
            changed: list[AuditRecord] = []
            last = None
            for record in AuditRecord.objects.filter(id__gte=first).order_by("id").iterator(chunk_size=2000):
                record.at = moments.get(record.pk, record.at)
                record.previous_hash = previous
                record.hash = record_hash(previous_hash=previous, at=record.at, actor_id=record.actor_id,
                                          action=record.action, object_type=record.object_type,
                                          object_id=record.object_id, before=record.before, after=record.after)
                previous, last = record.hash, record
                changed.append(record)
                if len(changed) >= 2000:
                    AuditRecord.objects.bulk_update(changed, ["at", "previous_hash", "hash"])
                    changed = []
            AuditRecord.objects.bulk_update(changed, ["at", "previous_hash", "hash"])
            AuditHead.objects.filter(pk=1).update(last_hash=last.hash, last_id=last.pk)
        return len(moments)
