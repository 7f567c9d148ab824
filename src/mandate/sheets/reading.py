"""The rows of an uploaded spreadsheet (.xlsx or .csv), by the columns of a template.

The file is refused before it is read when it is too large, not what its name says, or a zip container that would
unpack to too much (`core.file_formats`, `core.limits`). An .xlsx is read by openpyxl without evaluating anything:
a cell holding a formula is never computed — the row is refused, naming the column. A header is recognised in
Vietnamese (always) or in any language of the interface, without diacritics, case or punctuation mattering.
"""
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from mandate.core.errors import DomainError, FieldError, invalid
from mandate.core.file_formats import file_errors
from mandate.core.limits import IMPORT_MAX_ROWS, TEXT_MAX_CHARS
from mandate.core.text import fold_words, nfc

EXTENSIONS = (".xlsx", ".csv")
LANGUAGES = ("vi", "en", "ru", "uk")


@dataclass(frozen=True)
class Column:
    name: str  # the field the column fills
    label: object  # a lazy msgid: its Vietnamese translation is the template's header
    required: bool = False
    example: object = ""


@dataclass
class Row:
    line: int  # the row's number in the sheet, as the spreadsheet program shows it
    values: dict[str, object]
    formulas: list[str] = field(default_factory=list)  # the columns whose cell holds a formula


def header_names(column: Column) -> set[str]:
    """The folded headers a column is known by: its label in each language of the interface, and its field name."""
    names = {fold_words(column.name.replace("_", " "))}
    for language in LANGUAGES:
        with translation.override(language):
            names.add(fold_words(str(column.label)))
    return names


def read_rows(upload, columns: tuple[Column, ...], *, field_name: str = "file") -> list[Row]:
    """The non-empty rows below the header, refused (naming `field_name`) when the file cannot be read."""
    name = upload.name or "file"
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise invalid(field_name, _("%(name)s: only %(extensions)s files can be imported")
                      % {"name": name, "extensions": ", ".join(EXTENSIONS)}, "type")
    limit = settings.MANDATE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise invalid(field_name, _("%(name)s: %(size)s bytes is over the limit of %(limit)s bytes")
                      % {"name": name, "size": upload.size, "limit": limit}, "too_large")
    if extension == ".xlsx":
        refusals = file_errors(upload, name=name, field_name=field_name, kind=".xlsx")
        if refusals:
            raise DomainError(_("The file cannot be imported."), refusals)
        table = _xlsx(upload, name, field_name)
    else:
        table = _csv(upload, name, field_name)
    return _rows(table, columns, name, field_name)


def _xlsx(upload, name: str, field_name: str):
    from openpyxl import load_workbook  # deferred: only an import of a spreadsheet needs it

    try:
        book = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise invalid(field_name, _("%(name)s is not a readable .xlsx file") % {"name": name}, "unreadable") from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise invalid(field_name, _("%(name)s holds no sheet") % {"name": name}, "empty")
    for line, cells in enumerate(sheet.iter_rows(), start=1):
        yield line, [(cell.value, getattr(cell, "data_type", None) == "f") for cell in cells]
    book.close()


def _csv(upload, name: str, field_name: str):
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid(field_name, _("%(name)s is not UTF-8 text") % {"name": name}, "type") from None
    if "\x00" in text:
        raise invalid(field_name, _("%(name)s is not UTF-8 text") % {"name": name}, "type")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    for line, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield line, [(cell, False) for cell in cells]


def _cell(value) -> object:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        return nfc(value)[:TEXT_MAX_CHARS]
    return value


def _rows(table, columns: tuple[Column, ...], name: str, field_name: str) -> list[Row]:
    known = {header: column for column in columns for header in header_names(column)}
    positions: dict[int, str] | None = None
    rows: list[Row] = []
    for line, cells in table:
        if positions is None:
            headers = [fold_words(str(value)) if value is not None else "" for value, _formula in cells]
            if not any(headers):
                continue
            positions = {i: known[h].name for i, h in enumerate(headers) if h in known}
            missing = [column for column in columns if column.required and column.name not in positions.values()]
            if missing:
                raise DomainError(_("The file cannot be imported."), [FieldError(field_name, _(
                    "%(name)s has no column %(columns)s; download the template to see the columns") % {
                    "name": name, "columns": ", ".join(f"«{_vietnamese(c)}»" for c in missing)}, "columns")])
            continue
        values, formulas = {}, []
        for i, (value, formula) in enumerate(cells):
            column = positions.get(i)
            if column is None or value is None or value == "":
                continue
            if formula:
                formulas.append(column)
                continue
            values[column] = _cell(value)
        if not values and not formulas:
            continue
        if len(rows) >= IMPORT_MAX_ROWS:
            raise invalid(field_name, _("%(name)s holds more than %(limit)s rows; split it into several files")
                          % {"name": name, "limit": IMPORT_MAX_ROWS}, "too_many_rows")
        rows.append(Row(line=line, values=values, formulas=formulas))
    if positions is None:
        raise invalid(field_name, _("%(name)s holds no header row") % {"name": name}, "empty")
    return rows


def _vietnamese(column: Column) -> str:
    with translation.override("vi"):
        return str(column.label)
