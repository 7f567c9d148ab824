"""The tallies (`tasks.tallies`) answer what the live count answers, for every date of reckoning.

First without a database: a task's status steps, read off the turning days of `RULES`, equal `status_of` on
every day, and shift with the task; its lead steps equal `lead_on` on every day. Then on the database: random
tasks (completed on time or late, cancelled, open, extended, at each level of secrecy, in units with their own
windows), random reorganizations applied and some reverted, the tallies rebuilt — and for random dates and
scopes the counts, the secrecy cuts and every measure of the scorecard equal the live computation's.
"""
import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate.tasks.status import status_of
from mandate.tasks.tallies import LeadHandover, lead_on, lead_steps, status_steps, turning_days

BASE = dt.date(2025, 7, 2)
maybe = lambda strategy: st.none() | strategy  # noqa: E731
offsets = st.integers(min_value=-5, max_value=90)


def _day(offset):
    return None if offset is None else BASE + dt.timedelta(days=offset)


def _held(steps, day):
    """What a list of (from day, value) steps holds on `day` (None before the first)."""
    value = None
    for start, held in steps:
        if start <= day:
            value = held
    return value


@settings(max_examples=2000, deadline=None)
@given(assigned=st.integers(0, 30), deadline=maybe(offsets), completed=maybe(offsets), cancelled=maybe(offsets),
       window=st.integers(0, 12), shift=st.integers(-400, 400))
def test_status_steps_equal_the_rule_on_every_day(assigned, deadline, completed, cancelled, window, shift):
    dates = {"deadline": _day(deadline), "completed_on": _day(completed), "cancelled_on": _day(cancelled)}
    assigned_on = _day(assigned)
    steps = status_steps(assigned_on=assigned_on, warning_days=window, **dates)
    assert steps[0][0] == assigned_on
    for offset in range(assigned, 120):
        day = _day(offset)
        assert _held(steps, day) == status_of(as_of=day, warning_days=window, **dates), day
    # The rule sees differences of days only: the same task some days later steps as many days later.
    moved = {k: None if v is None else v + dt.timedelta(days=shift) for k, v in dates.items()}
    later = status_steps(assigned_on=assigned_on + dt.timedelta(days=shift), warning_days=window, **moved)
    assert later == [(day + dt.timedelta(days=shift), status) for day, status in steps]


def test_turning_days_are_read_off_the_rules():
    d = dt.date(2025, 7, 25)
    assert turning_days(deadline=d, completed_on=None, cancelled_on=None, warning_days=7) == {
        d - dt.timedelta(days=7), d + dt.timedelta(days=1)}
    assert turning_days(deadline=None, completed_on=d, cancelled_on=d, warning_days=7) == {d}


handovers = st.lists(st.tuples(st.integers(1, 80), st.integers(100, 105), maybe(st.integers(0, 80))), max_size=4)


@settings(max_examples=500, deadline=None)
@given(rows=handovers, assigned=st.integers(0, 20))
def test_lead_steps_equal_lead_on_every_day(rows, assigned):
    listed = sorted((LeadHandover(valid_to=_day(v), lead_from=u, since=_day(s)) for v, u, s in rows), key=lambda h: h.valid_to)
    steps = lead_steps(assigned_on=_day(assigned), lead_unit_id=1, handovers=listed)
    for offset in range(assigned, 100):
        day = _day(offset)
        assert _held(steps, day) == lead_on(day, lead_unit_id=1, handovers=listed)


# --- against the live count, on the database ---------------------------------------------------------------------

ROOT = "25.UBND"
TASK = st.fixed_dictionaries({
    "lead": st.integers(0, 5), "assigned": st.integers(0, 60), "deadline": maybe(st.integers(0, 150)),
    "close": st.sampled_from(["open", "open", "completed", "cancelled"]), "closed": st.integers(0, 160),
    "extensions": st.sampled_from([0, 0, 1, 2]), "secrecy": st.sampled_from([0, 0, 0, 1, 2]),
})


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_tallies_equal_the_live_count_for_every_date(data, freeze):
    freeze(dt.date(2026, 6, 1))
    with transaction.atomic():
        _example(data)
        transaction.set_rollback(True)


def _example(data) -> None:
    from mandate.monitoring.selectors import Scorecard, _counted, _tallies, tally_of_rows
    from mandate.orgs.models import Unit
    from mandate.orgs.selectors import unit_subtree_ids
    from mandate.reorganizations import services as reorg
    from mandate.tasks.models import Task, TaskState
    from mandate.tasks.selectors import TaskFilters, status_counts, status_groups
    from mandate.tasks.status import official_totals
    from mandate.tasks.tallies import tally_counts, tally_rows, tallies_rebuild
    from tests.factories import a_document, a_leader
    from tests.reorganizations.reorganization_helpers import a_department

    units = [a_department(parent=ROOT, valid_from=dt.date(2025, 7, 1))]
    for index in range(1, 6):
        parent = data.draw(st.sampled_from([ROOT, *[u.code for u in units]]), label=f"parent{index}")
        units.append(a_department(parent=parent, valid_from=dt.date(2025, 7, 1)))
    for unit in units:
        unit.warning_days = data.draw(maybe(st.integers(0, 10)), label="window")
        unit.save(update_fields=["warning_days"])
    document, leader = a_document(issued_on=BASE), a_leader()
    assigner = Unit.objects.get(code=ROOT)
    for index, row in enumerate(data.draw(st.lists(TASK, min_size=1, max_size=25), label="tasks")):
        assigned = _day(row["assigned"])
        deadline = None if row["deadline"] is None else assigned + dt.timedelta(days=row["deadline"])
        closed = assigned + dt.timedelta(days=row["closed"])
        original = deadline - dt.timedelta(days=20 * row["extensions"]) if deadline and row["extensions"] else deadline
        Task.objects.create(
            document=document, title=f"t{index}", search_title=f" t{index} ", assigning_unit=assigner,
            lead_unit=units[row["lead"]], leader=leader, product="p", assigned_on=assigned, deadline=deadline,
            original_deadline=original, recurrence="" if deadline else "monthly",
            state={"open": TaskState.IN_PROGRESS, "completed": TaskState.COMPLETED, "cancelled": TaskState.CANCELLED}[row["close"]],
            completed_on=closed if row["close"] == "completed" else None,
            cancelled_on=closed if row["close"] == "cancelled" else None, extension_count=row["extensions"],
            secrecy=row["secrecy"], created_at=document.created_at, updated_at=document.created_at)

    # Reorganizations hand the open tasks on; some are reverted again (newest first, as revert requires).
    applied = []
    for step in range(data.draw(st.integers(0, 3), label="events")):
        day = BASE + dt.timedelta(days=30 + 25 * step)
        open_units = list(Unit.objects.filter(pk__in=[u.pk for u in units]).valid_on(day).order_by("code"))
        if len(open_units) < 2:
            break
        gone, heir = data.draw(st.lists(st.sampled_from(open_units), min_size=2, max_size=2, unique=True), label="pair")
        kind = data.draw(st.sampled_from(["dissolve", "merge"]), label="kind")
        try:
            with transaction.atomic():
                event = reorg.reorganization_prepare(actor=None, kind=kind, effective_on=day, predecessors=[gone],
                                                     successors=[heir])
                reorg.reorganization_apply(actor=None, reorganization=event)
        except Exception:  # noqa: BLE001 - a refused event changes nothing
            continue
        applied.append(event)
    while applied and data.draw(st.booleans(), label="revert"):
        reorg.reorganization_revert(actor=None, reorganization=applied.pop())

    tallies_rebuild()
    scopes = [(Unit.objects.get(code=ROOT), True), *((u, data.draw(st.booleans(), label="subtree")) for u in units)]
    for reckoning in data.draw(st.lists(st.integers(-3, 240), min_size=1, max_size=4), label="days"):
        as_of = _day(reckoning)
        for unit, subtree in scopes:
            filters = TaskFilters(as_of=as_of, lead_unit=unit, subtree=subtree)
            ids = unit_subtree_ids(unit=unit, as_of=as_of) if subtree else [unit.pk]
            got = official_totals(tally_counts(units=ids, as_of=as_of))
            assert got == status_counts(user=None, filters=filters), (as_of, unit.code, subtree)
            live = _tallies(_counted(None, filters), as_of=as_of, key=None).get(None)
            kept = tally_of_rows(tally_rows(units=ids, as_of=as_of), as_of=as_of)
            if live is not None:
                assert Scorecard.of(kept) == Scorecard.of(live), (as_of, unit.code, subtree)
            for clearance in (0, 1):  # what a reader cleared up to that level sees of the scope
                cut = status_groups(_counted(None, filters).filter(secrecy__lte=clearance))
                assert official_totals(tally_counts(units=ids, as_of=as_of, clearance=clearance)) == official_totals(
                    {row["status"]: row["n"] for row in cut})
