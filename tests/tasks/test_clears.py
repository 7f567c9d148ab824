"""The six clears: a task missing any is refused with every missing clear named."""
import datetime as dt

from mandate.tasks.clears import Draft, missing_clears


def draft(**changes) -> Draft:
    values = dict(leader=object(), title="Tổng hợp báo cáo", deadline=dt.date(2025, 7, 25), recurrence="",
                  lead_unit="BTC", coordinators=("VP",), product="Báo cáo", document=object(), assigned_on=dt.date(2025, 7, 15))
    values.update(changes)
    return Draft(**values)


def codes(d: Draft) -> list[str]:
    return [e.code for e in missing_clears(d)]


def test_a_complete_draft_is_clear():
    assert missing_clears(draft()) == []


def test_every_missing_clear_is_named_at_once():
    empty = draft(leader=None, title=" ", deadline=None, lead_unit=None, product="", document=None, coordinators=())
    assert codes(empty) == ["clear_person", "clear_work", "clear_time", "clear_responsibility", "clear_product", "clear_authority"]
    assert [e.field for e in missing_clears(empty)] == ["leader", "title", "deadline", "lead_unit", "product", "document"]


def test_a_recurrence_is_a_clear_time():
    assert codes(draft(deadline=None, recurrence="hằng tháng")) == []


def test_the_lead_unit_cannot_also_coordinate():
    assert codes(draft(lead_unit="BTC", coordinators=("BTC",))) == ["clear_responsibility"]


def test_a_coordinator_named_twice_is_refused():
    assert codes(draft(coordinators=("VP", "VP"))) == ["clear_responsibility"]


def test_a_deadline_before_assignment_is_not_clear_time():
    assert codes(draft(deadline=dt.date(2025, 7, 1))) == ["clear_time"]
