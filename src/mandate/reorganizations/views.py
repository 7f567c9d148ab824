"""Pages of reorganizations: the list, the form that prepares one, its preview with destinations, apply and revert."""
import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandate.accounts.permissions import require
from mandate.web.pages import page
from mandate.core.errors import DomainError, PermissionDenied
from mandate.core.preconditions import form_version
from mandate.reorganizations import permissions, selectors, services
from mandate.reorganizations.forms import ReorganizationForm
from mandate.reorganizations.selectors import reorganization_get, reorganizations_link_names, reorganizations_list


def _require_admin(user) -> None:
    if not permissions.can_reorganize(user):
        raise PermissionDenied(_("Only a system administrator may reorganize units."))


def _preview_url(reorganization_id: int, request: HttpRequest) -> str:
    url = reverse("reorganization_preview", args=[reorganization_id])
    return f"{url}?as_of={request.GET['as_of']}" if request.GET.get("as_of") else url


@page
def reorganization_list(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    state = request.GET.get("state") or None
    events = list(reorganizations_list(user=request.user, batch=request.GET.get("batch") or None, state=state)[:300])
    names = reorganizations_link_names(events=events)
    for event in events:
        event.linked = names[event.pk]
    return render(request, "reorganizations/list.html", {
        "events": events, "state": state, "may_reorganize": permissions.can_reorganize(request.user),
        "in_effect": {event.pk for event in events if event.effective_on <= as_of}})


@page
def reorganization_create(request: HttpRequest, as_of: dt.date) -> HttpResponse:
    _require_admin(request.user)
    if request.method != "POST":
        # The administration's "rename a unit" opens this form with the kind chosen (and the unit, when named).
        chosen = {name: request.GET[name][:200] for name in ("kind", "predecessors") if name in request.GET}
        return render(request, "reorganizations/form.html", {"form": ReorganizationForm(initial={"effective_on": as_of, **chosen},
                                                                                     viewer=request.user)})
    form = ReorganizationForm(request.POST, viewer=request.user)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = services.reorganization_prepare(
                actor=request.user, kind=data["kind"], effective_on=data["effective_on"], basis=data["basis"], note=data["note"],
                batch=data["batch"], predecessors=data["predecessors"], successors=data["successors"], new_units=data["new_units"],
                new_name=data["new_name"], new_parent=data["new_parent"], default_successor=data["default_successor"], rule=data["rule"])
        except DomainError as error:
            form.add_domain_error(error)
            status = error.status
        else:
            messages.success(request, _("The reorganization was prepared; check its preview before applying it."))
            return redirect(_preview_url(event.pk, request))
    return render(request, "reorganizations/form.html", {"form": form, "refusal": getattr(form, "refusal", None)}, status=status)


def _render_preview(request: HttpRequest, reorganization_id: int, refusal: DomainError | None = None, status: int = 200):
    # The preview names every task that would move, confidential or not: the reorganizers' view only.
    require(permissions.can_preview_reorganization(request.user), _("Only system administrators see what would move."))
    preview = selectors.reorganization_preview(reorganization_id=reorganization_id)
    event = preview.reorganization
    return render(request, "reorganizations/preview.html", {
        "preview": preview, "event": event, "refusal": refusal, "may_reorganize": permissions.can_reorganize(request.user),
        "day_before": event.effective_on - dt.timedelta(days=1),
    }, status=status)


@page
def reorganization_preview(request: HttpRequest, reorganization_id: int, as_of: dt.date) -> HttpResponse:
    return _render_preview(request, reorganization_id)


def _act(request: HttpRequest, reorganization_id: int, action, success: str) -> HttpResponse:
    _require_admin(request.user)
    try:
        action(reorganization_get(reorganization_id=reorganization_id))
    except DomainError as error:
        return _render_preview(request, reorganization_id, refusal=error, status=error.status)
    messages.success(request, success)
    return redirect(_preview_url(reorganization_id, request))


@require_POST
@page
def reorganization_apply(request: HttpRequest, reorganization_id: int, as_of: dt.date) -> HttpResponse:
    return _act(request, reorganization_id, lambda event: services.reorganization_apply(
        actor=request.user, reorganization=event, expected_version=form_version(request)),
                _("The reorganization was applied."))


@require_POST
@page
def reorganization_revert(request: HttpRequest, reorganization_id: int, as_of: dt.date) -> HttpResponse:
    return _act(request, reorganization_id, lambda event: services.reorganization_revert(
        actor=request.user, reorganization=event, expected_version=form_version(request)),
                _("The reorganization was reverted."))


@require_POST
@page
def reorganization_destinations(request: HttpRequest, reorganization_id: int, as_of: dt.date) -> HttpResponse:
    choices = []
    for key, value in request.POST.items():
        if key.startswith("dest-"):
            _prefix, item_type, item_id = key.split("-", 2)
            choices.append((item_type, int(item_id), value))
    return _act(request, reorganization_id, lambda event: services.reorganization_destinations_set(
        actor=request.user, reorganization=event, destinations=choices,
        default_successor=request.POST.get("default_successor"), rule=request.POST.get("rule"),
        expected_version=form_version(request)),
        _("The destinations were saved."))
