"""The commission's registers and report, downloaded from the pages and the API and read back: DOCX by python-docx,
XLSX by openpyxl, on the commission's paper; nobody outside the cases' circle gets them."""
import datetime as dt
import io

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from mandate.inspections import services
from mandate.inspections.discipline import discipline_decide
from mandate.inspections.models import CaseKind, CaseState, DisciplineForm, TeamRole

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _walk(env, case, *, conclude_on=None, recommendation_deadline=None):
    start = case.opened_on
    services.case_step_record(actor=env["inspector"], case=case, step="decision", done_on=start,
                              document_title="Quyết định kiểm tra", team=[(env["head"], TeamRole.HEAD)])
    case.refresh_from_db()
    for offset, step in enumerate(("plan", "notice", "self_report"), start=1):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=start + dt.timedelta(days=offset))
        case.refresh_from_db()
    if conclude_on is None:
        return case
    later = "verification" if case.kind != CaseKind.THEMATIC_SUPERVISION else "supervision"
    for offset, step in enumerate((later, "team_report", "conclusion"), start=4):
        services.case_step_record(actor=env["inspector"], case=case, step=step, done_on=start + dt.timedelta(days=offset))
        case.refresh_from_db()
    return services.case_conclude(
        actor=env["inspector"], case=case, done_on=conclude_on, notice_title="Thông báo kết luận kiểm tra",
        findings="Chậm ban hành kế hoạch thực hiện; chưa kiểm điểm trách nhiệm.",
        recommendations=[services.RecommendationSpec(title="Kiểm điểm trách nhiệm tập thể, cá nhân", lead_unit="25.UBND",
                                                     leader="ld_ubnd_phutho", product="Báo cáo kết quả kiểm điểm",
                                                     deadline=recommendation_deadline)])


@pytest.fixture
def work(phu_tho):
    """A programme of three items (one concluded, one slipped, one still planned), a case in conduct, a decision."""
    env = phu_tho
    programme = services.programme_adopt(
        actor=env["inspector"], body=env["ubkt"], year=2025, title="Chương trình kiểm tra, giám sát năm 2025",
        issued_on=dt.date(2025, 7, 5), items=[
            services.ItemSpec(kind=CaseKind.THEMATIC_INSPECTION, subject="Kiểm tra việc thực hiện quy chế làm việc",
                              quarter=3, lead_body=env["ubkt"], target_unit=env["ubnd"]),
            services.ItemSpec(kind=CaseKind.THEMATIC_SUPERVISION, subject="Giám sát công tác cán bộ", quarter=2,
                              lead_body=env["ubkt"], target_unit=env["office"]),
            services.ItemSpec(kind=CaseKind.FINANCE, subject="Kiểm tra tài chính đảng", quarter=4, lead_body=env["ubkt"],
                              target_unit=env["office"])])
    first, _second, _third = programme.items.order_by("position")
    concluded = services.case_open(actor=env["inspector"], kind=CaseKind.THEMATIC_INSPECTION, body=env["ubkt"],
                                   title="Kiểm tra việc thực hiện quy chế làm việc tại UBND tỉnh", opened_on=dt.date(2025, 7, 1),
                                   target_unit=env["ubnd"], programme_item=first)
    _walk(env, concluded, conclude_on=dt.date(2025, 9, 13), recommendation_deadline=dt.date(2025, 9, 14))
    ongoing = services.case_open(actor=env["inspector"], kind=CaseKind.THEMATIC_SUPERVISION, body=env["ubkt"],
                                 title="Giám sát việc vận hành chính quyền hai cấp", opened_on=dt.date(2025, 8, 20),
                                 target_unit=env["office"])
    _walk(env, ongoing)
    discipline_decide(actor=env["chair"], body=env["ubkt"], form=DisciplineForm.REPRIMAND, violation="Vi phạm quy chế làm việc",
                      violation_on=dt.date(2025, 3, 1), decided_on=dt.date(2025, 8, 10), target_person=env["full"],
                      document_title="Quyết định thi hành kỷ luật đảng viên")
    return env | {"programme": programme, "concluded": concluded, "ongoing": ongoing}


def _sheet(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == XLSX
    return [[cell.value for cell in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_the_case_register_is_on_the_commissions_paper_and_reads_back(client, work):
    client.force_login(work["inspector"])
    work["concluded"].refresh_from_db()
    docx = client.get("/inspections/cases/export.docx")
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    document = Docx(io.BytesIO(docx.content))
    heading = document.tables[0]
    assert [p.text for p in heading.cell(0, 0).paragraphs] == ["TỈNH ỦY PHÚ THỌ", "ỦY BAN KIỂM TRA", "*", "Số      -BC/UBKTTU"]
    assert [p.text for p in heading.cell(0, 1).paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Thọ, ngày 15 tháng 9 năm 2025"]
    rows = [[c.text for c in row.cells] for table in document.tables[1:-1] for row in table.rows]
    titles = {row[2] for row in rows}
    assert {"Kiểm tra việc thực hiện quy chế làm việc tại UBND tỉnh", "Giám sát việc vận hành chính quyền hai cấp"} <= titles
    concluded = next(row for row in rows if row[2].startswith("Kiểm tra việc thực hiện"))
    assert concluded[7] == str(CaseState.CLOSED.label) and concluded[9] == work["concluded"].conclusion_notice.number_text
    assert concluded[10] == "0/1"
    closing = document.tables[-1]
    assert [p.text for p in closing.cell(0, 1).paragraphs][:2] == ["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]

    values = _sheet(client.get("/inspections/cases/export.xlsx", {"kind": CaseKind.THEMATIC_SUPERVISION}))
    listed = [row[2] for row in values if isinstance(row[0], int)]
    assert listed == ["Giám sát việc vận hành chính quyền hai cấp"]
    assert values[0][0] == "TỈNH ỦY PHÚ THỌ"


def test_the_registers_are_refused_to_anyone_outside_the_cases_circle(client, api, work):
    for user in (work["outsider"], work["lead"], work["province_viewer"]):
        client.force_login(user)
        for path in ("/inspections/cases/export.xlsx", "/inspections/discipline/export.docx",
                     "/inspections/report.xlsx", f"/inspections/programmes/{work['programme'].pk}/export.xlsx"):
            response = client.get(path)
            assert response.status_code in (403, 404), (user.username, path)  # a programme they may not see: not found
            assert "Giám sát việc vận hành" not in response.content.decode("utf-8", "replace")
        assert api.login(user).get("/inspections/exports/cases", format="xlsx").status_code == 403


def test_the_discipline_register_by_form_and_level(client, work):
    client.force_login(work["standing"])
    values = _sheet(client.get("/inspections/discipline/export.xlsx", {"form": DisciplineForm.REPRIMAND,
                                                                       "body": "25.TU.UBKT"}))
    decisions = [row for row in values if isinstance(row[0], int) and row[4] == "Vi phạm quy chế làm việc"]
    assert [(row[1], row[6]) for row in decisions] == [("Đặng Văn Chính", "Tỉnh")]
    totals = next(row for row in values if row[1] == "Tổng cộng")
    assert totals[2:5] == [0, 1, 0] and totals[8] == 1  # central, province, commune; all
    none = _sheet(client.get("/inspections/discipline/export.xlsx", {"level": "commune", "body": "25.TU.UBKT"}))
    assert not [row for row in none if row[4] == "Vi phạm quy chế làm việc"]
    refused = client.get("/inspections/discipline/export.xlsx", {"form": "thu-hồi"})
    assert refused.status_code == 422


def test_the_programme_shows_what_started_finished_or_slipped(client, work):
    client.force_login(work["inspector"])
    values = _sheet(client.get(f"/inspections/programmes/{work['programme'].pk}/export.xlsx"))
    progress = {row[3]: row[7] for row in values if isinstance(row[0], int)}
    assert progress == {"Kiểm tra việc thực hiện quy chế làm việc": "đã hoàn thành",
                        "Giám sát công tác cán bộ": "bị chậm", "Kiểm tra tài chính đảng": "chưa đến kỳ"}


def test_the_quarterly_report_counts_the_commissions_work(client, api, work):
    client.force_login(work["chair"])
    values = _sheet(client.get("/inspections/report.xlsx", {"period": "q3", "year": "2025"}))
    flat = [row for row in values if any(cell is not None for cell in row)]
    assert any("BÁO CÁO" in str(row[0]) for row in flat)
    kinds = {row[1]: row[2:6] for row in flat if isinstance(row[0], int) and isinstance(row[2], int) and len(row) >= 6}
    assert kinds[str(CaseKind.THEMATIC_INSPECTION.label)] == [1, 1, 0, 0]      # opened, concluded, open at the end, overdue
    assert kinds[str(CaseKind.THEMATIC_SUPERVISION.label)] == [1, 0, 1, 0]
    follow_up = next(row for row in flat if row[1] == "Kiểm tra việc thực hiện quy chế làm việc tại UBND tỉnh")
    assert follow_up[3:7] == [1, 0, 1, 0]  # one recommendation, overdue on 15/9/2025
    # The API speaks the language the program asks for (Accept-Language); the paper's heading is always Vietnamese.
    api.login(work["chair"])
    half = client.get("/api/v1/inspections/exports/report", {"year": 2025, "number": 2, "period": "half", "format": "docx"},
                      HTTP_ACCEPT_LANGUAGE="vi", **api.headers)
    assert half.status_code == 200 and half["Content-Type"] == DOCX
    text = "\n".join(p.text for p in Docx(io.BytesIO(half.content)).paragraphs)
    assert "6 THÁNG CUỐI NĂM 2025" in text.upper()
    assert api.get("/inspections/exports/report", year=2025, number=5, format="xlsx").status_code == 422
