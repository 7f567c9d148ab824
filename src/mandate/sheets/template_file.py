"""The template a spreadsheet import is made from: its Vietnamese headers, one example row, print settings."""
import io

from django.utils import translation

from mandate.reports.exports import print_settings, text_only
from mandate.sheets.reading import Column

EXAMPLE_NOTE = "Dòng 2 là ví dụ: xóa dòng này trước khi nhập. Mỗi dòng một mục; “Mã dòng” giữ cho lần nhập sau nhận ra dòng đã nhập."


def template_xlsx(columns: tuple[Column, ...], *, title: str) -> bytes:
    from openpyxl import Workbook  # deferred: only a download of the template needs it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    with translation.override("vi"):
        headers = [str(column.label) for column in columns]
    for c, (header, column) in enumerate(zip(headers, columns, strict=True), start=1):
        text_only(sheet.cell(row=1, column=c, value=header)).font = Font(bold=True)
        text_only(sheet.cell(row=2, column=c, value=str(column.example) or None)).font = Font(italic=True)
        sheet.column_dimensions[get_column_letter(c)].width = max(14, min(50, len(str(column.example)) + 4))
    note = book.create_sheet("Hướng dẫn")
    note.cell(row=1, column=1, value=EXAMPLE_NOTE)
    for r, (header, column) in enumerate(zip(headers, columns, strict=True), start=3):
        note.cell(row=r, column=1, value=header).font = Font(bold=True)
        note.cell(row=r, column=2, value="bắt buộc" if column.required else "không bắt buộc")
    sheet.freeze_panes = "A2"
    print_settings(sheet, header_row=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
