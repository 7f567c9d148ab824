"""Pages of cadre work: posts (and their vacancies) as of a date, a post's holders and history, people found by name,
a cadre's record (each opening logged), personnel events checked and applied, the account's roles offered when a
post ends or begins, staffing against quota, the planning pool, the read log, and a leader's own posts and tasks.

Each view parses with its form (personnel/forms.py), calls one service or selector, and renders; a refusal is shown
next to the field it names, in the reader's language.
"""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts import administration
from mandate.accounts.models import Membership, User
from mandate.core import clock
from mandate.core.errors import NotFound, PermissionDenied, invalid
from mandate.core.ids import query_id
from mandate.core.preconditions import form_version
from mandate.orgs.forms import unit_from_code
from mandate.orgs.models import Term
from mandate.personnel import forms, selectors, services
from mandate.personnel.events import StepIn, personnel_event_apply
from mandate.personnel.models import EventKind, Holding
from mandate.personnel.permissions import (
    can_correct_person, can_keep_any_files, can_review_left_over_roles, can_keep_files, can_read_cadre_figures, can_read_record_log,
)
from mandate.web.pages import page

SEARCH_LIMIT = 15


def _unit_or_none(text: str):
    try:
        return unit_from_code(text) if text.strip() else None
    except Exception:  # noqa: BLE001 - ValidationError: a name no unit bears filters nothing and says so
        return None


# Posts

@page
def position_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The posts of a unit (or its subtree) on a date, with their holders; `vacant` keeps the empty and acting-only seats."""
    unit_text = request.GET.get("unit", "").strip()[:200]
    unit = _unit_or_none(unit_text)
    vacant = request.GET.get("vacant") == "1"
    positions = list(selectors.positions_list(user=request.user, filters=selectors.PositionFilters(
        as_of=as_of, unit=unit, subtree=request.GET.get("subtree") == "1" or unit is None, vacant=True if vacant else None,
        q=request.GET.get("q", "")[:100] if unit is None else None))[:300]) if unit is not None or request.GET.get("q") else []
    holders = selectors.holders_of(positions, as_of=as_of)
    rows = [(p, holders.get(p.pk, []), selectors.vacancy_state(p), selectors.vacant_since(p)) for p in positions]
    rollup = selectors.vacancies_by_unit(user=request.user, unit=unit, as_of=as_of) \
        if vacant and unit is not None and request.GET.get("subtree") == "1" else None
    return render(request, "personnel/positions.html", {
        "rows": rows, "rollup": rollup, "unit_text": unit.name if unit else unit_text, "unknown_unit": bool(unit_text and unit is None),
        "vacant": vacant, "subtree": request.GET.get("subtree") == "1", "q": request.GET.get("q", ""), "as_of": as_of,
        "may_keep": can_keep_any_files(request.user)})


@page
def position_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_keep_any_files(request.user):
        raise PermissionDenied(_("Only the organization committee's staff keep cadre files."))
    form = forms.PositionForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        position = form.submit(lambda data: services.position_create(actor=request.user, **data))
        if not form.refused:
            messages.success(request, _("The post is added."))
            return redirect("personnel:position", position.pk)
    return render(request, "personnel/form.html", {"form": form, "title": _("Add a post"), "back": "personnel:positions"},
                  status=form.status)


@page
def position_detail(request: HttpRequest, as_of: dt.date, position_id: int) -> HttpResponse:
    position = selectors.position_get(user=request.user, position_id=position_id)
    return render(request, "personnel/position.html", {
        "position": position, "holders": selectors.holders_as_of(position=position, as_of=as_of),
        "history": selectors.position_history(position), "as_of": as_of})


@page
def position_search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Suggestions for a post field: `<option>`s of the open posts whose title and unit hold the words typed."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or "").strip()[:200]
    found = selectors.positions_named(user=request.user, text=text.replace(" — ", " "), as_of=as_of, limit=SEARCH_LIMIT) if len(text) >= 2 else []
    return render(request, "personnel/_options.html", {"picks": [selectors.position_pick(p) for p in found]})


# People

@page
def person_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    people = list(selectors.people_search(user=request.user, q=q, limit=200))
    posts = selectors.current_posts(people, as_of=as_of)
    return render(request, "personnel/people.html", {"rows": [(p, posts.get(p.pk, [])) for p in people], "q": q,
                                                      "may_keep": can_keep_any_files(request.user)})


@page
def person_search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or "").split(" — ")[0].strip()[:100]
    found = list(selectors.people_search(user=request.user, q=text, limit=SEARCH_LIMIT)) if len(text) >= 2 else []
    return render(request, "personnel/_options.html", {"picks": [selectors.person_pick(p) for p in found]})


@page
def decision_search(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or "").strip()[:200]
    found = selectors.decisions_named(user=request.user, text=text, limit=SEARCH_LIMIT) if len(text) >= 2 else []
    return render(request, "personnel/_options.html", {"picks": [d.number_text for d in found]})


@page
def person_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_keep_any_files(request.user):
        raise PermissionDenied(_("Only the organization committee's staff keep cadre files."))
    form = forms.PersonForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        person = form.submit(lambda data: services.person_create(actor=request.user, **data))
        if not form.refused:
            messages.success(request, _("The record is opened."))
            return redirect("personnel:person", person.pk)
    return render(request, "personnel/form.html", {"form": form, "title": _("Open a cadre's record"), "back": "personnel:people"},
                  status=form.status)


def _record(request: HttpRequest, person, *, status: int = 200, **forms_shown) -> HttpResponse:
    keeps = person.kept_by is not None and can_keep_files(request.user, person.kept_by)
    return render(request, "personnel/person.html", {
        "person": person, "career": selectors.person_career(person), "disciplines": selectors.disciplines_of(person),
        "events": selectors.person_events(person), "planning": selectors.planning_of(person), "may_keep": keeps,
        "may_correct": can_correct_person(request.user, person),
        "correct_form": forms_shown.get("correct_form") or forms.PersonCorrectForm.of(person, viewer=request.user),
        "holding_form": forms_shown.get("holding_form") or forms.HoldingForm(viewer=request.user),
        "discipline_form": forms_shown.get("discipline_form") or forms.DisciplineRecordForm(viewer=request.user)}, status=status)


@page
def person_detail(request: HttpRequest, as_of: dt.date, person_id: int) -> HttpResponse:
    """A cadre's record; opening it is logged (who, whose, when)."""
    person = selectors.person_get(user=request.user, person_id=person_id)
    services.record_opened(actor=request.user, person=person, channel="page")
    return _record(request, person)


@require_POST
@page
def person_correct(request: HttpRequest, as_of: dt.date, person_id: int) -> HttpResponse:
    """Correct the record's form 2C fields; the version the form was read at refuses a stale correction (409)."""
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = forms.PersonCorrectForm(request.POST, viewer=request.user)
    form.submit(lambda data: services.person_update(actor=request.user, person=person, expected_version=form_version(request),
                                                    **data))
    if form.refused:
        return _record(request, person, correct_form=form, status=form.status)
    messages.success(request, _("The record is corrected."))
    return redirect("personnel:person", person.pk)


@require_POST
@page
def person_holding(request: HttpRequest, as_of: dt.date, person_id: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = forms.HoldingForm(request.POST, viewer=request.user)
    form.submit(lambda data: services.holding_record(actor=request.user, person=person, **data))
    if form.refused:
        return _record(request, person, holding_form=form, status=form.status)
    messages.success(request, _("The post is entered in the career."))
    return redirect("personnel:person", person.pk)


@require_POST
@page
def person_discipline(request: HttpRequest, as_of: dt.date, person_id: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = forms.DisciplineRecordForm(request.POST, viewer=request.user)
    form.submit(lambda data: services.discipline_record(actor=request.user, person=person, **data))
    if form.refused:
        return _record(request, person, discipline_form=form, status=form.status)
    messages.success(request, _("The discipline is recorded."))
    return redirect("personnel:person", person.pk)


# Personnel events

def _event_call(request: HttpRequest, data: dict, *, dry_run: bool):
    person = data["person"]
    ends = []
    if data.get("ends") is not None:
        held = Holding.objects.filter(person=person, position=data["ends"], starts_on__lt=data["effective_on"]).exclude(
            ends_on__lte=data["effective_on"]).select_related("position", "position__unit", "person").first()
        if held is None:
            raise invalid("ends", _("%(person)s does not hold %(position)s on %(day)s") % {
                "person": person.full_name, "position": data["ends"].title, "day": data["effective_on"].isoformat()}, "not_held")
        ends = [held]
    steps = []
    for number in range(1, forms.STEP_ROWS + 1):
        kind = data.get(f"step{number}_kind")
        if not kind:
            continue
        held_on = data.get(f"step{number}_held_on")
        if held_on is None or data.get(f"step{number}_convened") is None or data.get(f"step{number}_present") is None:
            raise invalid(f"step{number}_held_on", _("a meeting needs its day, those convened and those present"), "required")
        steps.append(StepIn(kind=kind, held_on=held_on, convened=data[f"step{number}_convened"],
                            present=data[f"step{number}_present"], votes_for=data.get(f"step{number}_votes_for")))
    return personnel_event_apply(
        actor=request.user, kind=data["kind"], person=person, document=data["document"], effective_on=data["effective_on"],
        position=data.get("position"), ends=ends, holding_kind=data.get("holding_kind") or "",
        dossier_received_on=data.get("dossier_received_on"), ends_on=data.get("ends_on"), internal=data.get("internal"),
        steps=steps, votes_convened=data.get("votes_convened"), votes_present=data.get("votes_present"),
        votes_for=data.get("votes_for"), note=data.get("note") or "", dry_run=dry_run)


@page
def event_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """A personnel event: "Check" answers what it would change and every rule it breaks; "Apply" applies it."""
    if not can_keep_any_files(request.user):
        raise PermissionDenied(_("Only the organization committee's staff keep cadre files."))
    form = forms.EventForm(request.POST or None, viewer=request.user, initial={"kind": request.GET.get("kind", EventKind.APPOINTMENT)})
    outcome = None
    if request.method == "POST":
        dry_run = request.POST.get("action") != "apply"
        outcome = form.submit(lambda data: _event_call(request, data, dry_run=dry_run))
        if outcome is not None and outcome.applied:
            messages.success(request, _("The personnel event is applied."))
            return render(request, "personnel/event_done.html", {"outcome": outcome})
    return render(request, "personnel/event.html", {"form": form, "outcome": outcome, "kinds": EventKind.choices},
                  status=form.status)


@page
def event_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    kind = request.GET.get("kind") or None
    events = selectors.events_list(user=request.user, kind=kind if kind in EventKind.values else None)[:200]
    return render(request, "personnel/events.html", {"events": events, "kinds": EventKind.choices, "kind": kind or "",
                                                     "may_keep": can_keep_any_files(request.user)})


@require_POST
@page
def role_offer(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The account's side of an event (item 8): withdraw a role in the unit of an ended post, or give one in the new
    post's unit; accounts.administration checks that the actor may."""
    if request.POST.get("membership"):
        membership = Membership.objects.filter(pk=query_id(request.POST["membership"], otherwise=0)).select_related("unit", "user").first()
        if membership is None:
            raise NotFound()
        administration.role_withdraw(actor=request.user, membership=membership)
        messages.success(request, _("The role of %(user)s in %(unit)s is withdrawn.") % {
            "user": membership.user.get_full_name() or membership.user.username, "unit": membership.unit.name})
    else:
        user = User.objects.filter(username=request.POST.get("user", ""), is_active=True).first()
        if user is None:
            raise invalid("user", _("no active user is called “%(name)s”") % {"name": request.POST.get("user", "")[:80]}, "unknown_user")
        unit = _unit_or_none(request.POST.get("unit", ""))
        administration.role_grant(actor=request.user, user=user, unit=unit, role=request.POST.get("role", ""))
        messages.success(request, _("%(user)s now holds a role in %(unit)s.") % {
            "user": user.get_full_name() or user.username, "unit": unit.name if unit else ""})
    return redirect("personnel:roles_left_over" if request.POST.get("back") == "left_over" else "personnel:events")


@page
def roles_left_over(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The standing list of item 8: accounts that keep a role in the unit of a post their person no longer holds, each
    with the one-click withdrawal (accounts.administration decides whether the actor may)."""
    if not can_review_left_over_roles(request.user):
        raise PermissionDenied(_("The roles left over after ended posts are for the organization committee and the administrators."))
    return render(request, "personnel/roles_left_over.html", {
        "rows": selectors.roles_left_over(user=request.user, as_of=as_of), "as_of": as_of})


# Staffing, planning, the read log, my posts

@page
def staffing(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """Headcount against quota per unit of a subtree, rolled up; after a merger, the path to the quota in 5 years."""
    unit_text = request.GET.get("unit", "").strip()[:200]
    unit = _unit_or_none(unit_text)
    try:
        year = int(request.GET.get("year") or as_of.year)
    except ValueError:
        year = as_of.year
    year = min(max(year, 1945), 2200)
    form = forms.StaffingForm(request.POST or None, viewer=request.user, initial={"unit": unit, "year": year})
    if request.method == "POST":
        form.submit(lambda data: services.staffing_set(actor=request.user, unit=data["unit"], year=data["year"], quota=data["quota"],
                                                       headcount=data["headcount"], protected=data["protected"] or 0))
        if not form.refused:
            messages.success(request, _("The figures are saved."))
            return redirect(f"{request.path}?unit={form.cleaned_data['unit'].code}&year={form.cleaned_data['year']}")
    rows, total = ([], None)
    if unit is not None:
        if not can_read_cadre_figures(request.user, unit):
            raise PermissionDenied(_("The staffing of %(unit)s is for its organization committee and leaders.") % {"unit": unit.name})
        rows, total = selectors.staffing_rollup(unit=unit, year=year, as_of=as_of)
    return render(request, "personnel/staffing.html", {
        "unit": unit, "unit_text": unit.name if unit else unit_text, "year": year, "rows": rows, "total": total, "form": form,
        "may_keep": can_keep_any_files(request.user)}, status=form.status)


@page
def planning(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """The planning pool of a committee's term, with its shares of women and young cadres against the targets."""
    unit_text = request.GET.get("unit", "").strip()[:200]
    unit = _unit_or_none(unit_text)
    form = forms.PlanningForm(request.POST or None, viewer=request.user)
    if request.method == "POST":
        def add(data):
            term = services.term_of(data["position"], data["added_on"])
            return services.planning_add(actor=request.user, person=data["person"], position=data["position"], term=term,
                                         added_on=data["added_on"], document=data.get("document"))
        entry = form.submit(add)
        if not form.refused:
            messages.success(request, _("%(person)s is in the planning pool of %(position)s.") % {
                "person": entry.person.full_name, "position": entry.position.title})
            return redirect(f"{request.path}?unit={entry.term.unit.code}")
    pool, term = None, None
    if unit is not None:
        if not can_read_cadre_figures(request.user, unit):
            raise PermissionDenied(_("The planning pool of %(unit)s is for its organization committee and leaders.") % {"unit": unit.name})
        term = Term.objects.filter(unit=unit, starts_on__lte=as_of).exclude(ends_on__lte=as_of).order_by("-starts_on").first()
        pool = selectors.planning_pool(term=term, as_of=as_of) if term else None
    return render(request, "personnel/planning.html", {
        "unit": unit, "unit_text": unit.name if unit else unit_text, "term": term, "pool": pool, "form": form,
        "women_target": selectors.WOMEN_TARGET, "young_target": selectors.YOUNG_TARGET, "may_keep": can_keep_any_files(request.user)},
        status=form.status)


@page
def record_openings(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    if not can_read_record_log(request.user):
        raise PermissionDenied(_("The log of opened records is for system administrators."))
    return render(request, "personnel/openings.html", {"openings": selectors.record_openings()[:500]})


@page
def my_posts(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    """A leader's page: the posts they hold and the open tasks each post's unit leads."""
    return render(request, "personnel/my_posts.html", {"posts": selectors.tasks_of_posts(user=request.user, as_of=as_of or clock.today())})
