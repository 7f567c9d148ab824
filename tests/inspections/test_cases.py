"""A case from its decision to its notice of conclusion, the recommendations issued as tasks; each refusal names its
field and rule, and leaves nothing written."""
import datetime as dt

import pytest

from mandate.core.errors import DomainError
from mandate.documents.models import Document
from mandate.inspections import selectors, services
from mandate.inspections.models import Case, CaseEvent, CaseKind, CaseState, CaseStep, Recommendation, TeamRole
from mandate.tasks.models import Task

from tests.inspections.conftest import DAY


def a_case(env, **fields):
    return services.case_open(actor=env["inspector"], kind=fields.pop("kind", CaseKind.THEMATIC_INSPECTION), body=env["ubkt"],
                              title=fields.pop("title", "Kiểm tra việc thực hiện Chỉ thị 35-CT/TW tại UBND tỉnh"),
                              opened_on=fields.pop("opened_on", DAY - dt.timedelta(days=30)),
                              target_unit=fields.pop("target_unit", env["ubnd"]), **fields)


def fields_of(error) -> dict[str, str]:
    return {e.field: e.code for e in error.value.errors}


def walk_to_conclusion(env, case):
    start = case.opened_on
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=start,
                              document_title="Quyết định kiểm tra chuyên đề", team=[(env["head"], TeamRole.HEAD),
                                                                                      (env["member"], TeamRole.MEMBER)])
    for offset, step in enumerate(("plan", "notice", "self_report", "verification", "team_report", "conclusion"), start=1):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=start + dt.timedelta(days=offset * 3))
    return case


def test_a_thematic_inspection_walks_from_decision_to_the_notice_and_its_recommendations_become_tasks(phu_tho):
    env = phu_tho
    case = walk_to_conclusion(env, a_case(env))
    case.refresh_from_db()
    assert case.state == CaseState.CONDUCT
    services.case_conclude(
        actor=env["inspector"], case=case, done_on=DAY - dt.timedelta(days=2), notice_title="Thông báo kết luận kiểm tra",
        findings="Chậm triển khai ở 3 sở; chưa kiểm điểm trách nhiệm.",
        recommendations=[services.RecommendationSpec(title="Kiểm điểm trách nhiệm tập thể, cá nhân liên quan",
                                                     lead_unit="25.UBND", leader="ld_ubnd_phutho",
                                                     product="Báo cáo kết quả kiểm điểm", deadline=DAY + dt.timedelta(days=30))])
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.completed_on == DAY - dt.timedelta(days=2)
    notice = case.conclusion_notice
    assert notice.type == "TB" and notice.registered and notice.issuing_unit == env["ubkt"]
    task = Recommendation.objects.get(case=case).task
    assert task.document == notice and task.lead_unit == env["ubnd"]
    assert [e.kind for e in CaseEvent.objects.filter(case=case).order_by("at", "pk")][-1] == "concluded"
    assert set(CaseStep.objects.filter(case=case).values_list("step", flat=True)) == {
        "decision", "plan", "notice", "self_report", "verification", "team_report", "conclusion", "conclusion_notice"}
    assert selectors.recommendation_totals_of(case=case, as_of=DAY)["within_deadline"] == 1
    assert selectors.recommendation_totals_of(case=case, as_of=DAY + dt.timedelta(days=31))["overdue"] == 1


def test_a_step_of_the_conduct_phase_waits_for_the_preparation(phu_tho):
    env = phu_tho
    case = a_case(env)
    with pytest.raises(DomainError) as error:
        services.case_step_record(actor=env["inspector"], case=case, step="verification", done_on=DAY)
    assert fields_of(error) == {"step": "order"}
    assert not CaseStep.objects.filter(case=case).exists()


def test_the_decision_needs_its_document_and_one_team_head(phu_tho):
    env = phu_tho
    case = a_case(env)
    with pytest.raises(DomainError) as error:
        services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=DAY,
                                  team=[(env["member"], TeamRole.MEMBER)])
    assert fields_of(error) == {"document": "required", "team_head": "head"}
    assert not Document.objects.filter(type="QĐ", issuing_unit=env["ubkt"]).exists()


def test_an_outsider_of_the_commission_cannot_record_a_step(phu_tho):
    env = phu_tho
    case = a_case(env)
    with pytest.raises(DomainError) as error:
        services.case_step_record(actor=env["outsider"], case=case, step="plan", done_on=DAY)
    assert error.value.status == 403


def test_a_conclusion_whose_recommendation_is_not_clear_saves_nothing(phu_tho):
    env = phu_tho
    case = walk_to_conclusion(env, a_case(env))
    before = Document.objects.count(), Task.objects.count()
    with pytest.raises(DomainError) as error:
        services.case_conclude(actor=env["inspector"], case=case, done_on=DAY, notice_title="Thông báo kết luận",
                               findings="Có vi phạm", recommendations=[services.RecommendationSpec(
                                   title="Khắc phục", lead_unit="25.UBND", leader=None, product="", deadline=None)])
    assert {"tasks.0.leader", "tasks.0.product", "tasks.0.deadline"} <= set(fields_of(error))
    assert (Document.objects.count(), Task.objects.count()) == before
    case.refresh_from_db()
    assert case.state == CaseState.CONDUCT and case.conclusion_notice is None


def test_state_as_of_reads_the_dated_steps(phu_tho):
    env = phu_tho
    case = walk_to_conclusion(env, a_case(env))
    opened = case.opened_on
    states = {day: selectors.cases_list(user=env["inspector"], filters=selectors.CaseFilters(as_of=day)).get(pk=case.pk).state_on
              for day in (opened, opened + dt.timedelta(days=8), opened + dt.timedelta(days=9))}
    assert states == {opened: CaseState.PREPARE, opened + dt.timedelta(days=8): CaseState.PREPARE,
                      opened + dt.timedelta(days=9): CaseState.CONDUCT}
    assert not selectors.cases_list(user=env["inspector"], filters=selectors.CaseFilters(as_of=opened - dt.timedelta(days=1))).exists()


def test_an_inspection_of_a_member_names_the_member(phu_tho):
    env = phu_tho
    with pytest.raises(DomainError) as error:
        a_case(env, kind=CaseKind.VIOLATION_MEMBER)
    assert fields_of(error) == {"target": "member"}
    case = a_case(env, kind=CaseKind.VIOLATION_MEMBER, target_unit=None, target_person=env["full"])
    assert case.target_kind == "full_member"
    assert Case.objects.count() == 1
