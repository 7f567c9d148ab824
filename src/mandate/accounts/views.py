"""Signing in and out, the people picker, and `page`: what every page view shares."""
import functools

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from mandate.accounts.selectors import users_search
from mandate.core.dates import parse_as_of
from mandate.core.errors import DomainError

from mandate.accounts.forms import refusal_message


def _speak_vietnamese_first(request: HttpRequest) -> None:
    # The browser's Accept-Language must not override the default: only an explicit choice does.
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE


def page(view=None, *, public: bool = False):
    """A page: signed-in users only, Vietnamese unless chosen otherwise, `as_of` parsed, refusals rendered."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            _speak_vietnamese_first(request)
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                return func(request, *args, as_of=parse_as_of(request.GET.get("as_of")), **kwargs)
            except DomainError as error:
                return render(request, "error.html", {"message": refusal_message(error), "status": error.status},
                              status=error.status)

        return wrapper

    return decorate(view) if view is not None else decorate


def _localized(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        _speak_vietnamese_first(request)
        return view(request, *args, **kwargs)

    return wrapper


login = _localized(auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True))
logout = _localized(auth_views.LogoutView.as_view())


@page
def user_search(request: HttpRequest, as_of) -> HttpResponse:
    """Suggestions for the leader picker."""
    field = request.GET.get("field", "q")
    q = (request.GET.get(field) or "").split(" — ")[0].strip()
    users = users_search(q=q) if len(q) >= 2 else []
    return render(request, "accounts/_user_options.html", {"users": users})
