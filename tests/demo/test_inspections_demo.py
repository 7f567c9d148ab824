"""The demo's inspection work: Hà Nội's 2026 programme with a dozen cases in every state, a conclusion whose
recommendations are tasks under way (one overdue), a denunciation whose deadline crosses Tết 2026, a discipline
decision, Phú Thọ's supervision of the two-level government; everyone in a case is a fictional person."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from mandate.core import clock, workdays
from mandate.demo.inspections import PEOPLE
from mandate.demo.seeds import NAMED_LEADERS, NAMED_PROVINCE_PEOPLE
from mandate.inspections.models import Case, CaseKind, CaseState, DisciplineDecision, Programme, Recommendation
from mandate.inspections.selectors import cases_with_status
from mandate.personnel.models import DisciplineRecord
from mandate.tasks.selectors import tasks_with_status
from mandate.tasks.status import Status

TET_2026 = dt.date(2026, 2, 17)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_holds_the_commissions_work(client):
    call_command("demo", "--no-workload", "--quiet", stdout=io.StringIO())
    today = clock.today()

    hanoi = Programme.objects.get(body__code="01.TU", year=2026)
    assert hanoi.document.type == "CTr" and hanoi.items.count() == 9
    cases = {case.pk: case for case in cases_with_status(as_of=today).filter(body__code__startswith="01.")}
    assert len(cases) == 13  # a dozen and one: every kind of case, in every state
    assert {case.state_on for case in cases.values()} == {CaseState.PREPARE, CaseState.CONDUCT, CaseState.CLOSED,
                                                          CaseState.NOT_HANDLED}
    assert {case.kind for case in cases.values()} == set(CaseKind.values)

    # A conclusion whose recommendations are tasks still under way, one of them overdue.
    statuses = {}
    for recommendation in Recommendation.objects.filter(case__body__code="01.TU.UBKT"):
        task = tasks_with_status(as_of=today).get(pk=recommendation.task_id)
        statuses.setdefault(recommendation.case_id, []).append(task.status)
    assert any(Status.OVERDUE in found and any(s in (Status.WITHIN_DEADLINE, Status.DUE_SOON) for s in found)
               for found in statuses.values())

    # A denunciation received before Tết 2026 whose 90 working days run past it.
    denunciation = Case.objects.get(kind=CaseKind.DENUNCIATION, opened_on=dt.date(2026, 1, 5))
    assert denunciation.opened_on < TET_2026 < denunciation.original_deadline
    assert denunciation.original_deadline == workdays.add_working_days(denunciation.opened_on, 90)
    assert denunciation.original_deadline > denunciation.opened_on + dt.timedelta(days=90 * 7 // 5)  # Tết's days off

    decision = DisciplineDecision.objects.get()
    assert decision.case == denunciation and decision.form == "warning"
    assert DisciplineRecord.objects.filter(person=decision.target_person).count() == 1
    complaint = Case.objects.get(kind=CaseKind.COMPLAINT)
    assert (complaint.contested, complaint.outcome, complaint.state) == (decision, "kept", CaseState.CLOSED)

    # Phú Thọ: the supervision of the two-level government follows the seed 004 directive.
    phutho = Case.objects.filter(body__code="25.TU.UBKT", directive__title__startswith="Về việc triển khai thực hiện Kết luận")
    assert phutho.count() == 2 and Programme.objects.filter(body__code="25.TU.UBKT", year=2025).exists()

    # Everyone denounced, disciplined or complaining is a fictional person of the demo; no seed official is in a case.
    fictional = {person.full_name for person in PEOPLE}
    real = {fact.full_name for fact in NAMED_LEADERS} | {name for name, _ in NAMED_PROVINCE_PEOPLE.values()}
    targets = {case.target_person.full_name for case in Case.objects.filter(target_person__isnull=False)}
    assert targets and targets <= fictional and not targets & real
    assert not {case.filer_name for case in Case.objects.exclude(filer_name="")} & real

    # The commission's chair sees the supervision panel of the seed directive, step by step.
    from mandate.accounts.models import User

    client.force_login(User.objects.get(username="chunhiem.ubkt.phutho"))
    html = client.get(f"/monitoring/supervision/{phutho.order_by('opened_on').first().pk}/").content.decode()
    assert html.count("<tr data-day=") >= 9 and "Tham mưu Ban Thường vụ chỉ đạo kiện toàn" in html
