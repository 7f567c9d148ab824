"""Personnel events: a decision about a person's posts (appointment, reappointment, nomination, election,
designation, transfer, rotation, secondment, dismissal, resignation, retirement, suspension), backed by a registered
document, checked against every rule of `rules.py` and applied in one transaction with its audit record.

`personnel_event_apply(..., dry_run=True)` answers what the event would change and every rule it breaks, and writes
nothing; without `dry_run` a broken rule is a refusal naming each field and rule (the same list), and nothing is
half-written. The answer also offers the user-account side (item 8): the roles in the unit of an ended post, to
withdraw, and a role in the unit of the new post, to give (`accounts.administration` does either, when asked).
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.models import Membership, Role
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, invalid
from mandate.core.limits import overlong_errors
from mandate.core.text import nfc
from mandate.documents.models import Document
from mandate.personnel import rules
from mandate.personnel.models import (
    DisciplineForm, EventKind, Holding, HoldingKind, Person, PersonnelEvent, PlanningEntry, Position, ProcedureStep, StepKind,
)
from mandate.personnel.permissions import can_keep_files
from mandate.personnel.titles import HEADS_NOT_LOCAL

K = EventKind
GIVES_POST = (K.APPOINTMENT, K.REAPPOINTMENT, K.ELECTION, K.DESIGNATION, K.TRANSFER, K.ROTATION, K.SECONDMENT)
ENDS_POST = (K.DISMISSAL, K.RESIGNATION, K.RETIREMENT)
NEEDS_POSITION = (*GIVES_POST, K.NOMINATION)
AGE_RULE = (K.APPOINTMENT, K.NOMINATION, K.DESIGNATION)
TENURE_RULE = (K.APPOINTMENT, K.NOMINATION)
DISCIPLINE_RULE = (K.APPOINTMENT, K.NOMINATION, K.ELECTION, K.DESIGNATION, K.ROTATION)
LEADER_GRADE = 2  # from a deputy head of a division up, the holder leads the unit in Mandate (the leader's role)


@dataclass(frozen=True)
class StepIn:
    kind: str
    held_on: dt.date
    convened: int
    present: int
    votes_for: int | None = None


@dataclass
class EventOutcome:
    applied: bool
    event: PersonnelEvent | None = None
    changes: list[dict] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    roles_to_end: list[dict] = field(default_factory=list)
    roles_to_give: list[dict] = field(default_factory=list)
    # The holdings the event ends: those it names, and the acting ones an official holder displaces.
    ends: list[Holding] = field(default_factory=list, repr=False)
    displaced: list[Holding] = field(default_factory=list, repr=False)


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _open_on(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def _in_grade_since(person: Person, grade: int, day: dt.date) -> dt.date | None:
    """The first day of the person's unbroken service in posts of `grade` (equivalent posts) that runs through `day`."""
    spans = sorted(Holding.objects.filter(person=person, position__grade=grade, starts_on__lte=day)
                   .values_list("starts_on", "ends_on"))
    since, until = None, None
    for start, end in spans:
        end = end or dt.date.max
        if since is None or start > until:
            since, until = start, end
        else:
            until = max(until, end)
    return since if since is not None and until > day else None


def _holding_text(holding: Holding) -> dict:
    return {"holding": holding.pk, "person": holding.person.full_name, "position": holding.position.title,
            "unit": holding.position.unit.code, "kind": holding.kind}


def _refusal(errors: list[FieldError]) -> DomainError:
    return DomainError(_("The personnel event cannot be applied: %(reasons)s")
                       % {"reasons": "; ".join(error.reason for error in errors)}, errors)


def personnel_event_apply(*, actor, kind: str, person: Person, document: Document, effective_on: dt.date,
                          position: Position | None = None, ends: list[Holding] | tuple = (), holding_kind: str = "",
                          dossier_received_on: dt.date | None = None, ends_on: dt.date | None = None,
                          internal: bool | None = None, steps: list[StepIn] | tuple = (), votes_convened: int | None = None,
                          votes_present: int | None = None, votes_for: int | None = None, note: str = "",
                          dry_run: bool = False) -> EventOutcome:
    """Apply a personnel event (or, with `dry_run`, say what it would change and every rule it breaks)."""
    if kind not in EventKind.values:
        raise invalid("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(EventKind.values)}, "choice")
    where = position.unit if position is not None else (ends[0].position.unit if ends else person.kept_by)
    require(where is not None and can_keep_files(actor, where),
            _("You may not keep the cadre files of %(unit)s.") % {"unit": where.name if where else person.full_name})
    note = nfc(note or "")
    with transaction.atomic():
        if position is not None:
            # Seats are counted under the post's lock: two appointments to its last seat cannot both find it free.
            position = Position.objects.select_for_update().select_related("unit").get(pk=position.pk)
        person = Person.objects.select_for_update().get(pk=person.pk)
        outcome = _check(kind=kind, person=person, document=document, effective_on=effective_on, position=position,
                         ends=list(ends), holding_kind=holding_kind, dossier_received_on=dossier_received_on, ends_on=ends_on,
                         internal=internal, steps=list(steps), votes=(votes_convened, votes_present, votes_for), note=note)
        if outcome.errors and not dry_run:
            raise _refusal(outcome.errors)
        if dry_run:
            return outcome
        _write(actor=actor, outcome=outcome, kind=kind, person=person, document=document, effective_on=effective_on,
               position=position, holding_kind=holding_kind or _default_kind(kind), dossier_received_on=dossier_received_on,
               ends_on=ends_on, internal=internal, steps=list(steps), votes=(votes_convened, votes_present, votes_for), note=note)
    return outcome


def _default_kind(kind: str) -> str:
    return HoldingKind.SECONDED if kind == K.SECONDMENT else HoldingKind.OFFICIAL


def _check(*, kind, person, document, effective_on, position, ends, holding_kind, dossier_received_on, ends_on, internal,
           steps, votes, note) -> EventOutcome:
    errors: list[FieldError] = overlong_errors(PersonnelEvent, note=note)
    outcome = EventOutcome(applied=False, errors=errors)
    if not document.registered or document.issued_on is None:
        errors.append(FieldError("document", _("%(number)s is not in the register") % {"number": document.number_text}, "unregistered"))
    elif document.issued_on > effective_on:
        errors.append(FieldError("document", _("is dated %(issued)s, after the effective day %(day)s")
                                 % {"issued": _day(document.issued_on), "day": _day(effective_on)}, "document_date"))
    if ends_on is not None and ends_on <= effective_on:
        errors.append(FieldError("ends_on", _("must be after the first day %(date)s") % {"date": _day(effective_on)}))
    elif kind == K.ROTATION and (reason := rules.rotation_period_rule(starts=effective_on, ends=ends_on)):
        errors.append(FieldError("ends_on", reason, "rotation_period"))
    if holding_kind and holding_kind not in HoldingKind.values:
        errors.append(FieldError("holding_kind", _("'%(name)s' is not one of %(names)s")
                                 % {"name": holding_kind, "names": ", ".join(HoldingKind.values)}, "choice"))
    giving = holding_kind if holding_kind in HoldingKind.values else _default_kind(kind)
    held = list(Holding.objects.filter(_open_on(effective_on), person=person).select_related("position", "position__unit", "person"))
    for holding in ends:
        if holding.person_id != person.pk or not holding.is_held_on(effective_on) or holding.starts_on == effective_on:
            errors.append(FieldError("ends", _("%(person)s does not hold %(position)s on %(day)s")
                                     % {"person": person.full_name, "position": holding.position.title, "day": _day(effective_on)}, "not_held"))
    if kind == K.REAPPOINTMENT and position is not None:
        ends = [h for h in held if h.position_id == position.pk] or ends
        if not any(h.position_id == position.pk for h in held):
            errors.append(FieldError("position", _("%(person)s does not hold %(position)s on %(day)s")
                                     % {"person": person.full_name, "position": position.title, "day": _day(effective_on)}, "not_held"))
    if kind == K.RETIREMENT and not ends:
        ends = [h for h in held if h.starts_on < effective_on]
    if kind in (K.DISMISSAL, K.RESIGNATION) and not ends:
        errors.append(FieldError("ends", _("name the post the decision ends"), "required"))
    if kind == K.SUSPENSION and not held:
        errors.append(FieldError("person", _("%(person)s holds no post on %(day)s") % {"person": person.full_name, "day": _day(effective_on)}, "not_held"))
    ending = {h.pk for h in ends}
    outcome.changes += [{"action": "end", "day": effective_on, **_holding_text(h)} for h in ends]
    if kind in NEEDS_POSITION:
        if position is None:
            errors.append(FieldError("position", _("is required"), "required"))
        else:
            _position_rules(kind=kind, person=person, position=position, effective_on=effective_on, held=held, ending=ending,
                            giving=giving, dossier_received_on=dossier_received_on, outcome=outcome)
    if kind == K.APPOINTMENT and document.issued_on is not None:
        for name, reason, rule in rules.procedure_errors(internal=internal, decided_on=document.issued_on, steps=[
                rules.Step(kind=s.kind, held_on=s.held_on, convened=s.convened, present=s.present, votes_for=s.votes_for) for s in steps]):
            errors.append(FieldError(name, reason, rule))
    if kind == K.ELECTION:
        errors += [FieldError(name, reason, rule) for name, reason, rule in rules.vote_errors(convened=votes[0], present=votes[1], votes_for=votes[2])]
    for step in steps:
        if step.kind not in StepKind.values:
            errors.append(FieldError("steps", _("'%(name)s' is not one of %(names)s") % {"name": step.kind, "names": ", ".join(StepKind.values)}, "choice"))
            break
    _offers(outcome=outcome, person=person, ends=ends, position=position if kind in GIVES_POST else None)
    outcome.ends = ends
    return outcome


def _position_rules(*, kind, person, position, effective_on, held, ending, giving, dossier_received_on, outcome) -> None:
    errors = outcome.errors
    if not position.is_valid_on(effective_on):
        errors.append(FieldError("position", _("%(position)s does not exist on %(day)s") % {"position": position.title, "day": _day(effective_on)}, "position_closed"))
    if kind != K.REAPPOINTMENT and any(h.position_id == position.pk and h.pk not in ending for h in held):
        errors.append(FieldError("position", _("%(person)s already holds %(position)s on %(day)s")
                                 % {"person": person.full_name, "position": position.title, "day": _day(effective_on)}, "already_holds"))
    rule_day = dossier_received_on or effective_on
    before = list(Holding.objects.filter(_open_on(rule_day), person=person).select_related("position"))
    current_grade = max((h.position.grade for h in before if h.position_id != position.pk), default=0)
    higher = position.grade > current_grade
    first = not Holding.objects.filter(person=person, position__grade__gt=0, starts_on__lt=rule_day).exists()
    if kind in AGE_RULE:
        if dossier_received_on is None:
            errors.append(FieldError("dossier_received_on", _("is required: the age rule is counted on that day"), "required"))
        else:
            reason = rules.age_rule(sex=person.sex, birth_date=person.birth_date, dossier_day=dossier_received_on)
            if reason:
                errors.append(FieldError("person", reason, "age"))
    if kind in TENURE_RULE and higher:
        reason = rules.tenure_rule(in_grade_since=_in_grade_since(person, current_grade, rule_day), first_appointment=first, on=rule_day)
        if reason:
            errors.append(FieldError("person", reason, "tenure"))
    if kind in DISCIPLINE_RULE and higher:
        labels = dict(DisciplineForm.choices)
        reason = rules.discipline_rule(on=rule_day, disciplines=[
            rules.Discipline(form=form, form_label=str(labels[form]), decided_on=day)
            for form, day in person.disciplines.filter(decided_on__lte=rule_day).values_list("form", "decided_on")])
        if reason:
            errors.append(FieldError("person", reason, "discipline"))
    if kind == K.ROTATION:
        reason = rules.rotation_rule(sex=person.sex, birth_date=person.birth_date, on=effective_on,
                                     head=position.kind in HEADS_NOT_LOCAL)
        if reason:
            errors.append(FieldError("person", reason, "rotation"))
        pooled = PlanningEntry.objects.filter(person=person, added_on__lte=effective_on).filter(
            Q(removed_on__isnull=True) | Q(removed_on__gt=effective_on)).exists()
        if not pooled:
            errors.append(FieldError("person", _("%(person)s is not in a planning pool on %(day)s; a rotated cadre must be (rotation rule)")
                                     % {"person": person.full_name, "day": _day(effective_on)}, "rotation_planning"))
    if kind in GIVES_POST:
        _seats(person=person, position=position, effective_on=effective_on, ending=ending, giving=giving, outcome=outcome)


def _seats(*, person, position, effective_on, ending, giving, outcome) -> None:
    others = [h for h in Holding.objects.filter(_open_on(effective_on), position=position).select_related("person", "position", "position__unit")
              .order_by("starts_on") if h.pk not in ending and h.person_id != person.pk]
    acting = [h for h in others if h.kind == HoldingKind.ACTING]
    occupied = len(others) if giving == HoldingKind.ACTING else len(others) - len(acting)
    if occupied >= position.seats:
        outcome.errors.append(FieldError("position", _("all %(seats)s seats of %(position)s are held on %(day)s")
                                         % {"seats": position.seats, "position": position.title, "day": _day(effective_on)}, "seat_full"))
        return
    # An official holder takes the seat an acting one kept: the acting holding ends the same day.
    displaced = acting[:max(len(others) + 1 - position.seats, 0)] if giving != HoldingKind.ACTING else []
    outcome.changes += [{"action": "end", "day": effective_on, **_holding_text(h)} for h in displaced]
    outcome.displaced = displaced
    outcome.changes.append({"action": "open", "day": effective_on, "holding": None, "person": person.full_name,
                            "position": position.title, "unit": position.unit.code, "kind": giving})


def _offers(*, outcome, person, ends, position) -> None:
    """The account's side: roles in the units of ended posts, and a role in the unit of the new post."""
    if person.user_id is None:
        return
    staying = {position.unit_id} if position is not None else set()
    for membership in Membership.objects.filter(user_id=person.user_id, unit__in=[h.position.unit_id for h in ends]) \
            .exclude(unit__in=staying).select_related("unit", "user"):
        outcome.roles_to_end.append({"membership": membership.pk, "user": membership.user.username,
                                     "unit": membership.unit.code, "unit_name": membership.unit.name, "role": membership.role})
    if position is not None and not Membership.objects.filter(user_id=person.user_id, unit=position.unit).exists():
        outcome.roles_to_give.append({"user": person.user.username, "unit": position.unit.code, "unit_name": position.unit.name,
                                      "role": Role.LEADER if position.grade >= LEADER_GRADE else Role.SPECIALIST})


def _write(*, actor, outcome, kind, person, document, effective_on, position, holding_kind, dossier_received_on, ends_on,
           internal, steps, votes, note) -> None:
    now = clock.now()
    event = PersonnelEvent.objects.create(
        kind=kind, person=person, position=position if kind in NEEDS_POSITION else None, document=document,
        holding_kind=holding_kind if kind in GIVES_POST else "", effective_on=effective_on,
        dossier_received_on=dossier_received_on, ends_on=ends_on, internal=internal, votes_convened=votes[0],
        votes_present=votes[1], votes_for=votes[2], note=note, created_by=actor, created_at=now)
    ProcedureStep.objects.bulk_create([
        ProcedureStep(event=event, number=number, kind=step.kind, held_on=step.held_on, convened=step.convened,
                      present=step.present, votes_for=step.votes_for) for number, step in enumerate(steps, start=1)])
    for holding in [*outcome.ends, *outcome.displaced]:
        holding.ends_on, holding.ended_by = effective_on, event
        holding.save(update_fields=["ends_on", "ended_by"])
    if kind in GIVES_POST:
        holding = Holding.objects.create(person=person, position=position, kind=holding_kind, starts_on=effective_on,
                                         ends_on=ends_on, basis=document, started_by=event, created_at=now)
        for change in outcome.changes:
            if change["action"] == "open":
                change["holding"] = holding.pk
    audit_record(actor=actor, action=f"personnel.event.{kind}", obj=event, after={
        "kind": kind, "person": person.pk, "position": position.pk if position else None, "document": document.number_text,
        "effective_on": effective_on, "changes": outcome.changes})
    outcome.applied, outcome.event = True, event
