"""`page`: what every page view shares."""
import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from django.utils.translation import gettext as _

from mandate.core.dates import parse_as_of
from mandate.core.errors import DomainError, FieldError
from mandate.core.limits import TEXT_MAX_CHARS
from mandate.web.forms import refusal_message


def page(view=None, *, public: bool = False):
    """A page: signed-in users only, `as_of` parsed, refusals rendered in the reader's language."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                _refuse_unstorable(request)
                return func(request, *args, as_of=parse_as_of(request.GET.get("as_of")), **kwargs)
            except DomainError as error:
                return render(request, "error.html", {"message": refusal_message(error), "status": error.status},
                              status=error.status)

        return wrapper

    return decorate(view) if view is not None else decorate


def _refuse_unstorable(request: HttpRequest) -> None:
    """Text no field can hold is refused before a view reads it: longer than any text field may be (each service
    refuses what is longer than its own model's field), or holding NUL (PostgreSQL cannot store it)."""
    for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
        for name, values in data.lists():
            if any(len(value) > TEXT_MAX_CHARS for value in values):
                reason = _("at most %(limit)s characters are accepted") % {"limit": TEXT_MAX_CHARS}
            elif any("\x00" in value for value in values):
                reason = _("contains a NUL character: binary data, not text")
            else:
                continue
            raise DomainError(_("%(field)s: %(reason)s") % {"field": name[:60], "reason": reason},
                              [FieldError(name[:60], reason, "invalid")])
