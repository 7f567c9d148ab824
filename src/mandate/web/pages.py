"""`page`: what every page view shares."""
import functools

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mandate.core.dates import parse_as_of
from mandate.core.errors import DomainError
from mandate.web.forms import refusal_message


def page(view=None, *, public: bool = False):
    """A page: signed-in users only, `as_of` parsed, refusals rendered in the reader's language."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                return func(request, *args, as_of=parse_as_of(request.GET.get("as_of")), **kwargs)
            except DomainError as error:
                return render(request, "error.html", {"message": refusal_message(error), "status": error.status},
                              status=error.status)

        return wrapper

    return decorate(view) if view is not None else decorate
