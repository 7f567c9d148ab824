"""Reads of the register."""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from mandate.accounts.permissions import is_system_admin
from mandate.core.errors import NotFound
from mandate.core.ids import query_id
from mandate.core.text import fold, search_terms
from mandate.documents.models import Attachment, Document, DocumentRelation
from mandate.documents.numbering import NumberFormatError, number_key, parse
from mandate.documents.permissions import can_read_document_files, document_q, given_tasks_q, visible_documents
from mandate.orgs.models import Unit
from mandate.orgs.selectors import unit_subtree_ids


def documents_list(*, user, q: str | None = None, type: str | None = None, issuing_unit: Unit | None = None,
                   subtree: bool = False, issued_from: dt.date | None = None, issued_to: dt.date | None = None,
                   registered: bool | None = True, as_of: dt.date | None = None) -> QuerySet[Document]:
    documents = visible_documents(user, Document.objects.all())
    if registered is not None:
        documents = documents.filter(registered=registered)
    if type:
        documents = documents.filter(type=type)
    if issuing_unit is not None:
        if subtree and as_of:
            documents = documents.filter(issuing_unit__in=unit_subtree_ids(unit=issuing_unit, as_of=as_of))
        else:
            documents = documents.filter(issuing_unit=issuing_unit)
    if issued_from:
        documents = documents.filter(issued_on__gte=issued_from)
    if issued_to:
        documents = documents.filter(issued_on__lte=issued_to)
    if q:
        for term in search_terms(q):
            documents = documents.filter(search_title__contains=term)
    return (documents.select_related("issuing_unit")
            .annotate(task_count=Count("tasks", filter=given_tasks_q(user), distinct=True))
            .order_by("-issued_on", "-id"))


def document_get(*, user, document_id: int) -> Document:
    document = visible_documents(user, Document.objects.filter(pk=document_id)).select_related("issuing_unit").first()
    if document is None:
        raise NotFound(_("No document %(id)s that you may see.") % {"id": document_id})
    return document


def documents_named(*, user, text: str, limit: int = 15) -> list[Document]:
    """The registered documents `user` may know of that `text` names, for a field that takes a document: the one of
    that number in any spelling ("02-CT/TW", "02 ct/tw"), or, when several share it, the one whose suggestion
    "number — title" was picked; else those whose number and title contain its words (without diacritics), newest
    first. A document id (a link made before numbers were asked) names that document."""
    text = " ".join((text or "").split())
    if not text:
        return []
    visible = visible_documents(user, Document.objects.filter(registered=True)).select_related("issuing_unit")
    if text.isascii() and text.isdigit():  # not "²" or "٣", which int() refuses or reads as another number
        document_id = query_id(text)  # beyond the database's range: no document
        return list(visible.filter(pk=document_id)) if document_id is not None else []
    number, _sep, title = text.partition(" — ")
    try:
        numbered = list(visible.filter(number_key=number_key(parse(number))).order_by("-issued_on", "-id")[:limit])
    except NumberFormatError:
        numbered = []
    if len(numbered) > 1 and title:
        numbered = [document for document in numbered if fold(document.title) == fold(title)] or numbered
    if numbered:
        return numbered
    found = visible
    for term in search_terms(text):
        found = found.filter(search_title__contains=term)
    return list(found.order_by("-issued_on", "-id")[:limit])


def document_picks(documents: list[Document]) -> list[tuple[Document, str]]:
    """Each document with what choosing it among suggestions writes in a field: its number, or "number — title"
    when another of the documents shown has the same number."""
    numbers = [document.number_text for document in documents]
    return [(document, document.number_text if numbers.count(document.number_text) == 1
             else f"{document.number_text} — {document.title}") for document in documents]


def document_attachments(*, user, document: Document) -> QuerySet[Attachment]:
    """The files attached to a document the caller has already been shown, oldest first: none of a confined document
    to one who knows it by its header only (`documents.circles`)."""
    if not can_read_document_files(user, document):
        return Attachment.objects.none()
    return document.attachments.order_by("uploaded_at", "pk")


def attachment_get(*, user, document_id: int, attachment_id: int):
    """One attachment of a document the user may see; any other is not found, as if it did not exist."""
    document = document_get(user=user, document_id=document_id)
    attachment = document_attachments(user=user, document=document).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound(_("No attachment %(id)s of document %(document)s.") % {"id": attachment_id, "document": document_id})
    return attachment


@dataclass
class ChainLink:
    relation: str
    document: Document
    depth: int


def document_chain(*, user, document: Document, max_depth: int = 6) -> dict[str, list[ChainLink]]:
    """What the document stands on (upstream) and what stands on it (downstream), level by level."""
    visible = visible_documents(user, Document.objects.all()).values("pk")

    def walk(start: Document, *, upstream: bool) -> list[ChainLink]:
        links, seen, frontier = [], {start.pk}, [start.pk]
        for depth in range(1, max_depth + 1):
            if not frontier:
                break
            if upstream:
                rows = DocumentRelation.objects.filter(source_id__in=frontier, target__in=visible).select_related("target__issuing_unit")
            else:
                rows = DocumentRelation.objects.filter(target_id__in=frontier, source__in=visible).select_related("source__issuing_unit")
            frontier = []
            for row in rows.order_by("id"):
                other = row.target if upstream else row.source
                if other.pk in seen:
                    continue
                seen.add(other.pk)
                frontier.append(other.pk)
                links.append(ChainLink(row.kind, other, depth))
        return links

    return {"upstream": walk(document, upstream=True),
            "downstream": walk(document, upstream=False)}


def document_relations(*, user, document: Document) -> QuerySet[DocumentRelation]:
    """The document's relations whose other end `user` may know of."""
    if is_system_admin(user):
        shown = Q(source=document) | Q(target=document)
    else:
        shown = (Q(source=document) & document_q(user, prefix="target__")) | (Q(target=document) & document_q(user, prefix="source__"))
    return DocumentRelation.objects.filter(shown).select_related("source__issuing_unit", "target__issuing_unit").order_by("id")


def document_task_count(*, user, document: Document) -> int:
    """How many tasks the document gives that `user` may know of."""
    return Document.objects.filter(pk=document.pk).aggregate(n=Count("tasks", filter=given_tasks_q(user), distinct=True))["n"]
