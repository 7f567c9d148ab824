"""The administration pages (`/administration/`): people, their roles, units, delegations of the right to appoint,
emulation clusters, warnings and reminders — for the system administrator, and a unit administrator within their
subtree. Thin: each form is read, one service of `accounts.administration` is called, the page shows the result."""
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mandate.accounts import administration, permissions, services
from mandate.accounts.forms import AlertsForm, CalendarDayForm, ClusterForm, DelegationForm, PasswordSetForm, RoleForm, StaffForm, UnitAddForm
from mandate.accounts.models import Delegation, Membership
from mandate.accounts.selectors import memberships_of, user_administered, users_administered
from mandate.accounts.signin import account_locked_for
from mandate.core import clock, workdays
from mandate.core.dates import day_text, parse_iso_date
from mandate.core.errors import NotFound, PermissionDenied
from mandate.core.preconditions import form_version
from mandate.orgs.models import Cluster
from mandate.web.pages import page


def _require(user) -> None:
    if not permissions.can_administer(user):
        raise PermissionDenied(_("Only administrators open the administration pages."))


@page
def index(request: HttpRequest, as_of) -> HttpResponse:
    """The people the administrator administers, found by name."""
    _require(request.user)
    q = request.GET.get("q", "").strip()[:100]
    return render(request, "admin_pages/index.html", {"people": users_administered(actor=request.user, q=q), "q": q})


@page
def person_new(request: HttpRequest, as_of) -> HttpResponse:
    _require(request.user)
    form = StaffForm(request.POST or None)
    if request.method == "POST":
        user = form.submit(lambda data: administration.staff_add(actor=request.user, **data))
        if user is not None:
            if not form.cleaned_data["password"] and user.email:
                administration.user_password_reset(actor=request.user, user=user)
            messages.success(request, _("%(name)s was added.") % {"name": user})
            return redirect("admin_pages:person", user_id=user.pk)
    return render(request, "admin_pages/person_new.html", {"form": form}, status=form.status)


PERSON_ACTIONS = ("grant", "withdraw", "deactivate", "activate", "password", "unlock")


@page
def person(request: HttpRequest, user_id: int, as_of) -> HttpResponse:
    """One person: their roles (granted and withdrawn here), their account (deactivated, unlocked, password reset)."""
    _require(request.user)
    person = user_administered(actor=request.user, user_id=user_id)
    role_form, password_form, status = RoleForm(prefix="role"), PasswordSetForm(prefix="pw"), 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "grant":
        role_form = RoleForm(request.POST, prefix="role")
        if role_form.submit(lambda data: administration.role_grant(actor=request.user, user=person,
                                                                     expected_version=form_version(request), **data)) is not None:
            messages.success(request, _("The role was granted."))
            return redirect("admin_pages:person", user_id=person.pk)
        status = role_form.status
    elif action == "withdraw":
        membership = Membership.objects.filter(user=person, pk=_number(request.POST.get("membership"))).first()
        if membership is None:
            raise NotFound()
        administration.role_withdraw(actor=request.user, membership=membership, expected_version=form_version(request))
        messages.success(request, _("The role was withdrawn."))
        return redirect("admin_pages:person", user_id=person.pk)
    elif action in ("deactivate", "activate"):
        administration.user_active_set(actor=request.user, user=person, active=action == "activate",
                                       expected_version=form_version(request))
        messages.success(request, _("The account was opened again.") if action == "activate" else _("The account was deactivated."))
        return redirect("admin_pages:person", user_id=person.pk)
    elif action == "password":
        password_form = PasswordSetForm(request.POST, prefix="pw")
        sent = password_form.submit(lambda data: administration.user_password_reset(actor=request.user, user=person, **data))
        if not password_form.refused:
            messages.success(request, _("A link to set a new password was e-mailed.") if sent else _("The temporary password was set."))
            return redirect("admin_pages:person", user_id=person.pk)
        status = password_form.status
    elif action == "unlock":
        administration.user_unlock(actor=request.user, user=person)
        messages.success(request, _("The failed sign-ins were forgotten: the account opens with its password again."))
        return redirect("admin_pages:person", user_id=person.pk)
    return render(request, "admin_pages/person.html", {
        "person": person, "memberships": memberships_of(user=person), "role_form": role_form, "password_form": password_form,
        "locked": account_locked_for(username=person.username) is not None,
        "may_manage": permissions.can_manage_user(request.user, person)}, status=status)


def _number(value) -> int | None:
    return int(value) if str(value or "").isdigit() and len(str(value)) < 19 else None


@page
def units(request: HttpRequest, as_of) -> HttpResponse:
    """Add a unit under another, and set a unit's warning and reminders; renaming is a reorganization."""
    _require(request.user)
    add_form, alerts_form, status = UnitAddForm(prefix="add", initial={"valid_from": as_of}), AlertsForm(prefix="alerts"), 200
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "add":
        add_form = UnitAddForm(request.POST, prefix="add")
        unit = add_form.submit(lambda data: administration.unit_add(actor=request.user, **data))
        if unit is not None:
            messages.success(request, _("%(name)s was added with the code %(code)s.") % {"name": unit.name, "code": unit.code})
            return redirect("admin_pages:units")
        status = add_form.status
    elif action == "alerts":
        alerts_form = AlertsForm(request.POST, prefix="alerts")
        changed = alerts_form.submit(lambda data: administration.unit_alerts_set(actor=request.user, **data))
        if changed is not None:
            messages.success(request, _("The warning and reminders were saved for %(count)s units.") % {"count": changed})
            return redirect("admin_pages:units")
        status = alerts_form.status
    return render(request, "admin_pages/units.html", {
        "add_form": add_form, "alerts_form": alerts_form, "may_rename": permissions.is_system_admin(request.user),
        "rename_url": reverse("reorganization_create") + "?kind=rename"}, status=status)


@page
def delegations(request: HttpRequest, as_of) -> HttpResponse:
    """The rights to appoint handed down to subordinate units, and the form that hands one down or ends it."""
    _require(request.user)
    form, status = DelegationForm(), 200
    if request.method == "POST" and request.POST.get("action") == "revoke":
        delegation = Delegation.objects.filter(pk=_number(request.POST.get("delegation")), revoked_at__isnull=True).first()
        if delegation is None:
            raise NotFound()
        services.rights_delegation_revoke(actor=request.user, delegation=delegation)
        messages.success(request, _("The delegation was ended."))
        return redirect("admin_pages:delegations")
    if request.method == "POST":
        form = DelegationForm(request.POST)
        if form.submit(lambda data: services.rights_delegate(actor=request.user, **data)) is not None:
            messages.success(request, _("The right to appoint was delegated."))
            return redirect("admin_pages:delegations")
        status = form.status
    live = [d for d in Delegation.objects.filter(revoked_at__isnull=True).select_related("from_unit", "to_unit")
            .order_by("from_unit__code", "to_unit__code", "role") if permissions.can_delegate_rights(request.user, d.from_unit, d.to_unit)]
    return render(request, "admin_pages/delegations.html", {"form": form, "delegations": live}, status=status)


@page
def clusters(request: HttpRequest, as_of) -> HttpResponse:
    """Emulation clusters: units compared side by side on the scorecards."""
    _require(request.user)
    form, status = ClusterForm(), 200
    if request.method == "POST":
        form = ClusterForm(request.POST)
        cluster = form.submit(lambda data: administration.cluster_save(actor=request.user, **data))
        if cluster is not None:
            messages.success(request, _("The cluster %(name)s was saved.") % {"name": cluster.name})
            return redirect("admin_pages:clusters")
        status = form.status
    return render(request, "admin_pages/clusters.html", {
        "form": form, "clusters": Cluster.objects.prefetch_related("members").order_by("code")}, status=status)


@page
def calendar(request: HttpRequest, as_of) -> HttpResponse:
    """The working-day calendar of a year: the published holidays and days worked in exchange, and the system
    administrator's corrections over them, which every deadline counted in working days follows."""
    _require(request.user)
    year = _number(request.GET.get("year")) or clock.today().year
    year = min(max(year, 2000), 2100)
    may_correct = permissions.is_system_admin(request.user)
    form, status = CalendarDayForm(), 200
    if request.method == "POST":
        if not may_correct:
            raise PermissionDenied(_("Only a system administrator corrects the calendar."))
        if "clear" in request.POST:
            day = parse_iso_date(request.POST.get("clear"), field_name="day")
            if day is not None and administration.calendar_day_clear(actor=request.user, day=day):
                messages.success(request, _("The correction of %(day)s was taken back.") % {"day": day_text(day)})
            return redirect(f"{reverse('admin_pages:calendar')}?year={year}")
        form = CalendarDayForm(request.POST)
        row = form.submit(lambda data: administration.calendar_day_set(actor=request.user, **data))
        if row is not None:
            messages.success(request, _("The calendar of %(day)s was corrected.") % {"day": day_text(row.day)})
            return redirect(f"{reverse('admin_pages:calendar')}?year={row.day.year}")
        status = form.status
    return render(request, "admin_pages/calendar.html", {
        "form": form, "year": year, "days": workdays.year_calendar(year), "may_correct": may_correct,
        "previous": year - 1, "next": year + 1}, status=status)
