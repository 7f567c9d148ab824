"""The API of reports and reviews as a contract, and the exports read back: a report's DOCX and PDF on official paper,
the rating table as XLSX and DOCX."""
import datetime as dt
import io

import pytest
from django.utils import translation
from docx import Document as Docx
from openpyxl import load_workbook
from pypdf import PdfReader

from mandate.accounts.models import Role
from mandate.monitoring.selectors import child_units
from mandate.orgs.models import Unit
from mandate.reviews import services

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    document = Docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def communes():
    found = child_units(unit=Unit.objects.get(code="25"), as_of=dt.date(2025, 9, 18), kind="commune")[:2]
    return [Unit.objects.get(code=f"{c.code}.DU") for c in found]


def test_a_report_through_the_api_from_draft_to_issue_and_its_submissions(api, freeze, make_user, communes):
    freeze(dt.date(2025, 9, 18))
    api.login(make_user(Role.LEADER, "25.TU"))
    created = api.post("/report-regimes", {"receiver": "25.TU", "title": "Báo cáo quý của đảng ủy xã",
                                           "frequency": "quarterly", "reporters": [u.code for u in communes]})
    assert created.status_code == 201, created.content
    regime = created.json()["id"]
    refused = api.post("/report-regimes", {"receiver": "25.TU", "title": "X", "frequency": "weekly", "reporters": []})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"frequency", "reporters"}
    api.login(make_user(Role.SPECIALIST, communes[0].code))
    draft = api.post("/reports", {"regime": regime, "unit": communes[0].code, "period": "2025-Q3"})
    assert draft.status_code == 201, draft.content
    body = draft.json()
    assert (body["due_on"], body["state"], body["figures"]["tasks"]["assigned"]) == ("2025-09-20", "draft", 0)
    report = body["id"]
    assert api.post(f"/reports/{report}/narrative", {"summary": "Ổn định."}).status_code == 428
    edited = api.post(f"/reports/{report}/narrative", {"version": 1, "summary": "Tình hình ổn định."})
    assert edited.status_code == 200 and edited.json()["summary"] == "Tình hình ổn định."
    assert api.post(f"/reports/{report}/issue", {"version": 1}).status_code == 409
    issued = api.post(f"/reports/{report}/issue", {"version": 2, "signer": "Trần Thị C"})
    assert issued.status_code == 200, issued.content
    assert issued.json()["number"] == "01-BC/ĐU" and issued.json()["state"] == "issued"
    assert api.get(f"/reports/{report}/figures").json()["tasks"]["assigned"] == 0
    api.login(make_user(Role.SPECIALIST, "25.TU"))
    submissions = api.get(f"/report-regimes/{regime}/submissions", period="2025-Q3").json()
    assert submissions["due_on"] == "2025-09-20"
    assert [(row["unit"], row["state"]) for row in submissions["rows"]] == [(communes[0].code, "on_time"),
                                                                           (communes[1].code, "not_yet")]
    assert api.get(f"/report-regimes/{regime}/submissions", period="2025-13").status_code == 422


def test_the_report_prints_on_party_paper_in_docx_and_pdf(client, freeze, make_user, communes):
    freeze(dt.date(2025, 9, 18))
    leader = make_user(Role.LEADER, "25.TU")
    regime = services.regime_create(actor=leader, receiver=Unit.objects.get(code="25.TU"), title="Báo cáo quý",
                                    frequency="quarterly", reporters=communes)
    writer = make_user(Role.SPECIALIST, communes[0].code)
    report = services.report_draft(actor=writer, regime=regime, unit=communes[0], period="2025-Q3")
    services.report_edit(actor=writer, report=report, shortcomings="Còn chậm.", proposals="Đề nghị hỗ trợ.")
    services.report_issue(actor=writer, report=report, signer="Trần Thị C")
    client.force_login(writer)
    with translation.override("vi"):
        docx = client.get(f"/reviews/reports/{report.pk}/export.docx", HTTP_ACCEPT_LANGUAGE="vi")
        pdf = client.get(f"/reviews/reports/{report.pk}/export.pdf", HTTP_ACCEPT_LANGUAGE="vi")
    assert docx.status_code == pdf.status_code == 200
    text = _docx_text(docx.content)
    for words in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 01-BC/ĐU", "ngày 18 tháng 9 năm 2025", "Kính gửi: Tỉnh ủy Phú Thọ",
                  "Nơi nhận:", "Trần Thị C", "Còn chậm.", "Đề nghị hỗ trợ."):
        assert words in text, words
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    printed = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in printed and "01-BC/ĐU" in printed


def test_the_rating_table_reads_back_from_xlsx_and_docx(client, freeze, make_user, communes):
    freeze(dt.date(2025, 12, 20))
    organization = Unit.objects.get(code="25.TU")
    for unit, score in zip(communes, ("92", "78"), strict=True):
        review = services.review_self_assess(actor=None, subject_kind="collective", unit=unit, organization=organization,
                                             period_kind="year", period="2025", general_points=30, task_points=70)
        services.review_appraise(actor=None, review=review, appraised_points=score)
    client.force_login(make_user(Role.LEADER, "25.TU"))
    query = {"organization": "25.TU", "period_kind": "year", "period": "2025"}
    with translation.override("vi"):
        xlsx = client.get("/reviews/ratings/export.xlsx", query, HTTP_ACCEPT_LANGUAGE="vi")
        docx = client.get("/reviews/ratings/export.docx", query, HTTP_ACCEPT_LANGUAGE="vi")
    assert xlsx.status_code == docx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in values
    assert communes[0].name in values and communes[1].name in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    text = _docx_text(docx.content)
    assert communes[0].name in text and "92" in text


def test_a_review_through_the_api_self_assessment_appraisal_decision(api, freeze, make_user, communes):
    freeze(dt.date(2025, 12, 20))
    api.login(make_user(Role.SPECIALIST, communes[0].code))
    created = api.post("/reviews", {"subject_kind": "collective", "unit": communes[0].code, "organization": "25.TU",
                                    "period_kind": "year", "period": "2025", "general_points": "31"})
    assert created.status_code == 422 and created.json()["errors"][0]["field"] == "general_points"
    created = api.post("/reviews", {"subject_kind": "collective", "unit": communes[0].code, "organization": "25.TU",
                                    "period_kind": "year", "period": "2025", "general_points": "27"})
    assert created.status_code == 201, created.content
    review = created.json()
    assert (review["task_points"], review["self_level"]) == ("70.00", "excellent")  # nothing assigned: nothing missed
    api.login(make_user(Role.SPECIALIST, "25.TU"))
    appraised = api.post(f"/reviews/{review['id']}/appraisal", {"appraised_points": "85"})
    assert appraised.status_code == 200 and appraised.json()["appraised_level"] == "good"
    assert api.post("/reviews/decisions", {"decisions": [{"review": review["id"]}]}).status_code == 403
    api.login(make_user(Role.LEADER, "25.TU"))
    decided = api.post("/reviews/decisions", {"organization": "25.TU", "decisions": [{"review": review["id"]}]})
    assert decided.status_code == 200 and decided.json()[0]["decided_level"] == "good"
    history = api.get("/reviews/history", unit=communes[0].code).json()
    assert [(h["period_start"], h["decided_level"]) for h in history] == [("2025-01-01", "good")]


def test_the_quota_through_the_api_is_refused_naming_it_and_decides_within_it(api, freeze, make_user, communes):
    freeze(dt.date(2025, 12, 20))
    organization = Unit.objects.get(code="25.TU")
    reviews = []
    for unit, score in zip(communes, ("95", "80"), strict=True):
        review = services.review_self_assess(actor=None, subject_kind="collective", unit=unit, organization=organization,
                                             period_kind="year", period="2025", general_points=30, task_points=70)
        reviews.append(services.review_appraise(actor=None, review=review, appraised_points=score))
    assert [r.appraised_level for r in reviews] == ["excellent", "good"]
    api.login(make_user(Role.LEADER, "25.TU"))
    refused = api.post("/reviews/decisions", {"organization": "25.TU", "decisions": [{"review": r.pk} for r in reviews]},
                       HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert (error["field"], error["code"]) == ("level", "excellent_quota")
    assert "20 %" in error["reason"] and "Tỉnh ủy Phú Thọ" in error["reason"] and "làm tròn xuống" in error["reason"]
    assert api.get("/reviews", organization="25.TU").json()[0]["state"] == "appraised"  # nothing was decided
    decided = api.post("/reviews/decisions", {"organization": "25.TU", "decisions": [
        {"review": reviews[0].pk, "level": "good"}, {"review": reviews[1].pk}]})
    assert decided.status_code == 200, decided.content
    assert [r["decided_level"] for r in decided.json()] == ["good", "good"]
