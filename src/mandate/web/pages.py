"""`page`: what every page view shares."""
import functools
import hashlib
from typing import Protocol

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.module_loading import import_string

from django.utils.translation import gettext as _

from mandate.core.dates import parse_as_of
from mandate.core.errors import DomainError, invalid
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
                return _once(request, lambda: func(request, *args, as_of=parse_as_of(request.GET.get("as_of")), **kwargs))
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
            raise invalid(name[:60], reason)


# A form's one-time token: `{% csrf_token %}` writes it (mandate.web.guard), a new one in every form. A second submit
# of the same form (a double click, a reload of the POST) is answered as the first: redirected to where the first went,
# with "already recorded", and nothing is written twice. A POST without a token (a script, a test) is served unchecked.
FORM_TOKEN = "form_token"


class OnceStore(Protocol):
    """Where the tokens of submitted forms are kept (the accounts app keeps them in the database: settings.MANDATE_FORM_TOKEN_STORE)."""

    def claim(self, *, user, key: str, path: str) -> tuple[str | None, bool]:
        """(where the first submit went, or None while it is being served; True when this submit is the first)."""

    def answer(self, *, user, key: str, location: str) -> None: ...

    def release(self, *, user, key: str) -> None: ...


@functools.cache
def _store() -> OnceStore | None:
    """The store the settings name (MANDATE_FORM_TOKEN_STORE, a dotted path), or None: tokens are not checked."""
    path = getattr(settings, "MANDATE_FORM_TOKEN_STORE", "")
    return import_string(path)() if path else None


def _once(request: HttpRequest, view) -> HttpResponse:
    token = next((value for value in request.POST.getlist(FORM_TOKEN) if value), "") if request.method == "POST" else ""
    once_store = _store()
    if not token or once_store is None or not request.user.is_authenticated or len(token) > 64:
        return view()
    key = f"form:{hashlib.sha256(request.path.encode()).hexdigest()[:16]}:{token}"
    location, first = once_store.claim(user=request.user, key=key, path=request.path)
    if not first:
        messages.info(request, _("This was already recorded; it was not saved twice."))
        return HttpResponseRedirect(location or request.path)
    try:
        response = view()
    except BaseException:
        once_store.release(user=request.user, key=key)
        raise
    if response.status_code in (301, 302, 303) and response.has_header("Location"):
        once_store.answer(user=request.user, key=key, location=response["Location"])
    else:
        once_store.release(user=request.user, key=key)  # refused or shown again: the corrected form may be sent
    return response
