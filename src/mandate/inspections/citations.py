"""The findings of a supervision case cite the tasks of the directive it follows (supervision from the start).

A citation names a task of the directive the case follows and says what the team found of it. Only the case's body
cites, while the case is open; a task of another document is refused, as is a task cited twice. Citations belong
to the case's file: known to its circle only, never to the lead unit of the task cited.
"""
from django.db import transaction
from django.utils.translation import gettext as _, gettext_noop

from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError
from mandate.core.text import nfc
from mandate.inspections.models import Case, CaseEvent, CaseState, Citation
from mandate.inspections.permissions import can_work_on_case
from mandate.tasks.models import Task

REFUSED = gettext_noop("The tasks cannot be cited: nothing was saved.")


def findings_cite(*, actor, case: Case, tasks: list[Task], note: str = "") -> list[Citation]:
    """Cite `tasks` (of the directive the case follows) in the case's findings, with what was found of them."""
    require(can_work_on_case(actor, case), _("Only the body that conducts the case may cite tasks in its findings."))
    note = nfc(note or "").strip()
    errors = []
    if case.state in (CaseState.CLOSED, CaseState.NOT_HANDLED):
        errors.append(FieldError("case", _("is closed: its findings are those of its notice of conclusion"), "closed"))
    if case.directive_id is None:
        errors.append(FieldError("tasks", _("the case follows no directive whose tasks it could cite"), "no_directive"))
    if not tasks:
        errors.append(FieldError("tasks", _("is required: choose the tasks the findings speak of"), "required"))
    already = set(Citation.objects.filter(case=case, task__in=tasks).values_list("task_id", flat=True))
    for task in tasks:
        if case.directive_id is not None and task.document_id != case.directive_id:
            errors.append(FieldError("tasks", _("“%(task)s” is not a task of the directive the case follows")
                                     % {"task": task.title[:80]}, "other_document"))
        elif task.pk in already:
            errors.append(FieldError("tasks", _("“%(task)s” is already cited") % {"task": task.title[:80]}, "twice"))
    if len(note) > 5000:
        errors.append(FieldError("note", _("at most %(limit)s characters are accepted") % {"limit": 5000}, "too_long"))
    if errors:
        raise DomainError(_(REFUSED), errors)
    now = clock.now()
    with transaction.atomic():
        citations = [Citation.objects.create(case=case, task=task, note=note, cited_by=actor, cited_at=now) for task in tasks]
        CaseEvent.objects.create(case=case, at=now, on=clock.today(), actor=actor, kind="cited", note=note,
                                 data={"tasks": [task.pk for task in tasks]})
        audit_record(actor=actor, action="inspections.case.cite", obj=case,
                     after={"tasks": [task.pk for task in tasks], "note": note})
    return citations


def citations_of(*, case: Case) -> dict[int, Citation]:
    """The tasks the case's findings cite, by task id (the reader knows of the case)."""
    return {citation.task_id: citation for citation in Citation.objects.filter(case=case).select_related("cited_by")}
