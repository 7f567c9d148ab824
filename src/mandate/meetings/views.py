"""Pages of meetings: the list, one meeting (agenda, groups, delegates), a draft to comment on clause by clause
(made for a phone), the table of responses with its exports, and the secretariat's forms.

Each view parses, lets the permission layer and the services decide, and renders; a refusal is shown next to
the form it came from, with the status the domain gave it.
"""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.models import User
from mandate.web.pages import page
from mandate.core.dates import parse_iso_date
from mandate.core.errors import DomainError, FieldError, NotFound, invalid
from mandate.core.ids import possible_ids
from mandate.ingest import inputs
from mandate.meetings import exports, selectors, services
from mandate.meetings.models import (
    Attendance, Delegate, DelegateRole, Disposition, DiscussionGroup, DraftClause, Meeting, MeetingState, OpinionKind,
)
from mandate.meetings.permissions import can_manage_meeting
from mandate.orgs.selectors import unit_get


def _errors(error: DomainError) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in error.errors:
        found.setdefault(item.field, []).append(item.reason)
    return found


def _roles(request: HttpRequest, meeting: Meeting) -> dict:
    """What the user may do here: manage (secretariat, leaders), speak as a delegate, record for a group."""
    return {"can_manage": can_manage_meeting(request.user, meeting.body),
            "me": selectors.delegate_of(user=request.user, meeting=meeting),
            "my_groups": selectors.groups_secretaried(user=request.user, meeting=meeting)}


# The list and a new meeting

@page
def meeting_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    state = request.GET.get("state") or None
    meetings = selectors.meetings_list(user=request.user, q=request.GET.get("q"),
                                       state=state if state in MeetingState.values else None)
    return render(request, "meetings/list.html", {"meetings": meetings[:200], "states": MeetingState.choices,
                                                  "q": request.GET.get("q", ""), "state": state or ""})


@page
def meeting_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    values = request.POST if request.method == "POST" else {}
    context = {"values": values, "errors": {}}
    if request.method != "POST":
        return render(request, "meetings/create.html", context)
    try:
        errors: list[FieldError] = []
        starts_on = _date(values.get("starts_on"), "starts_on", errors, required=True)
        ends_on = _date(values.get("ends_on"), "ends_on", errors)
        number = values.get("number", "").strip()
        if number and not number.isdigit():
            errors.append(FieldError("number", _("is not a number")))
        if errors:
            raise DomainError(_("The meeting cannot be created."), errors)
        body = _unit(values.get("body", "").split(" — ")[0].strip(), "body")
        meeting = services.meeting_create(actor=request.user, body=body, title=values.get("title", ""), starts_on=starts_on,
                                          ends_on=ends_on, place=values.get("place", ""),
                                          number=int(number) if number else None, extended=values.get("extended") == "on")
    except DomainError as error:
        context.update(errors=_errors(error), refusal=error.message)
        return render(request, "meetings/create.html", context, status=error.status)
    messages.success(request, _("The meeting is open for opinions."))
    return redirect("meetings:detail", meeting.pk)


def _date(value: str | None, field_name: str, errors: list[FieldError], *, required: bool = False) -> dt.date | None:
    try:
        day = parse_iso_date(value or None, field_name=field_name)
    except DomainError as error:
        errors.extend(error.errors)
        return None
    if day is None and required:
        errors.append(FieldError(field_name, _("is required"), "required"))
    return day


def _unit(code: str, field_name: str):
    """A unit the form must name, refused in the page's language."""
    if not code:
        raise invalid(field_name, _("is required"), "required")
    try:
        return unit_get(code=code)
    except NotFound:
        raise invalid(field_name, _("no unit with code '%(code)s'") % {"code": code}) from None


# One meeting

def _detail_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    delegates = list(meeting.delegates.select_related("user", "unit", "group"))
    return {"meeting": meeting, "summaries": selectors.item_summaries(meeting=meeting), "kinds": OpinionKind.choices,
            "dispositions": Disposition.choices, "groups": list(meeting.groups.select_related("leader", "secretary")),
            "delegates": delegates, "chairs": [d for d in delegates if d.role == DelegateRole.CHAIR],
            "attendance_choices": Attendance.choices, "roles_choices": DelegateRole.choices,
            "present": sum(d.attendance == Attendance.PRESENT for d in delegates),
            **_roles(request, meeting), "forms": {}, **extra}


@page
def meeting_detail(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


def _refused(request: HttpRequest, meeting: Meeting, form: str, error: DomainError) -> HttpResponse:
    """The meeting page again, the refusal next to the form it came from."""
    context = _detail_context(request, meeting, forms={form: {"errors": _errors(error), "message": error.message,
                                                              "values": request.POST}})
    return render(request, "meetings/detail.html", context, status=error.status)


def _id(value: str | None) -> int | None:
    """A form's choice of a row by id: None when nothing is chosen, 0 (no row) when it is not a number."""
    return (int(value) if value.isdigit() else 0) if value else None


def _delegate(meeting: Meeting, value: str | None, field_name: str) -> Delegate | None:
    return selectors.picked(meeting.delegates, _id(value), field_name=field_name,
                            reason=_("no such delegate in this meeting"))


def _group(meeting: Meeting, value: str | None, field_name: str) -> DiscussionGroup | None:
    return selectors.picked(meeting.groups, _id(value), field_name=field_name, reason=_("no such group in this meeting"))


@require_POST
@page
def delegate_add(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    post = request.POST
    try:
        user = None
        username = post.get("user", "").split(" — ")[0].strip()
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise invalid("user", _("no active user '%(name)s'") % {"name": username}, "unknown")
        unit_code = post.get("unit", "").split(" — ")[0].strip()
        services.delegate_add(actor=request.user, meeting=meeting, user=user, name=post.get("name", ""),
                              position=post.get("position", ""), unit=_unit(unit_code, "unit") if unit_code else None,
                              role=post.get("role", DelegateRole.DELEGATE), group=_group(meeting, post.get("group"), "group"))
    except DomainError as error:
        return _refused(request, meeting, "delegate", error)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#delegates")


@require_POST
@page
def group_create(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    post = request.POST
    try:
        services.group_create(
            actor=request.user, meeting=meeting, name=post.get("name", ""), place=post.get("place", ""),
            leader=_delegate(meeting, post.get("leader"), "leader"),
            secretary=_delegate(meeting, post.get("secretary"), "secretary"),
            members=[_delegate(meeting, value, f"members.{i}") for i, value in enumerate(post.getlist("members"))])
    except DomainError as error:
        return _refused(request, meeting, "group", error)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#groups")


@require_POST
@page
def delegate_update(request: HttpRequest, as_of: dt.date, meeting_id: int, delegate_id: int) -> HttpResponse:
    """Attendance and group of one delegate, from the row of the delegates' table."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    try:
        delegate = _delegate(meeting, str(delegate_id), "delegate")
        post = request.POST
        if "attendance" in post:
            services.attendance_record(actor=request.user, delegate=delegate, attendance=post["attendance"],
                                       note=post.get("note", ""))
        if "group" in post:
            group = _group(meeting, post.get("group"), "group")
            if group != delegate.group:
                services.delegate_place(actor=request.user, delegate=delegate, group=group)
    except DomainError as error:
        return _refused(request, meeting, "delegates", error)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#delegate-{delegate_id}")


@require_POST
@page
def item_add(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    post = request.POST
    try:
        item = services.agenda_item_add(actor=request.user, meeting=meeting, title=post.get("title", ""),
                                        presenter=post.get("presenter", ""), draft_title=post.get("draft_title", ""),
                                        draft_text=_draft_text(request, "draft_text"))
    except DomainError as error:
        return _refused(request, meeting, "item", error)
    return redirect("meetings:item", meeting.pk, item.pk)


def _draft_text(request: HttpRequest, field_name: str) -> str:
    """The draft pasted in `field_name`, or read from the uploaded Word, PDF or text file (`file`)."""
    upload = request.FILES.get("file")
    if upload is None:
        return request.POST.get(field_name, "")
    return inputs.directive_text(upload=upload)


@require_POST
@page
def meeting_close(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    try:
        services.meeting_close(actor=request.user, meeting=meeting)
    except DomainError as error:
        return _refused(request, meeting, "close", error)
    messages.success(request, _("The floor is closed: no more opinions are taken."))
    return redirect("meetings:detail", meeting.pk)


# A draft, clause by clause

def _item_context(request: HttpRequest, meeting: Meeting, item_id: int, *, version_number: int | None = None,
                  form: dict | None = None) -> dict:
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    versions = list(item.draft.versions.all()) if item.current_version else []
    version = next((v for v in versions if v.number == version_number), item.current_version)
    opinions = list(selectors.opinions_list(meeting=meeting, item_id=item.pk))
    on_clause: dict[int, list] = {}
    general = []
    for opinion in opinions:
        if opinion.clause_id and version and opinion.version_id == version.pk:
            on_clause.setdefault(opinion.clause_id, []).append(opinion)
        elif not opinion.clause_id:
            general.append(opinion)
    clauses = []
    if version is not None:
        for clause in version.clauses.all():
            clause.opinions_here = on_clause.get(clause.pk, [])
            clause.body = version.text[clause.start:clause.end]
            clause.anchor = f"clause-{clause.pk}"
            clauses.append(clause)
    roles = _roles(request, meeting)
    authors = _author_choices(meeting, roles)
    taking = (roles["can_manage"] and version is not None and version == item.current_version)
    return {"meeting": meeting, "item": item, "version": version, "versions": versions, "clauses": clauses,
            "general": general, "kinds": OpinionKind.choices, "authors": authors, "form": form or {},
            "open": meeting.state == MeetingState.OPEN and version == item.current_version,
            "can_speak": bool(authors), "older": [o for o in opinions if o.clause_id and version and o.version_id != version.pk],
            "can_version": taking, "acceptable": [o for o in opinions if o.disposition == Disposition.ACCEPTED
                                                  and not o.taken_into.all()] if taking else [],
            **roles}


def _author_choices(meeting: Meeting, roles: dict) -> list[tuple[str, str]]:
    """Whose opinion the form records: my own; my group's and its members' (secretary); anyone's (secretariat)."""
    choices = []
    if roles["me"] is not None:
        choices.append(("me", _("My own opinion (%(name)s)") % {"name": roles["me"].name}))
    groups = list(meeting.groups.all()) if roles["can_manage"] else roles["my_groups"]
    for group in groups:
        choices.append((f"group:{group.pk}", _("Group opinion: %(group)s") % {"group": group.name}))
    if roles["can_manage"]:
        members = meeting.delegates.select_related("group")
    else:
        members = Delegate.objects.filter(group__in=roles["my_groups"]).select_related("group")
    for delegate in members:
        if roles["me"] is None or delegate.pk != roles["me"].pk:
            label = f"{delegate.name} ({delegate.group.name})" if delegate.group else delegate.name
            choices.append((f"delegate:{delegate.pk}", label))
    return choices


@page
def meeting_item(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    version = request.GET.get("version", "")
    context = _item_context(request, meeting, item_id, version_number=int(version) if version.isdigit() else None)
    return render(request, "meetings/item.html", context)


@require_POST
@page
def opinion_give(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    post = request.POST
    clause_id = post.get("clause", "")
    anchor = f"clause-{clause_id}" if clause_id else "general"
    try:
        clause = None
        if clause_id:
            clause = DraftClause.objects.filter(pk=int(clause_id) if clause_id.isdigit() else 0,
                                                version__draft__item=item).select_related("version").first()
            if clause is None:
                raise invalid("clause", _("no such clause in this draft"), "unknown")
        author = post.get("author", "me")
        delegate = group = None
        if author.startswith("delegate:"):
            delegate = _delegate(meeting, author.partition(":")[2], "delegate")
        elif author.startswith("group:"):
            group = _group(meeting, author.partition(":")[2], "group")
        services.opinion_give(actor=request.user, meeting=meeting, item=item, kind=post.get("kind", ""),
                              text=post.get("text", ""), clause=clause, quote=post.get("quote", ""),
                              proposal=post.get("proposal", ""), delegate=delegate, group=group)
    except DomainError as error:
        context = _item_context(request, meeting, item_id, form={"anchor": anchor, "errors": _errors(error),
                                                                  "message": error.message, "values": post})
        return render(request, "meetings/item.html", context, status=error.status)
    messages.success(request, _("Your opinion is recorded."))
    return redirect(reverse("meetings:item", args=[meeting.pk, item.pk]) + f"#{anchor}")


@require_POST
@page
def version_add(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    try:
        if item.current_version is None:
            raise invalid("item", _("carries no draft"), "no_draft")
        opinions = list(meeting.opinions.filter(pk__in=possible_ids(request.POST.getlist("taken_in")), item=item))
        version = services.draft_version_add(actor=request.user, draft=item.draft, text=_draft_text(request, "text"),
                                             note=request.POST.get("note", ""), taken_in=opinions)
    except DomainError as error:
        context = _item_context(request, meeting, item_id, form={"anchor": "new-version", "errors": _errors(error),
                                                                  "message": error.message, "values": request.POST})
        return render(request, "meetings/item.html", context, status=error.status)
    messages.success(request, _("Version %(number)d of the draft is recorded.") % {"number": version.number})
    return redirect("meetings:item", meeting.pk, item.pk)


# Responses

@page
def responses(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    return render(request, "meetings/responses.html", _responses_context(request, meeting))


def _responses_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    params = request.GET
    item = params.get("item", "")
    group = params.get("group", "")
    waiting = params.get("waiting") == "1"
    opinions = selectors.opinions_list(meeting=meeting, item_id=int(item) if item.isdigit() else None,
                                       group_id=int(group) if group.isdigit() else None,
                                       disposition="" if waiting else None)
    return {"meeting": meeting, "opinions": opinions, "items": meeting.items.order_by("position"),
            "groups": meeting.groups.all(), "dispositions": Disposition.choices, "chosen_item": item,
            "chosen_group": group, "waiting": waiting, "query": params.urlencode(), "forms": {},
            **_roles(request, meeting), **extra}


@require_POST
@page
def respond(request: HttpRequest, as_of: dt.date, meeting_id: int, opinion_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    opinion = selectors.opinion_get(meeting=meeting, opinion_id=opinion_id)
    post = request.POST
    try:
        services.opinion_respond(actor=request.user, opinion=opinion, disposition=post.get("disposition", ""),
                                 explanation=post.get("explanation", ""), responder=post.get("responder", ""))
    except DomainError as error:
        context = _responses_context(request, meeting, forms={opinion.pk: {"errors": _errors(error),
                                                                            "message": error.message, "values": post}})
        return render(request, "meetings/responses.html", context, status=error.status)
    back = reverse("meetings:responses", args=[meeting.pk])
    query = post.get("query", "")
    return redirect(f"{back}?{query}#opinion-{opinion.pk}" if query else f"{back}#opinion-{opinion.pk}")


@page
def responses_export(request: HttpRequest, as_of: dt.date, meeting_id: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = request.GET.get("item", "")
    return exports.responses_response(meeting=meeting, fmt=fmt, day=as_of, item_id=int(item) if item.isdigit() else None)
