"""Pages of meetings: the list, one meeting (agenda, groups, delegates), a draft to comment on clause by clause
(made for a phone), the table of responses with its exports, and the secretariat's forms.

Each view parses with its form (meetings/forms.py), calls one service or selector, and renders; a refusal is shown
next to the field it names, with its label, in the reader's language, with the status the domain gave it.
"""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.core.ids import query_id, query_number
from mandate.core.errors import DomainError, PermissionDenied, invalid
from mandate.core.preconditions import form_version
from mandate.meetings import exports, forms, selectors, services
from mandate.meetings.models import Attendance, DelegateRole, Disposition, Meeting, MeetingState, OpinionKind
from mandate.meetings.permissions import can_manage_meeting, can_open_meetings
from mandate.web.forms import refusal_message
from mandate.web.pages import page


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
    if not can_open_meetings(request.user):
        raise PermissionDenied(_("You hold no role that may open a meeting."))
    if request.method != "POST":
        return render(request, "meetings/create.html", {"values": {}, "errors": {}})
    form = forms.MeetingForm(request.POST)
    meeting = form.submit(lambda data: services.meeting_create(actor=request.user, **data))
    if form.refused:
        state = form.state()
        return render(request, "meetings/create.html", {**state, "refusal": state["message"]}, status=form.status)
    messages.success(request, _("The meeting is open for opinions."))
    return redirect("meetings:detail", meeting.pk)


# One meeting

def _detail_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    delegates = selectors.meeting_delegates(meeting=meeting)
    return {"meeting": meeting, "summaries": selectors.item_summaries(meeting=meeting), "kinds": OpinionKind.choices,
            "dispositions": Disposition.choices, "groups": selectors.meeting_groups(meeting=meeting),
            "delegates": delegates, "chairs": [d for d in delegates if d.role == DelegateRole.CHAIR],
            "attendance_choices": Attendance.choices, "roles_choices": DelegateRole.choices,
            "present": sum(d.attendance == Attendance.PRESENT for d in delegates),
            **_roles(request, meeting), "forms": {}, **extra}


@page
def meeting_detail(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


def _refused(request: HttpRequest, meeting: Meeting, name: str, form) -> HttpResponse:
    """The meeting page again, the refusal next to the form it came from."""
    context = _detail_context(request, meeting, forms={name: form.state()})
    return render(request, "meetings/detail.html", context, status=form.status)


@require_POST
@page
def delegate_add(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    form = forms.DelegateForm(request.POST, meeting=meeting, viewer=request.user)
    form.submit(lambda data: services.delegate_add(actor=request.user, meeting=meeting, **data))
    if form.refused:
        return _refused(request, meeting, "delegate", form)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#delegates")


@require_POST
@page
def group_create(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    form = forms.GroupForm(request.POST, meeting=meeting)
    form.submit(lambda data: services.group_create(actor=request.user, meeting=meeting, **data))
    if form.refused:
        return _refused(request, meeting, "group", form)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#groups")


@require_POST
@page
def delegate_update(request: HttpRequest, as_of: dt.date, meeting_id: int, delegate_id: int) -> HttpResponse:
    """Attendance and group of one delegate, from the row of the delegates' table."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    delegate = selectors.picked(meeting.delegates, delegate_id, field_name="delegate",
                                reason=_("no such delegate in this meeting"))
    form = forms.DelegateUpdateForm(request.POST, meeting=meeting)

    form.submit(lambda data: services.delegate_update(
        actor=request.user, delegate=delegate, attendance=data["attendance"] if "attendance" in request.POST else None,
        note=data["note"], group=data["group"], place="group" in request.POST, expected_version=form_version(request)))
    if form.refused:
        return _refused(request, meeting, "delegates", form)
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#delegate-{delegate_id}")


@require_POST
@page
def item_add(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    form = forms.ItemForm(request.POST, request.FILES, meeting=meeting)
    item = form.submit(lambda data: services.agenda_item_add(
        actor=request.user, meeting=meeting, title=data["title"], presenter=data["presenter"],
        draft_title=data["draft_title"], draft_text=data["draft_text"]))
    if form.refused:
        return _refused(request, meeting, "item", form)
    return redirect("meetings:item", meeting.pk, item.pk)


@require_POST
@page
def meeting_close(request: HttpRequest, as_of: dt.date, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    try:
        services.meeting_close(actor=request.user, meeting=meeting, expected_version=form_version(request))
    except DomainError as error:
        context = _detail_context(request, meeting, forms={"close": {"message": refusal_message(error)}})
        return render(request, "meetings/detail.html", context, status=error.status)
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
    groups, members = selectors.speakers_for(meeting=meeting, manage=roles["can_manage"], groups=roles["my_groups"])
    for group in groups:
        choices.append((f"group:{group.pk}", _("Group opinion: %(group)s") % {"group": group.name}))
    for delegate in members:
        if roles["me"] is None or delegate.pk != roles["me"].pk:
            label = f"{delegate.name} ({delegate.group.name})" if delegate.group else delegate.name
            choices.append((f"delegate:{delegate.pk}", label))
    return choices


@page
def meeting_item(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    version = request.GET.get("version", "")
    context = _item_context(request, meeting, item_id, version_number=query_number(version))
    return render(request, "meetings/item.html", context)


@require_POST
@page
def opinion_give(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    clause_id = request.POST.get("clause", "")
    anchor = f"clause-{clause_id}" if clause_id else "general"
    form = forms.OpinionForm(request.POST, meeting=meeting, item=item)

    def give(data):
        delegate, group = data["author"]
        return services.opinion_give(actor=request.user, meeting=meeting, item=item, kind=data["kind"], text=data["text"],
                                     clause=data["clause"], quote=data["quote"], proposal=data["proposal"],
                                     delegate=delegate, group=group)

    form.submit(give)
    if form.refused:
        context = _item_context(request, meeting, item_id, form={**form.state(), "anchor": anchor})
        return render(request, "meetings/item.html", context, status=form.status)
    messages.success(request, _("Your opinion is recorded."))
    return redirect(reverse("meetings:item", args=[meeting.pk, item.pk]) + f"#{anchor}")


@require_POST
@page
def version_add(request: HttpRequest, as_of: dt.date, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = selectors.agenda_item_get(user=request.user, meeting=meeting, item_id=item_id)
    form = forms.VersionForm(request.POST, request.FILES, meeting=meeting, item=item)

    def record(data):
        if item.current_version is None:
            raise invalid("item", _("carries no draft"), "no_draft")
        return services.draft_version_add(actor=request.user, draft=item.draft, text=data["text"], note=data["note"],
                                          taken_in=list(data["taken_in"]))

    version = form.submit(record)
    if form.refused:
        context = _item_context(request, meeting, item_id, form={**form.state(), "anchor": "new-version"})
        return render(request, "meetings/item.html", context, status=form.status)
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
    opinions = selectors.opinions_list(meeting=meeting, item_id=query_id(item),
                                       group_id=query_id(group),
                                       disposition="" if waiting else None)
    return {"meeting": meeting, "opinions": opinions, "items": selectors.meeting_items(meeting=meeting),
            "groups": selectors.meeting_groups(meeting=meeting), "dispositions": Disposition.choices,
            "chosen_item": item, "chosen_group": group, "waiting": waiting, "query": params.urlencode(), "forms": {},
            **_roles(request, meeting), **extra}


@require_POST
@page
def respond(request: HttpRequest, as_of: dt.date, meeting_id: int, opinion_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    opinion = selectors.opinion_get(meeting=meeting, opinion_id=opinion_id)
    form = forms.ResponseForm(request.POST)
    form.submit(lambda data: services.opinion_respond(actor=request.user, opinion=opinion, disposition=data["disposition"],
                                                      explanation=data["explanation"], responder=data["responder"],
                                                      expected_version=data["version"]))
    if form.refused:
        context = _responses_context(request, meeting, forms={opinion.pk: form.state()})
        return render(request, "meetings/responses.html", context, status=form.status)
    back = reverse("meetings:responses", args=[meeting.pk])
    query = form.cleaned_data.get("query", "")
    return redirect(f"{back}?{query}#opinion-{opinion.pk}" if query else f"{back}#opinion-{opinion.pk}")


@page
def responses_export(request: HttpRequest, as_of: dt.date, meeting_id: int, fmt: str) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    item = request.GET.get("item", "")
    return exports.responses_response(meeting=meeting, fmt=fmt, day=as_of, item_id=query_id(item))
