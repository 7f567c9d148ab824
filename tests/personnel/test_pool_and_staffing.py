"""The planning pool's limits and shares, vacancies since when, staffing against quota and the path of Decree
178/2024, the other events (reappointment, transfer, suspension), and carrying posts through a reorganization."""
import datetime as dt

import pytest

from mandate.core.errors import DomainError
from mandate.orgs.models import Unit
from mandate.personnel.events import personnel_event_apply
from mandate.personnel.models import EventKind, Holding, HoldingKind, Position, Sex
from mandate.personnel.selectors import (
    PositionFilters, holders_as_of, is_young, planning_pool, positions_list, reduction_path, staffing_of, staffing_rollup, vacancy_state,
    vacant_since,
)
from mandate.personnel.services import (
    headcount_set, holding_record, person_create, planning_add, position_carry, position_carry_revert, position_create,
    staffing_quota_set, term_of,
)

DAY = dt.date(2025, 8, 1)


def _people(files, count, sex=Sex.MALE, born=dt.date(1975, 1, 1)):
    return [person_create(actor=None, full_name=f"Cán bộ {sex} {n}", birth_date=born, sex=sex, kept_by=files["new"]) for n in range(count)]


def _posts(files, count):
    council = Unit.objects.get(code="25.HDND")
    return [position_create(actor=None, unit=council, kind="council_vice_chair", title=f"Phó Chủ tịch HĐND {n}",
                            managing_unit=files["standing"]) for n in range(count)]


def test_a_title_takes_three_people_and_a_fourth_is_refused(files):
    post = files["chair_new"]
    term = term_of(post, DAY)
    first, second, third, fourth = _people(files, 4)
    for person in (first, second, third):
        planning_add(actor=files["organizer"], person=person, position=post, term=term, added_on=DAY)
    with pytest.raises(DomainError) as refused:
        planning_add(actor=files["organizer"], person=fourth, position=post, term=term, added_on=DAY)
    assert [(e.field, e.code) for e in refused.value.errors] == [("position", "planning_people")]


def test_a_person_takes_three_titles_and_a_fourth_is_refused(files):
    person = _people(files, 1)[0]
    posts = _posts(files, 4)
    term = term_of(posts[0], DAY)
    for post in posts[:3]:
        planning_add(actor=files["organizer"], person=person, position=post, term=term, added_on=DAY)
    with pytest.raises(DomainError) as refused:
        planning_add(actor=files["organizer"], person=person, position=posts[3], term=term, added_on=DAY)
    assert [(e.field, e.code) for e in refused.value.errors] == [("person", "planning_titles")]


def test_the_pool_shows_women_and_young_cadres_against_the_targets(files):
    post, vice = files["chair_new"], files["vice"]
    term = term_of(post, DAY)
    men = _people(files, 2, born=dt.date(1970, 1, 1))
    woman = _people(files, 1, sex=Sex.FEMALE, born=dt.date(1986, 1, 1))[0]  # 39 on the day: young for a provincial post
    for person in men:
        planning_add(actor=None, person=person, position=post, term=term, added_on=DAY)
    planning_add(actor=None, person=woman, position=vice, term=term, added_on=DAY)
    planning_add(actor=None, person=men[0], position=vice, term=term, added_on=DAY)
    pool = planning_pool(term=term, as_of=DAY)
    assert (pool.people, pool.women, pool.young) == (3, 1, 1)  # a person planned for two titles counts once
    assert pool.women_met and pool.young_met


@pytest.mark.parametrize(("tier", "born", "young"), [
    ("province", dt.date(1985, 8, 2), True), ("province", dt.date(1985, 8, 1), False), ("province", dt.date(1985, 7, 31), False),
    ("commune", dt.date(1985, 8, 2), True), ("commune", dt.date(1985, 8, 1), False),
    ("central", dt.date(1980, 8, 2), True), ("central", dt.date(1980, 8, 1), False), ("central", dt.date(1980, 7, 31), False),
])
def test_young_cadres_are_under_forty_in_a_province_and_under_forty_five_at_the_centre(files, tier, born, young):
    # 50-QĐ/TW: under 40 for provincial (and the former district) pools, under 45 for the central one; the 40th (45th)
    # birthday on the day read is no longer young.
    person = _people(files, 1, born=born)[0]
    assert is_young(person, tier=tier, on=DAY) is young


def test_vacancies_empty_or_acting_only_since_when(files):
    chair = files["chair_new"]
    holding_record(actor=None, person=files["first"], position=chair, starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2025, 7, 20))
    holding_record(actor=None, person=files["second"], position=chair, starts_on=dt.date(2025, 7, 21), kind=HoldingKind.ACTING)
    rows = {p.title: (vacancy_state(p), vacant_since(p)) for p in positions_list(user=files["viewer"], filters=PositionFilters(
        as_of=DAY, unit=files["new"], vacant=True))}
    assert rows == {"Chủ tịch UBND tỉnh Phú Thọ": ("acting_only", dt.date(2025, 7, 20)),
                    "Phó Chủ tịch UBND tỉnh Phú Thọ": ("empty", dt.date(2025, 7, 1))}


def test_the_path_to_the_quota_is_the_lower_of_the_quota_and_eighty_percent():
    assert reduction_path(baseline=100, quota=90, merged_on=dt.date(2025, 7, 1)) == (
        80, [(2026, 96), (2027, 92), (2028, 88), (2029, 84), (2030, 80)])
    assert reduction_path(baseline=100, quota=50, merged_on=dt.date(2025, 7, 1))[0] == 50


def test_staffing_entered_or_counted_and_rolled_up(files):
    staffing_quota_set(actor=files["organizer"], unit=files["new"], year=2025, quota=2)
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["second"], position=files["chair_new"], starts_on=dt.date(2025, 7, 1))
    holding_record(actor=None, person=files["first"], position=files["staff"], starts_on=dt.date(2025, 7, 1))
    counted = staffing_of(unit=files["new"], year=2025, as_of=DAY)
    assert (counted.headcount, counted.counted, counted.surplus) == (2, True, 0)
    headcount_set(actor=files["organizer"], unit=files["new"], year=2025, count=150, protected=4)
    entered = staffing_of(unit=files["new"], year=2025, as_of=DAY)
    assert (entered.headcount, entered.counted, entered.protected, entered.baseline, entered.target) == (150, False, 4, 150, 2)
    rows, total = staffing_rollup(unit=Unit.objects.get(code="25"), year=2025, as_of=DAY)
    assert [r.unit.code for r in rows] == ["25.UBND"] and (total.quota, total.headcount) == (2, 150)


def test_a_reappointment_ends_the_holding_and_opens_the_next(files):
    holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2020, 7, 1))
    outcome = personnel_event_apply(actor=files["organizer"], kind=EventKind.REAPPOINTMENT, person=files["first"],
                                    position=files["vice"], document=files["decision"](issued_on=dt.date(2025, 7, 20)),
                                    effective_on=dt.date(2025, 7, 21))
    assert [(c["action"], c["day"]) for c in outcome.changes] == [("end", dt.date(2025, 7, 21)), ("open", dt.date(2025, 7, 21))]
    assert holders_as_of(position=files["vice"], as_of=DAY).get().starts_on == dt.date(2025, 7, 21)


def test_a_transfer_moves_the_cadre_and_a_suspension_keeps_the_post(files):
    old = holding_record(actor=None, person=files["first"], position=files["vice"], starts_on=dt.date(2024, 7, 1))
    council = Unit.objects.get(code="25.HDND")
    other = position_create(actor=None, unit=council, kind="council_vice_chair", managing_unit=files["standing"])
    personnel_event_apply(actor=files["organizer"], kind=EventKind.TRANSFER, person=files["first"], position=other,
                          ends=[old], document=files["decision"](issued_on=dt.date(2025, 7, 20)), effective_on=dt.date(2025, 7, 21))
    assert [h.position for h in Holding.objects.filter(person=files["first"], ends_on__isnull=True)] == [other]
    outcome = personnel_event_apply(actor=files["organizer"], kind=EventKind.SUSPENSION, person=files["first"],
                                    document=files["decision"](issued_on=dt.date(2025, 7, 25)), effective_on=dt.date(2025, 7, 26),
                                    ends_on=dt.date(2025, 10, 26))
    assert outcome.applied and outcome.changes == [] and outcome.event.ends_on == dt.date(2025, 10, 26)


def test_a_dismissal_must_name_the_post_it_ends(files):
    outcome = personnel_event_apply(actor=files["organizer"], kind=EventKind.DISMISSAL, person=files["first"],
                                    document=files["decision"](), effective_on=DAY, dry_run=True)
    assert [(e.field, e.code) for e in outcome.errors] == [("ends", "required")]


def test_carrying_a_post_through_a_reorganization_and_back_keeps_every_holding(files):
    from django.db import transaction

    chair = files["chair_old"]
    holding = holding_record(actor=None, person=files["first"], position=chair, starts_on=dt.date(2021, 6, 1))
    with pytest.raises(DomainError) as refused:  # the new province already has its chair: to be arranged
        with transaction.atomic():
            position_carry(actor=None, position=chair, successor_unit=files["new"], effective_on=dt.date(2025, 7, 1),
                           reorganization_id=4242)
    assert [e.code for e in refused.value.errors] == ["to_be_arranged"]
    with transaction.atomic():
        heir = position_carry(actor=None, position=chair, successor_unit=files["new"], effective_on=dt.date(2025, 7, 1),
                              reorganization_id=4242, title="Chủ tịch UBND tỉnh Phú Thọ (trước hợp nhất)")
    assert [h.person for h in holders_as_of(position=heir, as_of=dt.date(2025, 7, 1))] == [files["first"]]
    assert [h.person for h in holders_as_of(position=chair, as_of=dt.date(2025, 6, 30))] == [files["first"]]
    with transaction.atomic():
        assert position_carry_revert(actor=None, reorganization_id=4242) == 1
    holding.refresh_from_db()
    assert holding.ends_on is None and Position.objects.get(pk=chair.pk).valid_to is None
    assert Holding.objects.filter(person=files["first"]).count() == 1 and not Position.objects.filter(pk=heir.pk).exists()
