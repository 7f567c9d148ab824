"""The table of responses (bảng tổng hợp tiếp thu, giải trình ý kiến) as DOCX (python-docx) and XLSX (openpyxl).

The usual layout: the official paper of the body that meets (`reports.paper`: the issuing committee on the left,
the Party's or the State's heading, the place and date on the right), the title, the meeting, then one table with a
section row per agenda item and a row per opinion: number, clause, author, kind, the opinion, the response
(tiếp thu / giải trình / không tiếp thu), its explanation, who gave it, and the version of the draft that took it in.
"""
import datetime as dt
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _

from mandate.core.errors import NotFound
from mandate.meetings.models import Meeting
from mandate.meetings.selectors import ResponseRow, responses_table
from mandate.reports.paper import Paper, docx_closing, docx_heading, xlsx_closing, xlsx_heading
from mandate.reports.exports import print_settings, text_only
from mandate.reports.selectors import paper_of

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
    paper: Paper
    title: str
    subtitle: str
    sections: list[tuple[str, list[ResponseRow]]]

    def cells(self, row: ResponseRow) -> list[str]:
        return [str(row.number), row.clause, row.author, row.kind, row.opinion, row.disposition, row.explanation,
                row.responder, row.taken_into]


def responses_sheet(*, meeting: Meeting, day: dt.date, item_id: int | None = None) -> ResponsesSheet:
    """The table as it stands on `day`, on the paper of the body that meets (an Executive Committee's is its committee's)."""
    sections: dict[str, list[ResponseRow]] = {}
    for row in responses_table(meeting=meeting, item_id=item_id):
        sections.setdefault(row.item, []).append(row)
    when = meeting.starts_on.strftime("%d/%m/%Y")
    if meeting.ends_on != meeting.starts_on:
        when += " – " + meeting.ends_on.strftime("%d/%m/%Y")
    return ResponsesSheet(paper=paper_of(unit=meeting.body, day=day), title=TITLE, subtitle=f"{meeting.title} ({when})",
                          sections=list(sections.items()))


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

    docx_heading(document, sheet.paper)
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
    docx_closing(document, sheet.paper)
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
    title_row = xlsx_heading(ws, sheet.paper, width=width)
    for row_number, text, font in ((title_row, sheet.title, Font(name="Times New Roman", bold=True, size=14)),
                                   (title_row + 1, sheet.subtitle, plain)):
        ws.merge_cells(start_row=row_number, start_column=1, end_row=row_number, end_column=width)
        cell = ws.cell(row=row_number, column=1, value=text)
        cell.font, cell.alignment = font, centre
    at = header_row = title_row + 3
    for column, (name, cm) in enumerate(zip(COLUMNS, WIDTHS_CM, strict=True), 1):
        cell = ws.cell(row=at, column=column, value=name)
        cell.font, cell.alignment, cell.border = bold, centre, box
        ws.column_dimensions[cell.column_letter].width = cm * 5
    for item, rows in sheet.sections:
        at += 1
        ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
        cell = text_only(ws.cell(row=at, column=1, value=item))
        cell.font, cell.border = bold, box
        for row in rows:
            at += 1
            for column, value in enumerate(sheet.cells(row), 1):
                cell = text_only(ws.cell(row=at, column=column, value=int(value) if column == 1 else value))
                cell.font, cell.alignment, cell.border = plain, wrap, box
    xlsx_closing(ws, sheet.paper, row=at + 2, width=width)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    print_settings(ws, header_row=header_row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def responses_response(*, meeting: Meeting, fmt: str, day: dt.date, item_id: int | None = None) -> HttpResponse:
    """The table as a download dated `day`; `fmt` is docx or xlsx."""
    if fmt not in CONTENT_TYPES:
        raise NotFound(_("No table of responses as “%(format)s”: ask for docx or xlsx.") % {"format": fmt})
    sheet = responses_sheet(meeting=meeting, day=day, item_id=item_id)
    content = responses_docx(sheet) if fmt == "docx" else responses_xlsx(sheet)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="tiep-thu-giai-trinh-{meeting.pk}.{fmt}"'
    return response
