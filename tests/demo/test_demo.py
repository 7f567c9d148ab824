"""`mandate demo`: the seed facts, the generated workload, the logins, and a second run that reuses them."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from mandate.accounts.models import Membership, Role, User
from mandate.audit.models import AuditRecord
from mandate.core import clock
from mandate.demo.seeds import SEED_004_TITLE
from mandate.demo.users import LOGINS
from mandate.demo.workload import MERGER, PROVINCES, Commune, workload_plan
from mandate.documents.models import Document
from mandate.orgs.models import Cluster, Term, Unit
from mandate.tasks.history import history_lines
from mandate.tasks.models import Extension, ExtensionState, ProgressReport, Task, TaskEvent, TaskState
from mandate.tasks.selectors import TaskFilters, status_counts

SEED_TASKS = 34  # 25 written by the Writer, 9 given by the Đắk Lắk conference's conclusion notice
WORKLOAD_TASKS = 200


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Each run sets ten passwords; the production hasher would spend seconds on them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--tasks", str(WORKLOAD_TASKS), "--seed", "7", *args, stdout=out)
    return out.getvalue()


def passwords_in(output: str) -> dict[str, str]:
    """username → password, read from the printed table."""
    rows = [line.split() for line in output.splitlines() if line.startswith("http://")]
    return {row[1]: row[2] for row in rows}


@pytest.mark.django_db
def test_the_demo_holds_the_phu_tho_directive_with_its_references_and_tasks():
    demo("--no-workload", "--quiet")

    directive = Document.objects.get(registered=True, issuing_unit__code="25.TU.BTV", title=SEED_004_TITLE)
    assert directive.issued_on == dt.date(2025, 7, 22)
    assert directive.number_text == "01-CV/TU"
    relations = {(r.kind, r.target.number_text, r.target.registered) for r in directive.outgoing_relations.select_related("target")}
    assert relations == {
        ("implements", "178-KL/TW", False), ("cites", "177-KL/TW", False), ("cites", "02-KH/BCĐTW", False),
        ("cites", "04-KH/TU", True), ("cites", "02-KH/TU", True), ("cites", "9068-CV/BTCTW", False),
        ("cites", "253-QĐ/TW", False), ("cites", "255-QĐ/TW", False),
    }
    tasks = Task.objects.filter(document=directive)
    assert sorted(tasks.values_list("lead_unit__code", flat=True)) == [
        "25.DU-UBND", "25.MTTQ", "25.TU.BTC", "25.TU.BTC", "25.TU.BTC", "25.TU.UBKT", "25.TU.VP", "25.UBND"]
    staffing = tasks.get(lead_unit__code="25.TU.BTC", original_deadline=dt.date(2025, 7, 25))
    assert (staffing.deadline, staffing.state, staffing.completed_on) == (dt.date(2025, 7, 25), TaskState.COMPLETED, dt.date(2025, 7, 25))
    assert staffing.leader.username == "truongban.tochuc.phutho"
    extended = tasks.get(lead_unit__code="25.TU.BTC", original_deadline=dt.date(2025, 9, 30))
    assert (extended.deadline, extended.extension_count) == (dt.date(2025, 10, 31), 1)
    assert Unit.objects.get(code="25.DU-UBND").valid_from == MERGER
    assert Unit.objects.get(code="25.MTTQ").valid_from == MERGER


@pytest.mark.django_db
def test_the_demo_holds_the_other_seed_facts():
    demo("--no-workload", "--quiet")

    assert Task.objects.count() == SEED_TASKS
    assert Cluster.objects.get(code="CTD-2-2024").members.count() == 14
    assert set(Cluster.objects.get(code="CTD-2").members.values_list("code", flat=True)) == {
        "31", "37", "20", "24", "22", "33", "38", "40", "42"}
    steering = Unit.objects.get(code="VN.TW.BCD18")
    assert (steering.kind, steering.issuer_code) == ("steering_committee", "BCĐTW")
    assert Term.objects.filter(unit=steering).count() == 1
    notice = Document.objects.get(issuing_unit=steering)
    assert (notice.number_text, notice.tasks.count()) == ("01-TB/BCĐTW", 8)
    conclusion = Document.objects.get(issuing_unit__code="old-66.TU.BCH")
    assert conclusion.issued_on == dt.date(2025, 4, 4)
    assert conclusion.tasks.filter(state=TaskState.IN_PROGRESS).count() == 2  # open when the province closed
    program = Document.objects.get(issuing_unit__code="01.TU.BTV", type="CTr")
    assert program.tasks.count() == 5
    assert Document.objects.filter(issuing_unit__code="01.TU.BTV", type="TTr").count() == 4
    assert User.objects.get(username="bithu.hanoi").full_name == "Nguyễn Duy Ngọc"


@pytest.mark.django_db
def test_the_workload_has_every_status_and_every_kind_of_work():
    output = demo()

    assert Task.objects.count() == SEED_TASKS + WORKLOAD_TASKS
    counts = status_counts(user=None, filters=TaskFilters(as_of=clock.today()))
    assert counts["completed_on_time"] > counts["completed_late"] > 0
    assert counts["overdue"] > 0
    assert counts["within_deadline"] + counts["due_soon"] > 0
    assert Task.objects.filter(parent__isnull=False).exists()  # delegated from a province to its communes
    assert Extension.objects.filter(state=ExtensionState.APPROVED).exists()
    assert ProgressReport.objects.exclude(text="").exists()
    # Tasks of the provinces merged on 2025-07-01: the open ones were carried to the successors by
    # the merger, with a line in their timeline; the finished ones stay with the units that did them.
    assert not Task.objects.filter(lead_unit__code__startswith="old-", state__in=[TaskState.ASSIGNED, TaskState.IN_PROGRESS,
                                                                                 TaskState.SUBMITTED, TaskState.RETURNED]).exists()
    carried = Task.objects.filter(events__kind="reorganized", assigned_on__lt=MERGER)
    assert carried.exists()
    assert not carried.filter(lead_unit__code__startswith="old-").exists()
    assert Task.objects.filter(lead_unit__code__startswith="old-", state=TaskState.COMPLETED).exists()
    assert not Task.objects.filter(lead_unit__code__startswith="old-", assigned_on__gte=MERGER).exists()
    assert f"Quá hạn {counts['overdue']}" in output  # the statuses by their labels, in the operator's language
    # The timelines tell the story on its dates, not on the day the demo was built.
    events = list(TaskEvent.objects.filter(task__parent__isnull=True).select_related("task"))
    assert all(clock.local_date(event.at) <= clock.today() for event in events)
    assigned = [event for event in events if event.kind == "assigned"]
    assert sum(clock.local_date(event.at) == event.task.assigned_on for event in assigned) >= 0.95 * len(assigned)
    assert sum(clock.local_date(event.at) == clock.today() for event in events) < 0.2 * len(events)
    assert {clock.local_date(event.at) for event in events if event.kind == "reorganized"} == {MERGER}


@pytest.mark.django_db
def test_every_role_has_a_login_and_the_administrator_is_admin():
    output = demo("--no-workload")

    passwords = passwords_in(output)
    assert set(passwords) == {person.username for person in LOGINS}
    roles = set(Membership.objects.filter(user__username__in=passwords).values_list("role", flat=True))
    assert roles == set(Role.values)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.memberships.filter(unit__code="VN", role=Role.SYSTEM_ADMIN).exists()
    assert admin.check_password(passwords["admin"])
    assert "http://127.0.0.1:8000/" in output


@pytest.mark.django_db
def test_a_second_run_reuses_the_data_and_changes_every_password(monkeypatch):
    first = passwords_in(demo())
    tasks, documents, users = Task.objects.count(), Document.objects.count(), User.objects.count()

    monkeypatch.setenv("PORT", "8123")
    output = demo()

    second = passwords_in(output)
    assert (Task.objects.count(), Document.objects.count(), User.objects.count()) == (tasks, documents, users)
    assert set(second) == set(first)
    assert all(second[username] != first[username] for username in first)
    clerk = User.objects.get(username="vanphong.vietri")
    assert clerk.check_password(second["vanphong.vietri"]) and not clerk.check_password(first["vanphong.vietri"])
    assert "http://127.0.0.1:8123/" in output


def test_the_workload_plan_is_the_same_for_the_same_seed_and_lives_within_its_dates():
    today = dt.date(2026, 11, 22)
    communes = {p.code: [Commune(f"{p.code}{n:03d}", f"Xã Thử {n}", p.code) for n in range(12)] for p in PROVINCES}
    places = {p.code: f"tỉnh {p.slug}" for p in PROVINCES}

    first = workload_plan(tasks=500, seed=3, today=today, communes=communes, places=places)
    again = workload_plan(tasks=500, seed=3, today=today, communes=communes, places=places)
    other = workload_plan(tasks=500, seed=4, today=today, communes=communes, places=places)

    assert first == again != other
    assert sum(plan.count() for plan in first) == 500
    assert [plan.issued_on for plan in first] == sorted(plan.issued_on for plan in first)
    for plan in first:
        assert plan.issued_on <= today
        for task in plan.tasks:
            assert task.deadline is None or plan.issued_on <= task.deadline <= today + dt.timedelta(days=90)
            horizon = MERGER - dt.timedelta(days=1) if task.lead.startswith("old-") else today
            assert all(step.on is None or plan.issued_on <= step.on <= horizon for step in task.steps)


@pytest.mark.django_db
def test_the_histories_of_the_demo_read_as_its_story_and_the_audit_chain_holds():
    """Issue 15: a task's and a document's history show the days of the story, not the minute the demo was built."""
    built = clock.now()
    demo("--no-workload", "--quiet")

    directive = Document.objects.get(registered=True, issuing_unit__code="25.TU.BTV", title=SEED_004_TITLE)
    document_days = {clock.local_date(line.at) for line in history_lines(obj=directive)}
    assert document_days == {dt.date(2025, 7, 22)}
    staffing = Task.objects.get(document=directive, lead_unit__code="25.TU.BTC", original_deadline=dt.date(2025, 7, 25))
    lines = history_lines(obj=staffing)
    assert [clock.local_date(line.at) for line in lines] == sorted(clock.local_date(line.at) for line in lines)
    assert clock.local_date(lines[0].at) == staffing.assigned_on
    assert clock.local_date(lines[-1].at) == dt.date(2025, 7, 25)  # accepted as completed on its story's day
    stamped_at_build = AuditRecord.objects.filter(object_type="tasks.task", at__gte=built - dt.timedelta(minutes=1))
    assert not stamped_at_build.exists()
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue()  # the chain sealed again over the story's times: verify would raise on a broken link
