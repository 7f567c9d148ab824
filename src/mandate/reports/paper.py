"""The official paper layout, in one place: the heading, the number, the place and date, the recipients, the signature.

A Party body heads its paper with its name on the left and "ĐẢNG CỘNG SẢN VIỆT NAM" on the right (Hướng dẫn
36-HD/VPTW); a State body with its name on the left and the national motto on the right (Nghị định 30/2020/NĐ-CP).
Under the motto stands the place and date line, "Hà Nội, ngày 05 tháng 01 năm 2026"; at the end, the recipients
("Nơi nhận") on the left and the signature block on the right. `Paper` holds these parts; the renderers below lay them
out in DOCX (python-docx), XLSX (openpyxl) and HTML (the templates `reports/paper_heading.html` and
`reports/paper_closing.html`, which the PDF exports print). No database here: `reports.selectors.paper_of` builds a
`Paper` from a unit.
"""
import datetime as dt
from dataclasses import dataclass

PARTY, STATE = "party", "state"
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS = "Nơi nhận:"
FONT = "Times New Roman"


def official_date(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2026', 'ngày 15 tháng 8 năm 2025': a day below 10 and the months 1 and 2 take a zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Line:
    """One line of the layout and its emphasis; every renderer prints the same lines."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Signature:
    capacity: str = ""  # on whose behalf: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    title: str = ""  # "BÍ THƯ", "PHÓ CHỦ TỊCH"
    name: str = ""  # the signer, under the room left for the signature and the seal


@dataclass(frozen=True)
class Paper:
    """The parts of an official paper around its content."""

    system: str  # PARTY or STATE: which heading the paper carries
    issuer: str  # the issuing body, in capitals: "TỈNH ỦY PHÚ THỌ", "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"
    superior: str = ""  # the body above it, printed over its name: "TỈNH ỦY PHÚ THỌ" over "BAN TỔ CHỨC"
    number: str = ""  # the document's number, "12-BC/TU" or "12/BC-UBND"; empty for an unnumbered paper
    place: str = ""  # "Phú Thọ", "Hà Nội"
    day: dt.date | None = None
    recipients: tuple[str, ...] = ()
    signature: Signature | None = None

    def __post_init__(self) -> None:
        if self.system not in (PARTY, STATE):
            raise ValueError(f"a paper is of the Party or of the State, not {self.system!r}")

    @property
    def party(self) -> bool:
        return self.system == PARTY

    @property
    def heading(self) -> tuple[str, ...]:
        """The Party's name, or the national motto in its two lines."""
        return (PARTY_HEADING,) if self.party else (MOTTO, MOTTO_LINE)

    @property
    def number_line(self) -> str:
        return f"Số {self.number}" if self.party else f"Số: {self.number}"

    @property
    def date_line(self) -> str:
        """'Phú Thọ, ngày 01 tháng 8 năm 2025'; empty for a paper without a date."""
        if self.day is None:
            return ""
        return f"{self.place}, {official_date(self.day)}" if self.place else official_date(self.day).capitalize()

    def issuer_lines(self) -> list[Line]:
        """The left of the heading: the superior body, the issuer, a Party body's star, the number."""
        lines = [Line(self.superior)] if self.superior else []
        lines.append(Line(self.issuer, bold=True))
        if self.party:
            lines.append(Line("*"))
        if self.number:
            lines.append(Line(self.number_line))
        return lines

    def heading_lines(self) -> list[Line]:
        """The right of the heading: the heading, its last line underlined, then the place and date."""
        lines = [Line(text, bold=True, underline=index == len(self.heading) - 1) for index, text in enumerate(self.heading)]
        if self.date_line:
            lines.append(Line(self.date_line, italic=True))
        return lines

    @property
    def has_closing(self) -> bool:
        return bool(self.recipients or self.signature)

    def recipient_lines(self) -> list[Line]:
        """'Nơi nhận:' (underlined on a Party paper, bold italic on a State one) and one line per recipient."""
        if not self.recipients:
            return []
        label = Line(RECIPIENTS, underline=True) if self.party else Line(RECIPIENTS, bold=True, italic=True)
        return [label, *(Line(f"- {recipient}") for recipient in self.recipients)]

    def signature_lines(self) -> list[Line]:
        """On whose behalf, the title, room for the signature and the seal, the name."""
        if self.signature is None:
            return []
        lines = [Line(text, bold=True) for text in (self.signature.capacity, self.signature.title) if text]
        return [*lines, Line(""), Line(""), Line(""), *([Line(self.signature.name, bold=True)] if self.signature.name else [])]


# ---- DOCX (python-docx) ----

def _docx_cell(cell, lines: list[Line], *, left: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line.text)
        run.bold, run.italic, run.underline = line.bold, line.italic, line.underline


def docx_heading(document, paper: Paper) -> None:
    """The heading as a table of a python-docx `Document`: the issuer on the left, the heading on the right."""
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    _docx_cell(left, paper.issuer_lines())
    _docx_cell(right, paper.heading_lines())


def docx_closing(document, paper: Paper) -> None:
    """The recipients on the left and the signature block on the right, as a table; nothing when the paper has neither."""
    if not paper.has_closing:
        return
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    _docx_cell(left, paper.recipient_lines(), left=True)
    _docx_cell(right, paper.signature_lines())


# ---- XLSX (openpyxl) ----

def _xlsx_block(sheet, lines: list[Line], *, row: int, first: int, last: int, left: bool = False) -> int:
    from openpyxl.styles import Alignment, Font

    for offset, line in enumerate(lines):
        sheet.merge_cells(start_row=row + offset, start_column=first, end_row=row + offset, end_column=last)
        cell = sheet.cell(row=row + offset, column=first, value=line.text or None)
        cell.font = Font(name=FONT, bold=line.bold, italic=line.italic, underline="single" if line.underline else None)
        cell.alignment = Alignment(horizontal="left" if left else "center", vertical="center", wrap_text=True)
    return len(lines)


def _halves(width: int) -> tuple[int, int]:
    """The last column of the left half and of the whole, for a sheet `width` columns wide."""
    half = max(width // 2, 1)
    return half, max(width, half + 1)


def xlsx_heading(sheet, paper: Paper, *, width: int) -> int:
    """The heading on the first rows of an openpyxl sheet; returns the row after it and one blank row."""
    half, last = _halves(width)
    rows = max(_xlsx_block(sheet, paper.issuer_lines(), row=1, first=1, last=half),
               _xlsx_block(sheet, paper.heading_lines(), row=1, first=half + 1, last=last))
    return rows + 2


def xlsx_closing(sheet, paper: Paper, *, row: int, width: int) -> int:
    """The recipients and the signature block from `row` on; returns the row after them (`row` when there are none)."""
    if not paper.has_closing:
        return row
    half, last = _halves(width)
    return row + max(_xlsx_block(sheet, paper.recipient_lines(), row=row, first=1, last=half, left=True),
                     _xlsx_block(sheet, paper.signature_lines(), row=row, first=half + 1, last=last))
