"""The official paper layout, read back from the .docx and .xlsx it produces: the heading by the kind of issuing body,
the number, the place and date, the recipients and the signature block."""
import datetime as dt
import io

import pytest
from docx import Document as Docx
from openpyxl import Workbook, load_workbook

from mandate.reports.exports import OfficialReport, report_html
from mandate.reports.paper import PARTY, STATE, Paper, Signature, docx_closing, docx_heading, official_date, xlsx_heading
from mandate.reports.selectors import paper_of

DAY = dt.date(2025, 8, 1)


def docx_of(paper: Paper) -> Docx:
    """A document with the paper's heading, a line of content and its closing, saved and opened again."""
    document = Docx()
    docx_heading(document, paper)
    document.add_paragraph("Nội dung báo cáo.")
    docx_closing(document, paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return Docx(io.BytesIO(buffer.getvalue()))


def lines(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs]


def emphasis(cell) -> list[tuple[bool, bool, bool]]:
    return [(bool(p.runs[0].bold), bool(p.runs[0].italic), bool(p.runs[0].underline)) for p in cell.paragraphs]


@pytest.mark.django_db
def test_a_party_committee_heads_its_paper_with_the_party_name_its_star_and_its_number(unit):
    paper = paper_of(unit=unit("25.TU"), day=DAY, number="12-BC/TU")
    left, right = docx_of(paper).tables[0].rows[0].cells
    assert lines(left) == ["TỈNH ỦY PHÚ THỌ", "*", "Số 12-BC/TU"]
    assert lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Thọ, ngày 01 tháng 8 năm 2025"]
    assert emphasis(right) == [(True, False, True), (False, True, False)]  # the Party's name underlined, the date italic
    assert emphasis(left)[0] == (True, False, False)


@pytest.mark.django_db
def test_a_peoples_committee_heads_its_paper_with_the_national_motto(unit):
    paper = paper_of(unit=unit("25.UBND"), day=DAY, number="12/BC-UBND")
    left, right = docx_of(paper).tables[0].rows[0].cells
    assert lines(left) == ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Số: 12/BC-UBND"]
    assert lines(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                            "Phú Thọ, ngày 01 tháng 8 năm 2025"]
    assert emphasis(right) == [(True, False, False), (True, False, True), (False, True, False)]


@pytest.mark.django_db
def test_a_standing_committee_issues_on_its_party_committees_paper_and_a_board_under_it(unit):
    standing = paper_of(unit=unit("25.TU.BTV"), day=DAY)
    assert (standing.system, standing.superior, standing.issuer) == (PARTY, "", "TỈNH ỦY PHÚ THỌ")
    board = paper_of(unit=unit("25.TU.BTC"), day=DAY)
    assert (board.system, board.superior, board.issuer) == (PARTY, "TỈNH ỦY PHÚ THỌ", "BAN TỔ CHỨC")
    left, _right = docx_of(board).tables[0].rows[0].cells
    assert lines(left) == ["TỈNH ỦY PHÚ THỌ", "BAN TỔ CHỨC", "*"]
    assert emphasis(left)[:2] == [(False, False, False), (True, False, False)]  # the superior plain, the issuer bold


@pytest.mark.django_db
def test_the_place_is_the_province_the_capital_for_the_nation_and_the_name_as_it_was_that_day(unit):
    assert paper_of(unit=unit("01.UBND"), day=DAY).date_line == "Hà Nội, ngày 01 tháng 8 năm 2025"
    assert paper_of(unit=unit("VN"), day=DAY).date_line == "Hà Nội, ngày 01 tháng 8 năm 2025"
    before = paper_of(unit=unit("old-26.TU"), day=dt.date(2025, 6, 30))  # Vĩnh Phúc, merged into Phú Thọ on 1 July
    assert (before.issuer, before.date_line) == ("TỈNH ỦY VĨNH PHÚC", "Vĩnh Phúc, ngày 30 tháng 6 năm 2025")


def test_the_recipients_and_the_signature_close_the_paper():
    paper = Paper(system=STATE, issuer="ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", place="Phú Thọ", day=DAY,
                  recipients=("Thường trực Tỉnh ủy", "Lưu: VT"),
                  signature=Signature(capacity="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Trần Duy Đông"))
    document = docx_of(paper)
    assert len(document.tables) == 2
    left, right = document.tables[1].rows[0].cells
    assert lines(left) == ["Nơi nhận:", "- Thường trực Tỉnh ủy", "- Lưu: VT"]
    assert emphasis(left)[0] == (True, True, False)
    assert lines(right) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "Trần Duy Đông"]
    party = Paper(system=PARTY, issuer="TỈNH ỦY PHÚ THỌ", recipients=("Lưu Văn phòng Tỉnh ủy",))
    assert [(line.text, line.underline, line.bold) for line in party.recipient_lines()][0] == ("Nơi nhận:", True, False)
    assert len(docx_of(Paper(system=STATE, issuer="X")).tables) == 1  # no recipients, no signature: no closing


def test_the_html_of_a_report_prints_the_same_paper():
    paper = Paper(system=PARTY, issuer="TỈNH ỦY PHÚ THỌ", number="12-BC/TU", place="Phú Thọ", day=DAY,
                  recipients=("Lưu Văn phòng Tỉnh ủy",), signature=Signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Đặng Xuân Phong"))
    html = report_html(OfficialReport(paper=paper, title="Báo cáo", subtitle="", columns=["STT"], rows=[[1]]))
    for text in ("TỈNH ỦY PHÚ THỌ", "Số 12-BC/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Thọ, ngày 01 tháng 8 năm 2025",
                 "Nơi nhận:", "- Lưu Văn phòng Tỉnh ủy", "T/M BAN THƯỜNG VỤ", "Đặng Xuân Phong"):
        assert f">{text}</div>" in html, text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in html
    assert html.index("ĐẢNG CỘNG SẢN VIỆT NAM") < html.index("Báo cáo</h1>") < html.index("Nơi nhận:")


def test_the_xlsx_heading_fills_two_halves_and_says_where_the_content_begins():
    sheet = Workbook().active
    party = xlsx_heading(sheet, Paper(system=PARTY, issuer="THÀNH ỦY HÀ NỘI", place="Hà Nội", day=DAY), width=9)
    state = xlsx_heading(Workbook().active, Paper(system=STATE, issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", day=DAY), width=9)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    read = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [read["A1"].value, read["A2"].value, read["E1"].value, read["E2"].value] == [
        "THÀNH ỦY HÀ NỘI", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 01 tháng 8 năm 2025"]
    assert (party, state) == (4, 5)  # two heading rows and a blank one; the motto takes three (the date without a place)


def test_the_official_date_puts_a_zero_before_a_day_under_ten_and_before_january_and_february():
    assert [official_date(d) for d in (dt.date(2026, 1, 5), dt.date(2026, 2, 28), dt.date(2025, 3, 9), dt.date(2025, 11, 25))] == [
        "ngày 05 tháng 01 năm 2026", "ngày 28 tháng 02 năm 2026", "ngày 09 tháng 3 năm 2025", "ngày 25 tháng 11 năm 2025"]
    assert Paper(system=STATE, issuer="X", day=dt.date(2026, 1, 5)).date_line == "Ngày 05 tháng 01 năm 2026"
    with pytest.raises(ValueError, match="of the Party or of the State"):
        Paper(system="church", issuer="X")
