"""Documents an office already keeps in a list, read from its spreadsheet: each row as the document it will register.

A row is previewed as `documents.services.document_register` will be asked to register it, with its own number: the
number parsed (`documents.numbering`), the issuing unit matched by name among the units the user registers for, the
date of issue a day of the calendar, the number not registered already.
"""
import datetime as dt

from django.utils.translation import gettext_lazy as _, gettext_noop

from mandate.accounts.permissions import WRITERS
from mandate.documents import numbering
from mandate.documents.permissions import can_register_somewhere
from mandate.documents.services import document_register
from mandate.ingest.selectors import registered_document
from mandate.orgs.models import Unit
from mandate.sheets.matching import Names, names_of, reached_units
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import BAD_NUMBER, FORMULA, cell_text, days, fingerprint, identity, named, refusal

KIND = "documents"
TITLE = _("Import documents from a spreadsheet")
LIST_URL = "documents"
DETAIL_URL = "document_detail"
TEMPLATE_NAME = "mau-nhap-van-ban.xlsx"
SHEET_TITLE = "Văn bản"
SUMMARY = (_("Number"), _("Issued on"))
DONE = ("%(count)s document imported.", "%(count)s documents imported.")
REFUSED = gettext_noop("Only those who register documents may import them.")

COLUMNS = (
    Column("key", _("Row key"), example="VB-001"),
    Column("number", _("Number"), required=True, example="12-KH/TU"),
    Column("issued_on", _("Issued on"), required=True, example="05/01/2026"),
    Column("title", _("Title"), required=True, example="Kế hoạch thực hiện Kết luận số 177-KL/TW của Bộ Chính trị"),
    Column("issuing_unit", _("Issuing unit"), required=True, example="Tỉnh ủy Phú Thọ"),
    Column("signer", _("Signer"), example="Nguyễn Văn A"),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]
UNKNOWN_UNIT = gettext_noop("no unit you register documents for is called «%(value)s»")
REGISTERED = gettext_noop("%(value)s is registered already")
REQUIRED = gettext_noop("is required")


def may_import(user) -> bool:
    """Import documents: whoever registers documents somewhere (each row is then checked as a registration)."""
    return can_register_somewhere(user)


class Context:
    def __init__(self, *, user, units: Names) -> None:
        self.user = user
        self.units = units


def context(*, user, as_of: dt.date) -> Context:
    return Context(user=user, units=names_of(reached_units(user=user, roles=WRITERS, as_of=as_of)))


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    errors += [refusal(name, REQUIRED) for name in ("number", "issued_on", "title", "issuing_unit")
               if not text.get(name) and name not in row.formulas]
    matches: dict[str, dict] = {}
    asked = False
    number = None
    if text.get("number"):
        try:
            number = numbering.parse(text["number"])
        except numbering.NumberFormatError:
            errors.append(refusal("number", BAD_NUMBER, value=text["number"]))
    dates = days(values, text, ("issued_on",), errors)
    unit = None
    if text.get("issuing_unit"):
        match = context.units.match(text["issuing_unit"])
        matches["issuing_unit"] = match.as_dict()
        unit, refused, asked = named(match, "issuing_unit", UNKNOWN_UNIT)
        errors += [refused] if refused else []
    print_ = fingerprint(values, CONTENT)
    key, known_as = identity(row, text, number.format() if number and not text.get("key") else print_, seen_keys, errors)
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"), "scope": "", "title": text.get("title", ""),
        "summary": [number.format() if number else text.get("number", ""), text.get("issued_on", "")],
        "values": text, "number": number.format() if number else "", "type": (number.type or "") if number else "",
        "issued_on": dates["issued_on"].isoformat() if dates.get("issued_on") else None,
        "issuing_unit": unit, "matches": matches, "errors": errors,
        "taken": number is not None and dates.get("issued_on") is not None and registered_document(
            user=context.user, number=number, issued_on=dates["issued_on"]) is not None,
    }


def after_comparison(row: dict) -> None:
    """A number registered already, and not by this row's earlier import, refuses the row."""
    if row.pop("taken", False) and row["status"] in ("new", "ask"):
        row["errors"].append(refusal("number", REGISTERED, value=row["number"]))
        row["status"] = "refused"


def creator(*, actor, batch, rows: list[dict]):
    units = Unit.objects.in_bulk({row["issuing_unit"] for row in rows}, field_name="code")

    def create(row: dict):
        values = row["values"]
        return document_register(actor=actor, issuing_unit=units[row["issuing_unit"]], type=row["type"],
                                 issued_on=dt.date.fromisoformat(row["issued_on"]), title=values.get("title", ""),
                                 number=row["number"], signer=values.get("signer", ""))

    return create
