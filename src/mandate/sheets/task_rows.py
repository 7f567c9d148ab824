"""Tasks an office already tracks, read from its spreadsheet: each row as the task it will become, or why not.

A row is previewed as the task `tasks.services.task_create` will be asked to create: its document by number, its
lead unit, coordinators and leader by name (`sheets.matching`), its deadline or recurrence, checked against the six
clears (`tasks.clears`). A row's reasons are kept as message ids with their values, so the preview speaks the
language of whoever reads it.
"""
import datetime as dt
import hashlib
import json
import re

from django.utils.translation import gettext_lazy as _, gettext_noop

from mandate.core import clock
from mandate.core.text import fold_words
from mandate.documents import numbering
from mandate.ingest.selectors import registered_document
from mandate.sheets.matching import Match, Names
from mandate.sheets.reading import Column, Row
from mandate.tasks.clears import Draft, missing_clears
from mandate.tasks.permissions import can_assign

COLUMNS = (
    Column("key", _("Row key"), example="NV-001"),
    Column("title", _("Task to do"), required=True, example="Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025–2030"),
    Column("document", _("Assigning document number"), required=True, example="12-KH/TU"),
    Column("lead_unit", _("Lead unit"), required=True, example="Ban Tổ chức Tỉnh ủy"),
    Column("coordinators", _("Coordinators"), example="Văn phòng Tỉnh ủy; Sở Nội vụ"),
    Column("leader", _("Leader in charge"), required=True, example="Nguyễn Văn A"),
    Column("deadline", _("Deadline"), example="30/06/2026"),
    Column("recurrence", _("Recurrence"), example=""),
    Column("product", _("Product"), required=True, example="Báo cáo kết quả rà soát trình Ban Thường vụ"),
    Column("assigned_on", _("Assigned on"), example=""),
    Column("description", _("Notes"), example=""),
)
CONTENT = [column.name for column in COLUMNS if column.name != "key"]

# Folded words → the recurrence `task_create` knows.
RECURRENCES = {
    "hang thang": "monthly", "thang": "monthly", "monthly": "monthly",
    "hang quy": "quarterly", "quy": "quarterly", "quarterly": "quarterly",
    "sau thang": "six-monthly", "6 thang": "six-monthly", "six monthly": "six-monthly",
    "hang nam": "yearly", "nam": "yearly", "yearly": "yearly",
}
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
ASK_FLOOR = 0.7  # below this confidence a name is not put to the user: the unit is unknown

NOT_A_DATE = gettext_noop("«%(value)s» is not a date; write day/month/year, e.g. 30/06/2026")
FORMULA = gettext_noop("holds a formula; formulas are not computed on import — type the value itself")
UNKNOWN_UNIT = gettext_noop("no unit you may assign to is called «%(value)s»")
UNKNOWN_PERSON = gettext_noop("nobody in the units you may assign to is called «%(value)s»")
BAD_NUMBER = gettext_noop("«%(value)s» is not a document number")
UNKNOWN_DOCUMENT = gettext_noop("no registered document that you may see has the number «%(value)s»")
NOT_YOURS = gettext_noop("you may not assign tasks for %(unit)s, which issued %(value)s")
BAD_RECURRENCE = gettext_noop("«%(value)s» is not a recurrence: write monthly, quarterly, six-monthly or yearly")
REPEATED_KEY = gettext_noop("the row key «%(value)s» is used already in row %(line)s")


def _error(field_name: str, reason: str, **params) -> dict:
    return {"field": field_name, "reason": reason, "params": params}


def parse_day(value) -> dt.date | None:
    """A date cell, or a day written 30/06/2026 or 2026-06-30; ValueError when it is no day of the calendar."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if match := _DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    return dt.date(year, month, day)


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def fingerprint(values: dict) -> str:
    """The row's content, whatever its place in the sheet: what tells an unchanged row from an edited one."""
    content = {name: _text(values[name]) for name in CONTENT if values.get(name) not in (None, "")}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class Context:
    """What the rows of one sheet are checked against, each document looked up once."""

    def __init__(self, *, user, units: Names, people: Names) -> None:
        self.user = user
        self.units = units
        self.people = people
        self._documents: dict[str, tuple[object | None, dict | None]] = {}

    def document(self, text: str):
        if text not in self._documents:
            self._documents[text] = self._document(text)
        return self._documents[text]

    def _document(self, text: str):
        try:
            number = numbering.parse(text)
        except numbering.NumberFormatError:
            return None, _error("document", BAD_NUMBER, value=text)
        document = registered_document(user=self.user, number=number, issued_on=None)
        if document is None:
            return None, _error("document", UNKNOWN_DOCUMENT, value=text)
        if document.issuing_unit is None or not can_assign(self.user, document.issuing_unit):
            return None, _error("document", NOT_YOURS, value=document.number_text,
                                unit=document.issuing_unit.name if document.issuing_unit else "—")
        return document, None


def _named(match: Match, field_name: str, reason: str) -> tuple[str | None, dict | None, bool]:
    """(the code taken, the refusal, whether the user is asked)."""
    if match.chosen is not None:
        return match.chosen, None, False
    if match.candidates and match.candidates[0][2] >= ASK_FLOOR:
        return None, None, True
    return None, _error(field_name, reason, value=match.text), False


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    """The row as it will be created: values, matches (with candidates and confidence), refusals."""
    values = row.values
    errors = [_error(name, FORMULA) for name in row.formulas]
    text = {name: _text(values[name]) for name in values}
    matches: dict[str, dict] = {}
    asked = False

    document, refusal = (None, None)
    if text.get("document"):
        document, refusal = context.document(text["document"])
        errors += [refusal] if refusal else []

    lead = None
    if text.get("lead_unit"):
        match = context.units.match(text["lead_unit"])
        matches["lead_unit"] = match.as_dict()
        lead, refusal, ask = _named(match, "lead_unit", UNKNOWN_UNIT)
        errors += [refusal] if refusal else []
        asked |= ask
    coordinators = []
    for i, name in enumerate(part.strip() for part in re.split(r"[;\n]", text.get("coordinators", "")) if part.strip()):
        match = context.units.match(name)
        matches[f"coordinators.{i}"] = match.as_dict()
        code, refusal, ask = _named(match, "coordinators", UNKNOWN_UNIT)
        errors += [refusal] if refusal else []
        asked |= ask
        coordinators.append(code or f"?{i}")
    leader = None
    if text.get("leader"):
        match = context.people.match(text["leader"])
        matches["leader"] = match.as_dict()
        leader, refusal, ask = _named(match, "leader", UNKNOWN_PERSON)
        errors += [refusal] if refusal else []
        asked |= ask

    days = {}
    for name in ("deadline", "assigned_on"):
        if values.get(name) not in (None, ""):
            try:
                days[name] = parse_day(values[name])
            except (ValueError, TypeError):
                errors.append(_error(name, NOT_A_DATE, value=text[name]))
                days[name] = None
    recurrence = ""
    if text.get("recurrence"):
        recurrence = RECURRENCES.get(fold_words(text["recurrence"]), "")
        if not recurrence:
            errors.append(_error("recurrence", BAD_RECURRENCE, value=text["recurrence"]))

    # The six clears, on what the row names: a name given but not yet known (or a bad date) is not also a missing clear.
    given = object()
    assigned_on = days.get("assigned_on") or (document.issued_on if document is not None else None) or clock.today()
    draft = Draft(
        leader=leader or (given if text.get("leader") else None), title=text.get("title", ""),
        deadline=days.get("deadline") or (dt.date.max if "deadline" in days else None),
        recurrence=recurrence or text.get("recurrence", ""), lead_unit=lead or (given if text.get("lead_unit") else None),
        coordinators=tuple(coordinators), product=text.get("product", ""),
        document=document or (given if text.get("document") else None), assigned_on=assigned_on)
    errors += [_error(e.field, e.reason) for e in missing_clears(draft)]

    key = text.get("key", "")
    print_ = fingerprint(values)
    identity = key or f"#{print_}"
    if identity in seen_keys:
        errors.append(_error("key", REPEATED_KEY, value=key or "—", line=seen_keys[identity]))
    else:
        seen_keys[identity] = row.line
    status = "refused" if errors else ("ask" if asked else "new")
    return {
        "line": row.line, "key": key, "identity": identity, "fingerprint": print_, "status": status,
        "scope": document.issuing_unit.code if document is not None else "",
        "values": text, "document_id": document.pk if document is not None else None,
        "document_number": document.number_text if document is not None else text.get("document", ""),
        "lead_unit": lead, "coordinators": coordinators, "leader": leader,
        "deadline": days["deadline"].isoformat() if days.get("deadline") else None,
        "assigned_on": assigned_on.isoformat(),
        "recurrence": recurrence, "matches": matches, "errors": errors,
    }
