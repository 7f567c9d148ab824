"""Signing in and out, the second factor, tokens and the people picker."""
from django.conf import settings
from django.contrib.auth import login as auth_login, views as auth_views
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, ngettext

from mandate.accounts import passwords, permissions, services, sessions, signin
from mandate.accounts.models import User
from mandate.accounts.regulations import regulation_view
from mandate.accounts.selectors import token_get, tokens_of, users_search
from mandate.core import clock
from mandate.core.errors import DomainError, PermissionDenied
from mandate.web.forms import refusal_message
from mandate.web.client import client_address
from mandate.orgs.selectors import unit_get
from mandate.web.pages import page


def _wait_message(remaining) -> str:
    minutes = max(1, -(-int(remaining.total_seconds()) // 60))
    return ngettext("Too many failed sign-ins. Try again in %(minutes)d minute.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes.", minutes) % {"minutes": minutes}


PENDING_SECOND_FACTOR = "_mandate_pending_user"
PENDING_SECONDS = 300  # the code must follow the password within five minutes


def _account_locked_message() -> str:
    return _("After many failed sign-ins this account no longer opens with the password alone. Give your password "
             "with a code from your authenticator app, or ask for a link by e-mail that unlocks it in this browser.")


class LoginView(auth_views.LoginView):
    """Django's sign-in, throttled per name and address, per address and per name, with a TOTP code for those enrolled.

    A name locked from everywhere (too many failures from any addresses) still opens for its owner: the password
    with a current code, or the password in a browser that opened the e-mailed unlock link.
    """

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = signin.LoginForm

    def post(self, request, *args, **kwargs):
        username, ip = request.POST.get("username", ""), client_address(request)
        if signin.unlocked_session_allows(request.session, username):
            return super().post(request, *args, **kwargs)
        remaining = signin.login_locked_for(username=username, ip=ip)
        if remaining:
            # The password is not even checked while the name is locked from this address.
            form = self.get_form_class()(request, initial={"username": username})
            return self.render_to_response(self.get_context_data(form=form, lockout=_wait_message(remaining)), status=429)
        if signin.account_locked_for(username=username):
            return self._locked_account(request, username, ip)
        return super().post(request, *args, **kwargs)

    def _locked_account(self, request, username: str, ip: str):
        """The password and a current code together, or nothing; the answer is the same for a right or a wrong password."""
        form = self.get_form(self.get_form_class())
        if form.is_valid() and form.get_user().totp_secret and signin.totp_use(user=form.get_user(), code=request.POST.get("code", "")):
            signin.login_failures_clear(username=username, ip=ip)
            return super().form_valid(form)
        signin.login_failure_record(username=username, ip=ip)
        form = self.get_form_class()(request, initial={"username": username})
        return self.render_to_response(self.get_context_data(form=form, lockout=_account_locked_message(),
                                                             account_locked=True, username=username), status=429)

    def form_invalid(self, form):
        signin.login_failure_record(username=self.request.POST.get("username", ""), ip=client_address(self.request))
        signin.unlocked_session_failed(self.request.session)
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        self.request.session.pop(signin.UNLOCKED_SESSION, None)
        if user.totp_secret:
            # The password was right; the session is not signed in until the code is.
            self.request.session[PENDING_SECOND_FACTOR] = {"user": user.pk, "next": self.get_success_url(),
                                                           "since": clock.now().timestamp()}
            return redirect("login_code")
        signin.login_failures_clear(username=user.get_username(), ip=client_address(self.request))
        response = super().form_valid(form)
        sessions.session_record(self.request, user)
        return response


def login_unlock_request(request: HttpRequest) -> HttpResponse:
    """Ask for the e-mailed unlock link; the answer never tells whether the name exists or is locked."""
    if request.method == "POST":
        signin.unlock_link_send(username=request.POST.get("username", ""))
    return render(request, "accounts/unlock.html", {"sent": request.method == "POST"})


def login_unlock(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: opening it shows a button (a mail scanner's GET spends nothing); pressing it unlocks this browser."""
    if request.method != "POST":
        return render(request, "accounts/unlock.html", {"token": token})
    user = signin.unlock_use(raw=token)
    if user is None:
        return render(request, "accounts/unlock.html", {"invalid": True}, status=410)
    signin.unlocked_session_grant(request.session, user)
    return render(request, "accounts/unlock.html", {"unlocked": True, "username": user.get_username()})


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step for users with a second factor: the six digits from their app."""
    pending = request.session.get(PENDING_SECOND_FACTOR) or {}
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or clock.now().timestamp() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_SECOND_FACTOR, None)
        return redirect("login")  # the password must be given again
    error, status = None, 200
    if request.method == "POST":
        ip = client_address(request)
        remaining = signin.login_locked_for(username=user.get_username(), ip=ip)
        if remaining:
            error, status = _wait_message(remaining), 429
        elif signin.totp_use(user=user, code=request.POST.get("code", "")):
            signin.login_failures_clear(username=user.get_username(), ip=ip)
            del request.session[PENDING_SECOND_FACTOR]
            auth_login(request, user, backend="mandate.accounts.signin.IdentifierBackend")
            sessions.session_record(request, user)
            return redirect(pending.get("next") or settings.LOGIN_REDIRECT_URL)
        else:
            signin.login_failure_record(username=user.get_username(), ip=ip)
            error, status = _("The code is not right. Use the six digits your app shows now."), 422
    return render(request, "accounts/login_code.html", {"error": error}, status=status)


logout = auth_views.LogoutView.as_view()


@page
def user_search(request: HttpRequest, as_of) -> HttpResponse:
    """Suggestions for the leader picker."""
    field = request.GET.get("field", "q")
    q = (request.GET.get(field) or "").split(" — ")[0].strip()
    users = users_search(viewer=request.user, q=q) if len(q) >= 2 else []
    return render(request, "accounts/_user_options.html", {"users": users})


login = LoginView.as_view()


@page
def two_factor(request: HttpRequest, as_of) -> HttpResponse:
    """Turn on the second factor: scan the secret (or its otpauth URI) into an app, then confirm one code."""
    user = request.user
    if not permissions.can_enrol_totp(user):
        raise PermissionDenied(_("The second factor is for administrators."))
    error, status = None, 200
    if request.method == "POST" and request.POST.get("action") == "disable" and user.totp_secret:
        try:
            signin.totp_disable(actor=user, user=user, password=request.POST.get("password", ""),
                                code=request.POST.get("code", ""))
        except DomainError as refusal:
            error, status = refusal_message(refusal), 422
    elif request.method == "POST" and not user.totp_secret:
        secret = request.session.get("_mandate_totp_secret", "")
        if signin.totp_enrol(actor=user, user=user, secret=secret, code=request.POST.get("code", "")):
            request.session.pop("_mandate_totp_secret", None)
        else:
            error, status = _("The code is not right. Use the six digits your app shows now."), 422
    secret = ""
    if not user.totp_secret:
        secret = request.session.get("_mandate_totp_secret") or signin.totp_new_secret()
        request.session["_mandate_totp_secret"] = secret
    return render(request, "accounts/two_factor.html", {
        "enrolled": bool(user.totp_secret), "secret": secret,
        "uri": signin.totp_uri(user=user, secret=secret) if secret else "", "error": error,
    }, status=status)


@page
def token_list(request: HttpRequest, as_of) -> HttpResponse:
    """The caller's API tokens: prefix, name, expiry, last use; each can be revoked here."""
    return render(request, "accounts/tokens.html", {"tokens": tokens_of(user=request.user), "now": clock.now(),
                                                    "may_enrol": permissions.can_enrol_totp(request.user)})


@page
def token_revoke(request: HttpRequest, token_id: int, as_of) -> HttpResponse:
    if request.method != "POST":
        return redirect("tokens")
    token = token_get(user=request.user, token_id=token_id)
    services.token_revoke(actor=request.user, token=token)
    return redirect("tokens")


@page
def regulation_detail(request: HttpRequest, code: str, as_of) -> HttpResponse:
    """The working regulation that governs a unit: who decides what there, and who acts for an absent leader."""
    return render(request, "accounts/regulation.html", {"view": regulation_view(unit=unit_get(code=code), as_of=as_of)})


@page
def password_change(request: HttpRequest, as_of) -> HttpResponse:
    """Change my password: the old one, then the new one twice; this browser stays signed in, the others are not."""
    form = passwords.ChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password was changed. Your other signed-in browsers were signed out."))
        return redirect("sessions")
    return render(request, "accounts/password_change.html", {"form": form}, status=422 if form.errors else 200)


@page
def session_list(request: HttpRequest, as_of) -> HttpResponse:
    """My signed-in browsers: when and from where; closing one signs it out."""
    if request.method == "POST":
        session_id = request.POST.get("session", "")
        sessions.session_close(actor=request.user, user=request.user,
                               session_id=int(session_id) if session_id.isdigit() and len(session_id) < 19 else 0)
        messages.success(request, _("The session was closed: that browser is signed out."))
        return redirect("sessions")
    return render(request, "accounts/sessions.html", {"sessions": sessions.sessions_of(user=request.user),
                                                      "current": request.session.session_key})


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a link by e-mail; the answer is the same whether an account has the address or not."""

    template_name = "accounts/password_reset.html"
    form_class = passwords.ResetRequestForm
    success_url = reverse_lazy("password_reset_sent")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = passwords.ResetForm
    success_url = reverse_lazy("password_reset_done")


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")


password_reset = PasswordResetView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
