"""Every write on cadre files except the personnel events (`events.py`): posts, people, holdings kept from old files,
discipline, the planning pool, quotas and headcounts, and the log of who opened whose record.

Public interface (for other apps): `discipline_record(*, actor, person, form, violation, deciding_unit, decided_on,
document=None, source=None) -> DisciplineRecord` writes one discipline into a person's history in one transaction
with its audit record; `source` names the app and object that decided it (the inspections app passes
"inspections:<id>"); the actor must write for the deciding body or keep the cadre files of its territory, and the
refusal names the field. The age, tenure and discipline rules of appointments read this history through
`selectors.disciplines_of`. A reorganization carries posts with `position_carry` and `position_carry_revert`
(one position, with its open holdings, closed on the effective day and reopened in the successor unit; the revert
deletes what the carry opened and reopens what it closed), each inside the caller's transaction; `carry_conflict`
names a post the successor already has under that title (one to be arranged, which `position_carry` refuses).
"""
import datetime as dt

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mandate.accounts.permissions import WRITERS, has_role_over, require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError
from mandate.core.integrity import refuse_duplicate
from mandate.core.limits import overlong_errors
from mandate.core.preconditions import version_checked
from mandate.core.text import nfc, searchable
from mandate.documents.models import Document
from mandate.documents.services import numbering_owner
from mandate.orgs.models import Term, Tier, Unit
from mandate.personnel.models import (
    DisciplineForm, DisciplineRecord, Headcount, Holding, HoldingKind, Person, PlanningEntry, PoliticalTheory, Position,
    RecordOpening, Sex, StaffingQuota,
)
from mandate.personnel.permissions import can_correct_person, can_keep_files
from mandate.personnel.titles import Title, grade_of, vietnamese_name

PLANNING_MOST_TITLES_PER_PERSON = 3
PLANNING_MOST_PEOPLE_PER_TITLE = 3


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _named(unit: Unit | None, field_name: str) -> Unit:
    """The unit a service needs: none named (an empty code) is a refusal of its field, not a server error."""
    if unit is None:
        raise DomainError(_("Nothing was saved: correct what is marked below."), [FieldError(field_name, _("is required"), "required")])
    return unit


def _keep(actor, unit: Unit) -> None:
    require(can_keep_files(actor, unit), _("You may not keep the cadre files of %(unit)s.") % {"unit": unit.name})


def position_snapshot(position: Position) -> dict:
    return {"unit": position.unit.code, "kind": position.kind, "title": position.title, "grade": position.grade,
            "seats": position.seats, "tier": position.tier, "managing_unit": position.managing_unit.code,
            "valid_from": position.valid_from, "valid_to": position.valid_to,
            "predecessor": position.predecessor_id, "reorganization": position.reorganization_id}


def person_snapshot(person: Person) -> dict:
    # The audit trail keeps that a record changed and who changed it, not the personal data itself.
    return {"full_name": person.full_name, "user": person.user_id, "kept_by": person.kept_by.code if person.kept_by else None}


def holding_snapshot(holding: Holding) -> dict:
    return {"person": holding.person_id, "position": holding.position_id, "kind": holding.kind,
            "starts_on": holding.starts_on, "ends_on": holding.ends_on, "basis": holding.basis_id,
            "carried_from": holding.carried_from_id, "reorganization": holding.reorganization_id}


def position_create(*, actor, unit: Unit, kind: str, title: str = "", seats: int = 1, tier: str | None = None,
                    managing_unit: Unit | None = None, grade: int | None = None, valid_from: dt.date | None = None) -> Position:
    """Add a post to `unit`: its title, seats and the committee that manages its tier."""
    _keep(actor, _named(unit, "unit"))
    title = nfc(title or "") or (vietnamese_name(kind) if kind in Title.values else "")
    errors = overlong_errors(Position, title=title)
    if kind not in Title.values:
        errors.append(FieldError("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(Title.values)}, "choice"))
    tier = tier or unit.tier
    if tier not in Tier.values:
        errors.append(FieldError("tier", _("'%(name)s' is not one of %(names)s") % {"name": tier, "names": ", ".join(Tier.values)}, "choice"))
    if not 1 <= seats <= 99:
        errors.append(FieldError("seats", _("must be from 1 to %(most)s") % {"most": 99}))
    if valid_from is not None and not unit.is_valid_on(valid_from):
        errors.append(FieldError("valid_from", _("%(unit)s did not exist on %(date)s") % {"unit": unit.name, "date": _day(valid_from)}, "closed"))
    if errors:
        raise DomainError(_("The position cannot be created."), errors)
    taken = DomainError(_("The position cannot be created."), [FieldError("title", _(
        "%(unit)s already has a position named %(title)s") % {"unit": unit.name, "title": title}, "duplicate")])
    with transaction.atomic():
        with refuse_duplicate(Position, "position_title_once_open", taken):
            position = Position.objects.create(
                unit=unit, kind=kind, title=title, search_title=searchable(title, unit.name), seats=seats, tier=tier,
                managing_unit=managing_unit or unit, grade=grade_of(kind) if grade is None else grade,
                valid_from=valid_from, created_at=clock.now())
        audit_record(actor=actor, action="personnel.position.create", obj=position, after=position_snapshot(position))
    return position


def person_create(*, actor, full_name: str, birth_date: dt.date, sex: str, kept_by: Unit, home_province: str = "",
                  ethnicity: str = "", party_joined_on: dt.date | None = None, party_full_member_on: dt.date | None = None,
                  education: str = "", political_theory: str = "", user=None) -> Person:
    """Open a cadre's record, kept by the organization committee of `kept_by`'s territory."""
    _keep(actor, _named(kept_by, "kept_by"))
    fields = {"full_name": nfc(full_name or ""), "home_province": nfc(home_province or ""), "ethnicity": nfc(ethnicity or ""),
              "education": nfc(education or "")}
    errors = _person_errors(birth_date=birth_date, sex=sex, party_joined_on=party_joined_on,
                            party_full_member_on=party_full_member_on, political_theory=political_theory or "", user=user,
                            **fields)
    if errors:
        raise DomainError(_("The record cannot be opened."), errors)
    with transaction.atomic():
        person = Person.objects.create(
            **fields, search_name=searchable(fields["full_name"]), birth_date=birth_date, sex=sex, kept_by=kept_by,
            party_joined_on=party_joined_on, party_full_member_on=party_full_member_on,
            political_theory=political_theory or "", user=user, created_by=actor, created_at=clock.now())
        audit_record(actor=actor, action="personnel.person.create", obj=person, after=person_snapshot(person))
    return person


def _person_errors(*, full_name, birth_date, sex, party_joined_on, party_full_member_on, political_theory, user,
                   person: Person | None = None, **texts) -> list[FieldError]:
    errors = overlong_errors(Person, full_name=full_name, **texts)
    if not full_name:
        errors.append(FieldError("full_name", _("is required"), "required"))
    if sex not in Sex.values:
        errors.append(FieldError("sex", _("'%(name)s' is not one of %(names)s") % {"name": sex, "names": ", ".join(Sex.values)}, "choice"))
    if political_theory not in PoliticalTheory.values:
        errors.append(FieldError("political_theory", _("'%(name)s' is not one of %(names)s")
                                 % {"name": political_theory, "names": ", ".join(v for v in PoliticalTheory.values if v)}, "choice"))
    if birth_date is None:
        errors.append(FieldError("birth_date", _("is required"), "required"))
    elif birth_date > clock.today():
        errors.append(FieldError("birth_date", _("%(date)s is in the future") % {"date": _day(birth_date)}))
    elif party_joined_on is not None and party_joined_on <= birth_date:
        errors.append(FieldError("party_joined_on", _("%(date)s is before the birth date") % {"date": _day(party_joined_on)}))
    if party_full_member_on is not None and (party_joined_on is None or party_full_member_on < party_joined_on):
        errors.append(FieldError("party_full_member_on", _("must not be before the day of joining the Party")))
    if user is not None and Person.objects.filter(user=user).exclude(pk=getattr(person, "pk", None)).exists():
        errors.append(FieldError("user", _("%(user)s is already linked to another record") % {"user": user.get_full_name() or user.username}, "duplicate"))
    return errors


def person_update(*, actor, person: Person, expected_version: int | None = None, **changes) -> Person:
    """Correct a cadre's record (form 2C fields, the linked account); `expected_version` refuses with 409 a correction
    of a record someone else changed since it was read."""
    require(can_correct_person(actor, person), _("You may not change the record of %(person)s.") % {"person": person.full_name})
    allowed = {"full_name", "birth_date", "sex", "home_province", "ethnicity", "party_joined_on", "party_full_member_on",
               "education", "political_theory", "user"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(_("The record cannot be changed."), [FieldError(name, _("cannot be changed here")) for name in sorted(unknown)])
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        version = version_checked(person, expected_version)
        before = person_snapshot(person)
        values = {name: getattr(person, name) for name in allowed}
        values.update({name: nfc(value or "") if isinstance(getattr(person, name), str) else value for name, value in changes.items()})
        errors = _person_errors(person=person, **values)
        if errors:
            raise DomainError(_("The record cannot be changed."), errors)
        for name, value in values.items():
            setattr(person, name, value)
        person.search_name = searchable(person.full_name)
        person.version = version
        person.save(update_fields=[*allowed, "search_name", "version"])
        audit_record(actor=actor, action="personnel.person.update", obj=person, before=before,
                     after={**person_snapshot(person), "changed": sorted(changes)})
    return person


def holding_record(*, actor, person: Person, position: Position, starts_on: dt.date, ends_on: dt.date | None = None,
                   kind: str = HoldingKind.OFFICIAL, basis: Document | None = None) -> Holding:
    """Enter a holding as an old file states it (no event of Mandate's: an import, the dossier's career history)."""
    _keep(actor, position.unit)
    errors = []
    if kind not in HoldingKind.values:
        errors.append(FieldError("kind", _("'%(name)s' is not one of %(names)s") % {"name": kind, "names": ", ".join(HoldingKind.values)}, "choice"))
    if ends_on is not None and ends_on <= starts_on:
        errors.append(FieldError("ends_on", _("must be after the first day %(date)s") % {"date": _day(starts_on)}))
    if person.birth_date and starts_on <= person.birth_date:
        errors.append(FieldError("starts_on", _("%(date)s is before the birth date") % {"date": _day(starts_on)}))
    overlapping = Holding.objects.filter(person=person, position=position, starts_on__lt=ends_on or dt.date.max).exclude(ends_on__lte=starts_on)
    if overlapping.exists():
        errors.append(FieldError("starts_on", _("%(person)s already holds %(position)s in these dates")
                                 % {"person": person.full_name, "position": position.title}, "overlap"))
    if errors:
        raise DomainError(_("The holding cannot be recorded."), errors)
    with transaction.atomic():
        holding = Holding.objects.create(person=person, position=position, kind=kind, starts_on=starts_on, ends_on=ends_on,
                                         basis=basis, created_at=clock.now())
        audit_record(actor=actor, action="personnel.holding.record", obj=holding, after=holding_snapshot(holding))
    return holding


def can_record_discipline(actor, deciding_unit: Unit) -> bool:
    """The deciding body's writers record their own decisions; the organization committee's staff record any."""
    return has_role_over(actor, deciding_unit, WRITERS) or can_keep_files(actor, deciding_unit)


def discipline_record(*, actor, person: Person, form: str, violation: str, deciding_unit: Unit, decided_on: dt.date,
                      document: Document | None = None, source: str | None = None) -> DisciplineRecord:
    """Write a discipline into the person's history (the inspections app writes its decisions through this)."""
    require(can_record_discipline(actor, deciding_unit),
            _("You may not record the discipline decisions of %(unit)s.") % {"unit": deciding_unit.name})
    violation = nfc(violation or "")
    source = nfc(source) if source else None
    errors = overlong_errors(DisciplineRecord, source=source or "")
    if form not in DisciplineForm.values:
        errors.append(FieldError("form", _("'%(name)s' is not one of %(names)s") % {"name": form, "names": ", ".join(DisciplineForm.values)}, "choice"))
    if not violation:
        errors.append(FieldError("violation", _("is required"), "required"))
    if decided_on > clock.today():
        errors.append(FieldError("decided_on", _("%(date)s is in the future") % {"date": _day(decided_on)}))
    elif decided_on <= person.birth_date:
        errors.append(FieldError("decided_on", _("%(date)s is before the birth date") % {"date": _day(decided_on)}))
    if document is not None and not document.registered:
        errors.append(FieldError("document", _("%(number)s is not in the register") % {"number": document.number_text}, "unregistered"))
    if errors:
        raise DomainError(_("The discipline cannot be recorded."), errors)
    with transaction.atomic():
        record = DisciplineRecord.objects.create(person=person, form=form, violation=violation, deciding_unit=deciding_unit,
                                                 decided_on=decided_on, document=document, source=source,
                                                 created_by=actor, created_at=clock.now())
        audit_record(actor=actor, action="personnel.discipline.record", obj=record,
                     after={"person": person.pk, "form": form, "deciding_unit": deciding_unit.code, "decided_on": decided_on,
                            "document": document.number_text if document else None, "source": source})
    return record


def planning_add(*, actor, person: Person, position: Position, term: Term, added_on: dt.date,
                 document: Document | None = None) -> PlanningEntry:
    """Put a person into the planning pool of a post for a term: at most 3 titles a person, 3 people a title."""
    _keep(actor, position.unit)
    with transaction.atomic():
        # The pool's counts are read under a lock on the post, so that two additions cannot both see room.
        Position.objects.select_for_update().filter(pk=position.pk).first()
        current = PlanningEntry.objects.filter(term=term, removed_on__isnull=True)
        errors = []
        if current.filter(person=person).exclude(position=position).count() >= PLANNING_MOST_TITLES_PER_PERSON:
            errors.append(FieldError("person", _("%(person)s is already in the planning pool of %(most)s titles this term")
                                     % {"person": person.full_name, "most": PLANNING_MOST_TITLES_PER_PERSON}, "planning_titles"))
        if current.filter(position=position).exclude(person=person).count() >= PLANNING_MOST_PEOPLE_PER_TITLE:
            errors.append(FieldError("position", _("%(position)s already has %(most)s people in its planning pool this term")
                                     % {"position": position.title, "most": PLANNING_MOST_PEOPLE_PER_TITLE}, "planning_people"))
        if not _term_covers(term, added_on):
            errors.append(FieldError("term", _("%(term)s does not cover %(date)s") % {"term": term.name, "date": _day(added_on)}))
        if errors:
            raise DomainError(_("The person cannot be put into the planning pool."), errors)
        taken = DomainError(_("The person cannot be put into the planning pool."), [FieldError("person", _(
            "%(person)s is already in the planning pool of %(position)s this term") % {"person": person.full_name, "position": position.title}, "duplicate")])
        with refuse_duplicate(PlanningEntry, "planning_once_per_term", taken):
            entry = PlanningEntry.objects.create(person=person, position=position, term=term, added_on=added_on,
                                                 document=document, created_at=clock.now())
        audit_record(actor=actor, action="personnel.planning.add", obj=entry,
                     after={"person": person.pk, "position": position.pk, "term": term.pk, "added_on": added_on})
    return entry


def _term_covers(term: Term, day: dt.date) -> bool:
    return term.starts_on <= day and (term.ends_on is None or day < term.ends_on)


def planning_remove(*, actor, entry: PlanningEntry, removed_on: dt.date) -> PlanningEntry:
    """Take a person out of a planning pool (the yearly review)."""
    _keep(actor, entry.position.unit)
    if removed_on <= entry.added_on:
        raise DomainError(_("The person cannot be taken out of the planning pool."),
                          [FieldError("removed_on", _("must be after the first day %(date)s") % {"date": _day(entry.added_on)})])
    with transaction.atomic():
        entry.removed_on = removed_on
        entry.save(update_fields=["removed_on"])
        audit_record(actor=actor, action="personnel.planning.remove", obj=entry, after={"removed_on": removed_on})
    return entry


def staffing_quota_set(*, actor, unit: Unit, year: int, quota: int, document: Document | None = None) -> StaffingQuota:
    """Set a unit's staffing quota (biên chế) for a year."""
    _keep(actor, unit)
    if not 0 <= quota <= 1_000_000:
        raise DomainError(_("The quota cannot be set."), [FieldError("quota", _("must be from 0 to %(most)s") % {"most": 1_000_000})])
    with transaction.atomic():
        row, created = StaffingQuota.objects.select_for_update().get_or_create(
            unit=unit, year=year, defaults={"quota": quota, "document": document, "created_at": clock.now()})
        before = None if created else {"quota": row.quota}
        if not created:
            row.quota, row.document = quota, document
            row.save(update_fields=["quota", "document"])
        audit_record(actor=actor, action="personnel.quota.set", obj=row, before=before, after={"unit": unit.code, "year": year, "quota": quota})
    return row


def headcount_set(*, actor, unit: Unit, year: int, count: int, protected: int = 0) -> Headcount:
    """Enter how many people a unit employs in a year (and how many of them cannot be made to leave)."""
    _keep(actor, unit)
    errors = []
    if not 0 <= count <= 1_000_000:
        errors.append(FieldError("count", _("must be from 0 to %(most)s") % {"most": 1_000_000}))
    if not 0 <= protected <= count:
        errors.append(FieldError("protected", _("must be from 0 to %(most)s") % {"most": count}))
    if errors:
        raise DomainError(_("The headcount cannot be entered."), errors)
    with transaction.atomic():
        row, created = Headcount.objects.select_for_update().get_or_create(
            unit=unit, year=year, defaults={"count": count, "protected": protected, "created_at": clock.now()})
        before = None if created else {"count": row.count, "protected": row.protected}
        if not created:
            row.count, row.protected = count, protected
            row.save(update_fields=["count", "protected"])
        audit_record(actor=actor, action="personnel.headcount.set", obj=row, before=before,
                     after={"unit": unit.code, "year": year, "count": count, "protected": protected})
    return row


def staffing_set(*, actor, unit: Unit, year: int, quota: int | None = None, headcount: int | None = None,
                 protected: int = 0) -> None:
    """Set a unit's quota and headcount for a year in one transaction (either may be left as it is)."""
    _named(unit, "unit")
    if quota is None and headcount is None:
        raise DomainError(_("The quota cannot be set."), [FieldError("quota", _("give the quota, the headcount or both"), "required")])
    with transaction.atomic():
        if quota is not None:
            staffing_quota_set(actor=actor, unit=unit, year=year, quota=quota)
        if headcount is not None:
            headcount_set(actor=actor, unit=unit, year=year, count=headcount, protected=protected)


def term_of(position: Position, day: dt.date) -> Term:
    """The term of the committee that manages the post on `day` (a Standing Committee sits in its party committee's)."""
    owner = numbering_owner(position.managing_unit, on=day)
    term = (Term.objects.filter(unit__in=[position.managing_unit, owner], starts_on__lte=day).exclude(ends_on__lte=day)
            .order_by("-starts_on").first())
    if term is None:
        raise DomainError(_("The person cannot be put into the planning pool."), [FieldError(
            "position", _("%(unit)s has no term on %(date)s") % {"unit": owner.name, "date": _day(day)}, "no_term")])
    return term


def record_opened(*, actor, person: Person, channel: str) -> RecordOpening:
    """Log that `actor` opened `person`'s record; called by every edge that shows it (Decree 13/2023)."""
    return RecordOpening.objects.create(viewer=actor if getattr(actor, "pk", None) else None, person=person,
                                        at=clock.now(), channel=channel)


def carry_conflict(*, position: Position, successor_unit: Unit, title: str | None = None) -> Position | None:
    """The open post of `successor_unit` that already bears the title `position` would be carried under: such a post
    is "to be arranged" (a preview lists it; `position_carry` refuses it)."""
    return Position.objects.filter(unit=successor_unit, title=nfc(title or position.title), valid_to__isnull=True).first()


def position_carry(*, actor, position: Position, successor_unit: Unit, effective_on: dt.date, reorganization_id: int,
                   title: str | None = None) -> Position:
    """Close `position` on `effective_on` and open its successor in `successor_unit` (under `title`, or its own), with
    every holding open that day carried to it (closed and reopened); runs inside the caller's transaction (the
    reorganization's). A successor unit that already has an open post of that title refuses it: it is to be arranged."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("position_carry runs inside the reorganization's transaction")
    title = nfc(title or position.title)
    if carry_conflict(position=position, successor_unit=successor_unit, title=title) is not None:
        raise DomainError(_("The post cannot be carried."), [FieldError("position", _(
            "%(unit)s already has a position named %(title)s") % {"unit": successor_unit.name, "title": title}, "to_be_arranged")])
    before = position_snapshot(position)
    position.valid_to = effective_on
    position.save(update_fields=["valid_to"])
    heir = Position.objects.create(
        unit=successor_unit, kind=position.kind, title=title, search_title=searchable(title, successor_unit.name),
        grade=position.grade, seats=position.seats, tier=position.tier,
        managing_unit=successor_unit if position.managing_unit_id == position.unit_id else position.managing_unit,
        valid_from=effective_on, predecessor=position, reorganization_id=reorganization_id, created_at=clock.now())
    for holding in Holding.objects.filter(position=position, starts_on__lt=effective_on).exclude(ends_on__lte=effective_on):
        carried = Holding.objects.create(person=holding.person, position=heir, kind=holding.kind, starts_on=effective_on,
                                         ends_on=holding.ends_on, basis=holding.basis, started_by=None, carried_from=holding,
                                         reorganization_id=reorganization_id, created_at=clock.now())
        holding.ends_on = effective_on
        holding.save(update_fields=["ends_on"])
        audit_record(actor=actor, action="personnel.holding.carry", obj=carried, after=holding_snapshot(carried))
    audit_record(actor=actor, action="personnel.position.carry", obj=heir, before=before, after=position_snapshot(heir))
    return heir


def position_carry_revert(*, actor, reorganization_id: int) -> int:
    """Undo every carry of a reorganization: delete what it opened, reopen what it closed. Returns the posts restored."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("position_carry_revert runs inside the reorganization's transaction")
    heirs = list(Position.objects.filter(reorganization_id=reorganization_id).select_related("predecessor"))
    carried = list(Holding.objects.filter(reorganization_id=reorganization_id).select_related("carried_from"))
    used = [heir for heir in heirs if heir.events.exists() or heir.planning.exists()
            or heir.holdings.filter(reorganization_id__isnull=True).exists()]
    used += [holding.position for holding in carried if holding.ended_by_id is not None]
    if used:
        raise DomainError(_("The reorganization cannot be reverted."), [FieldError(
            "position", _("%(position)s has been given to someone since the reorganization") % {"position": used[0].title}, "used")])
    for holding in carried:
        origin = holding.carried_from
        origin.ends_on = holding.ends_on
        origin.save(update_fields=["ends_on"])
        audit_record(actor=actor, action="personnel.holding.carry_revert", obj=origin, after=holding_snapshot(origin))
        holding.delete()
    for heir in heirs:
        heir.predecessor.valid_to = None
        heir.predecessor.save(update_fields=["valid_to"])
        audit_record(actor=actor, action="personnel.position.carry_revert", obj=heir.predecessor,
                     after=position_snapshot(heir.predecessor))
        heir.delete()
    return len(heirs)
