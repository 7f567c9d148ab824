"""An official report (its paper — heading, place and date, recipients, signature —, title, table, chart) as XLSX,
DOCX and PDF.

XLSX by openpyxl with a native bar chart; DOCX by python-docx (the table only: a chart stays in the XLSX and the PDF);
PDF by WeasyPrint from HTML with the SVG chart embedded and the fonts of Debian's fonts-dejavu-core, which carry every
Vietnamese glyph. The paper is laid out by `reports.paper`. A row listed in `section_rows` is a heading across the
table (a body in the list of leaders by body): its first cell spans every column.
"""
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from mandate.reports.paper import FONT, Paper, docx_closing, docx_heading, xlsx_closing, xlsx_heading


TITLE_CHARACTERS_PER_COLUMN = 9  # capitals of 14 pt in a column of the default width, a little less than fit


@dataclass
class OfficialReport:
    paper: Paper
    title: str
    subtitle: str
    columns: list[str]
    rows: list[list]
    totals: list | None = None
    chart_svg: str = ""
    chart_title: str = ""
    chart_categories: list[str] = field(default_factory=list)
    chart_series: list[tuple[str, list[float]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    percent_columns: tuple[int, ...] = ()  # indices of columns holding fractions shown as percentages
    text_columns: tuple[int, ...] = (1,)  # indices of columns of text, set left in the PDF (numbers stand right)
    widths: tuple[int, ...] = ()  # the columns' widths in the XLSX (characters); by default 34 for the second, 14 else
    section_rows: tuple[int, ...] = ()  # indices of rows that head a section: one text across the table


def text_only(cell):
    """A cell whose text begins with "=" stays that text: written out, it can never become a formula."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def print_settings(sheet, *, header_row: int) -> None:
    """Printed landscape, fitted to the width of the page, with the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _display(value, percent: bool) -> str:
    if value is None:
        return "—"
    if percent:
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def _displayed_rows(report: OfficialReport) -> list[list[str]]:
    return [[str(row[0])] if index in report.section_rows else [_display(v, i in report.percent_columns) for i, v in enumerate(row)]
            for index, row in enumerate(report.rows)]


def report_html(report: OfficialReport) -> str:
    rows = _displayed_rows(report)
    totals = [_display(v, i in report.percent_columns) for i, v in enumerate(report.totals)] if report.totals else None
    return render_to_string("reports/official.html", {"report": report, "rows": rows, "totals": totals,
                                                      "width": len(report.columns)})


def report_docx(report: OfficialReport) -> bytes:
    """The report as a Word document on A4 landscape: the paper's heading, the title, the table, the notes, the closing."""
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
    style.font.name, style.font.size = FONT, Pt(11)
    docx_heading(document, report.paper)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title.upper())
    run.bold, run.font.size = True, Pt(14)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(report.subtitle).italic = True
    table = document.add_table(rows=1, cols=len(report.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, report.columns, strict=True):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
    rows = _displayed_rows(report)
    totals = [_display(v, i in report.percent_columns) for i, v in enumerate(report.totals)] if report.totals else None
    for index, row in enumerate([*rows, *([totals] if totals else [])]):
        cells = table.add_row().cells
        if index in report.section_rows:
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
            merged.paragraphs[0].runs[0].bold = True
            continue
        for c, (cell, value) in enumerate(zip(cells, row, strict=False)):
            cell.text = value
            if c not in report.text_columns:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if totals and index == len(rows):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for note in report.notes:
        document.add_paragraph().add_run(note).italic = True
    docx_closing(document, report.paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_pdf(report: OfficialReport) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the exports need

    return HTML(string=report_html(report)).write_pdf()


def report_xlsx(report: OfficialReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    width = max(len(report.columns), 4)
    bold = Font(name="Times New Roman", bold=True)
    plain = Font(name="Times New Roman")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    title_row = xlsx_heading(sheet, report.paper, width=width)
    sheet.merge_cells(start_row=title_row, start_column=1, end_row=title_row, end_column=width)
    text_only(sheet.cell(row=title_row, column=1, value=report.title.upper())).font = Font(name="Times New Roman", bold=True, size=14)
    sheet.cell(row=title_row, column=1).alignment = centre
    # A merged cell does not grow with its text: give the title the lines it wraps onto, so no word is cut off.
    sheet.row_dimensions[title_row].height = 20 * max(1, -(-len(report.title) // (TITLE_CHARACTERS_PER_COLUMN * width)))
    sheet.merge_cells(start_row=title_row + 1, start_column=1, end_row=title_row + 1, end_column=width)
    text_only(sheet.cell(row=title_row + 1, column=1, value=report.subtitle)).font = Font(name="Times New Roman", italic=True)
    sheet.cell(row=title_row + 1, column=1).alignment = centre
    header_row = title_row + 3
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c, name in enumerate(report.columns, start=1):
        cell = text_only(sheet.cell(row=header_row, column=c, value=name))
        cell.font, cell.alignment, cell.border = bold, centre, border
    body = report.rows + ([report.totals] if report.totals else [])
    for r, row in enumerate(body, start=header_row + 1):
        if r - header_row - 1 in report.section_rows:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(report.columns))
            cell = text_only(sheet.cell(row=r, column=1, value=str(row[0])))
            cell.font, cell.border = bold, border
            continue
        for c, value in enumerate(row, start=1):
            cell = text_only(sheet.cell(row=r, column=c, value=value))
            cell.border = border
            cell.font = bold if report.totals and r == header_row + len(body) else plain
            if c - 1 in report.percent_columns and isinstance(value, float):
                cell.number_format = "0.0%"
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = report.widths[c - 1] if c <= len(report.widths) else (
            34 if c == 2 else 14)
    print_settings(sheet, header_row=header_row)
    last = header_row + len(body)
    for offset, note in enumerate(report.notes, start=2):
        text_only(sheet.cell(row=last + offset, column=1, value=note)).font = Font(name="Times New Roman", italic=True, size=10)
    below = last + len(report.notes) + 3  # after the notes and one blank row
    if report.paper.has_closing:  # the recipients and the signature, then the chart below them
        below = xlsx_closing(sheet, report.paper, row=below, width=width) + 1
    if report.chart_categories and report.chart_series:
        data = book.create_sheet("Biểu đồ")
        data.append([""] + [label for label, _ in report.chart_series])
        for i, category in enumerate(report.chart_categories):
            data.append([category] + [values[i] for _, values in report.chart_series])
        chart = BarChart()
        chart.type = "bar" if len(report.chart_series) == 1 else "col"
        chart.grouping = "clustered" if len(report.chart_series) == 1 else "stacked"
        if chart.grouping == "stacked":
            chart.overlap = 100
        chart.title = report.chart_title
        chart.add_data(Reference(data, min_col=2, max_col=1 + len(report.chart_series), min_row=1,
                                 max_row=1 + len(report.chart_categories)), titles_from_data=True)
        chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=1 + len(report.chart_categories)))
        chart.width, chart.height = 22, 10
        sheet.add_chart(chart, f"B{below}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
