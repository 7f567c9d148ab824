"""Each kind of reorganization, its preview, its refusals, and revert."""
import datetime as dt

import pytest

from mandate.core.errors import Conflict, DomainError, PermissionDenied
from mandate.reorganizations import selectors as reorg_selectors
from mandate.reorganizations import services as reorg
from mandate.orgs.models import Placement, ReorganizationKind, Unit
from mandate.tasks.models import CoordinationHandover, TaskHandover
from mandate.orgs.selectors import unit_tree
from mandate.tasks import selectors as task_selectors
from mandate.tasks import services as task_services
from mandate.tasks.models import Task, TaskEvent
from tests.factories import a_document, a_task
from tests.reorganizations.reorganization_helpers import a_department, snapshot

pytestmark = pytest.mark.django_db

BEFORE, ON = dt.date(2025, 8, 31), dt.date(2025, 9, 1)


@pytest.fixture
def admin(make_user):
    """Reorganizing is the system administrators' work: the tests act as one, not as the system."""
    return make_user("system_admin", "VN")


@pytest.fixture(autouse=True)
def clock(freeze):
    freeze(dt.date(2025, 8, 20))
    return freeze


def listed(unit: Unit, as_of: dt.date, subtree: bool = True) -> list[int]:
    filters = task_selectors.TaskFilters(as_of=as_of, lead_unit=unit, subtree=subtree)
    return sorted(task_selectors.tasks_list(user=None, filters=filters).values_list("id", flat=True))


def test_merge_into_a_new_unit_hands_open_tasks_and_keeps_done_ones(clock, admin):
    a, b = a_department("Sở A"), a_department("Sở B")
    child = a_department("Phòng của A", parent=a.code)
    open_a = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31), coordinators=[b.code])
    open_b = a_task(lead_unit=b.code, deadline=dt.date(2025, 12, 31), assigning_unit=Unit.objects.get(code=a.code))
    done = a_task(lead_unit=a.code)
    task_services.task_transition(actor=None, task=done, name="submit")
    task_services.task_transition(actor=None, task=done, name="complete")
    before_a = listed(a, BEFORE)
    event = reorg.reorganization_prepare(
        actor=None, kind=ReorganizationKind.MERGE, effective_on=ON, note="Quyết định sáp nhập", predecessors=[a, b],
        successors=["25.UBND.SC"], new_units=[{"code": "25.UBND.SC", "name": "Sở C", "kind": "department", "tier": "province",
                                              "parent": Unit.objects.get(code="25.UBND")}])
    preview = reorg_selectors.reorganization_preview(reorganization_id=event.pk)
    assert preview.can_apply and [u.code for u in preview.closes] == sorted([a.code, b.code])
    assert preview.totals() == {"task": 2, "assigned": 1, "coordination": 1, "unit": 1, "position": 0}

    clock(dt.datetime(2025, 9, 2, 9, 0, tzinfo=dt.UTC))
    reorg.reorganization_apply(actor=admin, reorganization=event)

    c = Unit.objects.get(code="25.UBND.SC")
    a.refresh_from_db()
    assert (a.valid_to, c.valid_from) == (ON, ON)
    assert Task.objects.get(pk=open_a.pk).lead_unit == c and Task.objects.get(pk=open_b.pk).lead_unit == c
    assert Task.objects.get(pk=open_b.pk).assigning_unit == c
    assert list(Task.objects.get(pk=open_a.pk).coordinations.values_list("unit__code", flat=True)) == []  # c leads it now
    assert Task.objects.get(pk=done.pk).lead_unit_id == a.pk
    assert reorg_selectors.reorganization_handed(reorganization=event) == {
        a.pk: {"task": 1, "assigned": 1, "coordination": 0}, b.pk: {"task": 1, "assigned": 0, "coordination": 1}}
    line = TaskEvent.objects.filter(task=open_a, kind="reorganized", data__role="lead").get()
    assert line.data == {"reorganization": event.pk, "kind": "merge", "effective_on": "2025-09-01", "role": "lead",
                         "from": a.code, "to": "25.UBND.SC"}
    assert [n.unit.code for n in unit_tree(root=c, as_of=ON).children] == [child.code]
    assert [n.unit.code for n in unit_tree(root=a, as_of=BEFORE).children] == [child.code]
    assert listed(a, BEFORE) == before_a == sorted([open_a.pk, done.pk])
    assert listed(c, ON) == sorted([open_a.pk, open_b.pk])


def test_merge_into_a_surviving_unit_keeps_it_open(admin):
    a, b = a_department(), a_department()
    task = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31))
    event = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a, b], successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.valid_to, b.valid_to) == (ON, None)
    assert Task.objects.get(pk=task.pk).lead_unit == b
    assert listed(a, BEFORE, subtree=False) == [task.pk] and listed(b, BEFORE, subtree=False) == []


def test_split_is_refused_until_every_item_has_a_destination_then_follows_choices_and_rule(admin):
    a = a_department("Sở A")
    north, south = a_department("Phòng Bắc", parent=a.code), a_department("Phòng Nam", parent=a.code)
    parent_task = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31))
    part = task_services.task_delegate(actor=None, parent=parent_task, lead_unit=north, title="Phần phía Bắc",
                                       product="Báo cáo", leader=parent_task.leader)
    other = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31), title="Việc chung")
    specs = [{"code": code, "name": name, "kind": "department", "tier": "province", "parent": Unit.objects.get(code="25.UBND")}
             for code, name in (("25.UBND.N", "Sở Bắc"), ("25.UBND.S", "Sở Nam"))]
    event = reorg.reorganization_prepare(actor=admin, kind="split", effective_on=ON, predecessors=[a],
                                         successors=["25.UBND.N", "25.UBND.S"], new_units=specs)
    preview = reorg_selectors.reorganization_preview(reorganization_id=event.pk)
    assert sorted((m.item_type, m.item_id) for m in preview.missing) == sorted(
        [("unit", north.pk), ("unit", south.pk), ("task", parent_task.pk), ("task", other.pk), ("assigned", part.pk)])

    with pytest.raises(Conflict) as refusal:
        reorg.reorganization_apply(actor=admin, reorganization=event)
    assert f"destinations.task.{other.pk}" in [e.field for e in refusal.value.errors]
    assert not Unit.objects.filter(code="25.UBND.N").exists()

    reorg.reorganization_destinations_set(actor=admin, reorganization=event, rule="territory", destinations=[
        ("unit", north.pk, "25.UBND.N"), ("unit", south.pk, "25.UBND.S"), ("task", other.pk, "25.UBND.S")])
    preview = reorg_selectors.reorganization_preview(reorganization_id=event.pk)
    assert preview.missing == []
    reorg.reorganization_apply(actor=admin, reorganization=event)
    assert Task.objects.get(pk=parent_task.pk).lead_unit.code == "25.UBND.N"  # goes where its delegated part's unit goes
    assert Task.objects.get(pk=other.pk).lead_unit.code == "25.UBND.S"
    assert Task.objects.get(pk=part.pk).lead_unit == north  # a delegated task follows its unit
    assert Task.objects.get(pk=part.pk).assigning_unit.code == "25.UBND.N"
    assert Placement.objects.get(unit=south, valid_to__isnull=True).parent.code == "25.UBND.S"


def test_rename_keeps_the_unit_and_its_code_and_shows_the_old_name_as_of_before(admin):
    a = a_department("Sở Nội vụ")
    code, pk = a.code, a.pk
    event = reorg.reorganization_prepare(actor=admin, kind="rename", effective_on=ON, predecessors=[a], new_name="Sở Nội vụ và Dân tộc")
    reorg.reorganization_apply(actor=admin, reorganization=event)
    a = Unit.objects.get(code=code)
    assert (a.pk, a.name, a.valid_to) == (pk, "Sở Nội vụ và Dân tộc", None)
    assert not Unit.objects.filter(name="Sở Nội vụ và Dân tộc").exclude(pk=pk).exists()
    assert reorg_selectors.reorganization_preview(reorganization_id=event.pk).handed_totals() == {"task": 0, "assigned": 0, "coordination": 0}
    root = Unit.objects.get(code="25.UBND")
    names = lambda day: {n.unit.code: n.unit.name for n in unit_tree(root=root, as_of=day).children}  # noqa: E731
    assert names(BEFORE)[a.code] == "Sở Nội vụ" and names(ON)[a.code] == "Sở Nội vụ và Dân tộc"


def test_dissolve_needs_a_successor_for_its_open_work(admin):
    a, b = a_department(), a_department()
    task = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31))
    event = reorg.reorganization_prepare(actor=admin, kind="dissolve", effective_on=ON, predecessors=[a])
    with pytest.raises(Conflict) as refusal:
        reorg.reorganization_apply(actor=admin, reorganization=event)
    assert refusal.value.errors[0].field == f"destinations.task.{task.pk}"
    event = reorg.reorganization_prepare(actor=admin, kind="dissolve", effective_on=ON, predecessors=[a], successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    assert Task.objects.get(pk=task.pk).lead_unit == b


def test_move_closes_the_placements_of_the_whole_subtree_and_opens_new_paths(admin):
    a = a_department()
    child = a_department(parent=a.code)
    grandchild = a_department(parent=child.code)
    target = Unit.objects.get(code="25.TU")
    event = reorg.reorganization_prepare(actor=admin, kind="move", effective_on=ON, predecessors=[a], new_parent=target)
    assert reorg_selectors.reorganization_preview(reorganization_id=event.pk).move[3] == 3
    reorg.reorganization_apply(actor=admin, reorganization=event)
    target_path = Placement.objects.get(unit=target, valid_to__isnull=True).path
    new = Placement.objects.get(unit=grandchild, valid_from=ON)
    assert new.path == f"{target_path}{a.pk}/{child.pk}/{grandchild.pk}/" and new.depth == new.path.count("/") - 2
    assert Placement.objects.get(unit=grandchild, valid_to=ON).path.startswith(
        Placement.objects.get(unit=Unit.objects.get(code="25.UBND"), valid_to__isnull=True).path)
    assert [n.unit.code for n in unit_tree(root=target, as_of=ON, depth=1).children if n.unit == a] == [a.code]


def test_establish_opens_a_unit_on_the_effective_date(admin):
    event = reorg.reorganization_prepare(actor=admin, kind="establish", effective_on=ON, new_units=[
        {"code": "25.UBND.NEW", "name": "Sở mới", "kind": "department", "tier": "province", "parent": Unit.objects.get(code="25.UBND")}])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    unit = Unit.objects.get(code="25.UBND.NEW")
    assert unit.valid_from == ON and not unit.is_valid_on(BEFORE)


def test_apply_then_revert_restores_everything_exactly(clock, admin):
    a, b = a_department(), a_department()
    a_department(parent=a.code)
    a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31), coordinators=[b.code])
    a_task(lead_unit=b.code, deadline=dt.date(2025, 12, 31), coordinators=[a.code])
    before = snapshot()
    event = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a, b], successors=["25.UBND.M"],
                                         new_units=[{"code": "25.UBND.M", "name": "Sở M", "kind": "department", "tier": "province",
                                                     "parent": Unit.objects.get(code="25.UBND")}])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    assert snapshot() != before
    reorg.reorganization_revert(actor=admin, reorganization=event)
    assert snapshot() == before
    event.refresh_from_db()
    assert event.reverted_at is not None


def test_revert_is_refused_naming_what_depends_on_it(clock, make_user, admin):
    a, b = a_department(), a_department()
    task = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31), title="Việc đã chuyển")
    event = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a], successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    clock(dt.date(2025, 9, 5))
    task_services.progress_report(actor=make_user(is_superuser=True), task=Task.objects.get(pk=task.pk), percent=40, text="Đang làm")
    later = a_task(lead_unit=b.code, deadline=dt.date(2025, 12, 31), title="Việc mới")
    state = snapshot()
    with pytest.raises(Conflict) as refusal:
        reorg.reorganization_revert(actor=admin, reorganization=event)
    reasons = {e.code: e.reason for e in refusal.value.errors}
    assert f"#{task.pk} Việc đã chuyển (progress)" in reasons["later_progress"]
    assert f"#{later.pk} Việc mới" in reasons["later_task"]
    assert snapshot() == state


def test_a_later_event_on_the_successor_blocks_revert(admin):
    a, b = a_department(), a_department()
    first = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a], successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=first)
    second = reorg.reorganization_prepare(actor=admin, kind="rename", effective_on=dt.date(2025, 10, 1), predecessors=[b], new_name="Tên mới")
    reorg.reorganization_apply(actor=admin, reorganization=second)
    with pytest.raises(Conflict) as refusal:
        reorg.reorganization_revert(actor=admin, reorganization=first)
    assert refusal.value.errors[0].code == "later_event" and f"(#{second.pk})" in refusal.value.errors[0].reason
    reorg.reorganization_revert(actor=admin, reorganization=second)
    reorg.reorganization_revert(actor=admin, reorganization=first)


def test_batch_is_applied_together_or_not_at_all(admin):
    a, b, c = a_department(), a_department(), a_department()
    a_task(lead_unit=c.code, deadline=dt.date(2025, 12, 31))
    reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a], successors=[b], batch="2025-09")
    reorg.reorganization_prepare(actor=admin, kind="dissolve", effective_on=ON, predecessors=[c], batch="2025-09")
    state = snapshot()
    with pytest.raises(Conflict):
        reorg.reorganization_batch_apply(actor=admin, batch="2025-09")
    assert snapshot() == state


def test_prepare_refuses_a_taken_code_and_a_closed_predecessor(unit, admin):
    with pytest.raises(DomainError) as refusal:
        reorg.reorganization_prepare(actor=admin, kind="establish", effective_on=ON, new_units=[
            {"code": "25.UBND", "name": "x", "kind": "department", "tier": "province"}])
    assert refusal.value.errors[0].field == "new_units.0.code"
    with pytest.raises(DomainError) as refusal:
        reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[unit("old-66")], successors=[unit("66")])
    assert [e.code for e in refusal.value.errors] == ["closed"]


def test_only_system_administrators_reorganize(make_user):
    specialist = make_user("specialist", "25.UBND")
    with pytest.raises(PermissionDenied):
        reorg.reorganization_prepare(actor=specialist, kind="rename", effective_on=ON, predecessors=[a_department()], new_name="x")


def test_preview_lists_pending_extensions_and_numbering_sequences(make_user, admin):
    a, b = a_department(), a_department()
    a.issuer_code = "ST"
    a.save(update_fields=["issuer_code"])
    a_document(issuing_unit=a.code, type="QĐ", issued_on=dt.date(2025, 8, 1))
    task = a_task(lead_unit=a.code, deadline=dt.date(2025, 9, 30))
    task_services.extension_request(actor=make_user(is_superuser=True), task=task, requested_deadline=dt.date(2025, 10, 30), reason="Chờ số liệu")
    event = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a], successors=[b])
    preview = reorg_selectors.reorganization_preview(reorganization_id=event.pk)
    assert [(e["task"].pk, e["lead"]) for e in preview.extensions] == [(task.pk, b.code)]
    assert [(s["unit"].code, s["successors"]) for s in preview.sequences] == [(a.code, [b.code])]


def test_a_split_choosing_two_destinations_for_one_task_keeps_one_row_with_both(clock, admin):
    """B splits into C and D; a task B leads and assigned goes to C, and is assigned by D from now on."""
    b, c, d = a_department("Sở B"), a_department("Sở C"), a_department("Sở D")
    task = a_task(lead_unit=b.code, assigning_unit=Unit.objects.get(code=b.code), deadline=dt.date(2025, 12, 31))
    before = snapshot()
    event = reorg.reorganization_prepare(actor=admin, kind="split", effective_on=ON, predecessors=[b], successors=[c, d],
                                         destinations=[("task", task.pk, c.code), ("assigned", task.pk, d.code)])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    moved = Task.objects.get(pk=task.pk)
    assert (moved.lead_unit, moved.assigning_unit) == (c, d)
    row = TaskHandover.objects.get(task=task)
    assert (row.lead_from, row.lead_to, row.assigning_from, row.assigning_to) == (b, c, b, d)
    assert listed(b, BEFORE, subtree=False) == [task.pk] and listed(c, ON, subtree=False) == [task.pk]
    for unit, day in ((b, BEFORE), (d, ON)):
        by_unit = task_selectors.TaskFilters(as_of=day, assigning_unit=unit)
        assert list(task_selectors.tasks_list(user=None, filters=by_unit).values_list("id", flat=True)) == [task.pk]
    line = TaskEvent.objects.get(task=task, kind="reorganized")
    assert (line.data["role"], line.data["from"], line.data["to"]) == ("lead", b.code, c.code)
    reorg.reorganization_revert(actor=admin, reorganization=event)
    assert snapshot() == before


def test_a_task_handed_on_twice_is_listed_under_each_holder_for_its_own_dates(clock, admin):
    a, b, c, e = a_department("Sở A"), a_department("Sở B"), a_department("Sở C"), a_department("Sở E")
    task = a_task(lead_unit=a.code, deadline=dt.date(2026, 12, 31), coordinators=[c.code])
    first = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=ON, predecessors=[a], successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=first)
    later = dt.date(2025, 10, 1)
    second = reorg.reorganization_prepare(actor=admin, kind="merge", effective_on=later, predecessors=[b, c], successors=[e])
    reorg.reorganization_apply(actor=admin, reorganization=second)
    rows = list(TaskHandover.objects.filter(task=task).order_by("valid_to").values_list("lead_from", "lead_since", "valid_to"))
    assert rows == [(a.pk, None, ON), (b.pk, ON, later)]
    assert CoordinationHandover.objects.get(task=task).removed  # e leads it now
    assert [listed(unit, day, subtree=False) for unit, day in ((a, BEFORE), (b, ON), (e, later))] == [[task.pk]] * 3
    assert listed(b, BEFORE, subtree=False) == [] and listed(a, ON, subtree=False) == []
    reorg.reorganization_revert(actor=admin, reorganization=second)
    moved = Task.objects.get(pk=task.pk)
    assert moved.lead_unit == b and moved.coordinations.get().unit == c


def test_a_unit_code_with_quotation_marks_is_named_on_the_timeline_as_it_is(admin):
    """The timeline's JSON is the database's own (json_object / jsonb_build_object): no code can break it."""
    a = a_department("Sở \"A\"", code='25.UBND.T"Q"')
    b = a_department("Sở B", code="25.UBND.T\\B'")
    task = a_task(lead_unit=a.code, deadline=dt.date(2025, 12, 31))
    event = reorg.reorganization_prepare(actor=admin, kind=ReorganizationKind.MERGE, effective_on=ON, predecessors=[a],
                                         successors=[b])
    reorg.reorganization_apply(actor=admin, reorganization=event)
    line = TaskEvent.objects.get(task=task, kind="reorganized")
    assert line.data == {"reorganization": event.pk, "kind": "merge", "effective_on": "2025-09-01", "role": "lead",
                         "from": '25.UBND.T"Q"', "to": "25.UBND.T\\B'"}
    assert Task.objects.get(pk=task.pk).lead_unit == b


def test_a_new_units_code_taken_between_prepare_and_apply_is_refused_with_nothing_changed(admin):
    a, b = a_department(), a_department()
    event = reorg.reorganization_prepare(
        actor=admin, kind=ReorganizationKind.MERGE, effective_on=ON, predecessors=[a, b], successors=["25.UBND.SZ"],
        new_units=[{"code": "25.UBND.SZ", "name": "Sở Z", "kind": "department", "tier": "province",
                    "parent": Unit.objects.get(code="25.UBND")}])
    a_department("Sở Z khác", code="25.UBND.SZ")  # someone else takes the code meanwhile
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        reorg.reorganization_apply(actor=admin, reorganization=event)
    assert refused.value.status == 409  # the structure as it now stands refuses it, as the plan says
    assert [(e.field, e.code) for e in refused.value.errors] == [("new_units", "unique")]
    assert snapshot() == before
    event.refresh_from_db()
    assert event.applied_at is None
