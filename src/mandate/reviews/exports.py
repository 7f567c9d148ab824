"""A periodic report on official paper (DOCX by python-docx, PDF by WeasyPrint) and the rating tables (like form 6F)
as XLSX and DOCX.

The report: the paper of its unit (`reports.selectors.paper_of`: a Party body's ĐẢNG CỘNG SẢN VIỆT NAM, a State body's
national motto; the number, the place and date line), "BÁO CÁO" and its title, "Kính gửi" the receiving committee, the
body — the narrative parts and the compiled figures as tables —, "Nơi nhận" and the signature block. The words are in
the reader's language (an official paper is printed in Vietnamese). No text is ever a formula in the XLSX.
"""
import dataclasses
import datetime as dt
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mandate.core import clock
from mandate.core.dates import day_text
from mandate.monitoring.kpis import ACHIEVED, NOT_ACHIEVED
from mandate.reports.exports import print_settings, text_only
from mandate.reports.paper import Paper, Signature, docx_closing, docx_heading, xlsx_closing, xlsx_heading
from mandate.reports.selectors import paper_of
from mandate.reviews.models import Level, Report, Review
from mandate.reviews.selectors import LATE, MISSING, NOT_YET, ON_TIME
from mandate.tasks.status import OFFICIAL_FOUR

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FONT = "Times New Roman"


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    columns: tuple = ()
    rows: tuple = ()


@dataclass(frozen=True)
class ReportPaper:
    paper: Paper
    title: str
    subtitle: str
    addressee: str
    blocks: list[Block]


def _percent(value) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%".replace(".", ",")


def submission_label(state: str) -> str:
    return {ON_TIME: _("On time"), LATE: _("Late"), NOT_YET: _("Not sent, not yet due"), MISSING: _("Missing")}[state]


def outcome_label(outcome: str) -> str:
    return {ACHIEVED: _("Achieved"), NOT_ACHIEVED: _("Not achieved")}.get(outcome, _("Not reported"))


def total_label(name: str) -> str:
    return {"assigned": _("Assigned"), "completed_on_time": _("Completed on time"), "completed_late": _("Completed late"),
            "within_deadline": _("Within deadline"), "overdue": _("Overdue"), "extended": _("Extended"),
            "completed_after_extension": _("Completed after extension")}[name]


def figure_blocks(figures: dict) -> list[Block]:
    """The compiled figures as the body's tables, in the order of the report."""
    tasks = figures["tasks"]
    blocks = [Block("heading", _("1. Documents issued")),
              Block("paragraph", _("%(n)s documents were issued in the period.") % {"n": figures["documents_total"]})]
    if figures["documents"]:
        blocks.append(Block("table", columns=(_("Type"), _("Documents")),
                            rows=tuple((row["type"], row["count"]) for row in figures["documents"])))
    blocks += [Block("heading", _("2. Tasks assigned and their performance")),
               Block("table", columns=(_("Figure"), _("Tasks")),
                     rows=tuple((total_label(name), tasks[name]) for name in
                                ("assigned", *OFFICIAL_FOUR, "extended", "completed_after_extension"))),
               Block("paragraph", _("On-time rate: %(on_time)s; completion rate: %(completion)s.") % {
                   "on_time": _percent(tasks["on_time_rate"]), "completion": _percent(tasks["completion_rate"])})]
    if figures["lagging"]:
        blocks += [Block("heading", _("3. Units lagging behind")),
                   Block("table", columns=(_("No."), _("Unit"), _("Assigned"), _("Overdue"), _("Overdue rate")),
                         rows=tuple((i, row["name"], row["assigned"], row["overdue"], _percent(row["overdue_rate"]))
                                    for i, row in enumerate(figures["lagging"], start=1)))]
    if figures["kpis"]:
        blocks += [Block("heading", _("4. Targets and results")),
                   Block("table", columns=(_("No."), _("Unit"), _("Indicator"), _("Target"), _("Result"), _("Assessment")),
                         rows=tuple((i, row["unit_name"], row["indicator"],
                                     f"{_comparison(row['comparison'])} {_decimal(row['target'])}{row['measure']}",
                                     f"{_decimal(row['actual'])}{row['measure']}" if row["actual"] is not None else "—",
                                     outcome_label(row["outcome"])) for i, row in enumerate(figures["kpis"], start=1)))]
    for section in figures.get("sections", []):
        blocks += [Block("heading", section["title"]),
                   Block("table", columns=tuple(section["columns"]), rows=tuple(tuple(r) for r in section["rows"]))]
    received = figures.get("received")
    if received:
        summary = received["summary"]
        blocks += [Block("heading", _("Reports received from the units")),
                   Block("paragraph", _("Due on %(due)s: %(on_time)s on time, %(late)s late, %(waiting)s not yet sent.") % {
                       "due": day_text(_date(received["due_on"])), "on_time": summary[ON_TIME], "late": summary[LATE],
                       "waiting": summary[NOT_YET] + summary[MISSING]}),
                   Block("table", columns=(_("No."), _("Unit"), _("Report"), _("Sent on"), _("State"), _("Assigned"),
                                           _("Overdue")),
                         rows=tuple((i, row["name"], row["number"] or "—",
                                     day_text(_date(row["issued_on"])) if row["issued_on"] else "—",
                                     submission_label(row["state"]), row["tasks"].get("assigned", "—"),
                                     row["tasks"].get("overdue", "—")) for i, row in enumerate(received["rows"], start=1))),
                   Block("paragraph", _("The units' reports together: %(assigned)s tasks assigned, %(on_time)s completed on "
                                        "time, %(late)s late, %(within)s within deadline, %(overdue)s overdue.") % {
                       "assigned": received["tasks"]["assigned"], "on_time": received["tasks"]["completed_on_time"],
                       "late": received["tasks"]["completed_late"], "within": received["tasks"]["within_deadline"],
                       "overdue": received["tasks"]["overdue"]})]
    return blocks


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _comparison(code: str) -> str:
    return {"gte": "≥", "lte": "≤", "eq": "="}.get(code, code)


def _decimal(text) -> str:
    if text is None:
        return ""
    value = str(text)
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.replace(".", ",")


def _paragraphs(text: str) -> list[Block]:
    return [Block("paragraph", line.strip()) for line in (text or "").splitlines() if line.strip()]


def report_paper(*, report: Report, figures: dict) -> ReportPaper:
    """The report as it is printed: its paper, title, addressee and body."""
    day = report.issued_on or clock.today()
    number = report.document.number_text if report.document_id else ""
    paper = paper_of(unit=report.unit, day=day, number=number,
                     recipients=(_("As addressed above"), _("Filed: office")))
    capacity = ("T/M " if paper.party else "TM. ") + paper.issuer
    paper = dataclasses.replace(paper, signature=Signature(capacity=capacity,
                                                           name=report.document.signer if report.document_id else ""))
    blocks = [Block("heading", _("I. General situation")), *_paragraphs(report.summary),
              Block("heading", _("II. Results")), *_paragraphs(report.results), *figure_blocks(figures)]
    for title, text in ((_("III. Shortcomings, limitations and their causes"), report.shortcomings),
                        (_("IV. Tasks and solutions for the next period"), report.next_tasks),
                        (_("V. Proposals and recommendations"), report.proposals)):
        if text.strip():
            blocks += [Block("heading", title), *_paragraphs(text)]
    return ReportPaper(paper=paper, title=_("REPORT"), subtitle=report.title,
                       addressee=_("To: %(receiver)s") % {"receiver": report.regime.receiver.name}, blocks=blocks)


def _docx_document(landscape: bool = False):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(1.5), Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    return document


def _docx_title(document, text: str, *, bold: bool = True, size: int = 14, italic: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _docx_table(document, columns, rows) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def report_docx(printed: ReportPaper) -> bytes:
    document = _docx_document()
    docx_heading(document, printed.paper)
    _docx_title(document, printed.title)
    _docx_title(document, printed.subtitle, size=13)
    _docx_title(document, printed.addressee, bold=False, size=13)
    for block in printed.blocks:
        if block.kind == "heading":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        else:
            _docx_table(document, block.columns, block.rows)
    docx_closing(document, printed.paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_html(printed: ReportPaper) -> str:
    return render_to_string("reviews/report_paper.html", {"printed": printed})


def report_pdf(printed: ReportPaper) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the exports need

    return HTML(string=report_html(printed)).write_pdf()


# ---- The rating table (like form 6F) ----

@dataclass(frozen=True)
class RatingTable:
    paper: Paper
    title: str
    subtitle: str
    columns: tuple[str, ...]
    rows: list[tuple]
    summary: list[str]


def _points(value) -> str:
    return "—" if value is None else _decimal(value)


def _level(value: str) -> str:
    return str(Level(value).label) if value else "—"


def rating_table(*, organization, reviews: list[Review], subtitle: str, day) -> RatingTable:
    """The reviews of one organization and period, one row each, with the count at each level and the quota."""
    columns = (_("No."), _("Collective or individual"), _("Position, unit"), _("Self-assessed points"),
               _("Self-assessed level"), _("Appraised points"), _("Proposed level"), _("Decided level"), _("Notes"))
    rows = [(i, review.subject, ", ".join(part for part in (review.person_position, review.unit.name) if part)
             if review.person_name else "—",
             _points(review.general_points + review.task_points), _level(review.self_level),
             _points(review.appraised_points), _level(review.appraised_level), _level(review.decided_level),
             review.decision_note or review.appraisal_note)
            for i, review in enumerate(reviews, start=1)]
    counts = {level: sum(1 for r in reviews if r.decided_level == level) for level in Level.values}
    summary = [_("%(level)s: %(n)s") % {"level": str(Level(level).label), "n": counts[level]} for level in Level.values]
    summary.append(_("“Excellent” may go to at most 20 %% of those rated “good”, rounded down: %(quota)s of %(good)s.")
                   % {"quota": counts[Level.GOOD] * 20 // 100, "good": counts[Level.GOOD]})
    return RatingTable(paper=paper_of(unit=organization, day=day), title=_("SUMMARY OF THE REVIEW AND QUALITY RATING"),
                       subtitle=subtitle, columns=columns, rows=rows, summary=summary)


def rating_docx(table: RatingTable) -> bytes:
    document = _docx_document(landscape=True)
    docx_heading(document, table.paper)
    _docx_title(document, table.title)
    _docx_title(document, table.subtitle, bold=False, size=13, italic=True)
    _docx_table(document, table.columns, table.rows)
    for line in table.summary:
        document.add_paragraph(line)
    docx_closing(document, table.paper)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rating_xlsx(table: RatingTable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Xếp loại"
    width = len(table.columns)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    title_row = xlsx_heading(sheet, table.paper, width=width)
    for row, text, font in ((title_row, table.title, Font(name=FONT, bold=True, size=14)),
                            (title_row + 1, table.subtitle, Font(name=FONT, italic=True))):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = text_only(sheet.cell(row=row, column=1, value=text))
        cell.font, cell.alignment = font, centre
    header = title_row + 3
    for column, name in enumerate(table.columns, start=1):
        cell = text_only(sheet.cell(row=header, column=column, value=name))
        cell.font, cell.alignment, cell.border = Font(name=FONT, bold=True), centre, box
    for offset, values in enumerate(table.rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = text_only(sheet.cell(row=header + offset, column=column, value=value))
            cell.font, cell.border = Font(name=FONT), box
    last = header + len(table.rows) + 2
    for offset, line in enumerate(table.summary):
        text_only(sheet.cell(row=last + offset, column=2, value=line)).font = Font(name=FONT, italic=True)
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 34 if column == 2 else 16
    print_settings(sheet, header_row=header)
    xlsx_closing(sheet, table.paper, row=last + len(table.summary) + 1, width=width)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
