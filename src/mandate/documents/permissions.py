"""Who may register documents and who sees them, on the roles and reach of `accounts.permissions`.

A user sees the documents its reach issued, every unregistered reference and every central one, and the
documents that give tasks to a unit in its reach (as lead unit or coordinator); confidential ones only
when cleared. Documents stand below tasks, so the tasks are reached through the reverse relations
(`Document.tasks`, `Task.coordinations`), never by importing them.
"""
from django.db.models import Q, QuerySet

from mandate.accounts.permissions import WRITERS, has_role_over, is_system_admin, reach
from mandate.documents.models import Document
from mandate.orgs.models import Unit


def can_register_document(user, unit: Unit) -> bool:
    return has_role_over(user, unit, WRITERS)


def can_change_document(user, document) -> bool:
    """Relate a document or attach a file: who may register for its issuing unit; for an unregistered reference (no
    issuing unit), whoever registers documents somewhere. A viewer or an inspector never."""
    if document.issuing_unit is not None:
        return can_register_document(user, document.issuing_unit)
    return can_register_somewhere(user)


def can_register_somewhere(user) -> bool:
    """Holds a role that registers documents in some unit: offers the register at all."""
    return is_system_admin(user) or reach(user, WRITERS).exists()


def visible_documents(user, documents: QuerySet) -> QuerySet:
    if is_system_admin(user):
        return documents
    units = reach(user)
    # A document is also visible to those it gives tasks to. Two uncorrelated subqueries, each led by an
    # index (the tasks' lead unit, the coordinations' unit), read once rather than once per document.
    leading = Document.objects.filter(tasks__lead_unit__in=units).values("pk")
    coordinating = Document.objects.filter(tasks__coordinations__unit__in=units).values("pk")
    visible = documents.filter(Q(issuing_unit__in=units) | Q(registered=False) | Q(issuing_unit__tier="central")
                               | Q(pk__in=leading) | Q(pk__in=coordinating))
    if not user.cleared_for_confidential:
        visible = visible.filter(confidential=False)
    return visible


def can_view_document(user, document) -> bool:
    return visible_documents(user, type(document).objects.filter(pk=document.pk)).exists()
