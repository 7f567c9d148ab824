"""Pages of an import from a spreadsheet: upload, preview (each row as it will be created, or why not), confirm.

The same four pages serve each kind of row (tasks, documents, people: `services.KINDS`); the route names the kind.
"""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from mandate.core.errors import DomainError, FieldError, PermissionDenied, field_label
from mandate.core.ids import query_id
from mandate.sheets import services
from mandate.sheets.template_file import template_xlsx
from mandate.web.forms import reason_text
from mandate.web.pages import page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN = 500  # rows of one status shown on the preview; the counts say how many there are


def _kind(request: HttpRequest, kind: str):
    rows_of = services.kind_of(kind)
    if not rows_of.may_import(request.user):
        raise PermissionDenied(_(rows_of.REFUSED))
    return rows_of


def _start(request, rows_of, *, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "sheets/start.html", {"kind": rows_of, "columns": rows_of.COLUMNS, "error": error,
                                                 "template_url": reverse(f"{rows_of.KIND}_import_template")},
                  status=status)


@page
def import_start(request: HttpRequest, kind: str, as_of: dt.date) -> HttpResponse:
    """The upload form; POST reads the file and shows its preview."""
    rows_of = _kind(request, kind)
    if request.method != "POST":
        return _start(request, rows_of)
    upload = request.FILES.get("file")
    if upload is None:
        return _start(request, rows_of, error=f"{field_label('file')}: {_('is required')}", status=422)
    try:
        batch = services.import_preview(actor=request.user, upload=upload, as_of=as_of, kind=kind)
    except DomainError as error:
        reasons = [f"{field_label('file')}: {reason_text(e)}" for e in error.errors] or [str(error)]
        return _start(request, rows_of, error=" ".join(reasons), status=error.status)
    return redirect(f"{kind}_import_preview", batch_id=batch.pk)


@page
def import_template(request: HttpRequest, kind: str, as_of: dt.date) -> HttpResponse:
    rows_of = _kind(request, kind)
    response = HttpResponse(template_xlsx(rows_of.COLUMNS, title=rows_of.SHEET_TITLE), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{rows_of.TEMPLATE_NAME}"'
    return response


def _reason(labels: dict, error: dict) -> str:
    text = reason_text(FieldError(error["field"], error["reason"]))
    if error.get("params"):
        text = text % error["params"]
    label = labels.get(error["field"])
    return f"{label}: {text}" if label else text


def _shown(rows_of, row: dict) -> dict:
    labels = {column.name: column.label for column in rows_of.COLUMNS}
    matches = []
    for name, match in row["matches"].items():
        matches.append({"key": f"{row['line']}.{name}", "label": labels.get(name.split(".")[0]), **match,
                        "name": next((c[1] for c in match["candidates"] if c[0] == match["chosen"]), "")})
    detail = reverse(rows_of.DETAIL_URL, args=[row["imported_id"]]) if rows_of.DETAIL_URL and row.get("imported_id") else ""
    return {**row, "reasons": [_reason(labels, error) for error in row["errors"]], "shown_matches": matches,
            "detail_url": detail}


@page
def import_preview(request: HttpRequest, kind: str, batch_id: int, as_of: dt.date) -> HttpResponse:
    rows_of = _kind(request, kind)
    return _render_preview(request, rows_of, services.batch_get(user=request.user, batch_id=batch_id, kind=kind))


def _render_preview(request, rows_of, batch, *, error: str = "", status: int = 200) -> HttpResponse:
    groups: dict[str, list] = {"new": [], "ask": [], "changed": [], "refused": [], "existing": []}
    for row in batch.rows:
        groups[row["status"]].append(row)
    counts = {name: len(rows) for name, rows in groups.items()}
    shown = {name: [_shown(rows_of, row) for row in rows[:SHOWN]] for name, rows in groups.items()}
    return render(request, "sheets/preview.html", {
        "kind": rows_of, "batch": batch, "counts": counts, "groups": shown, "error": error,
        "start_url": reverse(f"{rows_of.KIND}_import"), "confirm_url": reverse(f"{rows_of.KIND}_import_confirm", args=[batch.pk]),
        "list_url": reverse(rows_of.LIST_URL)}, status=status)


@require_POST
@page
def import_confirm(request: HttpRequest, kind: str, batch_id: int, as_of: dt.date) -> HttpResponse:
    rows_of = _kind(request, kind)
    batch = services.batch_get(user=request.user, batch_id=batch_id, kind=kind)
    choices = {key.removeprefix("choice-"): value for key, value in request.POST.items() if key.startswith("choice-")}
    decisions = {line: value for key, value in request.POST.items()
                 if key.startswith("decision-") and (line := query_id(key.removeprefix("decision-"))) is not None}
    try:
        batch = services.import_confirm(actor=request.user, batch=batch, choices=choices, decisions=decisions)
    except DomainError as error:
        reasons = "; ".join(reason_text(e) for e in error.errors)
        return _render_preview(request, rows_of, batch, error=f"{error} {reasons}".strip(), status=error.status)
    messages.success(request, ngettext(*rows_of.DONE, batch.created_count) % {"count": batch.created_count})
    return redirect(reverse(rows_of.LIST_URL))
