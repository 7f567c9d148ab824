"""An official report as DOCX, and section rows across the table in every renderer, read back."""
import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook

from mandate.reports.exports import OfficialReport, report_docx, report_html, report_xlsx
from mandate.reports.paper import PARTY, PARTY_HEADING, Paper, Signature


def _report() -> OfficialReport:
    paper = Paper(system=PARTY, issuer="BAN TỔ CHỨC", superior="TỈNH ỦY PHÚ THỌ", number="15-BC/BTCTU", place="Phú Thọ",
                  day=dt.date(2025, 8, 5), signature=Signature("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Thử"))
    return OfficialReport(paper=paper, title="Danh sách lãnh đạo", subtitle="Đến ngày 05/8/2025",
                          columns=["STT", "Họ và tên", "Chức vụ", "Năm sinh"],
                          rows=[["Ủy ban nhân dân tỉnh"], [1, "=SUM(A1:A9)", "Chủ tịch", 1970], [2, "Trần Thị B", "Phó Chủ tịch", 1975]],
                          section_rows=(0,), text_columns=(1, 2))


def test_a_report_as_docx_carries_the_party_heading_the_number_the_date_the_table_and_the_signature():
    document = Document(io.BytesIO(report_docx(_report())))
    heading = [cell.text for cell in document.tables[0].rows[0].cells]
    assert heading[0] == "TỈNH ỦY PHÚ THỌ\nBAN TỔ CHỨC\n*\nSố 15-BC/BTCTU"
    assert heading[1] == f"{PARTY_HEADING}\nPhú Thọ, ngày 05 tháng 8 năm 2025"
    paragraphs = [p.text for p in document.paragraphs]
    assert "DANH SÁCH LÃNH ĐẠO" in paragraphs and "Đến ngày 05/8/2025" in paragraphs
    table = document.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ", "Năm sinh"]
    assert {c.text for c in table.rows[1].cells} == {"Ủy ban nhân dân tỉnh"}  # one cell across the table
    assert [c.text for c in table.rows[2].cells] == ["1", "=SUM(A1:A9)", "Chủ tịch", "1.970"]
    assert "Nguyễn Văn Thử" in document.tables[2].rows[0].cells[1].text


def test_a_section_row_spans_the_sheet_and_no_text_becomes_a_formula():
    sheet = load_workbook(io.BytesIO(report_xlsx(_report()))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(["STT", "Họ và tên", "Chức vụ", "Năm sinh"])
    assert values[header + 1][0] == "Ủy ban nhân dân tỉnh"
    assert any(str(r) == f"A{header + 2}:D{header + 2}" for r in sheet.merged_cells.ranges)
    assert sheet.cell(row=header + 3, column=2).data_type == "s"
    assert values[header + 2][:3] == [1, "=SUM(A1:A9)", "Chủ tịch"]


def test_a_section_row_spans_the_printed_table():
    html = report_html(_report())
    assert '<tr class="section"><td colspan="4">Ủy ban nhân dân tỉnh</td></tr>' in html
