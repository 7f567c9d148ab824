"""The documents of the inspection commission's work are its circle's (`documents.circles`): a case's decision and
notice of conclusion, a programme's CTr, a discipline decision's QĐ. Registered here with `Document.circle` set to
`apps.CIRCLE`; one registered before and named by a step or a decision is confined when it is named.
"""
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from mandate.audit.services import audit_record
from mandate.documents.models import Document
from mandate.inspections.apps import CIRCLE


def confine(*, actor, document: Document) -> Document:
    """Keep a document that now belongs to a case, a programme or a discipline decision for their circle only
    (`documents.circles`): one registered before and named here leaves the register's rule, with its audit line."""
    if document.circle != CIRCLE:
        before = document.circle
        document.circle = CIRCLE
        document.save(update_fields=["circle"])
        audit_record(actor=actor, action="document.confine", obj=document, before={"circle": before}, after={"circle": CIRCLE})
    return document


def neutral_notice_title() -> str:
    """The title the register gives a notice of conclusion: what the lead units of its recommendations read beside its
    number, naming neither the target nor the findings (the inspector's own title stays on the case)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("Notice of conclusion"))
