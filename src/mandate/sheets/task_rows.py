"""Tasks an office already tracks, read from its spreadsheet: each row as the task it will become, or why not.

A row is previewed as the task `tasks.services.task_create` will be asked to create: its document by number, its
lead unit, coordinators and leader by name (`sheets.matching`), its deadline or recurrence, checked against the six
clears (`tasks.clears`). A row's reasons are kept as message ids with their values, so the preview speaks the
language of whoever reads it.
"""
import datetime as dt
import re

from django.utils.translation import gettext, gettext_lazy as _, gettext_noop

from mandate.accounts.models import User
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError
from mandate.core.text import fold_words
from mandate.documents import numbering
from mandate.documents.models import Document
from mandate.documents.permissions import visible_documents
from mandate.ingest.selectors import registered_document
from mandate.orgs.models import Unit
from mandate.sheets.matching import Names, people_names, unit_names
from mandate.sheets.reading import Column, Row
from mandate.sheets.rows import BAD_NUMBER, FORMULA, cell_text, days, fingerprint, identity, named, refusal
from mandate.tasks.clears import Draft, missing_clears
from mandate.tasks.permissions import can_assign, can_assign_somewhere
from mandate.tasks.services import task_create

KIND = "tasks"
TITLE = _("Import tasks from a spreadsheet")
LIST_URL = "tasks"
DETAIL_URL = "task_detail"
TEMPLATE_NAME = "mau-nhap-nhiem-vu.xlsx"
SHEET_TITLE = "Nhiệm vụ"
SUMMARY = (_("Document"), _("Deadline"))
DONE = ("%(count)s task imported.", "%(count)s tasks imported.")  # ngettext's pair: the view counts
REFUSED = gettext_noop("Only those who assign tasks may import them.")


def may_import(user) -> bool:
    """Import tasks from a spreadsheet: whoever may assign tasks somewhere (each row is then checked as a task)."""
    return can_assign_somewhere(user)

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

UNKNOWN_UNIT = gettext_noop("no unit you may assign to is called «%(value)s»")
UNKNOWN_PERSON = gettext_noop("nobody in the units you may assign to is called «%(value)s»")
UNKNOWN_DOCUMENT = gettext_noop("no registered document that you may see has the number «%(value)s»")
NOT_YOURS = gettext_noop("you may not assign tasks for %(unit)s, which issued %(value)s")
BAD_RECURRENCE = gettext_noop("«%(value)s» is not a recurrence: write monthly, quarterly, six-monthly or yearly")


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
            return None, refusal("document", BAD_NUMBER, value=text)
        document = registered_document(user=self.user, number=number, issued_on=None)
        if document is None:
            return None, refusal("document", UNKNOWN_DOCUMENT, value=text)
        if document.issuing_unit is None or not can_assign(self.user, document.issuing_unit):
            return None, refusal("document", NOT_YOURS, value=document.number_text,
                                unit=document.issuing_unit.name if document.issuing_unit else "—")
        return document, None


def context(*, user, as_of: dt.date) -> Context:
    return Context(user=user, units=unit_names(user=user, as_of=as_of), people=people_names(user=user, as_of=as_of))


def _name(context_names: Names, text: str, key: str, field_name: str, reason: str, matches: dict, errors: list):
    match = context_names.match(text)
    matches[key] = match.as_dict()
    code, refused, ask = named(match, field_name, reason)
    errors += [refused] if refused else []
    return code, ask


def preview_row(row: Row, context: Context, seen_keys: dict[str, int]) -> dict:
    """The row as it will be created: values, matches (with candidates and confidence), refusals."""
    values = row.values
    errors = [refusal(name, FORMULA) for name in row.formulas]
    text = {name: cell_text(values[name]) for name in values}
    matches: dict[str, dict] = {}
    asked = False
    document = None
    if text.get("document"):
        document, refused = context.document(text["document"])
        errors += [refused] if refused else []
    lead = leader = None
    if text.get("lead_unit"):
        lead, ask = _name(context.units, text["lead_unit"], "lead_unit", "lead_unit", UNKNOWN_UNIT, matches, errors)
        asked |= ask
    coordinators = []
    for i, name in enumerate(part.strip() for part in re.split(r"[;\n]", text.get("coordinators", "")) if part.strip()):
        code, ask = _name(context.units, name, f"coordinators.{i}", "coordinators", UNKNOWN_UNIT, matches, errors)
        asked |= ask
        coordinators.append(code or f"?{i}")
    if text.get("leader"):
        leader, ask = _name(context.people, text["leader"], "leader", "leader", UNKNOWN_PERSON, matches, errors)
        asked |= ask
    dates = days(values, text, ("deadline", "assigned_on"), errors)
    recurrence = ""
    if text.get("recurrence"):
        recurrence = RECURRENCES.get(fold_words(text["recurrence"]), "")
        if not recurrence:
            errors.append(refusal("recurrence", BAD_RECURRENCE, value=text["recurrence"]))

    # The six clears, on what the row names: a name given but not yet known (or a bad date) is not also a missing clear.
    given = object()
    assigned_on = dates.get("assigned_on") or (document.issued_on if document is not None else None) or clock.today()
    draft = Draft(
        leader=leader or (given if text.get("leader") else None), title=text.get("title", ""),
        deadline=dates.get("deadline") or (dt.date.max if "deadline" in dates else None),
        recurrence=recurrence or text.get("recurrence", ""), lead_unit=lead or (given if text.get("lead_unit") else None),
        coordinators=tuple(coordinators), product=text.get("product", ""),
        document=document or (given if text.get("document") else None), assigned_on=assigned_on)
    errors += [refusal(e.field, e.reason) for e in missing_clears(draft)]
    print_ = fingerprint(values, CONTENT)
    key, known_as = identity(row, text, print_, seen_keys, errors)
    return {
        "line": row.line, "key": key, "identity": known_as, "fingerprint": print_,
        "status": "refused" if errors else ("ask" if asked else "new"),
        "scope": document.issuing_unit.code if document is not None else "", "title": text.get("title", ""),
        "summary": [document.number_text if document is not None else text.get("document", ""),
                    text.get("deadline") or text.get("recurrence") or "—"],
        "values": text, "document_id": document.pk if document is not None else None,
        "document_number": document.number_text if document is not None else text.get("document", ""),
        "lead_unit": lead, "coordinators": coordinators, "leader": leader,
        "deadline": dates["deadline"].isoformat() if dates.get("deadline") else None,
        "assigned_on": assigned_on.isoformat(), "recurrence": recurrence, "matches": matches, "errors": errors,
    }


def after_comparison(row: dict) -> None:
    """Nothing more to check once the rows imported before are known."""


def creator(*, actor, batch, rows: list[dict]):
    """The function that creates one confirmed row's task, with the units, people and documents of all rows read once."""
    units = Unit.objects.in_bulk({code for row in rows for code in [row["lead_unit"], *row["coordinators"]]},
                                 field_name="code")
    people = User.objects.in_bulk({row["leader"] for row in rows}, field_name="username")
    documents = visible_documents(actor, Document.objects.filter(
        pk__in={row["document_id"] for row in rows})).select_related("issuing_unit").in_bulk()

    def create(row: dict):
        document = documents.get(row["document_id"])
        if document is None:
            raise DomainError(gettext("The task cannot be assigned."), [FieldError("document", gettext(UNKNOWN_DOCUMENT) % {
                "value": row["document_number"]}, "not_found")])
        values = row["values"]
        return task_create(
            actor=actor, document=document, title=values.get("title", ""), lead_unit=units.get(row["lead_unit"]),
            leader=people.get(row["leader"]), product=values.get("product", ""),
            deadline=dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None, recurrence=row["recurrence"],
            coordinators=[units[code] for code in row["coordinators"] if code in units],
            description=values.get("description", ""), assigned_on=dt.date.fromisoformat(row["assigned_on"]),
            backdate_reason=gettext("Imported from %(file)s, row %(line)s") % {"file": batch.file_name, "line": row["line"]},
            imported=True)

    return create
