"""/api/v1/documents: the register, numbers and relations."""
import datetime as dt

from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from mandate.audit.reads import read_log
from mandate.core import clock
from mandate.core.errors import invalid
from mandate.documents import numbering, selectors, services
from mandate.documents.models import RelationKind
from mandate.documents.permissions import can_read_document_files
from mandate.orgs.schemas import UnitRef
from mandate.orgs.selectors import unit_get
from mandate.web.downloads import file_download

router = Router(tags=["documents"])


class NumberIn(Schema):
    number: str


class NumberOut(Schema):
    number: int
    type: str | None
    issuer: str
    year: int | None
    office: str | None
    system: str
    canonical: str
    type_name: str | None


class DocumentOut(Schema):
    id: int
    number: str
    registered: bool
    system: str
    type: str
    issuer_code: str
    issuing_unit: UnitRef | None
    issued_on: dt.date | None
    title: str
    signer: str
    secrecy: int = Field(description="0 not secret, 1 Mật, 2 Tối mật, 3 Tuyệt mật")
    confidential: bool = Field(description="deprecated: secrecy > 0")

    @staticmethod
    def resolve_number(document) -> str:
        return document.number_text

    @staticmethod
    def resolve_confidential(document) -> bool:
        return document.secrecy > 0


class RelationOut(Schema):
    kind: str
    direction: str
    document: DocumentOut


class DocumentDetailOut(DocumentOut):
    text: str
    relations: list[RelationOut]
    task_count: int

    @staticmethod
    def resolve_relations(document, context) -> list[dict]:
        return [
            {"kind": r.kind, "direction": "outgoing" if r.source_id == document.pk else "incoming",
             "document": r.target if r.source_id == document.pk else r.source}
            for r in selectors.document_relations(user=context["request"].user, document=document)
        ]

    @staticmethod
    def resolve_text(document, context) -> str:
        # A confined document known by its header only (a recommendation's lead unit) shows no text.
        return document.text if can_read_document_files(context["request"].user, document) else ""

    @staticmethod
    def resolve_task_count(document, context) -> int:
        return selectors.document_task_count(user=context["request"].user, document=document)


class RelationIn(Schema):
    kind: RelationKind
    target_id: int | None = None
    target_number: str | None = None
    target_date: dt.date | None = None


class DocumentIn(Schema):
    issuing_unit: str
    type: str = ""
    issued_on: dt.date
    title: str
    number: str | None = None
    signer: str = ""
    text: str = ""
    secrecy: int = Field(0, ge=0, le=3, description="0 not secret, 1 Mật, 2 Tối mật, 3 Tuyệt mật")
    confidential: bool = Field(False, description="deprecated: true is secrecy 1 (Mật)")
    relations: list[RelationIn] = []


class DocumentFilters(Schema):
    q: str | None = None
    type: str | None = None
    issuing_unit: str | None = None
    subtree: bool = False
    issued_from: dt.date | None = None
    issued_to: dt.date | None = None
    registered: bool | None = True


@router.post("/parse-number", response=NumberOut, summary="Parse a document number in any spelling")
def parse_number(request: HttpRequest, payload: NumberIn):
    try:
        parsed = numbering.parse(payload.number)
    except numbering.NumberFormatError as error:
        raise invalid("number", str(error)) from None
    names = numbering.TYPE_NAMES.get(parsed.type or "")
    return {**parsed.__dict__, "canonical": parsed.format(), "type_name": names[0] if names else None}


@router.get("", response=list[DocumentOut], summary="List documents you may see")
@paginate
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]):
    unit = unit_get(code=filters.issuing_unit) if filters.issuing_unit else None
    documents = selectors.documents_list(user=request.user, q=filters.q, type=filters.type, issuing_unit=unit,
                                         subtree=filters.subtree, issued_from=filters.issued_from,
                                         issued_to=filters.issued_to, registered=filters.registered, as_of=clock.today())
    return documents


def _relation_specs(request, relations: list[RelationIn]) -> list[services.RelationSpec]:
    return [services.RelationSpec(kind=r.kind, number=r.target_number or "", issued_on=r.target_date,
                                  target=selectors.document_get(user=request.user, document_id=r.target_id)
                                  if r.target_id is not None else None)
            for r in relations]


@router.post("", response={201: DocumentDetailOut}, summary="Register a document (numbered automatically when no number is given)")
def create_document(request: HttpRequest, payload: DocumentIn):
    document = services.document_register(
        actor=request.user, issuing_unit=unit_get(code=payload.issuing_unit), type=payload.type, issued_on=payload.issued_on,
        title=payload.title, number=payload.number, signer=payload.signer, text=payload.text,
        secrecy=payload.secrecy or int(payload.confidential), relations=_relation_specs(request, payload.relations))
    return Status(201, document)


@router.get("/{int:document_id}", response=DocumentDetailOut, summary="One document with its relations")
def document_detail(request: HttpRequest, document_id: int):
    document = selectors.document_get(user=request.user, document_id=document_id)
    read_log(reader=request.user, items=[document], via="api")
    return document


@router.post("/{int:document_id}/relations", response={201: DocumentDetailOut}, summary="Relate the document to another")
def add_relation(request: HttpRequest, document_id: int, payload: RelationIn):
    document = selectors.document_get(user=request.user, document_id=document_id)
    spec = _relation_specs(request, [payload])[0]
    services.document_relation_add(actor=request.user, source=document, spec=spec)
    return Status(201, document)


@router.get("/{int:document_id}/attachments/{int:attachment_id}", summary="Download one of the document's attachments")
def download_attachment(request: HttpRequest, document_id: int, attachment_id: int):
    attachment = selectors.attachment_get(user=request.user, document_id=document_id, attachment_id=attachment_id)
    read_log(reader=request.user, items=[attachment.document], via="download")
    return file_download(attachment.file, name=attachment.name)


@router.post("/{int:document_id}/attachments", response={201: dict}, summary="Attach a file to the document")
def add_attachment(request: HttpRequest, document_id: int, file: File[UploadedFile]):
    document = selectors.document_get(user=request.user, document_id=document_id)
    attachment = services.attachment_add(actor=request.user, document=document, upload=file)
    return Status(201, {"id": attachment.pk, "name": attachment.name, "size": attachment.size, "sha256": attachment.sha256})
