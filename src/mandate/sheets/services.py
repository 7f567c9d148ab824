"""Importing tasks from a spreadsheet: a preview kept until it is confirmed, then every row in one transaction.

`import_preview` reads the file and keeps what each row will become (`ImportBatch`); nothing of the domain is
written. `import_confirm` creates the rows the user confirmed, each through `tasks.services.task_create` (so each
is checked as a task typed in by hand is), with one `ImportedRow` per row and one audit record — all or nothing.
"""
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mandate.accounts.models import User
from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import Conflict, DomainError, FieldError, NotFound
from mandate.documents.permissions import visible_documents
from mandate.documents.models import Document
from mandate.orgs.models import Unit
from mandate.sheets import task_rows
from mandate.sheets.matching import people_names, unit_names
from mandate.sheets.models import ImportBatch, ImportedRow, ImportKind, ImportState
from mandate.sheets.reading import read_rows
from mandate.tasks.permissions import can_assign_somewhere
from mandate.tasks.services import task_create

KEEP, NEW = "keep", "new"  # a changed row: keep the task imported before, or import the row as a new task


def can_import_tasks(user) -> bool:
    """Import tasks from a spreadsheet: whoever may assign tasks somewhere (each row is then checked as a task)."""
    return can_assign_somewhere(user)


def import_preview(*, actor, upload, as_of: dt.date) -> ImportBatch:
    """Read `upload` and keep its preview: each row as it will be created, to decide on, or refused with its reasons."""
    require(can_import_tasks(actor), _("Only those who assign tasks may import them."))
    rows = read_rows(upload, task_rows.COLUMNS)
    context = task_rows.Context(user=actor, units=unit_names(user=actor, as_of=as_of),
                                people=people_names(user=actor, as_of=as_of))
    seen: dict[str, int] = {}
    previews = [task_rows.preview_row(row, context, seen) for row in rows]
    _compare_with_imported(previews)
    with transaction.atomic():
        return ImportBatch.objects.create(kind=ImportKind.TASKS, actor=actor, file_name=(upload.name or "")[:255],
                                          as_of=as_of, rows=previews, created_at=clock.now())


def _compare_with_imported(previews: list[dict]) -> None:
    """Rows imported before: unchanged ones are left alone, changed ones put to the user."""
    known = {}
    identities = [row["identity"] for row in previews if row["scope"]]
    for start in range(0, len(identities), 500):
        for scope, key, print_, object_id in ImportedRow.objects.filter(
                kind=ImportKind.TASKS, key__in=identities[start:start + 500]).values_list("scope", "key", "fingerprint", "object_id"):
            known[(scope, key)] = (print_, object_id)
    for row in previews:
        found = known.get((row["scope"], row["identity"]))
        if found is None or row["status"] == "refused":
            continue
        row["imported_task"] = found[1]
        row["status"] = "existing" if found[0] == row["fingerprint"] else "changed"


def batch_get(*, user, batch_id: int) -> ImportBatch:
    batch = ImportBatch.objects.filter(pk=batch_id, actor=user).first() if user.is_authenticated else None
    if batch is None:
        raise NotFound(_("No import of yours has this number."))
    return batch


def import_confirm(*, actor, batch: ImportBatch, choices: dict[str, str], decisions: dict[int, str]) -> ImportBatch:
    """Create the rows of the preview: the new ones, the asked ones whose every name the user chose (`choices`:
    "line.field" → code or user name, among the candidates shown), the changed ones the user chose to import anew
    (`decisions`: line → "new"). One transaction; a row refused now refuses them all, naming its row."""
    if batch.actor_id != actor.pk:
        raise NotFound(_("No import of yours has this number."))
    if batch.state != ImportState.PREVIEWED:
        raise Conflict(_("This import was confirmed already."))
    require(can_import_tasks(actor), _("Only those who assign tasks may import them."))
    chosen_rows = []
    for row in batch.rows:
        if row["status"] == "new":
            chosen_rows.append(row)
        elif row["status"] == "ask" or row["status"] == "changed" and decisions.get(row["line"]) == NEW:
            resolved = _resolve(row, choices)
            if resolved is not None:
                chosen_rows.append(resolved)
    units = Unit.objects.in_bulk({code for row in chosen_rows for code in [row["lead_unit"], *row["coordinators"]]},
                                 field_name="code")
    people = User.objects.in_bulk({row["leader"] for row in chosen_rows}, field_name="username")
    documents = visible_documents(actor, Document.objects.filter(
        pk__in={row["document_id"] for row in chosen_rows})).select_related("issuing_unit").in_bulk()
    created = []
    with transaction.atomic():
        for row in chosen_rows:
            try:
                task = _create(actor, batch, row, units, people, documents)
            except DomainError as error:
                raise DomainError(_("Row %(line)s cannot be imported: %(reason)s") % {
                    "line": row["line"], "reason": str(error)}, [FieldError(f"rows.{row['line']}.{e.field}", e.reason, e.code)
                                                                for e in error.errors]) from None
            created.append((row, task))
        replaced = [row["identity"] for row, _task in created if row["status"] == "changed"]
        ImportedRow.objects.filter(kind=ImportKind.TASKS, key__in=replaced).delete()
        ImportedRow.objects.bulk_create([
            ImportedRow(kind=ImportKind.TASKS, scope=row["scope"], key=row["identity"], fingerprint=row["fingerprint"],
                        batch=batch, object_id=task.pk) for row, task in created])
        batch.state, batch.confirmed_at, batch.created_count = ImportState.CONFIRMED, clock.now(), len(created)
        batch.save(update_fields=["state", "confirmed_at", "created_count"])
        audit_record(actor=actor, action="import.confirm", obj=batch, after={
            "kind": batch.kind, "file": batch.file_name, "rows": len(batch.rows), "created": len(created),
            "tasks": [task.pk for _row, task in created]})
    return batch


def _resolve(row: dict, choices: dict[str, str]) -> dict | None:
    """The asked row with every open name chosen among its candidates, or None while one is open."""
    row = {**row, "coordinators": list(row["coordinators"])}
    for name, match in row["matches"].items():
        if match["chosen"] is not None:
            continue
        choice = choices.get(f"{row['line']}.{name}")
        if choice not in {candidate[0] for candidate in match["candidates"]}:
            return None
        if name.startswith("coordinators."):
            row["coordinators"][int(name.split(".")[1])] = choice
        else:
            row[name] = choice
    return row


def _create(actor, batch: ImportBatch, row: dict, units: dict, people: dict, documents: dict):
    document = documents.get(row["document_id"])
    if document is None:
        raise DomainError(_("The task cannot be assigned."), [FieldError("document", task_rows.UNKNOWN_DOCUMENT % {
            "value": row["document_number"]}, "not_found")])
    deadline = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    values = row["values"]
    return task_create(
        actor=actor, document=document, title=values.get("title", ""), lead_unit=units.get(row["lead_unit"]),
        leader=people.get(row["leader"]), product=values.get("product", ""), deadline=deadline,
        recurrence=row["recurrence"], coordinators=[units[code] for code in row["coordinators"] if code in units],
        description=values.get("description", ""), assigned_on=dt.date.fromisoformat(row["assigned_on"]),
        backdate_reason=_("Imported from %(file)s, row %(line)s") % {"file": batch.file_name, "line": row["line"]},
        imported=True)
