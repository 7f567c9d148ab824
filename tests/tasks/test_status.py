"""The status rule: its cases at each boundary, and Python equal to SQL on random tasks.

SQL speaks the rule twice: the CASE that labels a row and the predicates that filter rows by
status (`status_filter`, which an index can serve). Both are held equal to `status_of`.
"""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate.tasks.status import (
    DEPRECATED_STATUS_FILTERS, OFFICIAL_FOUR, OFFICIAL_TOTALS, STATUS_FILTERS, TODAY, WINDOW, Status, official_totals,
    status_of,
)
from mandate.tasks.status_sql import status_predicate

D = dt.date(2025, 7, 25)


def status(*, deadline=D, completed_on=None, cancelled_on=None, as_of, warning_days=7):
    return status_of(deadline=deadline, completed_on=completed_on, cancelled_on=cancelled_on, as_of=as_of,
                     warning_days=warning_days)


def test_open_task_before_on_and_after_its_deadline():
    assert status(as_of=D - dt.timedelta(days=8)) == Status.WITHIN_DEADLINE
    assert status(as_of=D - dt.timedelta(days=7)) == Status.DUE_SOON
    assert status(as_of=D) == Status.DUE_SOON  # a deadline includes its whole day
    assert status(as_of=D + dt.timedelta(days=1)) == Status.OVERDUE


def test_completion_on_the_deadline_is_on_time_and_a_day_after_is_late():
    assert status(completed_on=D, as_of=D + dt.timedelta(days=30)) == Status.COMPLETED_ON_TIME
    assert status(completed_on=D + dt.timedelta(days=1), as_of=D + dt.timedelta(days=30)) == Status.COMPLETED_LATE


def test_a_completion_after_the_date_of_reckoning_does_not_count_yet():
    assert status(completed_on=D + dt.timedelta(days=3), as_of=D + dt.timedelta(days=2)) == Status.OVERDUE
    assert status(completed_on=D - dt.timedelta(days=3), as_of=D - dt.timedelta(days=10)) == Status.WITHIN_DEADLINE


def test_cancelled_counts_in_neither_from_its_cancellation_on():
    assert status(cancelled_on=D, as_of=D) == Status.CANCELLED
    assert status(cancelled_on=D, as_of=D - dt.timedelta(days=1)) == Status.DUE_SOON


def test_unit_window_decides_due_soon():
    assert status(as_of=D - dt.timedelta(days=3), warning_days=3) == Status.DUE_SOON
    assert status(as_of=D - dt.timedelta(days=4), warning_days=3) == Status.WITHIN_DEADLINE
    assert status(as_of=D - dt.timedelta(days=1), warning_days=0) == Status.WITHIN_DEADLINE


def test_recurring_task_without_deadline_is_never_overdue_and_on_time_when_done():
    assert status(deadline=None, as_of=D) == Status.WITHIN_DEADLINE
    assert status(deadline=None, completed_on=D, as_of=D) == Status.COMPLETED_ON_TIME


BASE = dt.date(2025, 1, 1)
LEADS = ("25.TU.BTC", "25.TU.VP", "25.TU.UBKT", "25.UBND")
offsets = st.integers(min_value=0, max_value=60)
maybe = lambda strategy: st.none() | strategy  # noqa: E731
rows = st.lists(
    st.fixed_dictionaries({
        "lead": st.integers(min_value=0, max_value=len(LEADS) - 1),
        "deadline": maybe(offsets), "completed_on": maybe(offsets), "cancelled_on": maybe(offsets),
    }),
    min_size=1, max_size=30,
)
windows = st.lists(maybe(st.integers(min_value=0, max_value=10)), min_size=len(LEADS), max_size=len(LEADS))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=rows, windows=windows, reckoning=offsets)
def test_sql_expression_equals_python_rule(rows, windows, reckoning):
    """Every row's status from the database CASE equals `status_of`, for random dates and unit windows."""
    from mandate.orgs.models import Unit
    from mandate.tasks.models import Task, TaskState
    from mandate.tasks.status_sql import status_expression, status_filter
    from tests.factories import a_task

    template = a_task()
    leads = [Unit.objects.get(code=code) for code in LEADS]
    for lead, window in zip(leads, windows, strict=True):
        lead.warning_days = window
        lead.save(update_fields=["warning_days"])
    as_of = BASE + dt.timedelta(days=reckoning)
    expected = {}
    for row in rows:
        day = lambda key, row=row: None if row[key] is None else BASE + dt.timedelta(days=row[key])  # noqa: E731
        deadline, cancelled = day("deadline"), day("cancelled_on")
        completed = None if cancelled else day("completed_on")
        lead = leads[row["lead"]]
        task = Task.objects.create(
            document=template.document, title="t", search_title=" t ", assigning_unit=template.assigning_unit, lead_unit=lead,
            leader=template.leader, product="p", assigned_on=BASE, deadline=deadline, recurrence="" if deadline else "monthly",
            state=TaskState.CANCELLED if cancelled else TaskState.COMPLETED if completed else TaskState.ASSIGNED,
            completed_on=completed, cancelled_on=cancelled, created_at=template.created_at, updated_at=template.updated_at)
        expected[task.pk] = status_of(deadline=deadline, completed_on=completed, cancelled_on=cancelled, as_of=as_of,
                                      warning_days=lead.due_soon_window())
    got = dict(Task.objects.filter(pk__in=expected).annotate(status=status_expression(as_of=as_of)).values_list("pk", "status"))
    assert got == {pk: status.value for pk, status in expected.items()}
    for name, statuses in FILTERS.items():
        filtered = set(Task.objects.filter(status_filter(statuses, as_of=as_of), pk__in=expected).values_list("pk", flat=True))
        assert filtered == {pk for pk, status in expected.items() if status in statuses}, name


# Every filter the lists accept, each status alone, what the counts count (all but cancelled), all and none.
FILTERS = {**STATUS_FILTERS, "counted": tuple(s for s in Status if s != Status.CANCELLED), "any": tuple(Status), "none": ()}


def holds(predicate, values) -> bool:
    """A predicate of `status_predicate` evaluated as SQL's WHERE does: a comparison with a NULL is false."""
    kind, *rest = predicate
    if kind in ("and", "or"):
        results = (holds(part, values) for part in rest[0])
        return all(results) if kind == "and" else any(results)
    if kind == "null":
        return values[rest[0]] is None
    if kind == "notnull":
        return values[rest[0]] is not None
    if kind in ("days<=", "days>"):
        date, start, days = (values[name] for name in rest)
        if date is None:
            return False
        return (date - start).days <= days if kind == "days<=" else (date - start).days > days
    left, right = (values[name] for name in rest)
    if left is None or right is None:
        return False
    return {"<=": left <= right, "<": left < right, ">": left > right, ">=": left >= right}[kind]


dates = maybe(st.dates(min_value=BASE, max_value=BASE + dt.timedelta(days=30)))


@settings(max_examples=3000, deadline=None)
@given(deadline=dates, completed_on=dates, cancelled_on=dates,
       as_of=st.dates(min_value=BASE, max_value=BASE + dt.timedelta(days=30)), warning_days=st.integers(min_value=0, max_value=10))
def test_status_predicates_select_exactly_the_rows_of_their_statuses(deadline, completed_on, cancelled_on, as_of, warning_days):
    """The simplified predicates keep the meaning of the rules, for every filter, on many more dates than SQL can try."""
    status = status_of(deadline=deadline, completed_on=completed_on, cancelled_on=cancelled_on, as_of=as_of,
                       warning_days=warning_days)
    values = {"deadline": deadline, "completed_on": completed_on, "cancelled_on": cancelled_on, TODAY: as_of,
              WINDOW: warning_days}
    for name, statuses in FILTERS.items():
        assert holds(status_predicate(statuses), values) == (status in statuses), name


def test_overdue_is_a_range_on_the_deadline_that_an_index_can_serve():
    """Overdue on t: not cancelled by t, not completed by t, deadline < t — the deadline bound stands alone."""
    assert status_predicate([Status.OVERDUE]) == ("and", (
        ("or", (("null", "cancelled_on"), (">", "cancelled_on", TODAY))),
        ("or", (("null", "completed_on"), (">", "completed_on", TODAY))),
        ("<", "deadline", TODAY),
    ))
    assert status_predicate([s for s in Status if s != Status.CANCELLED]) == (
        "or", (("null", "cancelled_on"), (">", "cancelled_on", TODAY)))


def test_the_official_totals_of_the_government_offices_2017_report():
    """DESIGN.md §2: 21,914 assigned; 16,051 completed (14,068 on time, 1,983 late); 5,863 not completed (5,640
    within deadline, 223 overdue). Of those within deadline, say 140 were due soon: a task's status names that."""
    counts = {"completed_on_time": 14_068, "completed_late": 1_983, "due_soon": 140, "within_deadline": 5_500, "overdue": 223,
              "cancelled": 57}
    assert official_totals(counts) == {"assigned": 21_914, "completed": 16_051, "completed_on_time": 14_068,
                                       "completed_late": 1_983, "not_completed": 5_863, "within_deadline": 5_640,
                                       "due_soon": 140, "overdue": 223}


@given(counts=st.dictionaries(st.sampled_from([s.value for s in Status]), st.integers(min_value=0, max_value=10**6)))
def test_the_four_numbers_of_the_report_add_up_to_those_assigned(counts):
    totals = official_totals(counts)
    assert sum(totals[name] for name in OFFICIAL_FOUR) == totals["assigned"] == sum(
        n for status, n in counts.items() if status != Status.CANCELLED)
    assert totals["completed"] + totals["not_completed"] == totals["assigned"]
    assert totals["due_soon"] <= totals["within_deadline"]


def test_each_official_total_and_each_old_name_is_a_status_filter_of_the_same_set():
    """So that `?status=within_deadline` lists what `within_deadline` counts, and old links keep their meaning."""
    assert {name: STATUS_FILTERS[name] for name in OFFICIAL_TOTALS} == OFFICIAL_TOTALS
    assert {old: STATUS_FILTERS[old] for old in DEPRECATED_STATUS_FILTERS} == {
        "open": (Status.OVERDUE, Status.DUE_SOON, Status.WITHIN_DEADLINE),
        "done": (Status.COMPLETED_ON_TIME, Status.COMPLETED_LATE),
        "not_overdue": (Status.DUE_SOON, Status.WITHIN_DEADLINE)}
