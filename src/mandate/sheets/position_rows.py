"""The posts of units as an organization committee lists them: each row as the position it will add, or why not.

A row is previewed as `personnel.services.position_create` will be asked to add it: the unit matched by name among
the units whose cadre files the user keeps, the post's standard title from its own column or read from its name, the
number of seats, the committee that manages it (by default the unit itself), the day it begins. A post the unit holds
open already, under the same name, refuses the row — unless this very row added it before (then nothing is added).
"""
import datetime as dt

from django.utils.translation import gettext_lazy as _, gettext_noop

from mandate.core.text import fold_words
from mandate.orgs.models import Unit
from mandate.personnel.models import Position
from mandate.personnel.permissions import can_keep_any_files, kept_units
from mandate.personnel.services import position_create
from mandate.sheets.cadre_words import title_of
from mandate.sheets.matching import Names, names_of
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import FORMULA, cell_text, days, fingerprint, identity, named, refusal

KIND = "positions"
TITLE = _("Import posts from a spreadsheet")
LIST_URL = "personnel:positions"
DETAIL_URL = None
TEMPLATE_NAME = "mau-nhap-chuc-danh.xlsx"
SHEET_TITLE = "Chức danh"
SUMMARY = (_("Unit"), _("Seats"))
DONE = ("%(count)s post imported.", "%(count)s posts imported.")
REFUSED = gettext_noop("Only the organization committee's staff may import posts and cadres.")

COLUMNS = (
    Column("key", _("Row key"), example="CD-001"),
    Column("unit", _("Unit"), required=True, example="Ủy ban nhân dân tỉnh Phú Thọ"),
    Column("title", _("Post"), required=True, example="Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    Column("kind", _("Standard title"), example="Phó Chủ tịch UBND"),
    Column("seats", _("Seats"), example="5"),
    Column("managing_unit", _("Managing committee"), example="Tỉnh ủy Phú Thọ"),
    Column("valid_from", _("In force from"), example="01/07/2025"),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]
UNKNOWN_UNIT = gettext_noop("no unit whose cadre files you keep is called «%(value)s»")
UNKNOWN_COMMITTEE = gettext_noop("no unit is called «%(value)s»")
UNKNOWN_TITLE = gettext_noop("«%(value)s» is no standard title: write e.g. Bí thư, Chủ tịch UBND, Trưởng ban, Chuyên viên")
BAD_SEATS = gettext_noop("«%(value)s» is not a number of seats from 1 to 99")
TAKEN = gettext_noop("%(unit)s has the post «%(value)s» already")
REQUIRED = gettext_noop("is required")


def may_import(user) -> bool:
    """Import posts and cadres: the organization committee's staff (each row then checked as the post or holding)."""
    return can_keep_any_files(user)


class Context:
    def __init__(self, *, user, units: Names, committees: Names) -> None:
        self.user = user
        self.units = units
        self.committees = committees


def context(*, user, as_of: dt.date) -> Context:
    units = kept_units(user).filter(pk__in=Unit.objects.valid_on(as_of))
    return Context(user=user, units=names_of(units), committees=names_of(Unit.objects.valid_on(as_of)))


def seats_of(text: str) -> int | None:
    """A whole number of seats from 1 to 99, else None."""
    return int(text) if text.isdigit() and 1 <= int(text) <= 99 else None


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    errors += [refusal(name, REQUIRED) for name in ("unit", "title") if not text.get(name) and name not in row.formulas]
    matches: dict[str, dict] = {}
    asked = False
    unit = committee = None
    if text.get("unit"):
        match = context.units.match(text["unit"])
        matches["unit"] = match.as_dict()
        unit, refused, ask = named(match, "unit", UNKNOWN_UNIT)
        errors += [refused] if refused else []
        asked |= ask
    if text.get("managing_unit"):
        match = context.committees.match(text["managing_unit"])
        matches["managing_unit"] = match.as_dict()
        committee, refused, ask = named(match, "managing_unit", UNKNOWN_COMMITTEE)
        errors += [refused] if refused else []
        asked |= ask
    kind = None
    if text.get("kind") or text.get("title"):
        kind = title_of(text.get("kind") or text["title"])
        if kind is None:
            errors.append(refusal("kind" if text.get("kind") else "title", UNKNOWN_TITLE, value=text.get("kind") or text["title"]))
    seats = 1
    if text.get("seats"):
        seats = seats_of(text["seats"])
        if seats is None:
            errors.append(refusal("seats", BAD_SEATS, value=text["seats"]))
    dates = days(values, text, ("valid_from",), errors)
    print_ = fingerprint(values, CONTENT)
    key, known_as = identity(row, text, print_, seen_keys, errors)
    title = text.get("title", "")
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"), "scope": unit or "", "title": title,
        "summary": [text.get("unit", ""), str(seats or "")], "values": text, "unit": unit, "managing_unit": committee,
        "kind": kind, "seats": seats, "valid_from": dates["valid_from"].isoformat() if dates.get("valid_from") else None,
        "matches": matches, "errors": errors,
        "taken": bool(unit) and _open_post(unit, title),
    }


def _open_post(unit_code: str, title: str) -> bool:
    folded = fold_words(title)
    return any(fold_words(other) == folded for other in
               Position.objects.filter(unit__code=unit_code, valid_to__isnull=True).values_list("title", flat=True))


def after_comparison(row: dict) -> None:
    """A post the unit holds open already, and not by this row's earlier import, refuses the row."""
    if row.pop("taken", False) and row["status"] in ("new", "ask"):
        row["errors"].append(refusal("title", TAKEN, value=row["title"], unit=row["summary"][0]))
        row["status"] = "refused"


def creator(*, actor, batch, rows: list[dict]):
    units = Unit.objects.in_bulk({code for row in rows for code in (row["unit"], row["managing_unit"]) if code},
                                 field_name="code")

    def create(row: dict):
        return position_create(
            actor=actor, unit=units[row["unit"]], kind=row["kind"], title=row["values"].get("title", ""), seats=row["seats"],
            managing_unit=units.get(row["managing_unit"]) if row["managing_unit"] else None,
            valid_from=dt.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None)

    return create
