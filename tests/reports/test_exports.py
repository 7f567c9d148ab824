"""The exports open and read back: XLSX numbers by openpyxl, PDF rendered to PNG and its text extracted."""
import datetime as dt
import io

import pypdfium2
import pytest
from openpyxl import load_workbook

from mandate.documents.models import RelationKind
from mandate.documents.services import RelationSpec
from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.fixture
def leader_client(client, make_user, freeze):
    freeze(dt.date(2025, 8, 1))
    client.force_login(make_user("leader", "25"))
    return client


def _tasks():
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))           # overdue on 2025-08-01
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 20))           # within deadline
    a_task(lead_unit="25.UBND", deadline=dt.date(2025, 8, 3))              # due soon (within deadline)


def _pdf_text_and_ink(content: bytes) -> tuple[str, float]:
    pdf = pypdfium2.PdfDocument(content)
    page = pdf[0]
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    image = page.render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    return text, dark / (image.width * image.height)


def test_scorecard_xlsx_reads_back_the_numbers(leader_client):
    _tasks()
    response = leader_client.get("/monitoring/scorecards/export.xlsx", {"unit": "25", "subtree": "true"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "TỈNH PHÚ THỌ" or "PHÚ THỌ" in sheet["A1"].value
    assert any(cell.value == MOTTO for row in sheet.iter_rows(max_row=3) for cell in row)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=9)]
    total = next(row for row in rows if row[0] is None and isinstance(row[2], int))
    assert total[2:7] == [3, 0, 0, 2, 1]   # assigned, on time, late, within deadline (incl. due soon), overdue
    assert sheet._charts, "a native chart is embedded"


def test_scorecard_pdf_is_an_official_report_with_vietnamese_text(leader_client):
    _tasks()
    response = leader_client.get("/monitoring/scorecards/export.pdf", {"unit": "25", "subtree": "true"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, ink = _pdf_text_and_ink(response.content)
    flat = " ".join(text.split())
    assert MOTTO in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "Phú Thọ" in flat and "Hoàn thành đúng hạn" in flat and "Tổng cộng" in flat
    assert "Phú Thọ, ngày 01 tháng 8 năm 2025" in flat  # the place, then a month after February without a zero
    assert 0.001 < ink < 0.5


def test_lagging_exports(leader_client):
    _tasks()
    xlsx = leader_client.get("/monitoring/lagging/export.xlsx", {"unit": "25", "subtree": "true"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=9) if row[0].value == 1]
    assert rows[0][3] == 1  # one overdue task
    pdf = leader_client.get("/monitoring/lagging/export.pdf", {"unit": "25", "subtree": "true"})
    text, ink = _pdf_text_and_ink(pdf.content)
    assert MOTTO in " ".join(text.split()) and ink > 0.001


def test_cascade_of_a_conclusion_over_the_provinces(leader_client, admin_api):
    conclusion = a_document(issuing_unit="25.TU.BTV", type="KL", issued_on=dt.date(2025, 7, 11))
    a_document(issuing_unit="25.TU.BTV", type="KH", issued_on=dt.date(2025, 7, 20),
               relations=[RelationSpec(kind=RelationKind.IMPLEMENTS, target=conclusion)])
    body = admin_api.get("/cascade", document=conclusion.pk, level="province", due="2025-07-15", as_of="2025-08-01").json()
    assert body["summary"]["units"] == 34
    assert body["summary"]["issued"] == 1 and body["summary"]["missing"] == 33
    row = next(r for r in body["units"] if r["unit"] == "25")
    assert (row["state"], row["days_taken"], row["days_late"]) == ("issued", 9, 5)
    other = next(r for r in body["units"] if r["unit"] == "01")
    assert (other["state"], other["days_waiting"], other["days_late"]) == ("missing", 21, 17)
    xlsx = leader_client.get("/monitoring/cascade/export.xlsx", {"document": conclusion.pk, "level": "province",
                                                                  "due": "2025-07-15"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    # The Standing Committee's conclusion: the party committee's paper, under the Party's name.
    assert [sheet["A1"].value, sheet["A2"].value, sheet["D1"].value, sheet["D2"].value] == [
        "TỈNH ỦY PHÚ THỌ", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Thọ, ngày 01 tháng 8 năm 2025"]
    assert sum(1 for row in sheet.iter_rows() if isinstance(row[0].value, int)) == 34


def test_cascade_over_the_communes_of_a_province_is_a_few_queries(admin_api, django_assert_max_num_queries):
    plan = a_document(issuing_unit="25.TU.BTV", type="KH", issued_on=dt.date(2025, 7, 15))
    with django_assert_max_num_queries(25):
        body = admin_api.get("/cascade", document=plan.pk, level="commune", within="25", as_of="2025-08-01").json()
    assert body["summary"]["units"] > 100 and body["summary"]["missing"] == body["summary"]["units"]


def test_pages_render_with_charts(leader_client):
    _tasks()
    page = leader_client.get("/monitoring/", {"unit": "25", "subtree": "true"}).content.decode()
    # Charts whose bars are links are groups of links, named by their titles (an image hides its links).
    assert page.count("<svg") >= 2 and page.count('<svg') == page.count('role="group" ') + page.count('role="img" ')
    assert "/tasks/?status=overdue&amp;lead_unit=25&amp;subtree=true" in page
    assert leader_client.get("/monitoring/lagging/").status_code == 200
    assert leader_client.get("/monitoring/kpis/").status_code == 200
    assert leader_client.get("/monitoring/cascade/").status_code == 200


def test_kpi_targets_achieved_not_achieved_not_reported(admin_api):
    created = admin_api.post("/kpis", {"unit": "25", "indicator": "Tăng trưởng GRDP", "period_start": "2025-01-01",
                                       "period_end": "2025-12-31", "comparison": "gte", "target": "8", "measure": "%"})
    assert created.status_code == 201 and created.json()["outcome"] == "not_reported"
    kpi = created.json()["id"]
    assert admin_api.post(f"/kpis/{kpi}/actuals", {"value": "7.5", "reported_on": "2025-06-30"}).json()["outcome"] == "not_achieved"
    admin_api.post(f"/kpis/{kpi}/actuals", {"value": "8.2", "reported_on": "2025-09-30"})
    assert admin_api.get("/kpis", unit="25", as_of="2025-12-31").json()[0]["outcome"] == "achieved"
    assert admin_api.get("/kpis", unit="25", as_of="2025-07-31").json()[0]["outcome"] == "not_achieved"
    refused = admin_api.post("/kpis", {"unit": "25", "indicator": ""})
    assert refused.status_code == 422
