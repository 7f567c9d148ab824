"""The read log: every opening of a secret item — its page, its API detail, a download, an export that names it.

Reads change nothing, so they stay out of the hash chain of writes (a busy reader would otherwise lock its head on
every page); the log is append-only all the same, and written in the request that opens the item.
"""
from collections.abc import Iterable

from django.db.models import QuerySet

from mandate.audit.models import ReadRecord
from mandate.core import clock

VIA = ("page", "api", "download", "export")


def read_log(*, reader, items: Iterable, via: str) -> int:
    """Record that `reader` opened each secret one of `items` (rows with a `secrecy`); those of level 0 are not logged."""
    if via not in VIA:
        raise ValueError(f"via must be one of {', '.join(VIA)}")
    moment = clock.now()
    reader_id = getattr(reader, "pk", None)
    rows = [ReadRecord(at=moment, reader_id=reader_id, object_type=item._meta.label_lower, object_id=str(item.pk),
                       secrecy=item.secrecy, via=via)
            for item in items if getattr(item, "secrecy", 0)]
    ReadRecord.objects.bulk_create(rows)
    return len(rows)


def reads_of(*, object_type: str | None = None, object_id: str | int | None = None) -> QuerySet[ReadRecord]:
    """The read log, newest first, of one kind of item or one item."""
    reads = ReadRecord.objects.select_related("reader")
    if object_type:
        reads = reads.filter(object_type=object_type)
    if object_id is not None:
        reads = reads.filter(object_id=str(object_id))
    return reads.order_by("-at", "-id")
