"""Properties of the posts a reorganization carries, over random units, posts, holders and events.

After applying: every holding in force the day before, in a post of a closing unit, ends on the effective date and has
exactly one handover — carried to a successor's post (the same person, held the same way, from that day) or listed to
be arranged; nobody holds one post twice; no post of a closed unit stays open; a post is never given more people than
its seats; every answer as of the day before is unchanged. Reverting restores every position and holding exactly.
"""
import datetime as dt
import itertools

import pytest
from django.db import transaction
from django.db.models import Count, Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate.core.errors import DomainError
from mandate.orgs.models import Unit
from mandate.personnel.models import Holding, HoldingKind, Position
from mandate.personnel.selectors import holders_as_of
from mandate.personnel.titles import Title
from mandate.reorganizations import services as reorg
from mandate.reorganizations.models import HoldingHandover, Reorganization
from mandate.reorganizations.selectors import closing_predecessors
from tests.reorganizations.posts_helpers import a_holder, a_post, personnel_snapshot
from tests.reorganizations.reorganization_helpers import a_department, snapshot

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 1)
BEFORE = DAY - dt.timedelta(days=1)
ROOT = "25.UBND"
POSTS = ((Title.HEAD, "Giám đốc Sở"), (Title.DEPUTY_HEAD, "Phó Giám đốc Sở"), (Title.COMMITTEE_CHAIR, "Chủ tịch Hội đồng"),
         (Title.STAFF, "Chuyên viên"))
_codes = itertools.count(1)


def _held(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def _world(data) -> list[Unit]:
    units = [a_department(f"Sở Ngẫu nhiên {next(_codes)}") for _ in range(data.draw(st.integers(2, 4), label="units"))]
    for u, unit in enumerate(units):
        for kind, title in data.draw(st.lists(st.sampled_from(POSTS), max_size=3, unique=True), label=f"posts{u}"):
            seats = data.draw(st.integers(1, 3), label="seats")
            post = a_post(unit, kind, title, seats)
            for _ in range(data.draw(st.integers(0, seats), label="holders")):
                ends = data.draw(st.sampled_from([None, dt.date(2025, 8, 15), dt.date(2026, 3, 1)]), label="ends")
                a_holder(post, kind=data.draw(st.sampled_from(HoldingKind.values), label="kind"), ends_on=ends)
    return units


def _new(label: int) -> dict:
    return {"code": f"{ROOT}.Q{label}", "name": f"Sở Hợp nhất {label}", "kind": "department", "tier": "province",
            "parent": Unit.objects.get(code=ROOT)}


def _prepare(data, units: list[Unit]) -> Reorganization:
    kind = data.draw(st.sampled_from(["merge_new", "merge_surviving", "split", "dissolve", "dissolve_alone"]), label="event")
    first, second = units[0], units[1]
    if kind == "merge_new":
        spec = _new(next(_codes))
        return reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[first, second],
                                            successors=[spec["code"]], new_units=[spec])
    if kind == "merge_surviving":
        return reorg.reorganization_prepare(actor=None, kind="merge", effective_on=DAY, predecessors=[first], successors=[second])
    if kind == "split":
        specs = [_new(next(_codes)), _new(next(_codes))]
        return reorg.reorganization_prepare(actor=None, kind="split", effective_on=DAY, predecessors=[first],
                                            successors=[s["code"] for s in specs], new_units=specs,
                                            default_successor=specs[data.draw(st.integers(0, 1), label="default")]["code"])
    if kind == "dissolve":
        return reorg.reorganization_prepare(actor=None, kind="dissolve", effective_on=DAY, predecessors=[first], successors=[second])
    return reorg.reorganization_prepare(actor=None, kind="dissolve", effective_on=DAY, predecessors=[first])


def _answers(units: list[Unit]) -> dict:
    return {unit.code: sorted(holders_as_of(unit=unit, as_of=BEFORE).values_list("id", "person_id", "position_id", "kind"))
            for unit in units}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_applying_and_reverting_keeps_every_holding_nothing_lost_nothing_doubled(data, freeze):
    freeze(dt.date(2025, 8, 20))
    with transaction.atomic():
        _example(data)
        transaction.set_rollback(True)


def _example(data) -> None:
    units = _world(data)
    before_answers = _answers(units)
    structure, people = snapshot(), personnel_snapshot()
    try:
        event = _prepare(data, units)
    except DomainError:
        assert (snapshot(), personnel_snapshot()) == (structure, people)
        return
    closing = {unit.pk for unit in closing_predecessors(event)}
    in_force = {h.pk: h for h in Holding.objects.filter(_held(BEFORE), position__unit__in=closing)
                .exclude(ends_on__lte=DAY)}
    reorg.reorganization_apply(actor=None, reorganization=event)

    handed = {row.holding_id: row for row in HoldingHandover.objects.filter(reorganization=event).select_related("to_holding")}
    assert set(handed) == set(in_force)  # nothing lost, nothing handed that was not held
    for holding_id, row in handed.items():
        origin = in_force[holding_id]
        assert Holding.objects.get(pk=holding_id).ends_on == DAY
        if row.to_holding is not None:
            carried = row.to_holding
            assert (carried.person_id, carried.kind, carried.starts_on, carried.ends_on, carried.carried_from_id) == (
                origin.person_id, origin.kind, DAY, origin.ends_on, origin.pk)
            assert carried.position.is_valid_on(DAY) and carried.position.unit.is_valid_on(DAY)
    assert not Position.objects.filter(unit__in=closing, valid_to__isnull=True).exists()
    doubled = (Holding.objects.filter(_held(DAY)).values("person_id", "position_id").annotate(n=Count("id")).filter(n__gt=1))
    assert not doubled.exists()
    for position in Position.objects.filter(holdings__reorganization_id=event.pk).distinct():
        assert Holding.objects.filter(_held(DAY), position=position).count() <= position.seats
    assert _answers(units) == before_answers

    reorg.reorganization_revert(actor=None, reorganization=Reorganization.objects.get(pk=event.pk))
    after = snapshot()
    after["units"] = [row for row in after["units"] if row[5] is None or row[5] != row[6]]
    structure["units"] = [row for row in structure["units"] if row[5] is None or row[5] != row[6]]
    assert (after, personnel_snapshot()) == (structure, people)
