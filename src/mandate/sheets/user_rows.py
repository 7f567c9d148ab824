"""The people of an office, read from its spreadsheet: each row as the account it will open and the role it gives.

A row is previewed as `accounts.services.user_create` and `membership_grant` will be asked to make it: the user name
free, the unit matched by name among the units the user may appoint in, the role one the user may grant there. The
accounts open without a password: each person sets theirs through the password reset (or an administrator does).
"""
import datetime as dt

from django.utils.translation import gettext_lazy as _, gettext_noop

from mandate.accounts.models import Role, User
from mandate.accounts.permissions import can_grant_role, is_system_admin, reach
from mandate.accounts.services import membership_grant, user_create
from mandate.core.text import fold_words
from mandate.orgs.models import Unit
from mandate.sheets.matching import Names, names_of, reached_units
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import FORMULA, cell_text, fingerprint, identity, named, refusal

KIND = "users"
TITLE = _("Import people from a spreadsheet")
LIST_URL = "dashboard"
DETAIL_URL = None
TEMPLATE_NAME = "mau-nhap-nguoi-dung.xlsx"
SHEET_TITLE = "Người dùng"
SUMMARY = (_("Unit"), _("Role"))
DONE = ("%(count)s person imported.", "%(count)s people imported.")
REFUSED = gettext_noop("Only unit administrators may import people.")

COLUMNS = (
    Column("key", _("Row key"), example="ND-001"),
    Column("username", _("User name"), required=True, example="nguyenvana"),
    Column("full_name", _("Full name"), required=True, example="Nguyễn Văn A"),
    Column("email", _("E-mail"), example="nguyenvana@example.gov.vn"),
    Column("position", _("Position"), example="Chuyên viên"),
    Column("unit", _("Unit"), required=True, example="Văn phòng Tỉnh ủy Phú Thọ"),
    Column("role", _("Role"), required=True, example="chuyên viên"),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]
# Folded words → the role (the code itself is accepted too); a system administrator is never made from a sheet.
ROLES = {
    "quan tri don vi": Role.UNIT_ADMIN, "unit administrator": Role.UNIT_ADMIN, "unit admin": Role.UNIT_ADMIN,
    "lanh dao": Role.LEADER, "leader": Role.LEADER, "chuyen vien": Role.SPECIALIST, "specialist": Role.SPECIALIST,
    "kiem tra": Role.INSPECTOR, "thanh tra": Role.INSPECTOR, "inspector": Role.INSPECTOR,
    "xem": Role.VIEWER, "chi xem": Role.VIEWER, "viewer": Role.VIEWER,
}
UNKNOWN_UNIT = gettext_noop("no unit you may appoint people in is called «%(value)s»")
BAD_ROLE = gettext_noop("«%(value)s» is not a role: write lãnh đạo, chuyên viên, kiểm tra, xem or quản trị đơn vị")
TAKEN = gettext_noop("«%(value)s» is taken already")
NOT_YOURS = gettext_noop("you may not appoint a %(value)s in %(unit)s")
REQUIRED = gettext_noop("is required")


def may_import(user) -> bool:
    """Import people: a system administrator, or a unit administrator (each row then checked as an appointment)."""
    return is_system_admin(user) or reach(user, (Role.UNIT_ADMIN,)).exists()


class Context:
    def __init__(self, *, user, units: Names) -> None:
        self.user = user
        self.units = units


def context(*, user, as_of: dt.date) -> Context:
    return Context(user=user, units=names_of(reached_units(user=user, roles=(Role.UNIT_ADMIN,), as_of=as_of)))


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    errors += [refusal(name, REQUIRED) for name in ("username", "full_name", "unit", "role")
               if not text.get(name) and name not in row.formulas]
    matches: dict[str, dict] = {}
    asked = False
    role = None
    if text.get("role"):
        role = ROLES.get(fold_words(text["role"])) or (text["role"] if text["role"] in ROLES.values() else None)
        if role is None:
            errors.append(refusal("role", BAD_ROLE, value=text["role"]))
    unit = None
    if text.get("unit"):
        match = context.units.match(text["unit"])
        matches["unit"] = match.as_dict()
        unit, refused, asked = named(match, "unit", UNKNOWN_UNIT)
        errors += [refused] if refused else []
        if unit and role and not can_grant_role(context.user, Unit.objects.get(code=unit), role):
            errors.append(refusal("role", NOT_YOURS, value=text["role"], unit=match.candidates[0][1]))
    print_ = fingerprint(values, CONTENT)
    username = text.get("username", "")
    key, known_as = identity(row, text, username or print_, seen_keys, errors)
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"), "scope": "", "title": text.get("full_name", ""),
        "summary": [text.get("unit", ""), text.get("role", "")], "values": text, "username": username,
        "unit": unit, "role": role, "matches": matches, "errors": errors,
        "taken": bool(username) and User.objects.filter(username__iexact=username).exists(),
    }


def after_comparison(row: dict) -> None:
    """A user name that is taken, and not by this row's earlier import, refuses the row."""
    if row.pop("taken", False) and row["status"] in ("new", "ask"):
        row["errors"].append(refusal("username", TAKEN, value=row["username"]))
        row["status"] = "refused"


def creator(*, actor, batch, rows: list[dict]):
    units = Unit.objects.in_bulk({row["unit"] for row in rows}, field_name="code")

    def create(row: dict):
        values = row["values"]
        user = user_create(actor=actor, username=row["username"], full_name=values.get("full_name", ""),
                           email=values.get("email", ""), position=values.get("position", ""))
        membership_grant(actor=actor, user=user, unit=units[row["unit"]], role=row["role"])
        return user

    return create
