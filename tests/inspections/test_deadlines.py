"""Denunciations in working days across Tết 2026 and a weekend, their one extension, and a complaint's 30 calendar
days; the computed deadline counted overdue or within deadline by the tasks' status rule."""
import datetime as dt

import pytest

from mandate.core import workdays
from mandate.core.errors import DomainError
from mandate.inspections import discipline, selectors, services
from mandate.inspections.models import Case, CaseKind, CaseState, DisciplineDecision, DisciplineForm, DisciplineState
from mandate.orgs.models import Unit
from mandate.personnel.models import DisciplineRecord

# Days off from October 2025 to March 2026 on weekdays: New Year's Day and Tết (the eve and the first four days).
DAYS_OFF = {dt.date(2026, 1, 1), *(dt.date(2026, 2, day) for day in range(16, 21))}


def counted_by_hand(start: dt.date, end: dt.date) -> int:
    days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
    return sum(day.weekday() < 5 and day not in DAYS_OFF for day in days)


def denounce(env, opened_on, **fields):
    return services.case_open(actor=env["inspector"], kind=CaseKind.DENUNCIATION, body=env["ubkt"], opened_on=opened_on,
                              title=fields.pop("title", "Đơn tố cáo đồng chí Đặng Văn Chính"), target_person=env["full"],
                              filer_name=fields.pop("filer_name", "Nguyễn Thị Tố"),
                              filer_address=fields.pop("filer_address", "Phường Việt Trì, tỉnh Phú Thọ"), **fields)


def test_a_denunciation_received_before_tet_is_due_ninety_working_days_later(phu_tho, freeze):
    freeze(dt.date(2026, 3, 2))
    received = dt.date(2025, 10, 20)
    case = denounce(phu_tho, received)
    assert case.deadline == workdays.add_working_days(received, 90)
    assert counted_by_hand(received, case.deadline) == 90 and case.deadline.weekday() < 5
    assert counted_by_hand(received, case.deadline - dt.timedelta(days=1)) == 89
    assert case.deadline > dt.date(2026, 2, 20)  # Tết pushed it past the holiday week


def test_at_the_centre_a_denunciation_has_one_hundred_eighty_working_days(phu_tho, freeze):
    freeze(dt.date(2026, 3, 2))
    central = Unit.objects.create(code="TW.UBKT.TEST", name="Ủy ban Kiểm tra Trung ương (thử)", kind="inspection_commission",
                                  tier="central", issuer_code="UBKTTW")
    assert services.denunciation_deadline(body=central, received_on=dt.date(2025, 10, 20)) == workdays.add_working_days(
        dt.date(2025, 10, 20), 180)


def a_case_due_on(env, freeze, deadline: dt.date) -> Case:
    """A denunciation whose deadline is `deadline` (received 90 working days before it)."""
    received = deadline - dt.timedelta(days=1)
    while workdays.working_days_between(received, deadline) < 90:
        received -= dt.timedelta(days=1)
    freeze(deadline - dt.timedelta(days=1))
    case = denounce(env, received)
    assert case.deadline == deadline
    return case


def test_an_extension_from_the_friday_before_tet_lands_on_the_monday_after_it(phu_tho, freeze):
    case = a_case_due_on(phu_tho, freeze, dt.date(2026, 2, 13))
    services.case_extend(actor=phu_tho["inspector"], case=case, working_days=1, reason="Cần xác minh thêm tại xã",
                         denouncer_informed_on=dt.date(2026, 2, 12))
    case.refresh_from_db()
    assert case.deadline == dt.date(2026, 2, 23) and case.original_deadline == dt.date(2026, 2, 13)
    assert case.extension_count == 1


def test_an_extension_over_a_weekend(phu_tho, freeze):
    case = a_case_due_on(phu_tho, freeze, dt.date(2025, 10, 17))
    services.case_extend(actor=phu_tho["inspector"], case=case, working_days=3, reason="Chờ kết quả giám định",
                         denouncer_informed_on=dt.date(2025, 10, 16))
    case.refresh_from_db()
    assert case.deadline == dt.date(2025, 10, 22)


def test_one_extension_only_and_at_most_thirty_working_days(phu_tho, freeze):
    env = phu_tho
    case = a_case_due_on(env, freeze, dt.date(2025, 10, 17))
    with pytest.raises(DomainError) as error:
        services.case_extend(actor=env["inspector"], case=case, working_days=31, reason="Phức tạp",
                             denouncer_informed_on=None)
    assert {e.field: e.code for e in error.value.errors} == {"working_days": "too_long", "denouncer_informed_on": "required"}
    services.case_extend(actor=env["inspector"], case=case, working_days=30, reason="Phức tạp",
                         denouncer_informed_on=dt.date(2025, 10, 16))
    with pytest.raises(DomainError) as error:
        services.case_extend(actor=env["inspector"], case=case, working_days=1, reason="Thêm nữa",
                             denouncer_informed_on=dt.date(2025, 10, 16))
    assert {e.field: e.code for e in error.value.errors} == {"working_days": "once"}
    case.refresh_from_db()
    assert case.extension_count == 1 and case.deadline == workdays.add_working_days(dt.date(2025, 10, 17), 30)


def test_the_deadline_is_counted_by_the_tasks_rule(phu_tho, freeze):
    case = a_case_due_on(phu_tho, freeze, dt.date(2026, 2, 13))
    def status(day):
        return selectors.cases_list(user=phu_tho["inspector"], filters=selectors.CaseFilters(as_of=day)).get(pk=case.pk).status
    assert status(dt.date(2026, 2, 13)) == "due_soon"
    assert status(dt.date(2026, 1, 2)) == "within_deadline"
    assert status(dt.date(2026, 2, 14)) == "overdue"


def test_an_anonymous_denunciation_is_not_handled(phu_tho):
    with pytest.raises(DomainError) as error:
        denounce(phu_tho, dt.date(2025, 9, 1), filer_name="", filer_address="")
    assert {e.field: e.code for e in error.value.errors} == {"filer_name": "anonymous", "filer_address": "anonymous"}
    assert not Case.objects.exists()


def test_a_repeat_without_new_evidence_is_not_handled_with_it_is(phu_tho):
    env = phu_tho
    first = denounce(env, dt.date(2025, 6, 2))
    Case.objects.filter(pk=first.pk).update(state=CaseState.CLOSED, completed_on=dt.date(2025, 8, 1))
    with pytest.raises(DomainError) as error:
        denounce(env, dt.date(2025, 9, 1), filer_name="nguyễn thị tố")
    assert {e.field: e.code for e in error.value.errors} == {"new_evidence": "repeat"}
    again = denounce(env, dt.date(2025, 9, 1), new_evidence="Biên bản họp chi bộ ngày 20/8/2025 chưa được xem xét")
    assert again.repeat_of == first


def a_decision(env, **fields):
    return discipline.discipline_decide(actor=env["chair"], body=env["ubkt"], form=fields.pop("form", DisciplineForm.WARNING),
                                        violation="Thiếu trách nhiệm trong lãnh đạo, chỉ đạo", violation_on=dt.date(2024, 5, 1),
                                        decided_on=dt.date(2025, 8, 1), target_person=env["full"],
                                        document_title="Quyết định thi hành kỷ luật")


def complain(env, decision, opened_on, received_on):
    return services.case_open(actor=env["inspector"], kind=CaseKind.COMPLAINT, body=env["ubkt"], opened_on=opened_on,
                              title="Khiếu nại kỷ luật của đồng chí Đặng Văn Chính", target_person=env["full"],
                              contested=decision, decision_received_on=received_on, filer_name="Đặng Văn Chính")


def test_a_complaint_is_filed_within_thirty_calendar_days(phu_tho):
    env = phu_tho
    decision = a_decision(env)
    complain(env, decision, dt.date(2025, 9, 4), dt.date(2025, 8, 5))  # the 30th day
    with pytest.raises(DomainError) as error:
        complain(env, decision, dt.date(2025, 9, 5), dt.date(2025, 8, 5))  # the 31st
    assert {e.field: e.code for e in error.value.errors} == {"opened_on": "too_late"}


@pytest.mark.parametrize("outcome, state", [("kept", DisciplineState.IN_FORCE), ("annulled", DisciplineState.ANNULLED),
                                            ("changed", DisciplineState.CHANGED)])
def test_a_complaint_ends_keeping_changing_or_annulling_the_discipline(phu_tho, outcome, state):
    env = phu_tho
    decision = a_decision(env)
    case = complain(env, decision, dt.date(2025, 8, 20), dt.date(2025, 8, 5))
    start = case.opened_on
    services.case_step_record(actor=env["inspector"], case=case, step="received", done_on=start)
    services.case_step_record(actor=env["inspector"], case=case, step="accepted", done_on=start)
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=start + dt.timedelta(days=1),
                              document_title="Quyết định giải quyết khiếu nại", team=[(env["head"], "head")])
    for step in ("plan", "verification", "team_report", "conclusion"):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=start + dt.timedelta(days=5))
    services.case_conclude(actor=env["inspector"], case=case, done_on=start + dt.timedelta(days=10),
                           notice_title="Thông báo kết quả giải quyết khiếu nại", findings="Đủ căn cứ",
                           outcome=outcome, new_form=DisciplineForm.REPRIMAND if outcome == "changed" else "")
    decision.refresh_from_db()
    assert decision.state == state
    if outcome == "changed":
        new = DisciplineDecision.objects.get(replaces=decision)
        assert new.form == DisciplineForm.REPRIMAND and new.state == DisciplineState.IN_FORCE
        assert DisciplineRecord.objects.filter(person=env["full"]).count() == 2
    else:
        assert DisciplineDecision.objects.count() == 1


def test_a_complaint_changed_to_a_form_beyond_authority_concludes_nothing(phu_tho):
    env = phu_tho
    decision = a_decision(env)
    case = complain(env, decision, dt.date(2025, 8, 20), dt.date(2025, 8, 5))
    for step in ("received", "accepted"):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=case.opened_on)
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=case.opened_on,
                              document_title="Quyết định giải quyết khiếu nại", team=[(env["head"], "head")])
    for step in ("plan", "verification", "team_report", "conclusion"):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=case.opened_on)
    with pytest.raises(DomainError) as error:
        services.case_conclude(actor=env["inspector"], case=case, done_on=case.opened_on, notice_title="Thông báo",
                               findings="Xét lại", outcome="changed", new_form=DisciplineForm.EXPULSION)
    assert {e.field: e.code for e in error.value.errors} == {"body": "authority"}
    case.refresh_from_db()
    decision.refresh_from_db()
    assert case.state == CaseState.CONDUCT and decision.state == DisciplineState.IN_FORCE
    assert DisciplineDecision.objects.count() == 1
