"""A register of several tables on official paper, read back: DOCX by python-docx, XLSX by openpyxl."""
import datetime as dt
import io

from docx import Document as Docx
from openpyxl import load_workbook

from mandate.reports.paper import PARTY, Paper, Signature
from mandate.reports.registers import Register, Table, register_docx, register_xlsx

PAPER = Paper(system=PARTY, issuer="ỦY BAN KIỂM TRA", superior="THÀNH ỦY HÀ NỘI", number="12-BC/UBKTTU", place="Hà Nội",
              day=dt.date(2026, 1, 5), recipients=("Ban Thường vụ Thành ủy", "Lưu UBKT"),
              signature=Signature("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM", ""))
REGISTER = Register(
    paper=PAPER, title="Báo cáo công tác kiểm tra, giám sát", subtitle="Quý IV năm 2025",
    tables=(
        Table("I. Kiểm tra", ("STT", "Loại", "Số cuộc"), ((1, "Kiểm tra chuyên đề", 3), (2, "=SUM(A1:A9)", 1)),
              totals=(None, "Tổng cộng", 4)),
        Table("II. Kỷ luật", ("STT", "Hình thức", "Số trường hợp"), (), empty="Không có trường hợp nào."),
    ),
    notes=("Số liệu tính đến ngày 31/12/2025.",),
)


def test_the_docx_carries_the_party_heading_the_tables_and_the_signature():
    document = Docx(io.BytesIO(register_docx(REGISTER)))
    heading = document.tables[0]
    assert [p.text for p in heading.cell(0, 0).paragraphs] == ["THÀNH ỦY HÀ NỘI", "ỦY BAN KIỂM TRA", "*", "Số 12-BC/UBKTTU"]
    assert [p.text for p in heading.cell(0, 1).paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 05 tháng 01 năm 2026"]
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT" in texts and "Không có trường hợp nào." in texts
    table = document.tables[1]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["STT", "Loại", "Số cuộc"], ["1", "Kiểm tra chuyên đề", "3"], ["2", "=SUM(A1:A9)", "1"], ["—", "Tổng cộng", "4"]]
    closing = document.tables[-1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in closing.cell(0, 1).paragraphs][:2] == ["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]


def test_the_xlsx_holds_values_never_a_formula():
    sheet = load_workbook(io.BytesIO(register_xlsx(REGISTER))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "THÀNH ỦY HÀ NỘI" and "ĐẢNG CỘNG SẢN VIỆT NAM" in values[0]
    assert ["STT", "Loại", "Số cuộc", None] in values
    assert [1, "Kiểm tra chuyên đề", 3, None] in values and [None, "Tổng cộng", 4, None] in values
    formula = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "=SUM(A1:A9)")
    assert formula.data_type == "s"
    assert any(row[0] == "Không có trường hợp nào." for row in values)
    assert any("T/M ỦY BAN KIỂM TRA" in row for row in values)
