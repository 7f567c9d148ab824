"""Issuing a document with its tasks: the register numbers it, every task passes the six clears, all or nothing.

A directive confirmed from its reading (ingest) and a meeting's conclusion notice (meetings) are both issued here, from
plain specifications: codes and user names, not rows, so that each refusal can name the field it came from.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.models import User
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core.errors import DomainError, FieldError
from mandate.documents import numbering
from mandate.documents.models import Document, RelationKind
from mandate.documents.permissions import can_register_document, visible_documents
from mandate.documents.services import RelationSpec, document_register
from mandate.orgs.models import Unit
from mandate.tasks.clears import Draft, missing_clears
from mandate.tasks.models import Task
from mandate.tasks.services import task_create


@dataclass(frozen=True)
class DocumentHeader:
    issuing_unit: str
    type: str
    issued_on: dt.date | None
    title: str
    number: str | None = None  # None: the register gives the next number of the sequence
    signer: str = ""
    # Onboarding past work: the stated reason lets its tasks carry the document's old date, marked as imported.
    import_reason: str = ""
    circle: str = ""  # confined to a circle (documents.circles): the notice of conclusion of a case


@dataclass(frozen=True)
class ReferenceSpec:
    number: str  # a number in any spelling, or the cited phrase the reader found ("Kết luận số 177-KL/TW")
    kind: str = RelationKind.CITES
    issued_on: dt.date | None = None
    title: str = ""
    registered_id: int | None = None


@dataclass(frozen=True)
class TaskSpec:
    title: str
    lead_unit: str | None
    leader: str | None
    product: str
    coordinators: tuple[str, ...] = ()
    deadline: dt.date | None = None
    recurrence: str = ""
    description: str = ""


@dataclass
class Issued:
    document: Document
    tasks: list[Task] = field(default_factory=list)


class _Resolver:
    """Codes and user names to rows, each failure kept as a field error instead of raised at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def unit(self, code: str | None, field_name: str, *, on: dt.date | None) -> Unit | None:
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            self.errors.append(FieldError(field_name, _("no unit with code '%(code)s'") % {"code": code}, "unknown"))
        elif on is not None and not unit.is_valid_on(on):
            self.errors.append(FieldError(field_name, _("%(unit)s is closed on %(date)s")
                                          % {"unit": unit.name, "date": date_format(on, "SHORT_DATE_FORMAT")}, "closed"))
        return unit

    def user(self, username: str | None, field_name: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            self.errors.append(FieldError(field_name, _("no active user '%(name)s'") % {"name": username}, "unknown"))
        return user


def _prefixed(prefix: str, errors: list[FieldError]) -> list[FieldError]:
    return [FieldError(f"{prefix}.{error.field}", error.reason, error.code) for error in errors]


def task_drafts(*, header: DocumentHeader, tasks: list[TaskSpec] | tuple, check: _Resolver | None = None) -> list[Draft]:
    """The drafts of `tasks` under a document not yet issued (the header stands in for it: clear authority)."""
    check = check or _Resolver()
    drafts = []
    for index, task in enumerate(tasks):
        name = f"tasks.{index}"
        lead_unit = check.unit(task.lead_unit, f"{name}.lead_unit", on=header.issued_on)
        coordinators = tuple(unit for position, code in enumerate(task.coordinators)
                             if (unit := check.unit(code, f"{name}.coordinators.{position}", on=header.issued_on)))
        leader = check.user(task.leader, f"{name}.leader")
        draft = Draft(leader=leader, title=task.title or "", deadline=task.deadline, recurrence=task.recurrence or "",
                      lead_unit=lead_unit, coordinators=coordinators, product=task.product or "", document=header,
                      assigned_on=header.issued_on)
        reported = {error.field for error in check.errors}  # an unknown code is reported once, not also as a gap
        check.errors += [e for e in _prefixed(name, missing_clears(draft)) if e.field not in reported]
        drafts.append(draft)
    return drafts


def document_issue(*, actor, header: DocumentHeader, references: list[ReferenceSpec] | tuple = (),
                   tasks: list[TaskSpec] | tuple = (), text: str = "",
                   refusal: str | None = None) -> Issued:
    """Register the document with its relations and tasks in one transaction; refuse naming every gap."""
    check = _Resolver()
    issuing_unit = check.unit(header.issuing_unit, "document.issuing_unit", on=header.issued_on)
    if issuing_unit is not None:
        require(can_register_document(actor, issuing_unit),
                _("You may not register documents of %(unit)s.") % {"unit": issuing_unit.name})
    if not header.issuing_unit:
        check.errors.append(FieldError("document.issuing_unit", _("is required"), "required"))
    if header.issued_on is None:
        check.errors.append(FieldError("document.issued_on", _("is required"), "required"))
    if not (header.title or "").strip():
        check.errors.append(FieldError("document.title", _("is required"), "required"))

    specs: list[RelationSpec] = []
    for index, reference in enumerate(references):
        name = f"references.{index}"
        if reference.kind not in RelationKind.values:
            check.errors.append(FieldError(f"{name}.kind", _("'%(name)s' is not one of %(names)s")
                                            % {"name": reference.kind, "names": ", ".join(RelationKind.values)}))
        target = None
        if reference.registered_id is not None:
            target = visible_documents(actor, Document.objects.filter(pk=reference.registered_id)).first()
            if target is None:
                check.errors.append(FieldError(f"{name}.registered_id", _("No document %(id)s that you may see.")
                                               % {"id": reference.registered_id}, "unknown"))
        number = numbering.number_in(reference.number)
        if target is None and number is None:
            check.errors.append(FieldError(f"{name}.number", _("'%(number)s' is not a document number")
                                           % {"number": reference.number}))
        specs.append(RelationSpec(kind=reference.kind, target=target, number=number.format() if number else "",
                                  issued_on=reference.issued_on, title=reference.title))

    drafts = task_drafts(header=header, tasks=tasks, check=check)
    if check.errors:
        raise DomainError(refusal or _("The document cannot be issued: nothing was saved."), check.errors)

    with transaction.atomic():
        try:
            document = document_register(actor=actor, issuing_unit=issuing_unit, type=header.type, issued_on=header.issued_on,
                                         title=header.title, number=header.number or None, signer=header.signer, text=text,
                                         relations=specs, circle=header.circle)
        except DomainError as error:
            raise DomainError(error.message, [_document_field(e) for e in error.errors], status=error.status) from None
        issued = Issued(document=document)
        for index, (draft, task) in enumerate(zip(drafts, tasks, strict=True)):
            try:
                issued.tasks.append(task_create(
                    actor=actor, document=document, title=draft.title, lead_unit=draft.lead_unit, leader=draft.leader,
                    product=draft.product, deadline=draft.deadline, recurrence=draft.recurrence,
                    coordinators=draft.coordinators, description=task.description,
                    backdate_reason=header.import_reason, imported=bool((header.import_reason or "").strip())))
            except DomainError as error:  # rolls the whole document back, naming the task
                raise DomainError(_("Task %(number)s: %(reason)s") % {"number": index + 1, "reason": error.message}, _prefixed(f"tasks.{index}", error.errors),
                                  status=error.status) from None
        audit_record(actor=actor, action="document.issue", obj=document,
                     after={"references": [spec.number or spec.target.number_text for spec in specs],
                            "tasks": [task.pk for task in issued.tasks]})
    return issued


def _document_field(error: FieldError) -> FieldError:
    """document_register names its relations `relations.N`: here they are the `references.N` of the specification."""
    if error.field.startswith("relations."):
        return FieldError("references." + error.field.removeprefix("relations."), error.reason, error.code)
    return FieldError(f"document.{error.field}", error.reason, error.code)
