"""Properties over random trees, random tasks and random sequences of events, on whichever database runs the suite.

After every applied event: no open task is led by a closed unit; no task is lost or duplicated; every
question asked as of a date before the event (the tree, the task lists with their subtree filter)
answers as it did before. A refused event changes nothing. Reverting everything, newest first,
restores the snapshot of units, placements, tasks and coordinators exactly.
"""
import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate.core.errors import DomainError
from mandate.reorganizations import services as reorg
from mandate.orgs.models import Unit
from mandate.reorganizations.models import Reorganization
from mandate.orgs.selectors import placements_on, unit_tree
from mandate.tasks import selectors as task_selectors
from mandate.tasks.models import OPEN_STATES, Task
from mandate.tasks.services import task_create, task_transition
from tests.factories import a_document, a_leader
from tests.reorganizations.reorganization_helpers import a_department, snapshot

pytestmark = pytest.mark.django_db

ROOT = "25.UBND"
ASSIGNED_ON = dt.date(2025, 7, 15)
KINDS = ("merge", "merge_surviving", "split", "rename", "dissolve", "move", "establish")
_codes = itertools.count(1)


def _tree_shape(as_of: dt.date):
    def walk(node):
        return (node.unit.code, node.unit.name, tuple(walk(child) for child in node.children))
    return walk(unit_tree(root=Unit.objects.get(code=ROOT), as_of=as_of))


def _answers(days: list[dt.date], units: list[Unit]) -> dict:
    answers = {}
    for day in days:
        answers[(day, "tree")] = _tree_shape(day)
        for unit in units:
            for subtree in (True, False):
                filters = task_selectors.TaskFilters(as_of=day, lead_unit=unit, subtree=subtree)
                answers[(day, unit.code, subtree)] = sorted(task_selectors.tasks_list(user=None, filters=filters)
                                                            .values_list("id", flat=True))
    return answers


def _open_units(day: dt.date, ours: set[int]) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=ours).valid_on(day).valid_on(day - dt.timedelta(days=1)).order_by("code"))


def _spec(parent_code: str = ROOT) -> dict:
    number = next(_codes)
    return {"code": f"{ROOT}.P{number}", "name": f"Đơn vị mới {number}", "kind": "department", "tier": "province",
            "parent": Unit.objects.get(code=parent_code)}


def _prepare(data, kind: str, day: dt.date, candidates: list[Unit]):
    pick = lambda label: data.draw(st.sampled_from(candidates), label=label)  # noqa: E731
    if kind == "merge" and len(candidates) >= 2:
        first, second = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True), label="merged")
        spec = _spec()
        return reorg.reorganization_prepare(actor=None, kind="merge", effective_on=day, predecessors=[first, second],
                                            successors=[spec["code"]], new_units=[spec])
    if kind == "merge_surviving" and len(candidates) >= 2:
        first, survivor = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True), label="into")
        return reorg.reorganization_prepare(actor=None, kind="merge", effective_on=day, predecessors=[first], successors=[survivor])
    if kind == "split":
        source, specs = pick("split"), [_spec(), _spec()]
        return reorg.reorganization_prepare(
            actor=None, kind="split", effective_on=day, predecessors=[source], successors=[s["code"] for s in specs], new_units=specs,
            default_successor=data.draw(st.sampled_from([s["code"] for s in specs]), label="default"),
            rule=data.draw(st.sampled_from(["", "territory"]), label="rule"))
    if kind == "rename":
        return reorg.reorganization_prepare(actor=None, kind="rename", effective_on=day, predecessors=[pick("renamed")],
                                            new_name=f"Tên mới {next(_codes)}")
    if kind == "dissolve" and len(candidates) >= 2:
        gone, heir = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True), label="dissolved")
        return reorg.reorganization_prepare(actor=None, kind="dissolve", effective_on=day, predecessors=[gone], successors=[heir])
    if kind == "move" and len(candidates) >= 2:
        moved, parent = data.draw(st.lists(st.sampled_from(candidates), min_size=2, max_size=2, unique=True), label="moved")
        return reorg.reorganization_prepare(actor=None, kind="move", effective_on=day, predecessors=[moved], new_parent=parent)
    if kind == "establish":
        parent = data.draw(st.sampled_from([Unit.objects.get(code=ROOT), *candidates]), label="parent")
        return reorg.reorganization_prepare(actor=None, kind="establish", effective_on=day, new_units=[_spec(parent.code)])
    return None


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_events_keep_every_task_and_every_past_answer(data, freeze):
    freeze(dt.date(2026, 6, 1))
    with transaction.atomic():
        _example(data)
        transaction.set_rollback(True)


def _example(data) -> None:
    size = data.draw(st.integers(2, 7), label="units")
    units: list[Unit] = []
    for index in range(size):
        parent = data.draw(st.sampled_from([ROOT, *[u.code for u in units]]), label=f"parent{index}")
        units.append(a_department(parent=parent))
    document, leader = a_document(issued_on=ASSIGNED_ON), a_leader()
    assigner = Unit.objects.get(code=ROOT)
    for index in range(data.draw(st.integers(1, 10), label="tasks")):
        lead = data.draw(st.sampled_from(units), label=f"lead{index}")
        others = [u for u in units if u != lead]
        coordinators = data.draw(st.lists(st.sampled_from(others), max_size=2, unique=True), label=f"coord{index}") if others else []
        assigning = data.draw(st.sampled_from([assigner, *others]), label=f"assigning{index}")
        task = task_create(actor=None, document=document, title=f"Việc {index}", lead_unit=lead, leader=leader, product="Báo cáo",
                           deadline=dt.date(2026, 12, 31), coordinators=coordinators, assigning_unit=assigning, assigned_on=ASSIGNED_ON)
        if data.draw(st.booleans(), label=f"done{index}"):
            task_transition(actor=None, task=task, name="submit", on=dt.date(2025, 7, 20))
            task_transition(actor=None, task=task, name="complete")
        elif data.draw(st.booleans(), label=f"child{index}") and any(u for u in units if u != lead):
            child_lead = data.draw(st.sampled_from(others), label=f"childlead{index}")
            task_create(actor=None, document=document, title=f"Phần {index}", lead_unit=child_lead, leader=leader, product="Báo cáo",
                        deadline=dt.date(2026, 12, 31), parent=task, assigned_on=ASSIGNED_ON)

    initial = snapshot()
    task_ids = sorted(Task.objects.values_list("id", flat=True))
    ours = {u.pk for u in units}
    days = [dt.date(2025, 7, 20)]
    applied = []
    for step in range(data.draw(st.integers(1, 4), label="events")):
        day = dt.date(2025, 8 + step, 1)
        candidates = _open_units(day, ours)
        if not candidates:
            break
        kind = data.draw(st.sampled_from(KINDS), label=f"kind{step}")
        watched = [Unit.objects.get(code=ROOT), *Unit.objects.filter(pk__in=ours)]
        before_answers = _answers(days, watched)
        state = snapshot()
        try:
            with transaction.atomic():
                event = _prepare(data, kind, day, candidates)
                if event is None:
                    continue
                reorg.reorganization_apply(actor=None, reorganization=event)
        except DomainError:
            assert snapshot() == state  # a refusal changes nothing
            continue
        reorg.reorganization_revert(actor=None, reorganization=event)
        assert snapshot() == state  # apply then revert restores the state exactly
        reorg.reorganization_apply(actor=None, reorganization=Reorganization.objects.get(pk=event.pk))
        assert not Task.objects.filter(state__in=OPEN_STATES, lead_unit__valid_to__isnull=False).exists()
        assert _answers(days, watched) == before_answers
        applied.append(event)
        ours |= set(Unit.objects.filter(code__startswith=f"{ROOT}.P").values_list("id", flat=True))
        assert not Task.objects.filter(state__in=OPEN_STATES, lead_unit__valid_to__isnull=False).exists()
        assert sorted(Task.objects.values_list("id", flat=True)) == task_ids
        assert _answers(days, watched) == before_answers
        days.append(day - dt.timedelta(days=1))
        assert placements_on(day).filter(unit__in=Unit.objects.filter(pk__in=ours, valid_to__isnull=False).exclude(valid_to__gt=day)).count() == 0

    for event in reversed(applied):
        reorg.reorganization_revert(actor=None, reorganization=Reorganization.objects.get(pk=event.pk))
    # Units opened by an event that other (reverted) events still name stay, with an empty interval: they never existed.
    final = snapshot()
    final["units"] = [row for row in final["units"] if row[5] is None or row[5] != row[6]]
    assert final == initial
