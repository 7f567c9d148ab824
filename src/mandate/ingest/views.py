"""The review page: paste or upload a directive, correct what the reader proposes, confirm it all at once.

The reading and the confirmation go through the same selector and service as /api/v1/ingest; a refusal is
shown against the row and field it names, with the status the domain gave it.
"""
import datetime as dt
import functools
from dataclasses import replace

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.models import User
from mandate.web.pages import page
from mandate.core.ids import query_id, query_number
from mandate.core.errors import DomainError, FieldError
from mandate.documents.models import RelationKind
from mandate.ingest import inputs, selectors, services
from mandate.ingest.language import LANGUAGES
from mandate.meetings.selectors import meeting_get
from mandate.meetings.services import meeting_conclude
from mandate.orgs.models import Unit
from mandate.tasks.clears import CLEARS, Draft, missing_clears

CLEAR_FIELDS = {"leader": "person", "title": "work", "deadline": "time", "recurrence": "time",
                "lead_unit": "responsibility", "coordinators": "responsibility", "product": "product"}


def _meeting(request: HttpRequest):
    """The meeting whose conclusion is being issued (`?meeting=` or the posted field), or None."""
    value = request.POST.get("meeting") or request.GET.get("meeting") or ""
    meeting_id = query_id(value)
    return None if meeting_id is None else meeting_get(user=request.user, meeting_id=meeting_id)


@page
def ingest_start(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Paste a directive or upload its file; POST reads it and shows the review.

    With a meeting, the text is the meeting's conclusion notice: the review proposes a TB of the body that met,
    and confirming issues it through the meeting.
    """
    meeting = _meeting(request)
    context = {"languages": LANGUAGES, "values": request.POST, "meeting": meeting}
    if request.method != "POST":
        return render(request, "ingest/start.html", context)
    try:
        text = inputs.directive_text(text=request.POST.get("text"), upload=request.FILES.get("file"))
        language = inputs.reading_language(request.POST.get("language"))
        province = inputs.reading_province(request.POST.get("province"))
    except DomainError as error:
        context["errors"] = {e.field: _(e.reason) for e in error.errors}  # translated when the catalogue knows it
        return render(request, "ingest/start.html", context, status=error.status)
    reading = selectors.ingestion_read(user=request.user, text=text, language=language, province_code=province, as_of=as_of)
    rows = _rows_from_reading(reading, request.user)
    if meeting is not None:
        rows["header"] = _conclusion_header(rows["header"], meeting)
    return render(request, "ingest/review.html", {**_review_context(text, rows, reading), "meeting": meeting})


def _conclusion_header(header: services.ReviewedHeader, meeting) -> services.ReviewedHeader:
    """What the text did not say, the meeting does: a TB of the body that met, on its last day."""
    return replace(header, type=header.type or "TB", issuing_unit=meeting.body.code,
                   issued_on=header.issued_on or meeting.ends_on,
                   title=header.title or f"Thông báo kết luận {meeting.title[:1].lower()}{meeting.title[1:]}")


@require_POST
@page
def ingest_confirm(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Confirm the reviewed rows: one transaction, or the review again with each refusal on its row."""
    text = request.POST.get("text", "")
    meeting = _meeting(request)
    rows = _rows_from_post(request.POST)
    kept_tasks = [row for row in rows["tasks"] if row["keep"]]
    kept_references = [row for row in rows["references"] if row["keep"]]
    try:
        if rows["unreadable"]:
            raise DomainError(_("Some dates are not dates: nothing was saved."), [])
        if meeting is not None:
            confirm = functools.partial(meeting_conclude, meeting=meeting)
        else:
            confirm = services.ingestion_confirm
        confirmed = confirm(
            actor=request.user, header=rows["header"], text=text,
            references=[services.ReviewedReference(number=r["number"], kind=r["kind"], issued_on=r["issued_on"],
                                                   registered_id=r["registered_id"]) for r in kept_references],
            tasks=[services.ReviewedTask(title=t["title"], lead_unit=t["lead_unit"] or None, leader=t["leader"] or None,
                                         product=t["product"], coordinators=tuple(t["coordinator_codes"]),
                                         deadline=t["deadline"], recurrence=t["recurrence"]) for t in kept_tasks],
        )
    except DomainError as error:
        _place_errors(error.errors, rows, kept_tasks, kept_references)
        context = {**_review_context(text, rows, None), "meeting": meeting}
        context["refusal"] = _("Nothing was saved: correct what is marked below.") if error.status == 422 else error.message
        return render(request, "ingest/review.html", context, status=error.status)
    messages.success(request, _("Registered %(number)s with %(count)d tasks.") % {
        "number": confirmed.document.number_text, "count": len(confirmed.tasks)})
    if meeting is not None:
        return redirect(reverse("meetings:detail", args=[meeting.pk]))
    return redirect(reverse("document_detail", args=[confirmed.document.pk]))


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
    matcher = None
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
        coordinators = []
        if task["coordinators"]:
            from mandate.ingest.register import unit_matcher  # the same matcher the reading used

            matcher = matcher or unit_matcher(province_code=selectors.home_province(user=user))
            coordinators = [code for phrase in task["coordinators"] if matcher and (code := matcher.match(phrase)[0])]
        tasks.append({
            "index": index, "keep": True, "assignee": task["assignee"], "title": task["action"] or task["assignee"],
            "lead_unit": task["unit"] or "", "confidence": task["unit_confidence"], "candidates": task["unit_candidates"],
            "coordinators_raw": task["coordinators"], "coordinator_codes": coordinators, "leader": "",
            "deadline": dt.date.fromisoformat(task["deadline"]) if task["deadline"] else None,
            "recurrence": "" if task["deadline"] else (task["deadline_raw"] or ""), "deadline_raw": task["deadline_raw"],
            "product": task["product"] or "", "span": task["span"], "errors": {},
        })
    return {"header": header_row, "header_errors": {}, "references": references, "tasks": tasks}


def _issuing_unit_guess(user, header: dict) -> str:
    """The user's own unit whose issuer code is the header's ("TU" → the party committee they work in)."""
    from mandate.accounts.selectors import membership_units

    issuer = (header.get("issuer") or "").upper()
    units = membership_units(user=user)
    for unit in units:
        if issuer and (unit.issuer_code or "").upper() == issuer:
            return unit.code
    return units[0].code if units else ""


def _date(value: str, field_name: str, errors: list[FieldError]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(field_name, _("is not a date (YYYY-MM-DD)"), "invalid"))
        return None


def _rows_from_post(post) -> dict:
    errors: list[FieldError] = []
    header = services.ReviewedHeader(
        issuing_unit=post.get("issuing_unit", "").strip(), type=post.get("type", "").strip(),
        number=post.get("number", "").strip() or None, title=post.get("title", "").strip(),
        issued_on=_date(post.get("issued_on", ""), "document.issued_on", errors))
    references = []
    for index in range(_count(post, "reference_count")):
        key = f"reference-{index}-"
        registered = post.get(key + "registered_id", "")
        references.append({
            "index": index, "keep": post.get(key + "keep") == "on", "raw": post.get(key + "raw", ""),
            "number": post.get(key + "number", "").strip(), "kind": post.get(key + "kind", RelationKind.CITES),
            "issued_on": _date(post.get(key + "issued_on", ""), f"references.{index}.issued_on", errors),
            "registered_id": query_id(registered),
            "span": _span(post.get(key + "span", "")), "errors": {}})
    tasks = []
    for index in range(_count(post, "task_count")):
        key = f"task-{index}-"
        tasks.append({
            "index": index, "keep": post.get(key + "keep") == "on", "assignee": post.get(key + "assignee", ""),
            "title": post.get(key + "title", "").strip(), "lead_unit": post.get(key + "lead_unit", "").split(" — ")[0].strip(),
            "confidence": None, "candidates": [], "coordinators_raw": [],
            "coordinator_codes": [c for c in post.get(key + "coordinators", "").replace(";", ",").replace(" ", ",").split(",") if c],
            "leader": post.get(key + "leader", "").split(" — ")[0].strip(),
            "deadline": _date(post.get(key + "deadline", ""), f"tasks.{index}.deadline", errors),
            "recurrence": post.get(key + "recurrence", "").strip(), "deadline_raw": post.get(key + "deadline_raw", ""),
            "product": post.get(key + "product", "").strip(), "span": _span(post.get(key + "span", "")),
            "errors": {}})
    rows = {"header": header, "header_errors": {}, "references": references, "tasks": tasks, "unreadable": bool(errors)}
    for error in errors:  # numbered as the table is, every row kept or not
        _place_one(error, rows, references, tasks)
    return rows


def _count(post, name: str) -> int:
    value = post.get(name, "0")
    return min(query_number(value, otherwise=0), 500)


def _span(value: str) -> list[int] | None:
    start, _sep, end = value.partition(":")
    start, end = query_number(start), query_number(end)
    return [start, end] if start is not None and end is not None else None


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
            owner[position]["errors"].setdefault(parts[2], []).append(error.reason)
            return
    name = parts[-1] if parts[0] == "document" else error.field
    rows["header_errors"].setdefault(name, []).append(error.reason)


def _review_context(text: str, rows: dict, reading: dict | None) -> dict:
    codes = {row["lead_unit"] for row in rows["tasks"]} | {c["unit"] for row in rows["tasks"] for c in row["candidates"]}
    codes |= {code for row in rows["tasks"] for code in row["coordinator_codes"]} | {rows["header"].issuing_unit}
    names = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
    leaders = {u.username for u in User.objects.filter(username__in=[r["leader"] for r in rows["tasks"] if r["leader"]])}
    header = rows["header"]
    for row in rows["tasks"]:
        row["lead_unit_name"] = names.get(row["lead_unit"], "")
        row["candidates"] = [{**c, "name": names.get(c["unit"], c["unit"]), "percent": round(c["score"] * 100)}
                             for c in row["candidates"]]
        row["coordinators"] = ", ".join(row["coordinator_codes"])
        if row["confidence"] is not None:
            row["confidence_percent"] = round(row["confidence"] * 100)
        draft = Draft(leader=row["leader"] if row["leader"] in leaders else None, title=row["title"],
                      deadline=row["deadline"], recurrence=row["recurrence"],
                      lead_unit=row["lead_unit"] if row["lead_unit"] in names else None,
                      coordinators=tuple(row["coordinator_codes"]), product=row["product"], document=header,
                      assigned_on=header.issued_on)
        missing = {error.code.removeprefix("clear_") for error in missing_clears(draft)} - {"authority"}
        row["clears"] = [(name, name not in missing) for name in CLEARS if name != "authority"]
        row["missing"] = [name for name in CLEARS if name in missing]
    return {"text": text, "segments": _segments(text, rows["tasks"]), "header": header, "header_errors": rows["header_errors"],
            "issuing_unit_name": names.get(header.issuing_unit, ""), "references": rows["references"], "tasks": rows["tasks"],
            "relation_kinds": RelationKind.choices, "language": reading["language"] if reading else None}


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
