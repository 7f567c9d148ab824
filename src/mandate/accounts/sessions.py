"""The browsers signed in as a user: each sign-in is noted (when, from which address, which browser), so its owner
sees them on "My sessions" and closes one, which signs that browser out at once.

The session itself stays in Django's session store (settings.SESSION_ENGINE); a noted session whose store entry
has expired or was flushed (signing out) is no longer listed, and its note is dropped when the list is read.
"""
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from mandate.accounts.models import SignedInSession, User
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import NotFound
from mandate.web.client import client_address

USER_AGENT_MAX = 300


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_record(request: HttpRequest, user: User) -> None:
    """Note the session `request` has just signed in (called right after `login`, which gave it a new key)."""
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    SignedInSession.objects.update_or_create(session_key=key, defaults={
        "user": user, "signed_in_at": clock.now(), "ip": client_address(request),
        "user_agent": request.headers.get("User-Agent", "")[:USER_AGENT_MAX]})


def sessions_of(*, user: User) -> list[SignedInSession]:
    """The user's sessions still signed in, newest first; notes of ended sessions are dropped on the way."""
    store = _store()
    rows = list(SignedInSession.objects.filter(user=user).order_by("-signed_in_at", "-pk"))
    alive = [row for row in rows if store().exists(row.session_key) and store(session_key=row.session_key).get("_auth_user_id") == str(user.pk)]
    ended = [row.pk for row in rows if row not in alive]
    if ended:
        SignedInSession.objects.filter(pk__in=ended).delete()
    return alive


def session_close(*, actor: User, user: User, session_id: int) -> SignedInSession:
    """Sign the browser of one of `user`'s sessions out: its entry in the session store is deleted."""
    row = SignedInSession.objects.filter(user=user, pk=session_id).first()
    if row is None:
        raise NotFound(_("No session %(id)s of yours.") % {"id": session_id})
    with transaction.atomic():
        _store()(session_key=row.session_key).delete()
        row.delete()
        audit_record(actor=actor, action="session.close", obj=user,
                     after={"username": user.username, "ip": row.ip, "signed_in_at": row.signed_in_at})
    return row


def sessions_close_all(*, actor: User | None, user: User) -> int:
    """Sign every browser of `user` out (a deactivated account)."""
    rows = list(SignedInSession.objects.filter(user=user))
    for row in rows:
        _store()(session_key=row.session_key).delete()
    SignedInSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
