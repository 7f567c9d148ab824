"""orgs.0005 folds the handovers written one per role into one row per task, and moves coordinations to their table."""
import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mandate.orgs.models import CoordinationHandover, Reorganization
from tests.factories import a_task
from tests.orgs.reorganization_helpers import a_department

BEFORE, AFTER = ("orgs", "0004_handover_keys_and_indexes"), ("orgs", "0005_handover_per_task")


def _migrate(target):
    """Migrate orgs to `target`, every other app staying at its latest; the models as they are then."""
    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != target[0]] + [target]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


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
                                           title="Kế hoạch", number_key="1", created_at=dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc))
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
    CoordinationHandover.objects.create(reorganization=event, task=task, from_unit=source, to_unit=target,
                                        valid_to=event.effective_on)
    with pytest.raises(RuntimeError, match="revert the applied reorganizations first"):
        _migrate(BEFORE)
    assert MigrationExecutor(connection).loader.applied_migrations.keys() >= {AFTER}
