"""Pages of an import from a spreadsheet: upload, preview (each row as it will be created, or why not), confirm."""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from mandate.core.errors import DomainError, FieldError, PermissionDenied, field_label
from mandate.core.ids import query_id
from mandate.sheets import services, task_rows
from mandate.sheets.template_file import template_xlsx
from mandate.web.forms import reason_text
from mandate.web.pages import page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN = 500  # rows of one status shown on the preview; the counts say how many there are
LABELS = {column.name: column.label for column in task_rows.COLUMNS}


def _require_importer(request: HttpRequest) -> None:
    if not services.can_import_tasks(request.user):
        raise PermissionDenied(_("Only those who assign tasks may import them."))


@page
def task_import(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The upload form; POST reads the file and shows its preview."""
    _require_importer(request)
    if request.method != "POST":
        return render(request, "sheets/start.html", {"columns": task_rows.COLUMNS})
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "sheets/start.html", {"columns": task_rows.COLUMNS,
                                                     "error": f"{field_label('file')}: {_('is required')}"}, status=422)
    try:
        batch = services.import_preview(actor=request.user, upload=upload, as_of=as_of)
    except DomainError as error:
        reasons = [f"{field_label('file')}: {reason_text(e)}" for e in error.errors] or [str(error)]
        return render(request, "sheets/start.html", {"columns": task_rows.COLUMNS, "error": " ".join(reasons)},
                      status=error.status)
    return redirect("task_import_preview", batch_id=batch.pk)


@page
def task_import_template(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    _require_importer(request)
    response = HttpResponse(template_xlsx(task_rows.COLUMNS, title="Nhiệm vụ"), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nhiem-vu.xlsx"'
    return response


def _reason(error: dict) -> str:
    label = LABELS.get(error["field"])
    text = reason_text(FieldError(error["field"], error["reason"]))
    if error.get("params"):
        text = text % error["params"]
    return f"{label}: {text}" if label else text


def _shown(row: dict) -> dict:
    matches = []
    for name, match in row["matches"].items():
        label = LABELS.get(name.split(".")[0])
        matches.append({"key": f"{row['line']}.{name}", "label": label, **match,
                        "name": next((c[1] for c in match["candidates"] if c[0] == match["chosen"]), "")})
    when = row["values"].get("deadline") or row["values"].get("recurrence") or "—"
    return {**row, "reasons": [_reason(error) for error in row["errors"]], "shown_matches": matches, "when": when,
            "title": row["values"].get("title", "")}


@page
def task_import_preview(request: HttpRequest, batch_id: int, as_of: dt.date) -> HttpResponse:
    _require_importer(request)
    batch = services.batch_get(user=request.user, batch_id=batch_id)
    return _render_preview(request, batch)


def _render_preview(request, batch, *, error: str = "", status: int = 200) -> HttpResponse:
    groups: dict[str, list] = {"new": [], "ask": [], "changed": [], "refused": [], "existing": []}
    for row in batch.rows:
        groups[row["status"]].append(row)
    counts = {name: len(rows) for name, rows in groups.items()}
    shown = {name: [_shown(row) for row in rows[:SHOWN]] for name, rows in groups.items()}
    return render(request, "sheets/preview.html", {"batch": batch, "counts": counts, "groups": shown,
                                                   "error": error}, status=status)


@require_POST
@page
def task_import_confirm(request: HttpRequest, batch_id: int, as_of: dt.date) -> HttpResponse:
    _require_importer(request)
    batch = services.batch_get(user=request.user, batch_id=batch_id)
    choices = {key.removeprefix("choice-"): value for key, value in request.POST.items() if key.startswith("choice-")}
    decisions = {line: value for key, value in request.POST.items()
                 if key.startswith("decision-") and (line := query_id(key.removeprefix("decision-"))) is not None}
    try:
        batch = services.import_confirm(actor=request.user, batch=batch, choices=choices, decisions=decisions)
    except DomainError as error:
        reasons = "; ".join(reason_text(e) for e in error.errors)
        return _render_preview(request, batch, error=f"{error} {reasons}".strip(), status=error.status)
    messages.success(request, ngettext("%(count)s task imported.", "%(count)s tasks imported.", batch.created_count)
                     % {"count": batch.created_count})
    return redirect(reverse("tasks"))
