"""Every write on tasks: create, delegate, move through the workflow, report progress, extend."""
import datetime as dt
import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _, gettext_noop


from mandate.accounts.models import Decision
from mandate.accounts.permissions import require
from mandate.accounts.secrecy import secrecy_errors
from mandate.accounts.regulations import refuse_own, rule_for
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.limits import overlong_errors
from mandate.core.errors import Conflict, DomainError, FieldError, field_label, invalid
from mandate.core.secrecy import inherited
from mandate.core.text import nfc, searchable
from mandate.core.uploads import upload_errors
from mandate.documents.models import Document
from mandate.orgs.models import Unit
from mandate.orgs.selectors import is_subordinate
from mandate.tasks.clears import Draft, require_clear
from mandate.tasks.models import (
    Evidence, Extension, ExtensionState, ProgressReport, Task, TaskCoordinator, TaskEvent, TaskState,
)
from mandate.tasks.selectors import open_parts
from mandate.tasks.permissions import (
    can_act_as_lead, can_assign, can_assign_to, can_backdate, can_decide, decided_by_initiator,
)
from mandate.tasks.transitions import TRANSITIONS

# Who may take each step, said in full so that every language can say it (the step names are not verbs in all of them).
STEP_REFUSALS = {
    "start": gettext_noop("Only the lead unit may start this task."),
    "submit": gettext_noop("Only the lead unit may submit the result of this task."),
    "complete": gettext_noop("Only the leaders of the assigning unit may accept this task as completed."),
    "return": gettext_noop("Only the leaders of the assigning unit may return this task."),
    "cancel": gettext_noop("Only the leaders of the assigning unit may cancel this task."),
}
STEP_CONFLICTS = {
    "start": gettext_noop("A task that is %(state)s cannot be started."),
    "submit": gettext_noop("The result of a task that is %(state)s cannot be submitted."),
    "complete": gettext_noop("A task that is %(state)s cannot be accepted as completed."),
    "return": gettext_noop("A task that is %(state)s cannot be returned."),
    "cancel": gettext_noop("A task that is %(state)s cannot be cancelled."),
}



def task_snapshot(task: Task) -> dict:
    """What the audit trail keeps of a task before and after a change."""
    return {
        "title": task.title, "state": task.state, "lead_unit": task.lead_unit.code, "assigning_unit": task.assigning_unit.code,
        "leader": task.leader.username, "deadline": task.deadline, "original_deadline": task.original_deadline,
        "recurrence": task.recurrence, "product": task.product, "progress": task.progress, "completed_on": task.completed_on,
        "cancelled_on": task.cancelled_on, "document": task.document.number_text, "version": task.version,
        "coordinators": sorted(c.unit.code for c in task.coordinations.select_related("unit")),
        "secrecy": task.secrecy,
    }


def _event(task: Task, *, actor, kind: str, at: dt.datetime, note: str = "", from_state: str = "", to_state: str = "",
           data: dict | None = None) -> TaskEvent:
    return TaskEvent.objects.create(task=task, actor=actor, kind=kind, at=at, note=note, from_state=from_state,
                                    to_state=to_state, data=data or {})


def task_create(*, actor, document: Document | None, title: str, lead_unit: Unit | None, leader, product: str,
                deadline: dt.date | None = None, recurrence: str = "", coordinators: list[Unit] | tuple = (),
                assigning_unit: Unit | None = None, description: str = "", assigned_on: dt.date | None = None,
                parent: Task | None = None, secrecy: int = 0, backdate_reason: str = "", imported: bool = False) -> Task:
    """Assign a task clear in all six ways; refuse it naming every clear it misses. Its level of secrecy is at least
    its document's and its parent's.

    Only to units the actor's role reaches; dated more than `BACKDATE_DAYS` back (its own date or its document's)
    only with a stated reason, by a leader, or as a marked import of past work.
    """
    title, product, description, recurrence = nfc(title or ""), nfc(product or ""), nfc(description or ""), nfc(recurrence or "")
    backdate_reason = nfc(backdate_reason or "").strip()
    overlong = overlong_errors(Task, title=title, product=product, description=description, recurrence=recurrence,
                               backdate_reason=backdate_reason)
    if overlong:
        raise DomainError(_("The task cannot be saved."), overlong)
    if assigned_on is None:
        # A task is dated by its document, except that a person entering an old document's task without saying why
        # assigns it today: an old date must not make it overdue at birth.
        document_day = document.issued_on if document and document.issued_on else None
        old = document_day is not None and actor is not None and _backdated(document_day) and not backdate_reason
        assigned_on = clock.today() if old or document_day is None else document_day
    coordinators = tuple(coordinators)
    require_clear(Draft(leader=leader, title=title, deadline=deadline, recurrence=recurrence, lead_unit=lead_unit,
                        coordinators=coordinators, product=product, document=document, assigned_on=assigned_on))
    assigning_unit = assigning_unit or (parent.lead_unit if parent else document.issuing_unit)
    if assigning_unit is None:
        raise invalid("assigning_unit", _("%(number)s is not registered with an issuing unit; name the assigning unit")
                      % {"number": document.number_text})
    require(can_assign(actor, assigning_unit), _("You may not assign tasks for %(unit)s.") % {"unit": assigning_unit.name})
    errors = [FieldError(name, _("%(unit)s is closed on %(date)s") % {"unit": unit.name, "date": date_format(assigned_on, "SHORT_DATE_FORMAT")})
              for name, unit in [("lead_unit", lead_unit), *(("coordinators", c) for c in coordinators)]
              if not unit.is_valid_on(assigned_on)]
    errors += _scope_errors(actor, lead_unit, coordinators) + _backdate_errors(
        actor, assigning_unit, assigned_on, backdate_reason, imported)
    if any(error.code in ("out_of_scope", "backdate") for error in errors):
        raise DomainError(_("The task cannot be assigned: %(reasons)s") % {
            "reasons": "; ".join(f"{field_label(e.field)}: {e.reason}" for e in errors)}, errors)
    if errors:
        raise DomainError(_("The task names a unit that does not exist on its assignment date."), errors)
    secrecy_inherited = inherited(document.secrecy if document else None, parent.secrecy if parent else None, secrecy)
    above_clearance = secrecy_errors(actor, secrecy_inherited)
    if above_clearance:
        raise DomainError(_("The task cannot be assigned."), above_clearance)
    moment = clock.now()
    with transaction.atomic():
        task = Task.objects.create(
            document=document, parent=parent, title=title, search_title=searchable(title), description=description,
            assigning_unit=assigning_unit, lead_unit=lead_unit, leader=leader, product=product, assigned_on=assigned_on,
            deadline=deadline, original_deadline=deadline, recurrence=recurrence,
            secrecy=secrecy_inherited, backdate_reason=backdate_reason if _backdated(assigned_on) else "", imported=imported,
            created_by=actor, created_at=moment, updated_at=moment,
        )
        TaskCoordinator.objects.bulk_create([TaskCoordinator(task=task, unit=unit) for unit in coordinators])
        _event(task, actor=actor, kind="delegated" if parent else "assigned", at=moment, to_state=task.state,
               data={"lead_unit": lead_unit.code, "deadline": deadline.isoformat() if deadline else None})
        if parent is not None:
            _event(parent, actor=actor, kind="delegated_part", at=moment,
                   note=f"{lead_unit.name}: {title}", data={"child": task.pk, "lead_unit": lead_unit.code})
        audit_record(actor=actor, action="task.create", obj=task, after={
            **task_snapshot(task), "assigned_on": assigned_on, "backdate_reason": task.backdate_reason, "imported": imported})
    return task


BACKDATE_DAYS = 7


def _scope_errors(actor, lead_unit: Unit, coordinators) -> list[FieldError]:
    """The lead unit and each coordinator must be within the units the actor's role reaches."""
    return [FieldError(name, _("%(unit)s is outside the units your role reaches") % {"unit": unit.name}, "out_of_scope")
            for name, unit in [("lead_unit", lead_unit), *(("coordinators", c) for c in coordinators)]
            if not can_assign_to(actor, unit)]


def _backdated(assigned_on: dt.date) -> bool:
    return assigned_on < clock.today() - dt.timedelta(days=BACKDATE_DAYS)


def _backdate_errors(actor, assigning_unit: Unit, assigned_on: dt.date, reason: str, imported: bool) -> list[FieldError]:
    """Dated more than a week back (and so maybe overdue at birth): a stated reason, and a leader or a marked import."""
    if actor is None or not _backdated(assigned_on):  # the system itself: commands, the demo's history
        return []
    if not reason:
        return [FieldError("backdate_reason", _("is required: the task is dated %(date)s, more than %(days)d days back; "
                                                      "say why") % {"date": assigned_on.isoformat(), "days": BACKDATE_DAYS},
                           "backdate")]
    if not imported and not can_backdate(actor, assigning_unit):
        return [FieldError("assigned_on", _("only a leader of %(unit)s may date a task more than %(days)d days back") % {
            "unit": assigning_unit.name, "days": BACKDATE_DAYS}, "backdate")]
    return []


def task_delegate(*, actor, parent: Task, lead_unit: Unit | None, title: str, product: str, leader,
                  deadline: dt.date | None = None, coordinators: list[Unit] | tuple = (), description: str = "",
                  secrecy: int = 0, expected_version: int | None = None) -> Task:
    """Hand part of a task to a unit below its lead unit, as a child task (at least as secret as its task)."""
    require(can_act_as_lead(actor, parent), _("Only the lead unit may delegate its task."))
    with transaction.atomic():
        parent = _lock(parent, expected_version)
        return _delegate(actor=actor, parent=parent, lead_unit=lead_unit, title=title, product=product, leader=leader,
                         deadline=deadline, coordinators=coordinators, description=description, secrecy=secrecy)


def _delegate(*, actor, parent: Task, lead_unit: Unit | None, title: str, product: str, leader, deadline: dt.date | None,
              coordinators, description: str, secrecy: int) -> Task:
    if not parent.is_open:
        raise invalid("parent", _("the task is %(state)s; only an open task can be delegated") % {"state": parent.get_state_display().lower()})
    if lead_unit is not None and not is_subordinate(unit=lead_unit, of=parent.lead_unit, as_of=clock.today()):
        raise invalid("lead_unit", _("%(unit)s is not below %(parent)s") % {"unit": lead_unit.name, "parent": parent.lead_unit.name})
    if deadline and parent.deadline and deadline > parent.deadline:
        raise invalid("deadline", _("a delegated part cannot be due after its task (%(date)s)")
                      % {"date": date_format(parent.deadline, "SHORT_DATE_FORMAT")})
    return task_create(actor=actor, document=parent.document, title=title, lead_unit=lead_unit, leader=leader, product=product,
                       deadline=deadline or parent.deadline, recurrence=parent.recurrence if not deadline else "",
                       coordinators=coordinators, assigning_unit=parent.lead_unit, description=description,
                       assigned_on=clock.today(), parent=parent, secrecy=secrecy)


def _lock(task: Task, expected_version: int | None) -> Task:
    """Re-read the task under a row lock; refuse when the caller edited an older version."""
    current = Task.objects.select_for_update().select_related("lead_unit", "assigning_unit", "leader", "document").get(pk=task.pk)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(_("The task was changed by someone else (version %(current)s, you had %(yours)s); reload it.")
                       % {"current": current.version, "yours": expected_version},
                       [FieldError("version", _("current version is %(version)s") % {"version": current.version}, "stale")],
                       details={"current_version": current.version})
    return current


def _result_authors(task: Task) -> list[int]:
    """Who may not accept the task's result: whoever submitted it, and its assigner when they also carried it out."""
    submitters = list(TaskEvent.objects.filter(task=task, kind="submit").values_list("actor_id", flat=True))
    workers = set(submitters) | set(TaskEvent.objects.filter(task=task, kind="progress").values_list("actor_id", flat=True))
    return submitters + ([task.created_by_id] if task.created_by_id in workers else [])


def task_transition(*, actor, task: Task, name: str, reason: str = "", on: dt.date | None = None,
                    expected_version: int | None = None) -> Task:
    """Move a task one step along its workflow; `on` is the date the step counts from (today by default)."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise invalid("transition", _("'%(name)s' is not one of %(names)s") % {"name": name, "names": ", ".join(TRANSITIONS)})
    reason = nfc(reason or "")
    with transaction.atomic():
        task = _lock(task, expected_version)
        if transition.side == "lead":
            require(can_act_as_lead(actor, task), _(STEP_REFUSALS[name]))
        elif transition.decision:
            rule = rule_for(unit=task.assigning_unit, decision=transition.decision)
            require(can_decide(actor, task, transition.decision), rule.describe())
            if name == "complete" and rule.separate_from_initiator and decided_by_initiator(actor, initiators=_result_authors(task)):
                raise refuse_own(rule, _("a result you submitted or carried out"))
        else:
            require(can_decide(actor, task), _(STEP_REFUSALS[name]))
        if task.state not in transition.sources:
            raise Conflict(_(STEP_CONFLICTS[name]) % {"state": task.get_state_display().lower()},
                           [FieldError("transition", _("not allowed from the state “%(state)s”") % {"state": task.get_state_display()},
                                       "state")])
        if transition.needs_reason and not reason:
            raise invalid("reason", _("is required to return a task") if name == "return" else _("is required to cancel a task"), "required")
        if name == "complete" and not reason and open_parts(task):
            raise invalid("reason", _("is required to accept a task while a part delegated from it is still open: "
                                      "say why it counts as completed"), "parts_open")
        before = task_snapshot(task)
        moment = clock.now()
        day = on or clock.local_date(moment)
        previous = task.state
        task.state = transition.target
        if name == "submit":
            task.submitted_on = day
        elif name == "complete":
            task.completed_on = task.submitted_on or day
            task.progress = 100
        elif name == "cancel":
            task.cancelled_on = day
        task.version = F("version") + 1
        task.updated_at = moment
        task.save(update_fields=["state", "submitted_on", "completed_on", "cancelled_on", "progress", "version", "updated_at"])
        task.refresh_from_db(fields=["version"])
        _event(task, actor=actor, kind=name, at=moment, note=reason, from_state=previous, to_state=task.state)
        if name == "cancel":
            Extension.objects.filter(task=task, state=ExtensionState.PENDING).update(
                state=ExtensionState.WITHDRAWN, decided_at=moment, decision_note="the task was cancelled")
        audit_record(actor=actor, action=f"task.{name}", obj=task, before=before, after=task_snapshot(task))
    return task


def progress_report(*, actor, task: Task, percent: int, text: str, files: list[UploadedFile] | tuple = (),
                    expected_version: int | None = None) -> ProgressReport:
    """Record how far the lead unit has come, with its evidence."""
    text = nfc(text or "")
    errors = []
    if percent is None or not 0 <= percent <= 100:
        errors.append(FieldError("percent", _("must be a whole number from 0 to 100")))
    if not text:
        errors.append(FieldError("text", _("is required: say what was done"), "required"))
    for upload in files:
        errors.extend(upload_errors(upload, "files"))
    if errors:
        raise DomainError(_("The progress report cannot be saved."), errors)
    with transaction.atomic():
        task = _lock(task, expected_version)
        require(can_act_as_lead(actor, task), _("Only the lead unit may report progress on this task."))
        if not task.is_open:
            raise Conflict(_("The task is %(state)s; progress can no longer be reported.") % {"state": task.get_state_display().lower()})
        moment = clock.now()
        report = ProgressReport.objects.create(task=task, author=actor, reported_at=moment, percent=percent, text=text)
        for upload in files:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            Evidence.objects.create(report=report, file=upload, name=nfc(upload.name or "file")[:255], size=upload.size,
                                    content_type=upload.content_type or "application/octet-stream", sha256=digest.hexdigest())
        before = task_snapshot(task)
        previous = task.state
        if task.state in (TaskState.ASSIGNED, TaskState.RETURNED):
            task.state = TaskState.IN_PROGRESS
        task.progress = percent
        task.version = F("version") + 1
        task.updated_at = moment
        task.save(update_fields=["state", "progress", "version", "updated_at"])
        task.refresh_from_db(fields=["version"])
        _event(task, actor=actor, kind="progress", at=moment, note=text, from_state=previous, to_state=task.state,
               data={"percent": percent, "report": report.pk, "files": len(files)})
        audit_record(actor=actor, action="task.progress", obj=task, before=before, after=task_snapshot(task))
    return report


def extension_request(*, actor, task: Task, requested_deadline: dt.date, reason: str,
                      expected_version: int | None = None) -> Extension:
    """Ask the assigning side for more time."""
    reason = nfc(reason or "")
    with transaction.atomic():
        task = _lock(task, expected_version)
        require(can_act_as_lead(actor, task), _("Only the lead unit may ask for more time."))
        if not task.is_open:
            raise Conflict(_("The task is %(state)s; it needs no more time.") % {"state": task.get_state_display().lower()})
        errors = []
        if task.deadline is None:
            errors.append(FieldError("requested_deadline", _("a recurring task has no deadline to extend")))
        elif requested_deadline is None or requested_deadline <= task.deadline:
            errors.append(FieldError("requested_deadline", _("must be after the current deadline %(date)s")
                                     % {"date": date_format(task.deadline, "SHORT_DATE_FORMAT")}))
        if not reason:
            errors.append(FieldError("reason", _("is required: say why more time is needed"), "required"))
        if Extension.objects.filter(task=task, state=ExtensionState.PENDING).exists():
            errors.append(FieldError("task", _("already has a request for more time waiting for a decision"), "pending"))
        if errors:
            raise DomainError(_("The request for more time cannot be made."), errors)
        moment = clock.now()
        extension = Extension.objects.create(task=task, requested_by=actor, requested_at=moment, previous_deadline=task.deadline,
                                             requested_deadline=requested_deadline, reason=reason)
        _event(task, actor=actor, kind="extension_requested", at=moment, note=reason,
               data={"extension": extension.pk, "requested_deadline": requested_deadline.isoformat()})
        audit_record(actor=actor, action="extension.request", obj=extension,
                     after={"task": task.pk, "previous_deadline": task.deadline, "requested_deadline": requested_deadline,
                            "reason": reason})
    return extension


def extension_decide(*, actor, extension: Extension, approve: bool, note: str = "",
                     expected_version: int | None = None) -> Extension:
    """Approve (the deadline moves, the original stays on record) or refuse (a note is required)."""
    note = nfc(note or "")
    with transaction.atomic():
        extension = Extension.objects.select_for_update().get(pk=extension.pk)
        task = _lock(extension.task, expected_version)
        rule = rule_for(unit=task.assigning_unit, decision=Decision.EXTENSION)
        require(can_decide(actor, task, Decision.EXTENSION), rule.describe())
        if decided_by_initiator(actor, initiators=[extension.requested_by_id]):
            raise refuse_own(rule, _("your own request for more time"))
        if extension.state != ExtensionState.PENDING:
            raise Conflict(_("This request was already %(state)s.") % {"state": extension.get_state_display().lower()})
        if not approve and not note:
            raise invalid("note", _("is required when refusing: say why"), "required")
        moment = clock.now()
        before = task_snapshot(task)
        extension.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
        extension.decided_by, extension.decided_at, extension.decision_note = actor, moment, note
        extension.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        if approve:
            task.deadline = extension.requested_deadline
            task.extension_count = F("extension_count") + 1
            task.version = F("version") + 1
            task.updated_at = moment
            task.save(update_fields=["deadline", "extension_count", "version", "updated_at"])
            task.refresh_from_db(fields=["version", "extension_count"])
        _event(task, actor=actor, kind="extension_approved" if approve else "extension_refused", at=moment, note=note,
               data={"extension": extension.pk, "previous_deadline": extension.previous_deadline.isoformat(),
                     "requested_deadline": extension.requested_deadline.isoformat()})
        audit_record(actor=actor, action="extension.approve" if approve else "extension.refuse", obj=extension,
                     before=before, after=task_snapshot(task))
    return extension
