"""Confirming a reviewed reading: the document, its relations and its tasks, all or nothing, issued by
`tasks.issue.document_issue` (the same service a meeting's conclusion is issued by); and the confirmation kept as a
labeled example (`LabeledExample`) in the same transaction, to measure the reader by (`mandate ingest-eval`)."""
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.documents.models import Document
from mandate.documents.permissions import can_register_somewhere
from mandate.ingest.models import LabeledExample
from mandate.tasks.issue import DocumentHeader, Issued, ReferenceSpec, TaskSpec, document_issue

# The reviewed rows are the issuing service's specifications (the names the API and the demo know them by).
ReviewedHeader = DocumentHeader
ReviewedReference = ReferenceSpec
ReviewedTask = TaskSpec
Confirmed = Issued


@dataclass(frozen=True)
class ReviewLabels:
    """What the review page knows beside the rows: the text's language, the reader's proposal and the confirmed
    result, both in the corpus's label shape (`ingest.review`)."""

    language: str
    proposal: dict
    confirmed: dict


def ingestion_confirm(*, actor, header: DocumentHeader, references: list[ReferenceSpec] | tuple = (),
                      tasks: list[TaskSpec] | tuple = (), text: str = "", labels: ReviewLabels | None = None) -> Issued:
    """Register the reviewed directive with its relations and tasks in one transaction; refuse naming every gap.
    With `labels` (the review page), the confirmation is kept as a labeled example in the same transaction."""
    with transaction.atomic():
        issued = document_issue(actor=actor, header=header, references=references, tasks=tasks, text=text,
                                refusal=_("The reading cannot be confirmed: nothing was saved."))
        if labels is not None:
            example_record(actor=actor, document=issued.document, text=text, labels=labels)
    return issued


def example_record(*, actor, document: Document, text: str, labels: ReviewLabels) -> LabeledExample:
    """Keep one confirmed reading as a labeled example, at its document's level of secrecy."""
    require(can_register_somewhere(actor), _("Only those who register documents may keep a confirmed reading."))
    with transaction.atomic():
        example = LabeledExample.objects.create(
            document=document, text=text, language=labels.language, proposal=labels.proposal,
            confirmed=labels.confirmed, secrecy=document.secrecy, created_by=actor, created_at=clock.now())
        audit_record(actor=actor, action="ingest.example_record", obj=example,
                     after={"document": document.pk, "language": labels.language, "secrecy": document.secrecy,
                            "tasks": len(labels.confirmed.get("tasks", [])),
                            "proposed_tasks": len(labels.proposal.get("tasks", []))})
    return example
