"""Every list exports as XLSX and PDF: the tasks (with the list's filters), the documents, the lagging units.

The XLSX is read back with openpyxl (its print settings, and no cell a formula even when a title begins with "="),
the PDF with pypdfium2 (its text)."""
import datetime as dt
import io

import pypdfium2
import pytest
from openpyxl import load_workbook

from tests.factories import a_document, a_task

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def leader_client(client, make_user, freeze):
    freeze(dt.date(2025, 8, 1))
    client.force_login(make_user("leader", "25"))
    return client


@pytest.fixture
def tasks():
    plan = a_document(title='=HYPERLINK("http://example.com","Kế hoạch")')
    a_task(document=plan, lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25), title="=1+1 rà soát quy hoạch")
    a_task(document=plan, lead_unit="25.TU.BTC", deadline=dt.date(2025, 8, 20), title="Tổng kết công tác cán bộ")
    a_task(document=plan, lead_unit="25.UBND", deadline=dt.date(2025, 8, 3), title="Báo cáo kinh tế - xã hội")
    return plan


def _sheet(response):
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content)).active


def _print_settings_and_no_formula(sheet):
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    header = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    assert sheet.cell(row=header, column=1).value == "STT"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    return header


def _pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return " ".join("".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split())


def test_the_task_list_exports_with_its_filters(leader_client, tasks):
    sheet = _sheet(leader_client.get("/tasks/export.xlsx", {"lead_unit": "25.TU.BTC"}))
    header = _print_settings_and_no_formula(sheet)
    titles = [sheet.cell(row=r, column=2).value for r in range(header + 1, header + 3)]
    assert sorted(titles) == ["=1+1 rà soát quy hoạch", "Tổng kết công tác cán bộ"]
    assert sheet.cell(row=header + 3, column=2).value is None  # the UBND's task is filtered out
    statuses = {sheet.cell(row=r, column=9).value for r in range(header + 1, header + 3)}
    assert statuses == {"Quá hạn", "Trong hạn"}
    overdue = _sheet(leader_client.get("/tasks/export.xlsx", {"status": "overdue"}))
    assert [overdue.cell(row=header + 1, column=2).value, overdue.cell(row=header + 2, column=2).value] == [
        "=1+1 rà soát quy hoạch", None]


def test_the_task_list_exports_as_pdf(leader_client, tasks):
    response = leader_client.get("/tasks/export.pdf", {"q": "tong ket"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "DANH SÁCH NHIỆM VỤ" in text.upper() and "Tổng kết công tác cán bộ" in text
    assert "rà soát quy hoạch" not in text


def test_the_document_list_exports_as_xlsx_and_pdf(leader_client, tasks):
    a_document(title="Chỉ thị về phòng, chống thiên tai", type="CT")
    sheet = _sheet(leader_client.get("/documents/export.xlsx", {"q": "thien tai"}))
    header = _print_settings_and_no_formula(sheet)
    assert sheet.cell(row=header + 1, column=3).value == "Chỉ thị về phòng, chống thiên tai"
    assert sheet.cell(row=header + 2, column=3).value is None
    everything = _sheet(leader_client.get("/documents/export.xlsx"))
    titles = [everything.cell(row=r, column=3).value for r in range(header + 1, header + 3)]
    assert '=HYPERLINK("http://example.com","Kế hoạch")' in titles  # a text, never a formula
    _print_settings_and_no_formula(everything)
    text = _pdf_text(leader_client.get("/documents/export.pdf").content)
    assert "Chỉ thị về phòng, chống thiên tai" in text


def test_the_lagging_units_export_carries_the_print_settings(leader_client, tasks):
    sheet = _sheet(leader_client.get("/monitoring/lagging/export.xlsx", {"unit": "25", "subtree": "true"}))
    _print_settings_and_no_formula(sheet)


def test_an_export_in_another_format_is_refused(leader_client, tasks):
    assert leader_client.get("/tasks/export.csv").status_code == 404
    assert leader_client.get("/documents/export.docx").status_code == 404


def test_a_stranger_exports_nothing_of_the_province(client, make_user, tasks):
    client.force_login(make_user("leader", "01"))
    sheet = _sheet(client.get("/tasks/export.xlsx"))
    header = _print_settings_and_no_formula(sheet)
    assert sheet.cell(row=header + 1, column=2).value is None
