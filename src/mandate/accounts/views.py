"""Signing in and out, the second factor, tokens and the people picker."""
from django.conf import settings
from django.contrib.auth import login as auth_login, views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, ngettext

from mandate.accounts import permissions, services, signin
from mandate.accounts.models import User
from mandate.accounts.regulations import regulation_view
from mandate.accounts.selectors import token_get, tokens_of, users_search
from mandate.core import clock
from mandate.core.errors import PermissionDenied
from mandate.orgs.selectors import unit_get
from mandate.web.pages import page


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded header is the client's to forge. Behind a proxy, the proxy sets REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _wait_message(remaining) -> str:
    minutes = max(1, -(-int(remaining.total_seconds()) // 60))
    return ngettext("Too many failed sign-ins. Try again in %(minutes)d minute.",
                    "Too many failed sign-ins. Try again in %(minutes)d minutes.", minutes) % {"minutes": minutes}


PENDING_SECOND_FACTOR = "_mandate_pending_user"
PENDING_SECONDS = 300  # the code must follow the password within five minutes


class LoginView(auth_views.LoginView):
    """Django's sign-in, with failures counted per user name and address, and a TOTP code for those enrolled."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        remaining = signin.login_locked_for(username=request.POST.get("username", ""), ip=client_ip(request))
        if remaining:
            # The password is not even checked while the pair is locked.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")})
            return self.render_to_response(self.get_context_data(form=form, lockout=_wait_message(remaining)), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        signin.login_failure_record(username=self.request.POST.get("username", ""), ip=client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        if user.totp_secret:
            # The password was right; the session is not signed in until the code is.
            self.request.session[PENDING_SECOND_FACTOR] = {"user": user.pk, "next": self.get_success_url(),
                                                           "since": clock.now().timestamp()}
            return redirect("login_code")
        signin.login_failures_clear(username=user.get_username(), ip=client_ip(self.request))
        return super().form_valid(form)


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step for users with a second factor: the six digits from their app."""
    pending = request.session.get(PENDING_SECOND_FACTOR) or {}
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or clock.now().timestamp() - pending.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_SECOND_FACTOR, None)
        return redirect("login")  # the password must be given again
    error, status = None, 200
    if request.method == "POST":
        ip = client_ip(request)
        remaining = signin.login_locked_for(username=user.get_username(), ip=ip)
        if remaining:
            error, status = _wait_message(remaining), 429
        elif signin.totp_code_valid(secret=user.totp_secret, code=request.POST.get("code", "")):
            signin.login_failures_clear(username=user.get_username(), ip=ip)
            del request.session[PENDING_SECOND_FACTOR]
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
    users = users_search(q=q) if len(q) >= 2 else []
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
        signin.totp_disable(actor=user, user=user)
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
