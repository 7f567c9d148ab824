"""The pages, as the commission's specialist uses them: names typed (never ids), a case walked to its conclusion;
the lead unit then sees its recommendation and the notice's number, never the case or its findings."""
import datetime as dt
import re

from django.test import Client

from mandate.inspections.models import Case, CaseState, DisciplineDecision
from mandate.tasks.models import Task

from tests.inspections.conftest import DAY


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def short(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_case_from_its_decision_to_its_conclusion_on_the_pages(phu_tho):
    env = phu_tho
    client = signed_in(env["inspector"])
    opened = DAY - dt.timedelta(days=20)
    response = client.post("/inspections/new/", {
        "kind": "thematic_inspection", "body": "Ủy ban Kiểm tra Tỉnh ủy Phú Thọ", "title": "Kiểm tra chuyên đề ZQFINDTITLE",
        "target_unit": "Ủy ban nhân dân tỉnh Phú Thọ", "opened_on": short(opened)})
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert client.get(f"/inspections/{case.pk}/").status_code == 200
    response = client.post(f"/inspections/{case.pk}/steps/", {
        "step-step": "decision", "step-done_on": short(opened), "step-document_title": "Quyết định kiểm tra",
        "step-team_head": "Nguyen Van Truong", "step-team_members": "Trần Thị Viên", "step-version": case.version})
    assert response.status_code == 302, response.content.decode()[:3000]
    for offset, step in enumerate(("plan", "notice", "self_report", "verification", "team_report", "conclusion"), start=1):
        case.refresh_from_db()
        response = client.post(f"/inspections/{case.pk}/steps/", {"step-step": step, "step-done_on": short(opened + dt.timedelta(days=offset)),
                                                                  "step-version": case.version})
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    case.refresh_from_db()
    page = client.get(f"/inspections/{case.pk}/").content.decode()
    assert "Trần Thị Viên" in page and 'id="conclude"' in page
    response = client.post(f"/inspections/{case.pk}/conclusion/", {
        "conclude-done_on": short(DAY - dt.timedelta(days=5)), "conclude-notice_title": "Thông báo kết luận kiểm tra",
        "conclude-findings": "ZQFINDINGS chậm triển khai", "conclude-version": case.version,
        "r0-title": "Kiểm điểm trách nhiệm", "r0-lead_unit": "Ủy ban nhân dân tỉnh Phú Thọ", "r0-leader": "Ngô Văn Chỉ",
        "r0-product": "Báo cáo kết quả kiểm điểm", "r0-deadline": short(DAY + dt.timedelta(days=20))})
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    task = Task.objects.get(document=case.conclusion_notice)
    # The lead unit: its task, the notice's number; not the case, not its findings, not its title.
    lead = signed_in(env["lead"])
    tasks = lead.get("/tasks/").content.decode()
    assert "Kiểm điểm trách nhiệm" in tasks
    detail = lead.get(f"/tasks/{task.pk}/").content.decode()
    assert case.conclusion_notice.number_text in detail
    assert "ZQFINDINGS" not in detail and "ZQFINDTITLE" not in detail
    assert lead.get(f"/inspections/{case.pk}/").status_code == 404
    assert lead.get("/inspections/").status_code == 403
    document = lead.get(f"/documents/{case.conclusion_notice_id}/").content.decode()
    assert "ZQFINDINGS" not in document and "ZQFINDTITLE" not in document


def test_a_refused_step_names_its_field_on_the_page(phu_tho):
    env = phu_tho
    client = signed_in(env["inspector"])
    client.post("/inspections/new/", {"kind": "thematic_inspection", "body": "Ủy ban Kiểm tra Tỉnh ủy Phú Thọ",
                                      "title": "Kiểm tra", "target_unit": "Ủy ban nhân dân tỉnh Phú Thọ", "opened_on": short(DAY)})
    case = Case.objects.get()
    response = client.post(f"/inspections/{case.pk}/steps/", {"step-step": "decision", "step-done_on": short(DAY),
                                                              "step-team_members": "Trần Thị Viên"})
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(r"is required: one team head", html) and "nothing was saved" in html.lower()


def test_the_discipline_register_records_by_names(phu_tho):
    env = phu_tho
    client = signed_in(env["chair"])
    response = client.post("/inspections/discipline/", {
        "body": "Ủy ban Kiểm tra Tỉnh ủy Phú Thọ", "form": "reprimand", "target_person": "Đặng Văn Chính",
        "violation": "Vi phạm quy chế làm việc", "violation_on": "01/06/2024", "decided_on": short(DAY),
        "document_title": "Quyết định thi hành kỷ luật khiển trách"})
    assert response.status_code == 302, response.content.decode()[:3000]
    decision = DisciplineDecision.objects.get()
    assert decision.target_person == env["full"] and decision.record is not None
    assert decision.document.number_text in client.get("/inspections/discipline/").content.decode()


def test_the_menu_offers_the_commission_s_pages_only_to_its_circle(phu_tho):
    env = phu_tho
    assert 'href="/inspections/"' in signed_in(env["standing"]).get("/tasks/").content.decode()
    assert 'href="/inspections/"' not in signed_in(env["outsider"]).get("/tasks/").content.decode()
    assert 'href="/inspections/"' not in signed_in(env["province_viewer"]).get("/tasks/").content.decode()
