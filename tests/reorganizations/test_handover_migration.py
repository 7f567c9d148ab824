"""The handovers' migrations, on populated databases: orgs.0005 folds the rows written one per role into one row per
task; orgs.0006, reorganizations.0001 and tasks.0003 move the reorganization models and the handovers to their apps
with every row kept."""
import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mandate.reorganizations.models import Reorganization
from mandate.tasks.models import CoordinationHandover
from tests.factories import a_task
from tests.reorganizations.reorganization_helpers import a_department

# The project before the move: orgs at a given migration, the handovers and reorganizations still in it.
def _before_move(orgs: str) -> list[tuple[str, str | None]]:
    # search indexes the tasks of a later tasks migration: it is not there yet either; personnel, inspections and
    # reviews stand on orgs after the move (inspections on tasks after it too), so none of them is there yet.
    return [("orgs", orgs), ("tasks", "0002_drop_redundant_indexes"), ("reorganizations", None), ("search", None),
            ("personnel", None), ("inspections", None), ("reviews", None)]


BEFORE, AFTER = _before_move("0004_handover_keys_and_indexes"), _before_move("0005_handover_per_task")


def _migrate(targets):
    """Migrate to `targets` (every app not named stays at its latest); the models as they are then."""
    executor = MigrationExecutor(connection)
    named = {app for app, _ in targets}
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in named] + list(targets)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_handovers_written_per_role_are_folded_per_task():
    apps = _migrate(BEFORE)
    try:
        Unit, Task, Document = (apps.get_model("orgs", "Unit"), apps.get_model("tasks", "Task"),
                                apps.get_model("documents", "Document"))
        Reorganization, Handover = apps.get_model("orgs", "Reorganization"), apps.get_model("orgs", "TaskHandover")
        units = [Unit.objects.create(code=f"U{i}", name=f"Đơn vị {i}", search_name=f"don vi {i}", kind="agency", tier="province")
                 for i in range(6)]
        document = Document.objects.create(issuing_unit=units[0], type="KH", number_text="1/KH", issued_on=dt.date(2025, 1, 2),
                                           title="Kế hoạch", number_key="1", created_at=dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
        leader = apps.get_model("accounts", "User").objects.create(username="lanh.dao", full_name="Lãnh đạo")
        tasks = [Task.objects.create(document=document, title=f"Việc {i}", lead_unit=units[1], assigning_unit=units[0], leader=leader, product="Báo cáo",
                                     assigned_on=dt.date(2025, 1, 2), deadline=dt.date(2025, 9, 1),
                                     original_deadline=dt.date(2025, 9, 1), created_at=document.created_at,
                                     updated_at=document.created_at) for i in range(3)]
        event = Reorganization.objects.create(kind="merge", effective_on=dt.date(2025, 7, 1), created_at=document.created_at)
        day = event.effective_on

        def handover(task, role, source, target, **extra):
            Handover.objects.create(reorganization=event, task=task, role=role, from_unit=units[source], to_unit=units[target],
                                    valid_to=day, **extra)

        handover(tasks[0], "lead", 1, 4, valid_from=dt.date(2025, 3, 1))   # both roles: one row
        handover(tasks[0], "assigning", 0, 5)
        handover(tasks[0], "coordinator", 2, 4, removed=True)              # to the coordinations' table
        handover(tasks[1], "assigning", 0, 5)                              # assigning only
        handover(tasks[2], "lead", 1, 4)                                   # lead only
        handover(tasks[2], "coordinator", 3, 5)
    finally:
        apps = _migrate(AFTER)
    try:
        _folded_rows_check(apps, tasks, units, day)
    finally:
        _latest()


def _folded_rows_check(apps, tasks, units, day):
    Handover, Coordination = apps.get_model("orgs", "TaskHandover"), apps.get_model("orgs", "CoordinationHandover")
    rows = {row["task_id"]: row for row in Handover.objects.values()}
    assert len(rows) == 3
    first = rows[tasks[0].pk]
    assert (first["lead_from_id"], first["lead_to_id"], first["lead_since"]) == (units[1].pk, units[4].pk, dt.date(2025, 3, 1))
    assert (first["assigning_from_id"], first["assigning_to_id"], first["assigning_since"]) == (units[0].pk, units[5].pk, None)
    assert (rows[tasks[1].pk]["lead_from_id"], rows[tasks[1].pk]["assigning_to_id"]) == (None, units[5].pk)
    assert (rows[tasks[2].pk]["lead_to_id"], rows[tasks[2].pk]["assigning_from_id"]) == (units[4].pk, None)
    assert {row["valid_to"] for row in rows.values()} == {day}
    assert sorted(Coordination.objects.values_list("task_id", "from_unit_id", "to_unit_id", "removed")) == sorted([
        (tasks[0].pk, units[2].pk, units[4].pk, True), (tasks[2].pk, units[3].pk, units[5].pk, False)])


def test_going_back_is_refused_while_an_event_has_moved_coordinations(transactional_country):
    source, target = a_department(), a_department()
    task = a_task(lead_unit="25.UBND", coordinators=[target.code])
    event = Reorganization.objects.create(kind="merge", effective_on=dt.date(2025, 9, 1), created_at=task.created_at,
                                          applied_at=task.created_at)
    CoordinationHandover.objects.create(reorganization_id=event.pk, task=task, from_unit=source, to_unit=target,
                                        valid_to=event.effective_on)
    try:
        with pytest.raises(RuntimeError, match="revert the applied reorganizations first"):
            _migrate(BEFORE)
        assert ("orgs", "0005_handover_per_task") in MigrationExecutor(connection).loader.applied_migrations
        assert CoordinationHandover.objects.using("default").model._meta.db_table  # the model still reads its table
    finally:
        _latest()
    assert CoordinationHandover.objects.get().task_id == task.pk


@pytest.mark.django_db(transaction=True)
def test_the_move_to_the_reorganizations_and_tasks_apps_keeps_every_row():
    """From the schema of commit 48ab78e (everything in orgs) to the apps of today, with a row in every moved table."""
    from mandate.orgs.models import UnitName
    from mandate.reorganizations.models import (
        PlannedUnit, ReorganizationDestination, ReorganizationLink, StructureChange,
    )
    from mandate.tasks.models import TaskHandover

    apps = _migrate(AFTER)
    try:
        Unit, Task, Document = (apps.get_model("orgs", "Unit"), apps.get_model("tasks", "Task"),
                                apps.get_model("documents", "Document"))
        old = {name: apps.get_model("orgs", name) for name in (
            "Reorganization", "PlannedUnit", "ReorganizationLink", "ReorganizationDestination", "StructureChange",
            "TaskHandover", "CoordinationHandover", "UnitName", "Placement")}
        units = [Unit.objects.create(code=f"M{i}", name=f"Đơn vị {i}", search_name=f"don vi {i}", kind="department",
                                     tier="province") for i in range(4)]
        placement = old["Placement"].objects.create(unit=units[0], path=f"/{units[0].pk}/", depth=0)
        document = Document.objects.create(issuing_unit=units[0], type="QĐ", number_text="7/QĐ", issued_on=dt.date(2025, 6, 2),
                                           title="Quyết định sáp nhập", number_key="7",
                                           created_at=dt.datetime(2025, 6, 2, tzinfo=dt.UTC))
        leader = apps.get_model("accounts", "User").objects.create(username="lanh.dao.2", full_name="Lãnh đạo")
        task = Task.objects.create(document=document, title="Việc được bàn giao", lead_unit=units[2], assigning_unit=units[0],
                                   leader=leader, product="Báo cáo", assigned_on=dt.date(2025, 6, 2),
                                   deadline=dt.date(2025, 9, 1), original_deadline=dt.date(2025, 9, 1),
                                   created_at=document.created_at, updated_at=document.created_at)
        event = old["Reorganization"].objects.create(kind="merge", effective_on=dt.date(2025, 7, 1), basis=document,
                                                     author=leader, batch="b-1", created_at=document.created_at,
                                                     applied_at=document.created_at, note="Nghị quyết")
        planned = old["PlannedUnit"].objects.create(reorganization=event, code="M9", name="Sở mới", kind="department",
                                                    tier="province", parent=units[0])
        old["ReorganizationLink"].objects.create(reorganization=event, predecessor=units[1], planned=planned)
        old["ReorganizationLink"].objects.create(reorganization=event, predecessor=units[2], successor=units[3])
        old["ReorganizationDestination"].objects.create(reorganization=event, item_type="task", item_id=task.pk,
                                                        destination_code="M3")
        old["StructureChange"].objects.create(reorganization=event, action="placement_closed", unit=units[1],
                                              placement=placement, before={"valid_to": None})
        old["TaskHandover"].objects.create(reorganization=event, task=task, valid_to=event.effective_on,
                                           lead_from=units[2], lead_to=units[3])
        old["CoordinationHandover"].objects.create(reorganization=event, task=task, from_unit=units[1], to_unit=units[3],
                                                   valid_to=event.effective_on)
        old["UnitName"].objects.create(unit=units[3], name="Tên cũ", valid_to=event.effective_on, reorganization=event)
    except BaseException:
        _latest()
        raise
    _latest()

    moved = Reorganization.objects.get(pk=event.pk)
    assert (moved.kind, moved.effective_on, moved.basis_id, moved.author_id, moved.batch, moved.note, moved.is_applied) == (
        "merge", dt.date(2025, 7, 1), document.pk, leader.pk, "b-1", "Nghị quyết", True)
    assert Reorganization._meta.db_table == "reorganizations_reorganization"
    assert list(PlannedUnit.objects.filter(reorganization=moved).values_list("code", "parent_id")) == [("M9", units[0].pk)]
    assert sorted((link.predecessor_id, link.successor_code) for link in ReorganizationLink.objects.filter(reorganization=moved)) == [
        (units[1].pk, "M9"), (units[2].pk, "M3")]
    assert list(ReorganizationDestination.objects.values_list("item_id", "destination_code")) == [(task.pk, "M3")]
    assert list(StructureChange.objects.values_list("reorganization_id", "unit_id", "placement_id", "before")) == [
        (moved.pk, units[1].pk, placement.pk, {"valid_to": None})]
    assert list(TaskHandover.objects.values_list("reorganization_id", "task_id", "lead_from_id", "lead_to_id")) == [
        (moved.pk, task.pk, units[2].pk, units[3].pk)]
    assert list(CoordinationHandover.objects.values_list("reorganization_id", "from_unit_id", "to_unit_id")) == [
        (moved.pk, units[1].pk, units[3].pk)]
    assert list(UnitName.objects.values_list("unit_id", "name", "reorganization_id")) == [(units[3].pk, "Tên cũ", moved.pk)]
    # The tables keep working: a new event gets the next id, and a task's handovers are found through its new app.
    assert Reorganization.objects.create(kind="rename", effective_on=dt.date(2025, 8, 1)).pk > moved.pk
    assert TaskHandover.objects.filter(valid_to__gt=dt.date(2025, 6, 30)).exists()
