"""Who may register documents and who sees them, on the roles and reach of `accounts.permissions`.

A user sees the documents its reach issued, every unregistered reference and every central one, and the
documents that give tasks to a unit in its reach (as lead unit or coordinator). A secret document is known only
to those cleared for its level who need to know of it (`mandate.accounts.secrecy`): issued by, or giving tasks
to, a unit in their reach, or registered by them or giving them a task in their charge — never merely because it
is central. A document confined to a circle (`Document.circle`: a case's decision, its notice of conclusion) is known
only to those its circle's rule admits (`documents.circles`, contributed by the app that registered it), and by its
header to those it gives a task; its files only to the circle (`whole=True`). Documents stand below tasks, so the tasks are reached through the reverse relations
(`Document.tasks`, `Task.coordinations`), never by importing them.
"""
from django.db.models import Q, QuerySet

from mandate.accounts.permissions import WRITERS, has_role_over, is_system_admin, reach
from mandate.accounts.secrecy import clearance_of, secrecy_q
from mandate.documents.circles import circle_q
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


def document_q(user, *, prefix: str = "", whole: bool = False) -> Q:
    """The documents `user` may know of, as a filter (on a relation to documents when `prefix` is given, e.g. "target__");
    with `whole`, those whose files and text they may read too (a confined one's circle only, not those it gives tasks)."""
    units = reach(user)
    # A document is also known to those it gives tasks to. Two uncorrelated subqueries, each led by an
    # index (the tasks' lead unit, the coordinations' unit), read once rather than once per document.
    leading = Document.objects.filter(tasks__lead_unit__in=units).values("pk")
    coordinating = Document.objects.filter(tasks__coordinations__unit__in=units).values("pk")
    need_to_know = (Q(**{f"{prefix}issuing_unit__in": units}) | Q(**{f"{prefix}pk__in": leading})
                    | Q(**{f"{prefix}pk__in": coordinating}))
    if getattr(user, "pk", None) is not None:
        named = Document.objects.filter(tasks__leader_id=user.pk).values("pk")
        need_to_know |= Q(**{f"{prefix}created_by_id": user.pk}) | Q(**{f"{prefix}pk__in": named})
    open_to = need_to_know | Q(**{f"{prefix}registered": False}) | Q(**{f"{prefix}issuing_unit__tier": "central"})
    receivers = None
    if not whole:  # a confined document is known by its header to those it gives a task (a recommendation's lead unit)
        receivers = Q(**{f"{prefix}pk__in": leading}) | Q(**{f"{prefix}pk__in": coordinating})
        if getattr(user, "pk", None) is not None:
            receivers |= Q(**{f"{prefix}pk__in": named})
    registers = Q(**{f"{prefix}circle": ""}) & secrecy_q(user, need_to_know=need_to_know, open_to=open_to, field=f"{prefix}secrecy")
    cleared = Q(**{f"{prefix}secrecy__lte": clearance_of(user)})
    return registers | (cleared & circle_q(user, prefix=prefix, receivers=receivers))


def given_tasks_q(user, *, prefix: str = "tasks__") -> Q:
    """The tasks a document gives that `user` may know of, through the reverse relation (documents stand below tasks):
    every one of level 0, a secret one as `tasks.permissions.task_q` would have it (lead, assigning unit or person in
    charge; a coordination alone does not count here)."""
    if is_system_admin(user):
        return Q()
    units = reach(user)
    need_to_know = Q(**{f"{prefix}lead_unit__in": units}) | Q(**{f"{prefix}assigning_unit__in": units})
    if getattr(user, "pk", None) is not None:
        need_to_know |= Q(**{f"{prefix}leader_id": user.pk})
    return secrecy_q(user, need_to_know=need_to_know, open_to=Q(), field=f"{prefix}secrecy")


def visible_documents(user, documents: QuerySet) -> QuerySet:
    """The documents of `documents` that `user` may know of."""
    if is_system_admin(user):
        return documents
    return documents.filter(document_q(user))


def readable_documents(user, documents: QuerySet) -> QuerySet:
    """The documents of `documents` whose files and text `user` may read: those they know of, less the confined ones
    they know only by their header."""
    if is_system_admin(user):
        return documents
    return documents.filter(document_q(user, whole=True))


def can_read_document_files(user, document) -> bool:
    """May `user` read `document`'s files and text: the predicate of `readable_documents`, for one row."""
    return is_system_admin(user) or not document.circle or readable_documents(
        user, type(document).objects.filter(pk=document.pk)).exists()


def can_view_document(user, document) -> bool:
    """May `user` know of `document`: the predicate of `document_q`, for one row."""
    return is_system_admin(user) or type(document).objects.filter(document_q(user), pk=document.pk).exists()
