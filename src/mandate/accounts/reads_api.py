"""/api/v1/reads: the read log of secret items, for those who audit it."""
import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from mandate.accounts.permissions import require
from mandate.accounts.secrecy import can_audit_reads
from mandate.audit.reads import reads_of

router = Router(tags=["audit"])


class ReadOut(Schema):
    at: dt.datetime
    reader: str | None
    object_type: str
    object_id: str
    secrecy: int
    via: str

    @staticmethod
    def resolve_reader(read) -> str | None:
        return read.reader.username if read.reader_id else None


@router.get("", response=list[ReadOut], summary="The read log of secret items, newest first")
def read_log(request: HttpRequest, object_type: str | None = None, object_id: str | None = None, limit: int = 200):
    require(can_audit_reads(request.user), _("Only system administrators read the read log."))
    return list(reads_of(object_type=object_type, object_id=object_id)[:min(max(limit, 1), 1000)])
