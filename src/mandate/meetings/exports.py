"""The table of responses (bảng tổng hợp tiếp thu, giải trình ý kiến) as DOCX (python-docx) and XLSX (openpyxl).

The usual layout: the issuing committee on the left and the Party's (or the State's) heading on the right,
the title, the meeting, then one table with a section row per agenda item and a row per opinion: number,
clause, author, kind, the opinion, the response (tiếp thu / giải trình / không tiếp thu), its explanation,
who gave it, and the version of the draft that took it in.
"""
import io
from dataclasses import dataclass

from django.http import HttpResponse

from mandate.core.errors import NotFound
from mandate.meetings.models import Meeting
from mandate.meetings.selectors import ResponseRow, responses_table
from mandate.orgs.models import PARTY_KINDS
from mandate.orgs.selectors import unit_parent
from mandate.reports.exports import MOTTO, MOTTO_LINE

PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
TITLE = "BẢNG TỔNG HỢP Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH"
COLUMNS = ("STT", "Nội dung (điều, khoản)", "Đại biểu, tổ góp ý", "Loại ý kiến", "Ý kiến góp ý", "Tiếp thu, giải trình",
           "Nội dung tiếp thu, giải trình", "Người trả lời", "Đã đưa vào")
WIDTHS_CM = (1.0, 2.6, 3.0, 2.0, 6.0, 2.2, 6.0, 2.8, 2.0)
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ResponsesSheet:
    issuer: str
    heading: str
    heading_line: str
    title: str
    subtitle: str
    sections: list[tuple[str, list[ResponseRow]]]

    def cells(self, row: ResponseRow) -> list[str]:
        return [str(row.number), row.clause, row.author, row.kind, row.opinion, row.disposition, row.explanation,
                row.responder, row.taken_into]


def responses_sheet(*, meeting: Meeting, item_id: int | None = None) -> ResponsesSheet:
    body = meeting.body
    parent = unit_parent(unit=body, as_of=meeting.starts_on)
    issuer = (parent or body).name.upper()
    party = body.kind in PARTY_KINDS
    sections: dict[str, list[ResponseRow]] = {}
    for row in responses_table(meeting=meeting, item_id=item_id):
        sections.setdefault(row.item, []).append(row)
    when = meeting.starts_on.strftime("%d/%m/%Y")
    if meeting.ends_on != meeting.starts_on:
        when += " – " + meeting.ends_on.strftime("%d/%m/%Y")
    return ResponsesSheet(issuer=issuer, heading=PARTY_HEADING if party else MOTTO, heading_line="" if party else MOTTO_LINE,
                          title=TITLE, subtitle=f"{meeting.title} ({when})", sections=list(sections.items()))


def responses_docx(sheet: ResponsesSheet) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)

    head = document.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text, right.text = sheet.issuer, "\n".join(line for line in (sheet.heading, sheet.heading_line) if line)
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(sheet.title)
    run.bold, run.font.size = True, Pt(14)
    subtitle = document.add_paragraph(sheet.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name, width in zip(table.rows[0].cells, COLUMNS, WIDTHS_CM, strict=True):
        cell.text, cell.width = name, Cm(width)
        cell.paragraphs[0].runs[0].bold = True
    for item, rows in sheet.sections:
        merged = table.add_row().cells
        merged[0].merge(merged[-1]).text = item
        merged[0].paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, value, width in zip(table.add_row().cells, sheet.cells(row), WIDTHS_CM, strict=True):
                cell.text, cell.width = value, Cm(width)
    if not sheet.sections:
        document.add_paragraph("Chưa có ý kiến góp ý.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def responses_xlsx(sheet: ResponsesSheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    ws = book.active
    ws.title = "Tiếp thu, giải trình"
    width = len(COLUMNS)
    bold, plain = Font(name="Times New Roman", bold=True), Font(name="Times New Roman")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.cell(row=1, column=1, value=sheet.issuer).font = bold
    ws.merge_cells(start_row=1, start_column=5, end_row=1, end_column=width)
    ws.cell(row=1, column=5, value=sheet.heading).font = bold
    if sheet.heading_line:
        ws.merge_cells(start_row=2, start_column=5, end_row=2, end_column=width)
        ws.cell(row=2, column=5, value=sheet.heading_line).font = bold
    for row_number, text, font in ((4, sheet.title, Font(name="Times New Roman", bold=True, size=14)), (5, sheet.subtitle, plain)):
        ws.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
        cell = ws.cell(row=row_number, column=1, value=text)
        cell.font, cell.alignment = font, centre
    at = 7
    for column, (name, cm) in enumerate(zip(COLUMNS, WIDTHS_CM, strict=True), 1):
        cell = ws.cell(row=at, column=column, value=name)
        cell.font, cell.alignment, cell.border = bold, centre, box
        ws.column_dimensions[cell.column_letter].width = cm * 5
    for item, rows in sheet.sections:
        at += 1
        ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
        cell = ws.cell(row=at, column=1, value=item)
        cell.font, cell.border = bold, box
        for row in rows:
            at += 1
            for column, value in enumerate(sheet.cells(row), 1):
                cell = ws.cell(row=at, column=column, value=int(value) if column == 1 else value)
                cell.font, cell.alignment, cell.border = plain, wrap, box
    ws.freeze_panes = ws.cell(row=8, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def responses_response(*, meeting: Meeting, fmt: str, item_id: int | None = None) -> HttpResponse:
    """The table as a download; `fmt` is docx or xlsx."""
    if fmt not in CONTENT_TYPES:
        raise NotFound(f"No table of responses as '{fmt}': ask for docx or xlsx.")
    sheet = responses_sheet(meeting=meeting, item_id=item_id)
    content = responses_docx(sheet) if fmt == "docx" else responses_xlsx(sheet)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="tiep-thu-giai-trinh-{meeting.pk}.{fmt}"'
    return response
