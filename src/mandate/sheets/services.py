"""Importing from a spreadsheet: a preview kept until it is confirmed, then every row in one transaction.

`import_preview` reads the file and keeps what each row will become (`ImportBatch`); nothing of the domain is
written. `import_confirm` creates the rows the user confirmed, each through the service that creates one by hand
(`task_create`, `document_register`, `user_create` with `membership_grant`, `position_create`,
`person_create` with `holding_record`) so each is checked alike, with one
`ImportedRow` per row and one audit record — all or nothing. What a kind of row is, is said by its module: `KINDS`.
"""
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mandate.accounts.permissions import require
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import Conflict, DomainError, FieldError, NotFound
from mandate.sheets import cadre_rows, document_rows, kpi_rows, position_rows, task_rows, user_rows
from mandate.sheets.models import ImportBatch, ImportedRow, ImportState
from mandate.sheets.reading import read_rows

KINDS = {module.KIND: module for module in (task_rows, document_rows, user_rows, position_rows, cadre_rows, kpi_rows)}
KEEP, NEW = "keep", "new"  # a changed row: keep what was imported before, or import the row anew


def kind_of(name: str):
    if name not in KINDS:
        raise NotFound(_("Not found."))
    return KINDS[name]


def may_import(user, kind: str) -> bool:
    return kind_of(kind).may_import(user)


def import_preview(*, actor, upload, as_of: dt.date, kind: str = task_rows.KIND) -> ImportBatch:
    """Read `upload` and keep its preview: each row as it will be created, to decide on, or refused with its reasons."""
    rows_of = kind_of(kind)
    require(rows_of.may_import(actor), _(rows_of.REFUSED))
    rows = read_rows(upload, rows_of.COLUMNS)
    context = rows_of.context(user=actor, as_of=as_of)
    seen: dict[str, int] = {}
    previews = [rows_of.preview_row(row, context, seen) for row in rows]
    _compare_with_imported(kind, previews)
    for row in previews:
        rows_of.after_comparison(row)
    with transaction.atomic():
        return ImportBatch.objects.create(kind=kind, actor=actor, file_name=(upload.name or "")[:255],
                                          as_of=as_of, rows=previews, created_at=clock.now())


def _compare_with_imported(kind: str, previews: list[dict]) -> None:
    """Rows imported before: unchanged ones are left alone, changed ones put to the user."""
    known = {}
    identities = [row["identity"] for row in previews if row["status"] != "refused"]
    for start in range(0, len(identities), 500):
        for scope, key, print_, object_id in ImportedRow.objects.filter(
                kind=kind, key__in=identities[start:start + 500]).values_list("scope", "key", "fingerprint", "object_id"):
            known[(scope, key)] = (print_, object_id)
    for row in previews:
        found = known.get((row["scope"], row["identity"]))
        if found is None or row["status"] == "refused":
            continue
        row["imported_id"] = found[1]
        row["status"] = "existing" if found[0] == row["fingerprint"] else "changed"


def batch_get(*, user, batch_id: int, kind: str | None = None) -> ImportBatch:
    batches = ImportBatch.objects.filter(pk=batch_id, actor=user) if user.is_authenticated else ImportBatch.objects.none()
    batch = (batches.filter(kind=kind) if kind else batches).first()
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
    rows_of = kind_of(batch.kind)
    require(rows_of.may_import(actor), _(rows_of.REFUSED))
    chosen_rows = []
    for row in batch.rows:
        if row["status"] == "new":
            chosen_rows.append(row)
        elif row["status"] == "ask" or row["status"] == "changed" and decisions.get(row["line"]) == NEW:
            resolved = _resolve(row, choices)
            if resolved is not None:
                chosen_rows.append(resolved)
    create = rows_of.creator(actor=actor, batch=batch, rows=chosen_rows)
    created = []
    with transaction.atomic():
        for row in chosen_rows:
            try:
                created.append((row, create(row)))
            except DomainError as error:
                raise DomainError(_("Row %(line)s cannot be imported: %(reason)s") % {
                    "line": row["line"], "reason": str(error)}, [FieldError(f"rows.{row['line']}.{e.field}", e.reason, e.code)
                                                                for e in error.errors], status=error.status) from None
        replaced = [row["identity"] for row, _made in created if row["status"] == "changed"]
        ImportedRow.objects.filter(kind=batch.kind, key__in=replaced).delete()
        ImportedRow.objects.bulk_create([
            ImportedRow(kind=batch.kind, scope=row["scope"], key=row["identity"], fingerprint=row["fingerprint"],
                        batch=batch, object_id=made.pk) for row, made in created])
        batch.state, batch.confirmed_at, batch.created_count = ImportState.CONFIRMED, clock.now(), len(created)
        batch.save(update_fields=["state", "confirmed_at", "created_count"])
        audit_record(actor=actor, action="import.confirm", obj=batch, after={
            "kind": batch.kind, "file": batch.file_name, "rows": len(batch.rows), "created": len(created),
            "objects": [made.pk for _row, made in created]})
    return batch


def _resolve(row: dict, choices: dict[str, str]) -> dict | None:
    """The row with every open name chosen among its candidates, or None while one is open."""
    row = {**row, "coordinators": list(row.get("coordinators", []))}
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
