"""Every write on programmes and cases: adopt a programme, open a case, record its steps and team, extend a
denunciation's deadline, decline a filing, conclude with the notice and its recommendations (as tasks).

Each service checks everything first and writes nothing when it refuses; the writes run in one transaction with their
audit record and the case's timeline line. The steps are the kind's table (`steps.py`), the deadlines the project's
working-day calendar (`mandate.core.workdays`), the discipline rules `rules.py` (written by `discipline.py`).
"""
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _, gettext_noop

from mandate.accounts.permissions import require
from mandate.accounts.secrecy import secrecy_errors
from mandate.audit.services import audit_record
from mandate.core import clock, workdays
from mandate.core.errors import DomainError, FieldError
from mandate.core.limits import overlong_errors
from mandate.core.preconditions import version_checked
from mandate.core.text import nfc, searchable
from mandate.documents.models import Document
from mandate.documents.services import document_register
from mandate.inspections import rules, steps as step_tables
from mandate.inspections.apps import CIRCLE
from mandate.inspections.confined import confine, neutral_notice_title
from mandate.inspections.discipline import complaint_settle
from mandate.inspections.models import (
    Case, CaseEvent, CaseKind, CaseState, CaseStep, DisciplineDecision, DisciplineState, Programme, ProgrammeItem,
    Recommendation, TargetKind, TeamMember, TeamRole,
)
from mandate.inspections.permissions import can_adopt_programme, can_open_case, can_work_on_case
from mandate.orgs.models import Unit
from mandate.personnel.models import Person
from mandate.tasks.issue import DocumentHeader, TaskSpec, document_issue

NOT_SAVED = gettext_noop("Nothing was saved: correct what is marked.")


def _short(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _event(case: Case, *, actor, kind: str, on: dt.date, note: str = "", data: dict | None = None) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, on=on, at=clock.now(), note=note, data=data or {})


def case_snapshot(case: Case) -> dict:
    """What the audit trail keeps of a case (never its findings: the trail is read more widely than the case)."""
    return {"kind": case.kind, "state": case.state, "body": case.body.code, "target_unit": getattr(case.target_unit, "code", None),
            "target_person": case.target_person_id, "opened_on": case.opened_on, "deadline": case.deadline,
            "completed_on": case.completed_on, "cancelled_on": case.cancelled_on, "extension_count": case.extension_count,
            "secrecy": case.secrecy, "outcome": case.outcome, "version": case.version,
            "conclusion_notice": getattr(case.conclusion_notice, "number_text", None)}


# The yearly programme

@dataclass(frozen=True)
class ItemSpec:
    kind: str
    subject: str
    quarter: int
    lead_body: Unit | None
    target_unit: Unit | None = None
    target_person: Person | None = None
    period: str = ""


def _target_errors(prefix: str, target_unit, target_person) -> list[FieldError]:
    if target_unit is None and target_person is None:
        return [FieldError(f"{prefix}target", _("is required: a party organization or a party member"), "required")]
    if target_unit is not None and target_person is not None:
        return [FieldError(f"{prefix}target", _("name either a party organization or a party member, not both"), "one_target")]
    return []


def programme_adopt(*, actor, body: Unit, year: int, title: str, issued_on: dt.date, items: list[ItemSpec] | tuple,
                    number: str | None = None, signer: str = "") -> Programme:
    """Adopt `body`'s programme of `year` as a registered CTr document with its planned items, all or nothing."""
    require(can_adopt_programme(actor, body), _("You may not adopt a programme for %(unit)s.") % {"unit": body.name})
    title = nfc(title or "").strip()
    errors = overlong_errors(Programme, title=title)
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    if issued_on.year not in (year - 1, year):
        errors.append(FieldError("issued_on", _("a programme of %(year)s is adopted at the end of the year before or in the year itself")
                                 % {"year": year}, "year"))
    if Programme.objects.filter(body=body, year=year).exists():
        errors.append(FieldError("year", _("%(unit)s already has a programme for %(year)s") % {"unit": body.name, "year": year}, "unique"))
    if not items:
        errors.append(FieldError("items", _("is required: at least one planned inspection or supervision"), "required"))
    for index, item in enumerate(items):
        prefix = f"items.{index}."
        if item.kind not in CaseKind.values or item.kind in step_tables.FILED_KINDS:
            errors.append(FieldError(f"{prefix}kind", _("a programme plans inspections and supervisions, not filings"), "kind"))
        if not (item.subject or "").strip():
            errors.append(FieldError(f"{prefix}subject", _("is required"), "required"))
        if not isinstance(item.quarter, int) or not 1 <= item.quarter <= 4:
            errors.append(FieldError(f"{prefix}quarter", _("is a quarter: 1 to 4"), "quarter"))
        if item.lead_body is None:
            errors.append(FieldError(f"{prefix}lead_body", _("is required"), "required"))
        errors += _target_errors(prefix, item.target_unit, item.target_person)
    if errors:
        raise DomainError(_("The programme cannot be adopted: nothing was saved."), errors)
    with transaction.atomic():
        document = document_register(actor=actor, issuing_unit=body, type="CTr", issued_on=issued_on, title=title,
                                     number=number, signer=signer, circle=CIRCLE)
        programme = Programme.objects.create(document=document, body=body, year=year, title=title, created_by=actor,
                                             created_at=clock.now())
        ProgrammeItem.objects.bulk_create([
            ProgrammeItem(programme=programme, position=index + 1, kind=item.kind, target_unit=item.target_unit,
                          target_person=item.target_person, subject=nfc(item.subject).strip(), period=nfc(item.period or ""),
                          lead_body=item.lead_body, quarter=item.quarter)
            for index, item in enumerate(items)])
        audit_record(actor=actor, action="inspections.programme.adopt", obj=programme,
                     after={"document": document.number_text, "year": year, "items": len(items)})
    return programme


# Opening a case

def denunciation_deadline(*, body: Unit, received_on: dt.date) -> dt.date:
    """The last day to settle a denunciation received on `received_on`: 90 working days at province level and below,
    180 at the centre (296-QĐ/TW), on the project's calendar."""
    return workdays.add_working_days(received_on, rules.DENUNCIATION_WORKING_DAYS[body.tier])


def _target_kind_of(kind: str, target_unit, target_person, on: dt.date) -> str:
    if target_unit is not None:
        return TargetKind.ORGANIZATION
    full = target_person.party_full_member_on
    return TargetKind.FULL_MEMBER if full is not None and full <= on else TargetKind.PROBATIONARY_MEMBER


def case_open(*, actor, kind: str, body: Unit, title: str, opened_on: dt.date, target_unit: Unit | None = None,
              target_person: Person | None = None, subject: str = "", programme_item: ProgrammeItem | None = None,
              directive: Document | None = None, deadline: dt.date | None = None, secrecy: int = 0,
              filer_name: str = "", filer_address: str = "", repeat_of: Case | None = None, new_evidence: str = "",
              contested: DisciplineDecision | None = None, decision_received_on: dt.date | None = None) -> Case:
    """Open a case: a decision to inspect or supervise, or a complaint or denunciation received. A denunciation is
    refused when anonymous or a repeat without new evidence, and gets its deadline in working days; a complaint is
    refused when filed more than 30 days after the decision was received."""
    require(can_open_case(actor, body), _("You may not open cases for %(unit)s.") % {"unit": body.name})
    title, subject = nfc(title or "").strip(), nfc(subject or "").strip()
    filer_name, filer_address, new_evidence = nfc(filer_name or "").strip(), nfc(filer_address or "").strip(), nfc(new_evidence or "").strip()
    errors = [*overlong_errors(Case, title=title, filer_name=filer_name, filer_address=filer_address),
              *secrecy_errors(actor, secrecy)]
    if kind not in CaseKind.values:
        errors.append(FieldError("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(CaseKind.values)}))
    if not title:
        errors.append(FieldError("title", _("is required"), "required"))
    errors += _target_errors("", target_unit, target_person)
    if kind in step_tables.MEMBER_KINDS and target_person is None and target_unit is not None:
        errors.append(FieldError("target", _("an inspection of a party member names the member"), "member"))
    if opened_on > clock.today():
        errors.append(FieldError("opened_on", _("is after today"), "future"))
    if programme_item is not None and programme_item.programme.body_id != body.pk and programme_item.lead_body_id != body.pk:
        errors.append(FieldError("programme_item", _("is an item of another body's programme"), "programme"))
    if kind == CaseKind.DENUNCIATION:
        # 296-QĐ/TW: an anonymous denunciation, or one under an assumed name, is not handled.
        if not filer_name:
            errors.append(FieldError("filer_name", _("an anonymous denunciation is not handled: the denouncer's name is required"), "anonymous"))
        if not filer_address:
            errors.append(FieldError("filer_address", _("an anonymous denunciation is not handled: the denouncer's address is required"), "anonymous"))
        earlier = repeat_of or _earlier_denunciation(body=body, filer_name=filer_name, target_unit=target_unit,
                                                     target_person=target_person)
        if earlier is not None and not new_evidence:
            errors.append(FieldError("new_evidence", _("repeats the denunciation settled as %(title)s: it is handled only with new evidence")
                                     % {"title": earlier.title}, "repeat"))
        repeat_of = earlier
    elif repeat_of is not None or new_evidence:
        errors.append(FieldError("repeat_of", _("only a denunciation repeats an earlier one"), "kind"))
    if kind == CaseKind.COMPLAINT:
        if contested is None:
            errors.append(FieldError("contested", _("is required: the disciplinary decision complained of"), "required"))
        if decision_received_on is None:
            errors.append(FieldError("decision_received_on", _("is required: the day the complainant received the decision"), "required"))
        elif (opened_on - decision_received_on).days > rules.COMPLAINT_FILING_CALENDAR_DAYS:
            errors.append(FieldError("opened_on", _("a complaint is filed within %(days)s days of receiving the decision (received %(date)s)")
                                     % {"days": rules.COMPLAINT_FILING_CALENDAR_DAYS, "date": _short(decision_received_on)}, "too_late"))
        elif decision_received_on > opened_on:
            errors.append(FieldError("decision_received_on", _("is after the complaint was received"), "order"))
        if contested is not None and contested.state != DisciplineState.IN_FORCE:
            errors.append(FieldError("contested", _("is no longer in force"), "state"))
    elif contested is not None:
        errors.append(FieldError("contested", _("only a complaint contests a disciplinary decision"), "kind"))
    if deadline is not None and deadline < opened_on:
        errors.append(FieldError("deadline", _("is before the case opens"), "order"))
    if errors:
        raise DomainError(_("The case cannot be opened: nothing was saved."), errors)
    if kind == CaseKind.DENUNCIATION:
        deadline = denunciation_deadline(body=body, received_on=opened_on)
    now = clock.now()
    with transaction.atomic():
        case = Case.objects.create(
            kind=kind, body=body, title=title, search_title=searchable(title), subject=subject,
            target_kind=_target_kind_of(kind, target_unit, target_person, opened_on), target_unit=target_unit,
            target_person=target_person, programme_item=programme_item, directive=directive, secrecy=secrecy,
            opened_on=opened_on, deadline=deadline, original_deadline=deadline, filer_name=filer_name,
            filer_address=filer_address, repeat_of=repeat_of, new_evidence=new_evidence, contested=contested,
            decision_received_on=decision_received_on, created_by=actor, created_at=now, updated_at=now)
        _event(case, actor=actor, kind="opened", on=opened_on, data={"deadline": deadline.isoformat() if deadline else None})
        audit_record(actor=actor, action="inspections.case.open", obj=case, after=case_snapshot(case))
    return case


def _earlier_denunciation(*, body: Unit, filer_name: str, target_unit, target_person) -> Case | None:
    """A denunciation by the same person against the same target that the body has already settled."""
    if not filer_name:
        return None
    return (Case.objects.filter(kind=CaseKind.DENUNCIATION, body=body, state=CaseState.CLOSED, filer_name__iexact=filer_name,
                                target_unit=target_unit, target_person=target_person).order_by("-completed_on").first())


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update(of=("self",)).select_related("body").get(pk=case.pk)
    locked.version = version_checked(locked, expected_version)
    return locked


def _fresh(case: Case) -> Case:
    """The case as it stands now (the caller's row may be older); the write locks it again and checks its version."""
    return Case.objects.select_related("body").get(pk=case.pk)


def _refuse_closed(case: Case) -> None:
    if case.state in (CaseState.CLOSED, CaseState.NOT_HANDLED):
        raise DomainError(_("The case is %(state)s: nothing can be added.") % {"state": CaseState(case.state).label},
                          [FieldError("case", _("is closed"), "closed")], status=409)


# Steps and team

def _step_errors(case: Case, step, done_on: dt.date, done: dict[str, CaseStep]) -> list[FieldError]:
    errors = []
    if step.code in done:
        errors.append(FieldError("step", _("%(step)s was recorded on %(date)s") % {"step": step.label, "date": _short(done[step.code].done_on)}, "done"))
    missing = step_tables.missing_before(case.kind, step.code, set(done))
    if missing:
        errors.append(FieldError("step", _("first record: %(steps)s") % {"steps": ", ".join(str(s.label) for s in missing)}, "order"))
    if done_on < case.opened_on:
        errors.append(FieldError("done_on", _("is before the case opened (%(date)s)") % {"date": _short(case.opened_on)}, "order"))
    if done_on > clock.today():
        errors.append(FieldError("done_on", _("is after today"), "future"))
    earlier_phases = step_tables.PHASES[:step_tables.PHASES.index(step.phase)]
    latest = max((row.done_on for code, row in done.items()
                  if (s := step_tables.step_of(case.kind, code)) and s.phase in earlier_phases), default=None)
    if latest is not None and done_on < latest:
        errors.append(FieldError("done_on", _("is before a step of an earlier phase (%(date)s)") % {"date": _short(latest)}, "order"))
    return errors


def case_step_record(*, actor, case: Case, step: str, done_on: dt.date, note: str = "", document: Document | None = None,
                     document_title: str = "", document_number: str | None = None,
                     team: list[tuple[Person, str]] | tuple = (), expected_version: int | None = None) -> CaseStep:
    """Record a step of the case's table on its date. A step that needs a document names a registered one of its type or
    registers it here (`document_title`); the decision names the team (a head, members). The notice of conclusion is
    recorded by `case_conclude`."""
    require(can_work_on_case(actor, case), _("Only the body that conducts the case may record its steps."))
    case = _fresh(case)
    _refuse_closed(case)
    spec = step_tables.step_of(case.kind, step)
    if spec is None:
        raise DomainError(_("The step cannot be recorded: nothing was saved."),
                          [FieldError("step", _("'%(name)s' is not a step of a %(kind)s") % {"name": step, "kind": CaseKind(case.kind).label}, "unknown")])
    if spec is step_tables.last_step(case.kind):
        raise DomainError(_("The step cannot be recorded: nothing was saved."),
                          [FieldError("step", _("the notice of conclusion is issued with the recommendations (conclude the case)"), "conclude")])
    done = {row.step: row for row in case.steps.all()}
    errors = _step_errors(case, spec, done_on, done)
    errors += _document_errors(spec, document, document_title, body=case.body)
    errors += _team_errors(spec, team)
    if errors:
        raise DomainError(_("The step cannot be recorded: nothing was saved."), errors)
    with transaction.atomic():
        case = _lock(case, expected_version)
        if spec.document_type and document is None:
            document = document_register(actor=actor, issuing_unit=case.body, type=spec.document_type, issued_on=done_on,
                                         title=nfc(document_title).strip(), number=document_number, secrecy=case.secrecy,
                                         circle=CIRCLE)
        elif document is not None:
            confine(actor=actor, document=document)
        row = CaseStep.objects.create(case=case, step=spec.code, done_on=done_on, document=document, note=nfc(note or ""),
                                      recorded_by=actor, recorded_at=clock.now())
        for person, role in team:
            TeamMember.objects.create(case=case, person=person, role=role)
        before = case.state
        if spec.phase != step_tables.PREPARE:
            case.state = CaseState.CONDUCT
        case.updated_at = clock.now()
        case.save(update_fields=["state", "version", "updated_at"])
        _event(case, actor=actor, kind="step", on=done_on, note=nfc(note or ""),
               data={"step": spec.code, "document": document.number_text if document else None,
                     "team": [person.pk for person, _role in team]})
        audit_record(actor=actor, action="inspections.case.step", obj=case, before={"state": before},
                     after={"state": case.state, "step": spec.code, "done_on": done_on})
    return row


def _document_errors(spec, document: Document | None, title: str, *, body: Unit) -> list[FieldError]:
    if not spec.document_type:
        return [FieldError("document", _("%(step)s takes no document") % {"step": spec.label}, "document")] if document else []
    if document is None:
        return [] if (title or "").strip() else [FieldError("document", _("is required: the %(type)s of this step, registered or to register")
                                                             % {"type": spec.document_type}, "required")]
    errors = []
    if not document.registered:
        errors.append(FieldError("document", _("is not in the register"), "unregistered"))
    if document.type != spec.document_type:
        errors.append(FieldError("document", _("is a %(type)s, this step needs a %(wanted)s") % {"type": document.type or "—", "wanted": spec.document_type}, "type"))
    return errors


def _team_errors(spec, team) -> list[FieldError]:
    if not spec.team:
        return [FieldError("team", _("the team is named with the decision"), "team")] if team else []
    errors = []
    roles = [role for _person, role in team]
    if roles.count(TeamRole.HEAD) != 1:
        errors.append(FieldError("team_head", _("is required: one team head"), "head"))
    if any(role not in TeamRole.values for role in roles):
        errors.append(FieldError("team", _("a role on the team is head, deputy or member"), "role"))
    people = [person.pk for person, _role in team]
    if len(people) != len(set(people)):
        errors.append(FieldError("team_members", _("a person is named twice"), "twice"))
    return errors


# Deadline and filings

def case_extend(*, actor, case: Case, working_days: int, reason: str, denouncer_informed_on: dt.date | None,
                expected_version: int | None = None) -> Case:
    """Extend a denunciation's deadline once, by at most 30 working days, the denouncer informed (296-QĐ/TW)."""
    require(can_work_on_case(actor, case), _("Only the body that conducts the case may extend its deadline."))
    reason = nfc(reason or "").strip()
    with transaction.atomic():
        # Checked on the locked row: two extensions at once find the first one there.
        case = _lock(case, expected_version)
        _refuse_closed(case)
        errors = []
        if case.kind != CaseKind.DENUNCIATION:
            errors.append(FieldError("case", _("only the settlement of a denunciation is extended"), "kind"))
        if case.extension_count >= rules.DENUNCIATION_EXTENSIONS:
            errors.append(FieldError("working_days", _("a denunciation's settlement is extended once only"), "once"))
        if not isinstance(working_days, int) or not 1 <= working_days <= rules.DENUNCIATION_EXTENSION_MAX_WORKING_DAYS:
            errors.append(FieldError("working_days", _("an extension is 1 to %(days)s working days")
                                     % {"days": rules.DENUNCIATION_EXTENSION_MAX_WORKING_DAYS}, "too_long"))
        if not reason:
            errors.append(FieldError("reason", _("is required: say why more time is needed"), "required"))
        if denouncer_informed_on is None:
            errors.append(FieldError("denouncer_informed_on", _("is required: the denouncer is informed of the extension"), "required"))
        if errors:
            raise DomainError(_("The deadline cannot be extended: nothing was saved."), errors)
        before = case.deadline
        case.deadline = workdays.add_working_days(case.deadline, working_days)
        case.extension_count += 1
        case.updated_at = clock.now()
        case.save(update_fields=["deadline", "extension_count", "version", "updated_at"])
        _event(case, actor=actor, kind="extended", on=clock.today(), note=reason,
               data={"from": before.isoformat(), "to": case.deadline.isoformat(), "working_days": working_days,
                     "informed_on": denouncer_informed_on.isoformat()})
        audit_record(actor=actor, action="inspections.case.extend", obj=case, before={"deadline": before},
                     after={"deadline": case.deadline, "working_days": working_days})
    return case


def case_decline(*, actor, case: Case, on: dt.date, reason: str, expected_version: int | None = None) -> Case:
    """Close a filing without handling it (outside the body's remit, withdrawn), saying why."""
    require(can_work_on_case(actor, case), _("Only the body that conducts the case may decline it."))
    case = _fresh(case)
    _refuse_closed(case)
    reason = nfc(reason or "").strip()
    errors = []
    if not reason:
        errors.append(FieldError("reason", _("is required: say why the case is not handled"), "required"))
    if on < case.opened_on:
        errors.append(FieldError("on", _("is before the case opened (%(date)s)") % {"date": _short(case.opened_on)}, "order"))
    if errors:
        raise DomainError(_("The case cannot be declined: nothing was saved."), errors)
    with transaction.atomic():
        case = _lock(case, expected_version)
        case.state, case.cancelled_on, case.updated_at = CaseState.NOT_HANDLED, on, clock.now()
        case.save(update_fields=["state", "cancelled_on", "version", "updated_at"])
        _event(case, actor=actor, kind="not_handled", on=on, note=reason)
        audit_record(actor=actor, action="inspections.case.decline", obj=case, after=case_snapshot(case))
    return case


# The conclusion

@dataclass(frozen=True)
class RecommendationSpec:
    """What the lead unit must do: the task it receives, whose authority is the notice of conclusion."""
    title: str
    lead_unit: str | None      # a unit's code
    leader: str | None         # a user name
    product: str
    deadline: dt.date | None
    coordinators: tuple[str, ...] = ()


def case_conclude(*, actor, case: Case, done_on: dt.date, notice_title: str, findings: str,
                  recommendations: list[RecommendationSpec] | tuple = (), notice_number: str | None = None,
                  signer: str = "", outcome: str = "", new_form: str = "", expected_version: int | None = None) -> Case:
    """Issue the notice of conclusion (a registered TB document of the body) with the recommendations as six-clears
    tasks, and close the case; a complaint ends by keeping, changing or annulling the discipline (`discipline.py`
    writes the change). All or nothing."""
    require(can_work_on_case(actor, case), _("Only the body that conducts the case may conclude it."))
    case = _fresh(case)
    _refuse_closed(case)
    done = {row.step: row for row in case.steps.all()}
    last = step_tables.last_step(case.kind)
    errors = _step_errors(case, last, done_on, done)
    findings = nfc(findings or "").strip()
    if not (notice_title or "").strip():
        errors.append(FieldError("notice_title", _("is required"), "required"))
    if not findings:
        errors.append(FieldError("findings", _("is required: what the case found"), "required"))
    if case.kind == CaseKind.COMPLAINT:
        if outcome not in rules.OUTCOMES:
            errors.append(FieldError("outcome", _("a complaint ends by keeping, changing or annulling the discipline"), "outcome"))
        elif outcome == "changed" and not new_form:
            errors.append(FieldError("new_form", _("is required: the form the discipline is changed to"), "required"))
    elif outcome:
        errors.append(FieldError("outcome", _("only a complaint ends with an outcome"), "kind"))
    if errors:
        raise DomainError(_("The case cannot be concluded: nothing was saved."), errors)
    notice_title = nfc(notice_title or "").strip()
    errors = overlong_errors(Case, notice_title=notice_title)
    if errors:
        raise DomainError(_("The case cannot be concluded: nothing was saved."), errors)
    # The register knows the notice by a neutral title: its lead units read it beside its number (documents.circles).
    header = DocumentHeader(issuing_unit=case.body.code, type="TB", issued_on=done_on, title=neutral_notice_title(),
                            number=notice_number, signer=signer, circle=CIRCLE)
    tasks = [TaskSpec(title=spec.title, lead_unit=spec.lead_unit, leader=spec.leader, product=spec.product,
                      deadline=spec.deadline, coordinators=tuple(spec.coordinators)) for spec in recommendations]
    with transaction.atomic():
        case = _lock(case, expected_version)
        issued = document_issue(actor=actor, header=header, tasks=tasks,
                                refusal=_("The case cannot be concluded: nothing was saved."))
        notice = issued.document
        CaseStep.objects.create(case=case, step=last.code, done_on=done_on, document=notice, recorded_by=actor,
                                recorded_at=clock.now())
        Recommendation.objects.bulk_create([Recommendation(case=case, task=task, position=index + 1)
                                            for index, task in enumerate(issued.tasks)])
        case.state, case.completed_on, case.conclusion_notice, case.findings = CaseState.CLOSED, done_on, notice, findings
        case.outcome, case.notice_title, case.updated_at = outcome, notice_title, clock.now()
        case.save(update_fields=["state", "completed_on", "conclusion_notice", "notice_title", "findings", "outcome",
                                 "version", "updated_at"])
        _event(case, actor=actor, kind="concluded", on=done_on,
               data={"document": notice.number_text, "recommendations": [task.pk for task in issued.tasks], "outcome": outcome})
        audit_record(actor=actor, action="inspections.case.conclude", obj=case, after=case_snapshot(case))
        if case.kind == CaseKind.COMPLAINT:
            try:
                complaint_settle(actor=actor, case=case, outcome=outcome, notice=notice, new_form=new_form)
            except DomainError as error:  # rolls the conclusion back; the new decision's form is the outcome's
                raise DomainError(_("The case cannot be concluded: nothing was saved."),
                                  [FieldError("new_form" if e.field == "form" else e.field, e.reason, e.code) for e in error.errors],
                                  status=error.status) from None
    return case

