"""Disciplinary decisions (296-QĐ/TW): refused with the rule they break — a form not allowed for the target, a
violation past its limitation period, a member who may not be considered now, a body deciding beyond its authority —
and, for a member, written into the person's discipline history through personnel's `discipline_record`.

A complaint's outcome (`case_conclude`) keeps, changes or annuls a decision: `discipline_change` and
`discipline_annul` update this register; a change is a new decision whose form passes the same rules.
"""
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.accounts.secrecy import secrecy_errors
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError
from mandate.core.text import nfc
from mandate.documents.models import Document
from mandate.documents.services import document_register
from mandate.inspections import rules
from mandate.inspections.apps import CIRCLE
from mandate.inspections.confined import confine
from mandate.inspections.models import (
    Case, ConsiderationPause, DisciplineDecision, DisciplineForm, DisciplineState, PauseReason, TargetKind,
)
from mandate.inspections.permissions import can_decide_discipline, can_work_on_case
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, Person
from mandate.personnel.services import discipline_record


def _short(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def member_standing(person: Person, *, on: dt.date) -> str:
    """A full member from the day of full membership; a probationary one before it."""
    full = person.party_full_member_on
    return TargetKind.FULL_MEMBER if full is not None and full <= on else TargetKind.PROBATIONARY_MEMBER


def member_tier(person: Person, *, on: dt.date) -> str | None:
    """The tier a member is managed at: the highest of the posts held on `on` (377-QĐ/TW), else the tier of the unit
    keeping the dossier; None when neither is known."""
    held = set(Holding.objects.filter(person=person, starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
               .values_list("position__tier", flat=True))
    for tier in rules.TIER_ORDER:
        if tier in held:
            return tier
    return person.kept_by.tier if person.kept_by_id else None


def _holds_a_post(person: Person, day: dt.date) -> bool:
    return Holding.objects.filter(person=person, starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day)).exists()


def pause_on(person: Person, day: dt.date) -> ConsiderationPause | None:
    """Why `person` may not be considered for discipline on `day`, if anything says so."""
    return (ConsiderationPause.objects.filter(person=person, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day)).order_by("valid_from").first())


def rule_errors(*, target_kind: str, target_tier: str | None, form: str, body: Unit, violation_on: dt.date | None,
                decided_on: dt.date, person: Person | None = None) -> list[FieldError]:
    """Every rule of discipline the decision would break, each naming its field (the rules of `rules.py`)."""
    errors = []
    allowed = rules.forms_allowed(target_kind)
    if form not in DisciplineForm.values:
        errors.append(FieldError("form", _("'%(name)s' is not one of %(names)s") % {"name": form, "names": ", ".join(DisciplineForm.values)}, "choice"))
        return errors
    if form not in allowed:
        errors.append(FieldError("form", _("%(form)s is not a form of discipline for a %(target)s (allowed: %(allowed)s)")
                                 % {"form": DisciplineForm(form).label, "target": TargetKind(target_kind).label,
                                    "allowed": ", ".join(str(DisciplineForm(f).label) for f in allowed)}, "form_not_allowed"))
    if violation_on is not None and not rules.within_limitation(form=form, violation_on=violation_on, decided_on=decided_on):
        ends = rules.limitation_ends(form=form, violation_on=violation_on)
        errors.append(FieldError("violation_on", _("past the limitation period: a violation warranting %(form)s is disciplined within %(years)s years (until %(date)s)")
                                 % {"form": DisciplineForm(form).label, "years": rules.LIMITATION_YEARS[form], "date": _short(ends)}, "limitation"))
    if form == DisciplineForm.REMOVAL and person is not None and not _holds_a_post(person, decided_on):
        # 296-QĐ/TW and the Charter: cách chức removes a member from a post they hold; one who holds none is not removed.
        errors.append(FieldError("form", _("%(name)s holds no post on %(date)s: removal from post (cách chức) is for a member who holds one")
                                 % {"name": person.full_name, "date": _short(decided_on)}, "no_post"))
    if person is not None and (pause := pause_on(person, decided_on)) is not None:
        errors.append(FieldError("target", _("%(name)s may not be considered for discipline now: %(reason)s (since %(date)s)")
                                 % {"name": person.full_name, "reason": PauseReason(pause.reason).label,
                                    "date": _short(pause.valid_from)}, "not_considered"))
    if target_tier is None:
        errors.append(FieldError("target", _("the member's tier is not known: record a post held or the unit keeping the dossier"), "tier"))
    elif form in allowed and form not in rules.forms_decided_by(body_kind=body.kind, body_tier=body.tier,
                                                                 target_kind=target_kind, target_tier=target_tier):
        errors.append(FieldError("body", _("%(body)s may not decide %(form)s for this target: beyond its authority")
                                 % {"body": body.name, "form": DisciplineForm(form).label}, "authority"))
    return errors


def discipline_decide(*, actor, body: Unit, form: str, violation: str, violation_on: dt.date, decided_on: dt.date,
                      target_unit: Unit | None = None, target_person: Person | None = None, case: Case | None = None,
                      document: Document | None = None, document_title: str = "", document_number: str | None = None,
                      later_violation_on: dt.date | None = None, secrecy: int = 0,
                      replaces: DisciplineDecision | None = None) -> DisciplineDecision:
    """Record a disciplinary decision of `body`, refused naming every rule it breaks; a member's is also written into
    the person's discipline history. A later violation (`later_violation_on`) restarts the limitation period."""
    require(can_decide_discipline(actor, body), _("You may not record the discipline decisions of %(unit)s.") % {"unit": body.name})
    violation = nfc(violation or "").strip()
    errors = list(secrecy_errors(actor, secrecy))
    if (target_unit is None) == (target_person is None):
        errors.append(FieldError("target", _("name either a party organization or a party member"), "one_target"))
    if not violation:
        errors.append(FieldError("violation", _("is required"), "required"))
    if decided_on > clock.today():
        errors.append(FieldError("decided_on", _("is after today"), "future"))
    if violation_on > decided_on:
        errors.append(FieldError("violation_on", _("is after the decision"), "order"))
    if later_violation_on is not None and not violation_on <= later_violation_on <= decided_on:
        errors.append(FieldError("later_violation_on", _("is between the violation and the decision"), "order"))
    if document is None and not (document_title or "").strip():
        errors.append(FieldError("document", _("is required: the decision's document, registered or to register"), "required"))
    elif document is not None and (not document.registered or document.type != "QĐ"):
        errors.append(FieldError("document", _("is a registered decision (QĐ)"), "type"))
    if case is not None and not can_work_on_case(actor, case):
        errors.append(FieldError("case", _("is not a case of a body you work in"), "case"))
    if target_unit is not None or target_person is not None:
        if target_person is not None:
            target_kind, tier = member_standing(target_person, on=decided_on), member_tier(target_person, on=decided_on)
        else:
            target_kind, tier = TargetKind.ORGANIZATION, target_unit.tier
        errors += rule_errors(target_kind=target_kind, target_tier=tier, form=form, body=body, decided_on=decided_on,
                              violation_on=later_violation_on or violation_on, person=target_person)
    if errors:
        raise DomainError(_("The disciplinary decision cannot be recorded: nothing was saved."), errors)
    with transaction.atomic():
        if document is None:
            document = document_register(actor=actor, issuing_unit=body, type="QĐ", issued_on=decided_on,
                                         title=nfc(document_title).strip(), number=document_number, secrecy=secrecy,
                                         circle=CIRCLE)
        else:
            confine(actor=actor, document=document)
        decision = DisciplineDecision.objects.create(
            target_kind=target_kind, target_unit=target_unit, target_person=target_person, case=case, violation=violation,
            violation_on=later_violation_on or violation_on, form=form, body=body, decided_on=decided_on,
            document=document, replaces=replaces, secrecy=secrecy, created_by=actor, created_at=clock.now())
        if target_person is not None:
            try:
                decision.record = discipline_record(actor=actor, person=target_person, form=form, violation=violation,
                                                    deciding_unit=body, decided_on=decided_on, document=document,
                                                    source=f"inspections:{decision.pk}")
            except DomainError as error:
                raise DomainError(error.message, error.errors, status=error.status) from None
            decision.save(update_fields=["record"])
        audit_record(actor=actor, action="inspections.discipline.decide", obj=decision, after=discipline_snapshot(decision))
    return decision


def discipline_snapshot(decision: DisciplineDecision) -> dict:
    return {"target_kind": decision.target_kind, "target_unit": getattr(decision.target_unit, "code", None),
            "target_person": decision.target_person_id, "form": decision.form, "body": decision.body.code,
            "decided_on": decision.decided_on, "document": decision.document.number_text, "state": decision.state,
            "replaces": decision.replaces_id, "case": decision.case_id}


def complaint_settle(*, actor, case: Case, outcome: str, notice: Document, new_form: str = "") -> DisciplineDecision | None:
    """What a complaint's conclusion does to the decision complained of: kept as it is, annulled, or changed into a
    new decision of `new_form` (by the body that settles the complaint, under the same rules). Runs inside
    `case_conclude`'s transaction."""
    contested = DisciplineDecision.objects.select_for_update().get(pk=case.contested_id)
    if outcome == "kept":
        return None
    before = discipline_snapshot(contested)
    replacement = None
    if outcome == "changed":
        if not new_form:
            raise DomainError(_("The case cannot be concluded: nothing was saved."),
                              [FieldError("new_form", _("is required: the form the discipline is changed to"), "required")])
        if new_form == contested.form:
            raise DomainError(_("The case cannot be concluded: nothing was saved."),
                              [FieldError("new_form", _("is the form complained of: the outcome is to keep it"), "same")])
        # The violation keeps its date: the change is the settling body's reading of the same facts.
        replacement = discipline_decide(
            actor=actor, body=case.body, form=new_form, violation=contested.violation, violation_on=contested.violation_on,
            decided_on=notice.issued_on, target_unit=contested.target_unit, target_person=contested.target_person,
            case=case, document_title=_("Decision changing the discipline: %(number)s") % {"number": contested.document.number_text},
            secrecy=contested.secrecy, replaces=contested)
    contested.state = DisciplineState.CHANGED if outcome == "changed" else DisciplineState.ANNULLED
    contested.save(update_fields=["state"])
    audit_record(actor=actor, action=f"inspections.discipline.{outcome}", obj=contested, before=before,
                 after=discipline_snapshot(contested))
    return replacement


def pause_record(*, actor, person: Person, reason: str, valid_from: dt.date, valid_to: dt.date | None = None,
                 body: Unit) -> ConsiderationPause:
    """Record a time when `person` may not be considered for discipline (pregnant, nursing a child under 12 months,
    seriously ill in hospital). Nursing ends 12 months after the child's birth (`valid_from`) unless said otherwise."""
    require(can_decide_discipline(actor, body), _("You may not record the discipline decisions of %(unit)s.") % {"unit": body.name})
    errors = []
    if reason not in PauseReason.values:
        errors.append(FieldError("reason", _("'%(name)s' is not one of %(names)s") % {"name": reason, "names": ", ".join(PauseReason.values)}, "choice"))
    if reason == PauseReason.NURSING and valid_to is None:
        valid_to = rules._years_after(valid_from, 1)
    if valid_to is not None and valid_to <= valid_from:
        errors.append(FieldError("valid_to", _("is not after the start"), "order"))
    if errors:
        raise DomainError(_("Nothing was saved: correct what is marked."), errors)
    with transaction.atomic():
        pause = ConsiderationPause.objects.create(person=person, reason=reason, valid_from=valid_from, valid_to=valid_to,
                                                  created_by=actor, created_at=clock.now())
        audit_record(actor=actor, action="inspections.pause.record", obj=pause,
                     after={"person": person.pk, "reason": reason, "valid_from": valid_from, "valid_to": valid_to})
    return pause
