"""Writes on the register: registering documents, giving them numbers, relating them."""
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.accounts.secrecy import secrecy_errors
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.limits import overlong_errors
from mandate.core.errors import DomainError, FieldError, invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.secrecy import Secrecy
from mandate.core.text import nfc, searchable
from mandate.core.uploads import upload_errors
from mandate.documents import numbering
from mandate.documents.numbering import number_key
from mandate.documents.files import attachment_text
from mandate.documents.models import Attachment, Document, DocumentRelation, NumberSequence, NumberingSystem, RelationKind
from mandate.documents.permissions import can_change_document, can_register_document, visible_documents
from mandate.orgs.models import PARTY_KINDS, Term, Unit
from mandate.orgs.selectors import unit_parent



@dataclass(frozen=True)
class RelationSpec:
    """A relation to make: to a document of the register (`target`) or to a number, registered or not."""

    kind: str
    target: Document | None = None
    number: str = ""
    issued_on: dt.date | None = None
    title: str = ""


def document_snapshot(document: Document) -> dict:
    return {"number": document.number_text, "registered": document.registered, "type": document.type,
            "issuing_unit": document.issuing_unit.code if document.issuing_unit else None,
            "issued_on": document.issued_on, "title": document.title, "signer": document.signer,
            "secrecy": document.secrecy, "circle": document.circle}


def numbering_system(unit: Unit) -> str:
    return NumberingSystem.PARTY if unit.kind in PARTY_KINDS else NumberingSystem.STATE


def numbering_owner(unit: Unit, *, on: dt.date) -> Unit:
    """The unit whose sequence a number comes from: a Standing Committee numbers as its party committee."""
    parent = unit_parent(unit=unit, as_of=on)
    if parent is not None and parent.issuer_code and parent.issuer_code == unit.issuer_code:
        return numbering_owner(parent, on=on)
    return unit


def _period(owner: Unit, system: str, issued_on: dt.date) -> tuple[str, Term | None]:
    if system == NumberingSystem.STATE:
        return f"year:{issued_on.year}", None
    term, body = None, owner
    # An advisory body of a party committee (its inspection commission, its office) has no term of its own: it
    # numbers within the committee's term, on a sequence of its own (…/UBKTTU).
    while term is None and body is not None:
        term = (Term.objects.filter(unit=body, starts_on__lte=issued_on).exclude(ends_on__lte=issued_on)
                .order_by("-starts_on").first())
        body = unit_parent(unit=body, as_of=issued_on) if body.kind in PARTY_KINDS else None
    if term is None:
        raise invalid("issued_on", _("%(unit)s has no term recorded on %(date)s; party numbers run per term")
                      % {"unit": owner.name, "date": date_format(issued_on, "SHORT_DATE_FORMAT")})
    return f"term:{term.pk}", term


def _sequence(owner: Unit, type_code: str, period: str) -> NumberSequence:
    """The locked sequence row; created on first use, safe against a concurrent first use."""
    try:
        with transaction.atomic():
            NumberSequence.objects.get_or_create(issuing_unit=owner, type=type_code, period=period)
    except IntegrityError:
        pass  # another transaction created it first; lock theirs below
    return NumberSequence.objects.select_for_update().get(issuing_unit=owner, type=type_code, period=period)


def _compose(*, issuing_unit: Unit, system: str, type_code: str, number: int, issued_on: dt.date,
             office: str = "") -> numbering.DocumentNumber:
    try:
        if system == NumberingSystem.PARTY:
            return numbering.DocumentNumber(number=number, type=type_code, issuer=issuing_unit.issuer_code, system="party")
        return numbering.DocumentNumber(number=number, type=type_code or None, issuer=issuing_unit.issuer_code,
                                        office=office or None, system="state")
    except numbering.NumberFormatError as error:
        raise invalid("type", str(error)) from None


def document_register(*, actor, issuing_unit: Unit, type: str, issued_on: dt.date, title: str,
                      number: str | None = None, signer: str = "", text: str = "", secrecy: int = Secrecy.NONE,
                      office: str = "", relations: list[RelationSpec] | tuple = (), circle: str = "") -> Document:
    """Register an issued document with its relations; with no `number`, give it the next one of its sequence. A
    `circle` confines it to those that circle's rule admits (`documents.circles`: the app registering it decides)."""
    require(can_register_document(actor, issuing_unit),
            _("You may not register documents of %(unit)s.") % {"unit": issuing_unit.name})
    title, signer, text = nfc(title), nfc(signer), nfc(text)
    errors = [*overlong_errors(Document, title=title, signer=signer, text=text), *secrecy_errors(actor, secrecy)]
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    if not issuing_unit.issuer_code:
        errors.append(FieldError("issuing_unit", _("%(unit)s has no issuer code for document numbers") % {"unit": issuing_unit.name}))
    elif not issuing_unit.is_valid_on(issued_on):
        errors.append(FieldError("issuing_unit", _("%(unit)s did not exist on %(date)s") % {"unit": issuing_unit.name, "date": date_format(issued_on, "SHORT_DATE_FORMAT")}))
    type_code = numbering.canonical_type(type) if type else ""
    if type and type_code is None:
        errors.append(FieldError("type", _("'%(type)s' is not a document type code") % {"type": type}))
    if errors:
        raise DomainError(_("The document cannot be registered."), errors)
    system = numbering_system(issuing_unit)
    if system == NumberingSystem.PARTY and not type_code:
        raise invalid("type", _("a party document number needs a type code (N-TYPE/ISSUER)"), "required")
    with transaction.atomic():
        owner = numbering_owner(issuing_unit, on=issued_on)
        period, term = _period(owner, system, issued_on)
        sequence = _sequence(owner, type_code or "", period)
        if number:
            parsed = _parse(number, field_name="number")
            if numbering.fold_code(parsed.issuer) != numbering.fold_code(issuing_unit.issuer_code):
                raise invalid("number", _("%(number)s is not a number of %(issuer)s") % {"number": parsed.format(), "issuer": issuing_unit.issuer_code})
            if sequence.last_number < parsed.number:
                sequence.last_number = parsed.number
                sequence.save(update_fields=["last_number"])
        else:
            sequence.last_number += 1
            sequence.save(update_fields=["last_number"])
            parsed = _compose(issuing_unit=issuing_unit, system=system, type_code=type_code, number=sequence.last_number,
                              issued_on=issued_on, office=office)
        key = number_key(parsed)
        taken = DomainError(_("%(number)s is already registered for %(unit)s.") % {"number": parsed.format(), "unit": owner.name},
                            [FieldError("number", _("%(number)s is already registered") % {"number": parsed.format()}, "unique")],
                            status=409)
        # The number's uniqueness in its sequence decides, also between two requests at once (no SELECT first);
        # the refusal rolls the whole registration back, the sequence's step included.
        with refuse_duplicate(Document, "document_number_unique_per_sequence", taken):
            document = Document.objects.create(
                registered=True, system=parsed.system, number=parsed.number, type=parsed.type or "", issuer_code=parsed.issuer,
                office_code=parsed.office or "", year=parsed.year, number_text=parsed.format(), number_key=key,
                issuing_unit=issuing_unit, numbering_unit=owner, number_period=period, term=term, issued_on=issued_on, signer=signer, title=title,
                search_title=searchable(parsed.format(), title), text=text, secrecy=secrecy, circle=circle,
                created_by=actor, created_at=clock.now(),
            )
        _adopt_references(document)
        audit_record(actor=actor, action="document.register", obj=document, after=document_snapshot(document))
        for index, spec in enumerate(relations):
            document_relation_add(actor=actor, source=document, spec=spec, field_name=f"relations.{index}")
    return document


def document_relation_add(*, actor, source: Document, spec: RelationSpec, field_name: str = "relation") -> DocumentRelation:
    """Relate `source` to a document of the register or to a number, kept unregistered when unknown."""
    if spec.target is None and not spec.number:
        raise invalid(f"{field_name}.target_number", _("give target_id or target_number"), "required")
    with transaction.atomic():
        target = spec.target or document_reference(actor=actor, number=spec.number, issued_on=spec.issued_on, title=spec.title)
        return document_relate(actor=actor, source=source, target=target, kind=spec.kind)


def _parse(raw: str, *, field_name: str) -> numbering.DocumentNumber:
    try:
        return numbering.parse(raw)
    except numbering.NumberFormatError as error:
        raise invalid(field_name, str(error)) from None


def _adopt_references(document: Document) -> None:
    """Relations that pointed at an unregistered stub of this number now point at the document."""
    stubs = Document.objects.filter(registered=False, number_key=document.number_key)
    if document.issued_on:
        stubs = stubs.exclude(issued_on__isnull=False, issued_on__lt=document.issued_on - dt.timedelta(days=1)).exclude(
            issued_on__gt=document.issued_on + dt.timedelta(days=1))
    for stub in stubs:
        for relation in stub.incoming_relations.all():
            if not DocumentRelation.objects.filter(source=relation.source, target=document, kind=relation.kind).exists():
                DocumentRelation.objects.create(source=relation.source, target=document, kind=relation.kind)
        stub.incoming_relations.all().delete()
        stub.outgoing_relations.update(source=document)
        stub.delete()


def document_reference(*, actor, number: str, issued_on: dt.date | None = None, title: str = "",
                       issuing_unit: Unit | None = None) -> Document:
    """The register's document with this number that `actor` may know of, or an unregistered one kept so that the
    chain never breaks. A number held by a document the actor may not know of answers as a number nobody holds:
    an unregistered reference of what the actor gave, and nothing of the other document."""
    parsed = _parse(number, field_name="number")
    key = number_key(parsed)
    candidates = visible_documents(actor, Document.objects.filter(number_key=key)).order_by("-registered", "id")
    if issuing_unit is not None:
        candidates = candidates.filter(issuing_unit=issuing_unit)
    existing = next((d for d in candidates[:20] if issued_on is None or d.issued_on in (None, issued_on)), None)
    if existing is not None:
        return existing
    with transaction.atomic():
        document = Document.objects.create(
            registered=False, system=parsed.system, number=parsed.number, type=parsed.type or "", issuer_code=parsed.issuer,
            office_code=parsed.office or "", year=parsed.year, number_text=parsed.format(), number_key=key,
            issuing_unit=issuing_unit, issued_on=issued_on, title=nfc(title), search_title=searchable(parsed.format(), title),
            created_by=actor, created_at=clock.now(),
        )
        audit_record(actor=actor, action="document.reference", obj=document, after=document_snapshot(document))
    return document


def document_relate(*, actor, source: Document, target: Document, kind: str) -> DocumentRelation:
    require(can_change_document(actor, source), _("You may not change the relations of %(number)s.") % {"number": source.number_text})
    if kind not in RelationKind.values:
        raise invalid("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(RelationKind.values)})
    if source.pk == target.pk:
        raise invalid("target", _("a document cannot relate to itself"))
    with transaction.atomic():
        relation, created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
        if created:
            audit_record(actor=actor, action="document.relate", obj=relation,
                         after={"source": source.number_text, "target": target.number_text, "kind": kind})
    return relation


def attachment_add(*, actor, document: Document, upload: UploadedFile) -> Attachment:
    require(can_change_document(actor, document), _("You may not attach files to %(number)s.") % {"number": document.number_text})
    errors = upload_errors(upload, "file")
    if errors:
        raise DomainError(_("The file cannot be attached."), errors)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = nfc(upload.name or "file")[:255]
    text = attachment_text(upload.read(), name)  # read before the transaction: its words are what search finds it by
    upload.seek(0)
    with transaction.atomic():
        attachment = Attachment.objects.create(
            document=document, file=upload, name=name, size=upload.size, text=text,
            content_type=upload.content_type or "application/octet-stream", sha256=digest.hexdigest(), uploaded_at=clock.now(),
        )
        audit_record(actor=actor, action="document.attach", obj=attachment,
                     after={"document": document.number_text, "name": attachment.name, "sha256": attachment.sha256})
    return attachment
