"""Papers in the right form (issue 15, item 5), read back from the real downloads: the heading of each kind of issuing
body in the XLSX (openpyxl), PDF (pypdf) and DOCX (python-docx); no dots where a value is missing; labels broken
between words; and a scorecard whose rows add up to its total, on the page and in the export."""
import datetime as dt
import io
import re

import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from pypdf import PdfReader

from mandate.accounts.models import Role
from mandate.meetings.services import meeting_create
from mandate.orgs.models import Unit, UnitKind
from mandate.orgs.services import unit_create
from mandate.reports.charts import Bar, horizontal_bars
from mandate.reports.paper import MOTTO, MOTTO_LINE, PARTY_HEADING
from tests.factories import a_task

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 8, 1)
PARTY_DATE = "Phú Thọ, ngày 01 tháng 8 năm 2025"


@pytest.fixture
def leader(client, make_user, freeze):
    freeze(DAY)
    client.force_login(make_user(Role.LEADER, "25"))
    return client


@pytest.fixture
def department(db):
    return unit_create(actor=None, code="25.UBND.SNV", name="Sở Nội vụ tỉnh Phú Thọ", kind=UnitKind.DEPARTMENT,
                       tier="province", parent=Unit.objects.get(code="25.UBND"), short_name="SNV", issuer_code="SNV",
                       valid_from=dt.date(2025, 7, 1))


def commune_committee() -> Unit:
    """A commune's party committee of Phú Thọ (the province the commune hangs under, as the register has it)."""
    from mandate.orgs.selectors import territory_of, unit_parent

    for committee in Unit.objects.filter(kind=UnitKind.PARTY_COMMITTEE, code__endswith=".DU").order_by("code"):
        commune = territory_of(unit=committee, as_of=DAY)
        if unit_parent(unit=commune, as_of=DAY).code == "25":
            return committee
    raise AssertionError("no commune of Phú Thọ in the register")


# What the left (issuer) and right (heading) halves of each kind of body's paper say, top to bottom.
HEADINGS = {
    "party committee": ("25.TU", ["TỈNH ỦY PHÚ THỌ", "*"], [PARTY_HEADING, PARTY_DATE]),
    "standing committee": ("25.TU.BTV", ["TỈNH ỦY PHÚ THỌ", "*"], [PARTY_HEADING, PARTY_DATE]),
    "party committee's department": ("25.TU.BTC", ["TỈNH ỦY PHÚ THỌ", "BAN TỔ CHỨC", "*"], [PARTY_HEADING, PARTY_DATE]),
    "people's committee": ("25.UBND", ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"], [MOTTO, MOTTO_LINE, PARTY_DATE]),
    "state department": ("25.UBND.SNV", ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "SỞ NỘI VỤ"], [MOTTO, MOTTO_LINE, PARTY_DATE]),
}


def xlsx_halves(content: bytes) -> tuple[list[str], list[str]]:
    """The heading's two halves of a downloaded workbook: the texts above the blank row before the title, left and
    right of the middle."""
    sheet = load_workbook(io.BytesIO(content)).active
    middle = sheet.max_column // 2
    left, right = [], []
    for row in sheet.iter_rows(min_row=1):
        if not any(cell.value for cell in row):
            break
        for cell in row:
            if isinstance(cell.value, str):
                (left if cell.column <= middle else right).append(cell.value)
    return left, right


def pdf_lines(content: bytes) -> list[str]:
    return [" ".join(line.split()) for page in PdfReader(io.BytesIO(content)).pages
            for line in page.extract_text().splitlines() if line.strip()]


@pytest.mark.parametrize("kind", HEADINGS)
def test_each_kind_of_body_exports_its_scorecard_under_its_own_heading(leader, department, kind):
    code, issuer, heading = HEADINGS[kind]
    xlsx = leader.get("/monitoring/scorecards/export.xlsx", {"unit": code, "subtree": "true"})
    assert xlsx.status_code == 200
    left, right = xlsx_halves(xlsx.content)
    assert left == issuer
    assert right == heading
    pdf = leader.get("/monitoring/scorecards/export.pdf", {"unit": code, "subtree": "true"})
    text = " ".join(pdf_lines(pdf.content))  # the halves share their lines in the text layer
    title = text.index("KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    for lines in (issuer, heading):  # each half in its order, above the title
        found = [text.find(line) for line in lines]
        assert -1 not in found and found == sorted(found) and found[-1] < title, (lines, text[:300])
    other = PARTY_HEADING if heading[0] == MOTTO else MOTTO
    assert other not in text


def test_a_communes_party_committee_stands_under_the_provinces_party_organization(leader):
    committee = commune_committee()
    xlsx = leader.get("/monitoring/scorecards/export.xlsx", {"unit": committee.code, "subtree": "true"})
    left, right = xlsx_halves(xlsx.content)
    assert left == ["ĐẢNG BỘ TỈNH PHÚ THỌ", committee.name.upper(), "*"]
    assert right[0] == PARTY_HEADING and right[1].endswith(", ngày 01 tháng 8 năm 2025")
    assert not right[1].startswith("Phú Thọ")  # the place is the commune's


@pytest.mark.parametrize("body, issuer, heading", [
    ("25.TU", ["TỈNH ỦY PHÚ THỌ", "*"], [PARTY_HEADING, PARTY_DATE]),
    ("25.UBND", ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"], [MOTTO, MOTTO_LINE, PARTY_DATE]),
])
def test_a_meetings_table_of_responses_in_docx_carries_its_bodys_heading(client, make_user, freeze, body, issuer, heading):
    freeze(DAY)
    secretariat = make_user(Role.SPECIALIST, body)
    meeting = meeting_create(actor=secretariat, body=Unit.objects.get(code=body), title="Hội nghị lấy ý kiến dự thảo",
                             starts_on=DAY, place="Việt Trì")
    client.force_login(secretariat)
    response = client.get(f"/meetings/{meeting.pk}/responses.docx")
    assert response.status_code == 200
    left, right = Docx(io.BytesIO(response.content)).tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == issuer
    assert [p.text for p in right.paragraphs] == heading


def test_no_dots_stand_for_a_missing_value_in_an_export(leader):
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))
    text = "\n".join(pdf_lines(leader.get("/monitoring/scorecards/export.pdf", {"unit": "25", "subtree": "true"}).content))
    assert "…" not in text and "..." not in text
    assert "Tất cả nhiệm vụ đã giao;" in text
    bounded = leader.get("/monitoring/scorecards/export.xlsx", {"unit": "25", "subtree": "true", "assigned_from": "2025-07-01"})
    sheet = load_workbook(io.BytesIO(bounded.content)).active
    subtitle = next(cell.value for row in sheet.iter_rows(max_row=8) for cell in row
                    if isinstance(cell.value, str) and cell.value.startswith("Nhiệm vụ giao"))
    assert subtitle.startswith("Nhiệm vụ giao từ ngày 01/07/2025;") and "…" not in subtitle


def test_a_long_label_of_a_chart_is_broken_between_words_not_cut():
    name = "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Thọ"
    svg = horizontal_bars(title="Nhiệm vụ quá hạn theo đơn vị", bars=[Bar(name, 3), Bar("Văn phòng", 1)])
    label = re.findall(r"<text text-anchor=\"end\">(.*?)</text>", svg)[0]
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)
    assert " ".join(lines) == name and len(lines) == 2
    assert all(len(line) * 7 <= 220 - 10 for line in lines)  # each line fits the label column
    assert "…" not in svg


def _numbers(cells) -> list[int]:
    return [int(str(cell).replace(".", "")) for cell in cells]


def test_the_scorecards_rows_add_up_to_its_total_with_the_committees_own_tasks_as_a_row(leader):
    a_task(lead_unit="25.TU", deadline=dt.date(2025, 7, 25))       # the committee's own, overdue
    a_task(lead_unit="25.TU", deadline=dt.date(2025, 8, 20))       # the committee's own, within deadline
    a_task(lead_unit="25.TU.BTC", deadline=dt.date(2025, 7, 25))   # its board's, overdue
    a_task(lead_unit="25.UBND", deadline=dt.date(2025, 8, 3))      # the People's Committee's, due soon
    xlsx = leader.get("/monitoring/scorecards/export.xlsx", {"unit": "25.TU", "subtree": "true"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows() if isinstance(row[2].value, int)]
    *rows, total = table
    assert [row[1] for row in rows] == ["Ban Tổ chức Tỉnh ủy Phú Thọ", "Tỉnh ủy Phú Thọ (nhiệm vụ tự chủ trì)"]
    assert total[2:7] == [3, 0, 0, 1, 2]
    assert [sum(row[c] for row in rows) for c in range(2, 7)] == total[2:7]
    text = pdf_lines(leader.get("/monitoring/scorecards/export.pdf", {"unit": "25.TU", "subtree": "true"}).content)
    flat = " ".join(text)
    assert "Tổng cộng 3 0 0 1 2" in flat
    assert re.search(r"Tỉnh ủy Phú Thọ \(nhiệm vụ tự .*2 0 0 1 1", flat)  # the name may wrap in its cell

    page = leader.get("/monitoring/", {"unit": "25", "subtree": "true"}).content.decode()
    body = re.search(r'data-chart="ranking".*?<tbody>(.*?)</tbody>\s*<tfoot>(.*?)</tfoot>', page, re.S)
    row_cells = [re.findall(r"<td>(?:<a [^>]*>)?([\d.]+)(?:</a>)?</td>", row)[1:6] if not row.startswith("<td>—")
                 else re.findall(r"<td>(?:<a [^>]*>)?([\d.]+)(?:</a>)?</td>", row)[:5]
                 for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)]
    total_cells = re.findall(r"<td>(?:<a [^>]*>)?([\d.]+)(?:</a>)?</td>", body.group(2))[:5]
    assert _numbers(total_cells) == [4, 0, 0, 2, 2]
    assert [sum(column) for column in zip(*(_numbers(cells) for cells in row_cells), strict=True)] == _numbers(total_cells)
