"""Confirming a reviewed reading: the document, its relations and its tasks, all or nothing, issued by
`tasks.issue.document_issue` (the same service a meeting's conclusion is issued by)."""
from django.utils.translation import gettext as _

from mandate.tasks.issue import DocumentHeader, Issued, ReferenceSpec, TaskSpec, document_issue

# The reviewed rows are the issuing service's specifications (the names the API and the demo know them by).
ReviewedHeader = DocumentHeader
ReviewedReference = ReferenceSpec
ReviewedTask = TaskSpec
Confirmed = Issued


def ingestion_confirm(*, actor, header: DocumentHeader, references: list[ReferenceSpec] | tuple = (),
                      tasks: list[TaskSpec] | tuple = (), text: str = "") -> Issued:
    """Register the reviewed directive with its relations and tasks in one transaction; refuse naming every gap."""
    return document_issue(actor=actor, header=header, references=references, tasks=tasks, text=text,
                          refusal=_("The reading cannot be confirmed: nothing was saved."))
