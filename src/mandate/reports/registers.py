"""A register or a report of several tables on official paper, as DOCX (python-docx) and XLSX (openpyxl).

A register (sổ theo dõi) or a periodic report (báo cáo định kỳ) is the paper of `reports.paper` — the issuer on the
left, "ĐẢNG CỘNG SẢN VIỆT NAM" or the national motto on the right, the number, the place and date — then the title,
a line saying what it covers, one table or more (each under its own heading: "I. …", "II. …"), the notes, and the
recipients and signature block. Every cell is written as a value: a text that begins with "=" stays text
(`reports.exports.text_only`), so nothing ever becomes a formula. No database here: the apps build a `Register`.
"""
import datetime as dt
import io
from dataclasses import dataclass, field

from mandate.reports.exports import print_settings, text_only
from mandate.reports.paper import FONT, Paper, docx_closing, docx_heading, xlsx_closing, xlsx_heading

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LANDSCAPE_FROM = 7  # a table of this many columns or more is printed across the page


@dataclass(frozen=True)
class Table:
    heading: str  # "I. Kiểm tra khi có dấu hiệu vi phạm"; empty for a register's one table
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    totals: tuple | None = None  # the last row, in bold
    widths: tuple[float, ...] = ()  # centimetres; by default 1.2 for the first (No.) column, 4 for the others
    empty: str = ""  # printed instead of the table when it has no row

    def width(self, index: int) -> float:
        if index < len(self.widths):
            return self.widths[index]
        return 1.2 if index == 0 else 4.0


@dataclass(frozen=True)
class Register:
    paper: Paper
    title: str
    subtitle: str
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
    sheet_name: str = "Sổ"
    paragraphs: tuple[str, ...] = field(default_factory=tuple)  # text between the subtitle and the first table

    @property
    def columns(self) -> int:
        return max((len(table.columns) for table in self.tables), default=4)

    @property
    def landscape(self) -> bool:
        return self.columns >= LANDSCAPE_FROM


def _value(value):
    """What a cell holds: a number, a date or None as it is, anything else (a lazy translation) as its text."""
    if value is None or isinstance(value, (int, float, dt.date)):
        return value
    return str(value)


def _cell_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return str(value)


def register_docx(register: Register) -> bytes:
    """The register as a Word document: A4, landscape when its tables are wide, Times New Roman."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    if register.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0 if not register.landscape else 2.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(12 if not register.landscape else 11)

    docx_heading(document, register.paper)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(register.title.upper())
    run.bold, run.font.size = True, Pt(14)
    if register.subtitle:
        subtitle = document.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.add_run(register.subtitle).italic = True
    for text in register.paragraphs:
        document.add_paragraph(text)
    for table in register.tables:
        if table.heading:
            document.add_paragraph().add_run(str(table.heading)).bold = True
        if not table.rows:
            document.add_paragraph(table.empty or "—")
            continue
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for index, (cell, name) in enumerate(zip(grid.rows[0].cells, table.columns, strict=True)):
            cell.text, cell.width = str(name), Cm(table.width(index))
            cell.paragraphs[0].runs[0].bold = True
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        body = [*table.rows, *([table.totals] if table.totals else [])]
        for number, row in enumerate(body):
            cells = grid.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
                cell.text, cell.width = _cell_text(value), Cm(table.width(index))
                if table.totals and number == len(body) - 1 and cell.paragraphs[0].runs:
                    cell.paragraphs[0].runs[0].bold = True
    for note in register.notes:
        document.add_paragraph().add_run(note).italic = True
    docx_closing(document, register.paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def register_xlsx(register: Register) -> bytes:
    """The register as one sheet: the paper's heading, each table under its heading, the closing; values, never formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = register.sheet_name[:31]
    width = max(register.columns, 4)
    bold, plain = Font(name=FONT, bold=True), Font(name=FONT)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    row = xlsx_heading(sheet, register.paper, width=width)
    for text, font in ((register.title.upper(), Font(name=FONT, bold=True, size=14)),
                       (register.subtitle, Font(name=FONT, italic=True)), *((p, plain) for p in register.paragraphs)):
        if not text:
            continue
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = text_only(sheet.cell(row=row, column=1, value=text))
        cell.font, cell.alignment = font, centre
        row += 1
    first_header = None
    for table in register.tables:
        row += 1
        if table.heading:
            text_only(sheet.cell(row=row, column=1, value=str(table.heading))).font = bold
            row += 1
        if not table.rows:
            text_only(sheet.cell(row=row, column=1, value=table.empty or "—")).font = plain
            row += 1
            continue
        first_header = first_header or row
        for column, name in enumerate(table.columns, start=1):
            cell = text_only(sheet.cell(row=row, column=column, value=str(name)))
            cell.font, cell.alignment, cell.border = bold, centre, box
        body = [*table.rows, *([table.totals] if table.totals else [])]
        for number, values in enumerate(body):
            row += 1
            last = bool(table.totals) and number == len(body) - 1
            for column, value in enumerate(values, start=1):
                cell = text_only(sheet.cell(row=row, column=column, value=_value(value)))
                cell.font, cell.alignment, cell.border = bold if last else plain, wrap, box
        row += 1
    for note in register.notes:
        row += 1
        text_only(sheet.cell(row=row, column=1, value=note)).font = Font(name=FONT, italic=True, size=10)
    xlsx_closing(sheet, register.paper, row=row + 2, width=width)
    widest = max(register.tables, key=lambda table: len(table.columns), default=None)
    for column in range(1, width + 1):
        centimetres = widest.width(column - 1) if widest is not None else 4.0
        sheet.column_dimensions[get_column_letter(column)].width = centimetres * 5
    print_settings(sheet, header_row=first_header or row)
    if not register.landscape:
        sheet.page_setup.orientation = "portrait"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_file(register: Register, fmt: str) -> bytes:
    """`fmt` is docx or xlsx (the caller has checked it against CONTENT_TYPES)."""
    return register_docx(register) if fmt == "docx" else register_xlsx(register)
