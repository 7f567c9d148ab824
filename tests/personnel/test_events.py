"""Personnel events: each rule before, on and after its boundary; a refusal names the field and the rule and writes
nothing; an applied event changes the holdings in one transaction with its audit record."""
import datetime as dt

import pytest

from mandate.accounts.models import Membership, Role
from mandate.accounts.services import membership_grant
from mandate.audit.models import AuditRecord
from mandate.core.errors import DomainError, PermissionDenied
from mandate.orgs.models import Term, Unit
from mandate.personnel.events import StepIn, personnel_event_apply
from mandate.personnel.models import DisciplineForm, EventKind, Holding, HoldingKind, PersonnelEvent, Sex
from mandate.personnel.selectors import holders_as_of
from mandate.personnel.services import discipline_record, holding_record, person_create, planning_add, position_create

# A man born on 15 July 1968 retires at 62, on 15 July 2030: 60 months before is 15 July 2025.
BORN_AT_THE_AGE_EDGE = dt.date(1968, 7, 15)
EDGE = dt.date(2025, 7, 15)
INTERNAL = [StepIn("leadership", dt.date(2025, 6, 2), 9, 9), StepIn("enlarged_leadership", dt.date(2025, 6, 5), 30, 25, 18),
            StepIn("leadership", dt.date(2025, 6, 9), 9, 8, 7), StepIn("key_cadres", dt.date(2025, 6, 12), 60, 45, 40),
            StepIn("leadership", dt.date(2025, 6, 16), 9, 9, 8)]


def _person(files, born=BORN_AT_THE_AGE_EDGE, sex=Sex.MALE, name="Nguyễn Hữu Biên"):
    return person_create(actor=None, full_name=name, birth_date=born, sex=sex, kept_by=files["new"])


def _apply(files, person, *, kind=EventKind.APPOINTMENT, position=None, dossier=EDGE, effective=dt.date(2025, 8, 1),
           dry_run=True, **fields):
    fields.setdefault("internal", True)
    fields.setdefault("steps", INTERNAL)
    return personnel_event_apply(actor=files["organizer"], kind=kind, person=person, position=position or files["vice"],
                                 document=fields.pop("document", None) or files["decision"](issued_on=dt.date(2025, 7, 20)),
                                 effective_on=effective, dossier_received_on=dossier, dry_run=dry_run, **fields)


def _rules(outcome) -> list[str]:
    return [error.code for error in outcome.errors]


@pytest.mark.parametrize(("dossier", "broken"), [(EDGE - dt.timedelta(days=1), []), (EDGE, []), (EDGE + dt.timedelta(days=1), ["age"])])
def test_the_age_rule_before_on_and_after_sixty_months(files, dossier, broken):
    assert _rules(_apply(files, _person(files), dossier=dossier)) == broken


def test_a_woman_of_the_same_birth_date_is_refused_long_before(files):
    outcome = _apply(files, _person(files, sex=Sex.FEMALE, name="Lê Thị Hoa"), dossier=dt.date(2020, 1, 1), effective=dt.date(2025, 8, 1))
    assert _rules(outcome) == ["age"]
    assert "60" in outcome.errors[0].reason and "15/11/2024" in outcome.errors[0].reason  # 55 y 4 m, in the reader's words


@pytest.mark.parametrize(("dossier", "broken"), [(dt.date(2025, 7, 14), ["tenure"]), (dt.date(2025, 7, 15), []), (dt.date(2025, 7, 16), [])])
def test_twenty_four_months_in_an_equivalent_post_before_a_higher_one(files, dossier, broken):
    person = _person(files, born=dt.date(1975, 1, 1))
    # A vice-chair of the People's Council and then of the People's Committee: equivalent posts, one unbroken run.
    council = Unit.objects.get(code="old-25.HDND")
    earlier = position_create(actor=None, unit=council, kind="council_vice_chair", managing_unit=council)
    holding_record(actor=None, person=person, position=earlier, starts_on=dt.date(2023, 7, 15), ends_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=person, position=files["vice"], starts_on=dt.date(2025, 7, 1))
    outcome = _apply(files, person, position=files["chair_new"], dossier=dossier, effective=dt.date(2025, 8, 1))
    assert _rules(outcome) == broken


def test_a_first_appointment_needs_no_months_in_post(files):
    person = _person(files, born=dt.date(1980, 1, 1))
    holding_record(actor=None, person=person, position=files["staff"], starts_on=dt.date(2025, 6, 1))
    assert _rules(_apply(files, person, dossier=dt.date(2025, 7, 1))) == []


@pytest.mark.parametrize(("form", "decided", "broken"), [
    (DisciplineForm.REPRIMAND, dt.date(2023, 7, 16), ["discipline"]), (DisciplineForm.REPRIMAND, dt.date(2023, 7, 15), []),
    (DisciplineForm.WARNING, dt.date(2022, 7, 16), ["discipline"]), (DisciplineForm.WARNING, dt.date(2022, 7, 15), []),
    (DisciplineForm.REMOVAL, dt.date(2020, 7, 16), ["discipline"]), (DisciplineForm.REMOVAL, dt.date(2020, 7, 15), []),
    (DisciplineForm.REMOVAL, dt.date(2020, 7, 14), []), (DisciplineForm.EXPULSION, dt.date(2000, 1, 1), ["discipline"]),
])
def test_a_higher_post_after_discipline_waits_24_36_60_months(files, form, decided, broken):
    person = _person(files, born=dt.date(1975, 1, 1))
    discipline_record(actor=None, person=person, form=form, violation="Vi phạm quy định về những điều đảng viên không được làm",
                      deciding_unit=Unit.objects.get(code="25.TU.UBKT"), decided_on=decided)
    assert _rules(_apply(files, person, dossier=dt.date(2025, 7, 15))) == broken


def test_the_same_post_after_discipline_is_not_higher(files):
    person = _person(files, born=dt.date(1975, 1, 1))
    holding_record(actor=None, person=person, position=files["vice"], starts_on=dt.date(2025, 7, 1))
    discipline_record(actor=None, person=person, form=DisciplineForm.REPRIMAND, violation="Vi phạm",
                      deciding_unit=Unit.objects.get(code="25.TU.UBKT"), decided_on=dt.date(2025, 7, 10))
    other = Unit.objects.get(code="25.HDND")
    lateral = position_create(actor=None, unit=other, kind="council_vice_chair", managing_unit=files["standing"])
    assert _rules(_apply(files, person, position=lateral, kind=EventKind.TRANSFER, dossier=None)) == []


def _pooled(files, person):
    term = Term.objects.filter(unit__code="25.TU").order_by("-starts_on").first()
    planning_add(actor=None, person=person, position=files["chair_new"], term=term, added_on=dt.date(2025, 7, 1))


@pytest.mark.parametrize(("born", "broken"), [(dt.date(1973, 8, 2), []), (dt.date(1973, 8, 1), []), (dt.date(1973, 7, 31), ["rotation"])])
def test_a_rotation_needs_ten_years_of_work_left(files, born, broken):
    # A man born on 1 August 1973 retires at 62 on 1 August 2035: ten years after the rotation of 1 August 2025.
    person = _person(files, born=born)
    _pooled(files, person)
    assert _rules(_apply(files, person, kind=EventKind.ROTATION, dossier=None)) == broken


@pytest.mark.parametrize(("born", "broken"), [(dt.date(1968, 8, 2), []), (dt.date(1968, 8, 1), []), (dt.date(1968, 7, 31), ["rotation"])])
def test_a_head_rotated_as_a_non_local_chair_needs_five_years_of_work_left(files, born, broken):
    # Decree 138/2020 Art. 56.4.b: rotated to a post held by no local cadre (Chủ tịch UBND, Bí thư), one term is enough.
    # A man born on 1 August 1968 retires at 62 on 1 August 2030: five years after the rotation of 1 August 2025.
    person = _person(files, born=born)
    _pooled(files, person)
    assert _rules(_apply(files, person, position=files["chair_new"], kind=EventKind.ROTATION, dossier=None)) == broken


@pytest.mark.parametrize(("ends", "broken"), [(dt.date(2028, 7, 31), ["rotation_period"]), (dt.date(2028, 8, 1), []),
                                              (dt.date(2028, 8, 2), []), (None, [])])
def test_a_rotation_lasts_at_least_thirty_six_months(files, ends, broken):
    # 65-QĐ/TW Art. 8: at least three years; a rotation without an end lasts until another decision.
    person = _person(files, born=dt.date(1980, 1, 1))
    _pooled(files, person)
    outcome = _apply(files, person, kind=EventKind.ROTATION, dossier=None, ends_on=ends)
    assert _rules(outcome) == broken
    if broken:
        assert outcome.errors[0].field == "ends_on" and "36" in outcome.errors[0].reason


def test_a_rotation_needs_the_planning_pool(files):
    assert _rules(_apply(files, _person(files, born=dt.date(1980, 1, 1)), kind=EventKind.ROTATION, dossier=None)) == ["rotation_planning"]


def test_a_seat_already_full_is_refused_and_an_acting_holder_gives_way(files):
    chair = files["chair_new"]
    holding_record(actor=None, person=files["first"], position=chair, starts_on=dt.date(2025, 7, 1))
    person = _person(files, born=dt.date(1975, 1, 1))
    assert _rules(_apply(files, person, position=chair, kind=EventKind.DESIGNATION, dossier=dt.date(2025, 7, 20))) == ["seat_full"]
    Holding.objects.filter(person=files["first"]).update(kind=HoldingKind.ACTING)
    outcome = _apply(files, person, position=chair, kind=EventKind.DESIGNATION, dossier=dt.date(2025, 7, 20), dry_run=False)
    assert [h.person.full_name for h in holders_as_of(position=chair, as_of=dt.date(2025, 8, 1))] == [person.full_name]
    assert [(c["action"], c["person"]) for c in outcome.changes] == [("end", "Bùi Văn Quý"), ("open", person.full_name)]


@pytest.mark.parametrize(("steps", "broken"), [
    (INTERNAL, []),
    (INTERNAL[:3], ["procedure"]),
    ([*INTERNAL[:4], StepIn("leadership", dt.date(2025, 6, 16), 9, 5, 5)], ["quorum"]),   # 5 of 9 < 2/3
    ([*INTERNAL[:4], StepIn("leadership", dt.date(2025, 6, 16), 9, 6, 5)], []),           # 6 of 9 = 2/3, 5 > 4.5
    ([*INTERNAL[:4], StepIn("leadership", dt.date(2025, 6, 16), 10, 10, 5)], ["majority"]),  # 5 of 10 is half, not more
    ([*INTERNAL[:4], StepIn("leadership", dt.date(2025, 6, 16), 10, 7, 6)], []),
])
def test_an_internal_appointment_goes_through_five_meetings(files, steps, broken):
    assert _rules(_apply(files, _person(files, born=dt.date(1980, 1, 1)), steps=steps, dossier=dt.date(2025, 6, 1))) == broken


def test_an_external_candidate_goes_through_three(files):
    steps = [INTERNAL[0], INTERNAL[3], INTERNAL[4]]
    person = _person(files, born=dt.date(1980, 1, 1))
    assert _rules(_apply(files, person, internal=False, steps=steps, dossier=dt.date(2025, 6, 1))) == []
    assert _rules(_apply(files, person, internal=False, steps=INTERNAL, dossier=dt.date(2025, 6, 1))) == ["procedure"]


@pytest.mark.parametrize(("votes", "broken"), [((60, 40, 31), []), ((60, 39, 31), ["quorum"]), ((60, 45, 30), ["majority"])])
def test_an_election_with_its_vote(files, votes, broken):
    convened, present, votes_for = votes
    outcome = _apply(files, _person(files, born=dt.date(1980, 1, 1)), kind=EventKind.ELECTION, position=files["chair_new"],
                     dossier=None, votes_convened=convened, votes_present=present, votes_for=votes_for)
    assert _rules(outcome) == broken


def test_a_dry_run_names_every_rule_it_breaks_and_writes_nothing(files):
    person = _person(files)
    discipline_record(actor=None, person=person, form=DisciplineForm.WARNING, violation="Vi phạm",
                      deciding_unit=Unit.objects.get(code="25.TU.UBKT"), decided_on=dt.date(2024, 1, 1))
    decision = files["decision"](issued_on=dt.date(2025, 7, 20))
    before = AuditRecord.objects.count()
    outcome = _apply(files, person, dossier=dt.date(2025, 7, 20), steps=INTERNAL[:2], document=decision)
    assert set(_rules(outcome)) == {"age", "discipline", "procedure"} and not outcome.applied
    assert [c["action"] for c in outcome.changes] == ["open"]
    assert (PersonnelEvent.objects.count(), Holding.objects.filter(person=person).count(), AuditRecord.objects.count()) == (0, 0, before)


def test_the_refusal_names_the_fields_and_nothing_is_half_written(files):
    person = _person(files)
    with pytest.raises(DomainError) as refused:
        _apply(files, person, dossier=dt.date(2025, 7, 20), dry_run=False)
    assert [(e.field, e.code) for e in refused.value.errors] == [("person", "age")]
    assert PersonnelEvent.objects.count() == 0 and not Holding.objects.filter(person=person).exists()


def test_an_appointment_is_applied_with_its_steps_and_audit_record(files):
    person = _person(files, born=dt.date(1980, 1, 1))
    outcome = _apply(files, person, dossier=dt.date(2025, 6, 1), dry_run=False)
    event = outcome.event
    assert event.steps.count() == 5 and event.holdings_started.get().position == files["vice"]
    assert AuditRecord.objects.filter(action="personnel.event.appointment", object_id=str(event.pk)).exists()


def test_a_decision_dated_after_the_effective_day_is_refused(files):
    person = _person(files, born=dt.date(1980, 1, 1))
    late = files["decision"](issued_on=dt.date(2025, 8, 1))
    outcome = _apply(files, person, dossier=dt.date(2025, 6, 1), effective=dt.date(2025, 7, 31), document=late)
    assert _rules(outcome) == ["document_date"]


def test_a_retirement_ends_every_post_and_offers_to_end_the_role(files, make_user):
    user = make_user(Role.LEADER, "25.UBND", username="chutich")
    person = _person(files, born=dt.date(1963, 1, 1))
    person.user = user
    person.save(update_fields=["user"])
    holding_record(actor=None, person=person, position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    outcome = personnel_event_apply(actor=files["organizer"], kind=EventKind.RETIREMENT, person=person,
                                    document=files["decision"](issued_on=dt.date(2025, 7, 25)), effective_on=dt.date(2025, 8, 1))
    assert outcome.applied and holders_as_of(position=files["chair_new"], as_of=dt.date(2025, 8, 1)).count() == 0
    assert [(r["user"], r["unit"], r["role"]) for r in outcome.roles_to_end] == [("chutich", "25.UBND", Role.LEADER)]


def test_a_successor_is_offered_the_role_in_the_unit(files, make_user):
    user = make_user(username="phochutich")
    person = _person(files, born=dt.date(1980, 1, 1))
    person.user = user
    person.save(update_fields=["user"])
    outcome = _apply(files, person, dossier=dt.date(2025, 6, 1))
    assert outcome.roles_to_give == [{"user": "phochutich", "unit": "25.UBND", "unit_name": files["new"].name, "role": Role.LEADER}]
    membership_grant(actor=None, user=user, unit=files["new"], role=Role.LEADER)
    assert _apply(files, person, dossier=dt.date(2025, 6, 1)).roles_to_give == []
    assert Membership.objects.filter(user=user).count() == 1


def test_a_viewer_may_not_apply_an_event(files):
    with pytest.raises(PermissionDenied):
        personnel_event_apply(actor=files["viewer"], kind=EventKind.APPOINTMENT, person=files["first"], position=files["vice"],
                              document=files["decision"](), effective_on=dt.date(2025, 8, 1), dry_run=True)
