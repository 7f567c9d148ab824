"""The review page: paste or upload a directive, correct what the reader proposes, confirm it all at once.

The reading and the confirmation go through the same selector and service as /api/v1/ingest; a refusal is
shown against the row and field it names, with the status the domain gave it. `review_start` and `review_confirm`
are the two steps any page that issues a document from its text is made of (a meeting's conclusion, composed in
`mandate.conclusion_pages`).
"""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.selectors import membership_units
from mandate.core.ids import query_id, query_number
from mandate.core.errors import DomainError, FieldError, PermissionDenied
from mandate.documents.models import RelationKind
from mandate.ingest import forms, review, selectors, services
from mandate.ingest.language import LANGUAGES
from mandate.orgs.selectors import units_list
from mandate.tasks.clears import CLEARS
from mandate.tasks.permissions import can_assign_somewhere
from mandate.web.forms import reason_text
from mandate.web.pages import page

CLEAR_FIELDS = {"leader": "person", "title": "work", "deadline": "time", "recurrence": "time",
                "lead_unit": "responsibility", "coordinators": "responsibility", "product": "product"}


def _moved_to_the_meeting(request: HttpRequest, page_name: str) -> HttpResponse | None:
    """A meeting's conclusion is read and issued from the meeting's own pages now: the old address (`?meeting=` or
    the posted field) answers 307, which keeps the method and the posted form."""
    value = request.POST.get("meeting") or request.GET.get("meeting") or ""
    meeting_id = query_id(value)
    return None if meeting_id is None else _TemporaryRedirect(reverse(page_name, args=[meeting_id]))


class _TemporaryRedirect(HttpResponseRedirect):
    status_code = 307


@page
def ingest_start(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Paste a directive or upload its file; POST reads it and shows the review."""
    moved = _moved_to_the_meeting(request, "meeting_conclusion")
    if moved:
        return moved
    if not can_assign_somewhere(request.user):
        raise PermissionDenied(_("You hold no role that may register a directive and assign its tasks."))
    return review_start(request, as_of)


@require_POST
@page
def ingest_confirm(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Confirm the reviewed rows: one transaction, or the review again with each refusal on its row."""
    return _moved_to_the_meeting(request, "meeting_conclusion_confirm") or review_confirm(
        request, issue=services.ingestion_confirm, done=lambda confirmed: reverse("document_detail",
                                                                                  args=[confirmed.document.pk]))


def _urls(extra: dict) -> dict:
    return {"start_url": reverse("ingest"), "confirm_url": reverse("ingest_confirm"), **extra}


def review_start(request: HttpRequest, as_of: dt.date, *, header_default=None, extra: dict | None = None) -> HttpResponse:
    """The start page, and on POST the review of what the reader found; `header_default` fills in what the text
    did not say (a meeting's conclusion: the body that met, its last day)."""
    context = {"languages": LANGUAGES, "values": request.POST, **_urls(extra or {}),
               "provinces": units_list(as_of=as_of, level="province").order_by("search_name")}
    if request.method != "POST":
        return render(request, "ingest/start.html", context)
    form = forms.ReadForm(request.POST, request.FILES)
    if not form.is_valid():
        context["errors"] = {name: " ".join(reasons) for name, reasons in form.state()["errors"].items()}
        return render(request, "ingest/start.html", context, status=422)
    text, language, province = (form.cleaned_data[name] for name in ("text", "language", "province"))
    text = _as_shown(text)
    reading = selectors.ingestion_read(user=request.user, text=text, language=language, province_code=province, as_of=as_of)
    rows = _rows_from_reading(reading, request.user)
    if header_default is not None:
        rows["header"] = header_default(rows["header"])
    return render(request, "ingest/review.html", {**_review_context(text, rows, reading["language"]), **_urls(extra or {})})


def review_confirm(request: HttpRequest, *, issue, done, extra: dict | None = None) -> HttpResponse:
    """Issue the reviewed rows with `issue` (a service taking the header, references, tasks, text and the review's
    labels); on success go to `done(issued)`, else show the review again with each refusal on its row.

    A posted `op` (split-N, merge-N, add) is an edit of the rows, not a confirmation: the review comes back with
    the rows changed and nothing saved (the whole form, so that HTMX swaps it with its row counts right)."""
    text = _as_shown(request.POST.get("text", ""))
    rows = _rows_from_post(request.POST, text)
    edited = _edited(rows, request.POST.get("op", ""))
    if edited is not None:
        rows["tasks"] = edited
        return render(request, "ingest/review.html", {**_review_context(text, rows, _language(request.POST)),
                                                      **_urls(extra or {})})
    kept_tasks = [row for row in rows["tasks"] if row["keep"]]
    kept_references = [row for row in rows["references"] if row["keep"]]
    try:
        if rows["unreadable"]:
            raise DomainError(_("Nothing was saved: correct what is marked below."), [])
        confirmed = issue(
            actor=request.user, header=rows["header"], text=text,
            references=[services.ReviewedReference(number=r["number"], kind=r["kind"], issued_on=r["issued_on"],
                                                   registered_id=r["registered_id"]) for r in kept_references],
            tasks=[_task_spec(t) for t in kept_tasks],
            labels=_labels(text, _language(request.POST), rows["header"], kept_references, kept_tasks),
        )
    except DomainError as error:
        _place_errors(error.errors, rows, kept_tasks, kept_references)
        context = {**_review_context(text, rows, _language(request.POST)), **_urls(extra or {})}
        context["refusal"] = _("Nothing was saved: correct what is marked below.") if error.status == 422 else error.message
        return render(request, "ingest/review.html", context, status=error.status)
    messages.success(request, _("Registered %(number)s with %(count)d tasks.") % {
        "number": confirmed.document.number_text, "count": len(confirmed.tasks)})
    return redirect(done(confirmed))


def _edited(rows: dict, op: str) -> list[dict] | None:
    """The task rows after the posted edit, or None when the post is a confirmation."""
    name, _sep, position = op.partition("-")
    index = query_number(position)
    if name == "split" and index is not None:
        return review.split(rows["tasks"], index)
    if name == "merge" and index is not None:
        return review.merge(rows["tasks"], index)
    if name == "add":
        return rows["tasks"]  # the filled blank row is a row now; the review offers a new blank one
    return None


def _language(post) -> str | None:
    value = post.get("language", "")
    return value if value in LANGUAGES else None


def _labels(text: str, language: str | None, header, references: list[dict], tasks: list[dict]) -> services.ReviewLabels:
    """The reader's proposal for the text (read again, as it stands today: the reader is deterministic) and the
    confirmed rows, both in the corpus's label shape."""
    reading = review.reading(text, language)
    names = selectors.unit_names(codes={row["lead_unit"] for row in tasks} | {c for row in tasks for c in row["coordinator_codes"]})
    own = None
    if header.number:
        own = review.number_labels(header.number, selectors.reference_number(header.number), header.issued_on)
    confirmed = review.confirmed_labels(
        title=header.title, names=names, own_number=own, tasks=tasks,
        references=[review.number_labels(r["raw"] or r["number"], selectors.reference_number(r["number"]), r["issued_on"])
                    for r in references])
    return services.ReviewLabels(language=reading["language"], proposal=review.proposal_labels(reading), confirmed=confirmed)


def _task_spec(row: dict) -> services.ReviewedTask:
    return services.ReviewedTask(title=row["title"], lead_unit=row["lead_unit"] or None, leader=row["leader"] or None,
                                 product=row["product"], coordinators=tuple(row["coordinator_codes"]),
                                 deadline=row["deadline"], recurrence=row["recurrence"])


# Rows of the review table: the same dicts whether they come from the reader or from the posted form.

def _rows_from_reading(reading: dict, user) -> dict:
    header = reading["document"] or {}
    number = None
    own = next((r for r in reading["references"] if r.get("self")), None)
    if own is not None and (parsed := selectors.reference_number(own["raw"])):
        number = parsed.format()
    issuing = _issuing_unit_guess(user, header)
    header_row = services.ReviewedHeader(
        issuing_unit=issuing, type=header.get("type") or "", number=number,
        issued_on=dt.date.fromisoformat(header["date"]) if header.get("date") else None, title=header.get("title") or "")
    references = []
    for index, reference in enumerate(reading["references"]):
        if reference.get("self"):
            continue
        parsed = selectors.reference_number(reference["raw"])
        references.append({"index": index, "keep": parsed is not None, "raw": reference["raw"],
                           "number": parsed.format() if parsed else reference["raw"], "kind": RelationKind.CITES,
                           "issued_on": dt.date.fromisoformat(reference["date"]) if reference["date"] else None,
                           "registered_id": reference["registered_id"], "span": reference["span"], "errors": {}})
    tasks = []
    for index, task in enumerate(reading["tasks"]):
        coordinators = task["coordinator_units"]  # matched by the reader, in the province of the lead unit
        tasks.append({
            "index": index, "keep": True, "assignee": task["assignee"], "title": task["action"] or task["assignee"],
            "lead_unit": task["unit"] or "", "read_unit": task["unit"] or "", "confidence": task["unit_confidence"], "candidates": task["unit_candidates"],
            "coordinators_raw": task["coordinators"], "coordinator_codes": coordinators, "leader": "",
            "deadline": dt.date.fromisoformat(task["deadline"]) if task["deadline"] else None,
            "recurrence": "" if task["deadline"] else (task["deadline_raw"] or ""), "deadline_raw": task["deadline_raw"],
            "product": task["product"] or "", "span": task["span"], "errors": {},
        })
    return {"header": header_row, "header_errors": {}, "references": references, "tasks": tasks}


def _issuing_unit_guess(user, header: dict) -> str:
    """The user's own unit whose issuer code is the header's ("TU" → the party committee they work in)."""
    issuer = (header.get("issuer") or "").upper()
    units = membership_units(user=user)
    for unit in units:
        if issuer and (unit.issuer_code or "").upper() == issuer:
            return unit.code
    return units[0].code if units else ""


def _as_shown(text: str) -> str:
    """The text with its lines ending as the page shows them: a browser posts a textarea's line ends as CRLF and
    shows them as LF, and the sentences' offsets (the highlights, a selected sentence) count what is shown."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _rows_from_post(post, text: str) -> dict:
    """The review's rows from its forms: the header, a formset of references and one of tasks."""
    header_form = forms.HeaderForm(post)
    references = forms.ReferenceRows(forms.rows_data(post, prefix="reference", count_name="reference_count"),
                                     prefix="reference")
    tasks = forms.TaskRows(forms.rows_data(post, prefix="task", count_name="task_count"), prefix="task")
    readable = all([header_form.is_valid(), references.is_valid(), tasks.is_valid()])
    values = {"issuing_unit": "", "type": "", "number": "", "title": "", "issued_on": None, **header_form.cleaned_data}
    header = services.ReviewedHeader(issuing_unit=values["issuing_unit"], type=values["type"].strip(),
                                     number=values["number"].strip() or None, title=values["title"].strip(),
                                     issued_on=values["issued_on"])
    reference_rows = [
        {**forms.row_values(form, {"keep": False, "raw": "", "number": "", "kind": RelationKind.CITES, "issued_on": None,
                                   "registered_id": None}), "index": index, "errors": forms.row_errors(form)}
        for index, form in enumerate(references)]
    task_rows = [
        {**forms.row_values(form, {"keep": False, "assignee": "", "title": "", "lead_unit": "", "coordinators": [],
                                   "leader": "", "deadline": None, "recurrence": "", "deadline_raw": "", "product": "",
                                   "read_unit": ""}),
         "index": index, "confidence": None, "candidates": [], "coordinators_raw": [], "errors": forms.row_errors(form)}
        for index, form in enumerate(tasks)]
    for position, row in enumerate(task_rows):
        row["coordinator_codes"] = row.pop("coordinators")
        row["title"], row["product"], row["recurrence"] = row["title"].strip(), row["product"].strip(), row["recurrence"].strip()
        row["sentence"] = forms.row_span(tasks.forms[position], "sentence")
        task_rows[position] = review.with_sentence(row, text)
    task_rows = [row for row in task_rows if not review.is_blank(row)]  # the offered row for a missed task, unused
    for index, row in enumerate(task_rows):
        row["index"] = index
    for row in reference_rows:
        row["number"] = row["number"].strip()
    return {"header": header, "header_errors": forms.row_errors(header_form), "references": reference_rows,
            "tasks": task_rows, "unreadable": not readable}


def _place_errors(errors: list[FieldError], rows: dict, kept_tasks: list, kept_references: list) -> None:
    """The service numbers kept rows; put each of its errors on the row of the table it came from."""
    for error in errors:
        _place_one(error, rows, kept_references, kept_tasks)


def _place_one(error: FieldError, rows: dict, references: list, tasks: list) -> None:
    parts = error.field.split(".")
    if parts[0] in ("tasks", "references") and len(parts) > 2 and query_number(parts[1]) is not None:
        owner = (tasks if parts[0] == "tasks" else references)
        position = int(parts[1])
        if position < len(owner):
            owner[position]["errors"].setdefault(parts[2], []).append(reason_text(error))
            return
    name = parts[-1] if parts[0] == "document" else error.field
    rows["header_errors"].setdefault(name, []).append(reason_text(error))


def _review_context(text: str, rows: dict, language: str | None) -> dict:
    for index, row in enumerate(rows["tasks"]):
        row["index"] = index
    codes = {row["lead_unit"] for row in rows["tasks"]} | {c["unit"] for row in rows["tasks"] for c in row["candidates"]}
    codes |= {code for row in rows["tasks"] for code in row["coordinator_codes"]} | {rows["header"].issuing_unit}
    names = selectors.unit_names(codes=codes)
    header = rows["header"]
    missing_of = selectors.missing_clears_of(header=header, tasks=[_task_spec(row) for row in rows["tasks"]])
    for row, missing in zip(rows["tasks"], missing_of, strict=True):
        row["lead_unit_name"] = names.get(row["lead_unit"], "")
        row["candidates"] = [{**c, "name": names.get(c["unit"], c["unit"]), "percent": round(c["score"] * 100)}
                             for c in row["candidates"]]
        row["coordinators"] = ", ".join(row["coordinator_codes"])
        if row["confidence"] is not None:
            row["confidence_percent"] = round(row["confidence"] * 100)
        missing = missing - {"authority"}
        row["clears"] = [(name, name not in missing) for name in CLEARS if name != "authority"]
        row["missing"] = [name for name in CLEARS if name in missing]
    labels = {name: str(field.label) for name, field in forms.HeaderForm.base_fields.items()}
    header_labelled = [(labels.get(name, ""), reasons) for name, reasons in rows["header_errors"].items()]
    return {"text": text, "segments": _segments(text, rows["tasks"]), "header": header, "header_errors": rows["header_errors"],
            "header_labelled": header_labelled,
            "issuing_unit_name": names.get(header.issuing_unit, ""), "references": rows["references"], "tasks": rows["tasks"],
            "relation_kinds": RelationKind.choices, "language": language, "blank_index": len(rows["tasks"]),
            "task_count": len(rows["tasks"]) + 1, "sentences": review.sentences(text)}


def _segments(text: str, tasks: list[dict]) -> list[tuple[str, int | None]]:
    """The text cut into plain pieces and the source sentence of each task (to highlight and link to)."""
    pieces, at = [], 0
    for row in sorted((r for r in tasks if r["span"]), key=lambda r: r["span"][0]):
        start, end = max(row["span"][0], at), min(row["span"][1], len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], row["index"]))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces
