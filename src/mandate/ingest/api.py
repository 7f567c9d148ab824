"""/api/v1/ingest: read a directive's text against the register, then confirm the reviewed reading."""
import datetime as dt
import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from mandate.core import clock
from mandate.core.errors import invalid
from mandate.documents.api import DocumentDetailOut
from mandate.documents.models import RelationKind
from mandate.ingest import inputs, selectors, services
from django.utils.translation import gettext as _

router = Router(tags=["ingest"])

_READ_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {"text": {"type": "string"}, "language": {"type": "string", "enum": ["vi", "ru", "uk", "en"]},
                               "province": {"type": "string", "description": "province code whose units win ties"}}}},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary", "description": ".txt, .docx or .pdf, or a scan (a PDF without text, .png, .jpg, .tif) read by OCR; at most 10 MB"},
                               "language": {"type": "string"}, "province": {"type": "string"}}}},
        },
    }
}


class HeaderIn(Schema):
    issuing_unit: str | None = None
    type: str = ""
    number: str | None = Field(None, description="the document's own number; empty to take the next of its sequence")
    issued_on: dt.date | None = None
    title: str = ""
    signer: str = ""
    # An old document brought in as past work: why (then its tasks are marked as imported).
    import_reason: str = ""


class ReferenceIn(Schema):
    number: str = Field(..., description="a number in any spelling, or the reference's `raw` phrase")
    kind: RelationKind = RelationKind.CITES
    issued_on: dt.date | None = None
    title: str = ""
    registered_id: int | None = None


class TaskIn(Schema):
    """Every clear is optional here so that a refusal can name each missing one."""

    title: str | None = Field(None, description="what must be done; the reader's `action` when not given")
    action: str | None = None
    lead_unit: str | None = None
    coordinators: list[str] = []
    leader: str | None = None
    deadline: dt.date | None = None
    recurrence: str | None = None
    product: str | None = None
    description: str = ""


class ConfirmIn(Schema):
    document: HeaderIn
    references: list[ReferenceIn] = []
    tasks: list[TaskIn] = []
    text: str = ""


class ConfirmedTaskOut(Schema):
    id: int
    title: str
    lead_unit: str
    coordinators: list[str]
    leader: str
    deadline: dt.date | None
    recurrence: str
    product: str

    @staticmethod
    def resolve_lead_unit(task) -> str:
        return task.lead_unit.code

    @staticmethod
    def resolve_coordinators(task) -> list[str]:
        return [c.unit.code for c in task.coordinations.select_related("unit").order_by("id")]

    @staticmethod
    def resolve_leader(task) -> str:
        return task.leader.username


class ConfirmedOut(Schema):
    document: DocumentDetailOut
    tasks: list[ConfirmedTaskOut]


def _read_input(request: HttpRequest) -> tuple[str, str | None, str | None]:
    """(text, language, province) from a JSON body or a multipart upload."""
    try:
        if request.content_type == "multipart/form-data":
            upload = request.FILES.get("file")
            if upload is None and "text" not in request.POST:
                raise invalid("file", _("upload a .txt, .docx or .pdf file (or send JSON with “text”)"), "required")
            text = inputs.directive_text(text=request.POST.get("text"), upload=upload, language=request.POST.get("language"))
            return text, request.POST.get("language"), request.POST.get("province")
        body = request.body
    except RequestDataTooBig:
        field = "file" if request.content_type == "multipart/form-data" else "text"
        raise invalid(field, _("the request is over the limit of %(limit)s bytes") % {"limit": inputs.LIMIT}, "too_large") from None
    try:
        payload = json.loads(body or b"{}")
    except (UnicodeDecodeError, ValueError):
        raise invalid("text", _("send JSON with “text”, or a multipart upload named “file”"), "invalid") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("text", ""), str):
        raise invalid("text", _("must be a text"), "type")
    language, province = payload.get("language"), payload.get("province")
    if language is not None and not isinstance(language, str):
        raise invalid("language", _("must be a text"), "type")
    if province is not None and not isinstance(province, str):
        raise invalid("province", _("must be a text"), "type")
    return inputs.directive_text(text=payload.get("text")), language, province


@router.post("", response=dict, openapi_extra=_READ_BODY,
             summary="Read a directive (JSON text or an uploaded file) into its header, references and proposed tasks")
def read_directive(request: HttpRequest):
    text, language, province = _read_input(request)
    return selectors.ingestion_read(user=request.user, text=text, language=inputs.reading_language(language),
                                    province_code=inputs.reading_province(province), as_of=clock.today())


@router.post("/confirm", response={201: ConfirmedOut},
             summary="Register the reviewed document with its relations and tasks, all or nothing")
def confirm_reading(request: HttpRequest, payload: ConfirmIn):
    header = payload.document
    confirmed = services.ingestion_confirm(
        actor=request.user,
        header=services.ReviewedHeader(issuing_unit=header.issuing_unit or "", type=header.type, number=header.number,
                                       issued_on=header.issued_on, title=header.title, signer=header.signer,
                                       import_reason=header.import_reason),
        references=[services.ReviewedReference(number=r.number, kind=r.kind, issued_on=r.issued_on, title=r.title,
                                               registered_id=r.registered_id) for r in payload.references],
        tasks=[services.ReviewedTask(title=t.title or t.action or "", lead_unit=t.lead_unit, leader=t.leader,
                                     product=t.product or "", coordinators=tuple(t.coordinators), deadline=t.deadline,
                                     recurrence=t.recurrence or "", description=t.description) for t in payload.tasks],
        text=payload.text,
    )
    return Status(201, {"document": confirmed.document, "tasks": confirmed.tasks})
