"""Signing in safely: failed attempts are throttled per name and address, per address and per name; an optional
second factor (TOTP); a one-time e-mailed link that lets the owner of a locked account back in.

The failures are rows in the database, so every worker process sees the same count and nothing else
has to run. The address is the client's (`mandate.web.client`), not a reverse proxy's.
"""
import datetime as dt
import hashlib
import logging
import secrets
import smtplib
import unicodedata

import pyotp
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _, gettext_noop

from mandate.accounts.models import LoginFailure, LoginUnlock, User
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError

MAX_FAILURES = 5  # one name from one address
ADDRESS_LIMIT = 20  # one address, any names
ACCOUNT_LIMIT = 10  # one name, any addresses: then the password alone is not enough
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)
UNLOCK_LIFETIME = dt.timedelta(hours=1)
UNLOCK_RESEND = dt.timedelta(minutes=15)
UNLOCKED_SESSION = "_mandate_unlocked"
TOTP_ISSUER = "Mandate"
logger = logging.getLogger(__name__)


def identifier_key(username: str) -> str:
    """The one form of a user name that sign-in compares: NFKC (fullwidth ｃａｎ.ｂｏ is can.bo) and casefold (CAN.BO is can.bo).

    The lockout counts failures by this key and the login form looks the user up by it, so every look-alike
    spelling of a name shares one failure counter and reaches one account.
    """
    return unicodedata.normalize("NFKC", username or "").strip().casefold()[:150]



def user_by_identifier(username: str) -> User | None:
    """The one user whose name has the key of `username`; None when none has, or when two look-alike names share it."""
    key = identifier_key(username)
    if not key:
        return None
    # iexact narrows in SQL (on SQLite only ASCII letters fold); the key decides.
    candidates = [user for user in User.objects.filter(username__iexact=key) if identifier_key(user.username) == key]
    return candidates[0] if len(candidates) == 1 else None


class IdentifierBackend(ModelBackend):
    """Django's password check, with the user found by the key of the name typed rather than its exact spelling."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_by_identifier(username)
        if user is None:
            User().set_password(password)  # as long as a real check, so timing does not tell which names exist
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LoginForm(AuthenticationForm):
    """The sign-in form: the name typed is reduced to its key before anything is checked."""

    def clean_username(self) -> str:
        return identifier_key(self.cleaned_data.get("username", ""))


def _locked(failures, limit: int) -> dt.timedelta | None:
    """How long `limit` failures within WINDOW lock for LOCKOUT after the last one; None when they do not."""
    moment = clock.now()
    recent = list(failures.filter(at__gt=moment - WINDOW - LOCKOUT).order_by("-at").values_list("at", flat=True)[:limit])
    if len(recent) < limit or recent[0] - recent[-1] > WINDOW:
        return None
    remaining = recent[0] + LOCKOUT - moment
    return remaining if remaining > dt.timedelta(0) else None


def login_locked_for(*, username: str, ip: str) -> dt.timedelta | None:
    """How long sign-in stays refused outright: the name from this address (MAX_FAILURES), or this address for every
    name (ADDRESS_LIMIT, against trying many names). Both fall on the guesser's own address, not on the owner's."""
    locks = [_locked(LoginFailure.objects.filter(username=identifier_key(username), ip=ip), MAX_FAILURES),
             _locked(LoginFailure.objects.filter(ip=ip), ADDRESS_LIMIT)]
    return max((lock for lock in locks if lock), default=None)


def account_locked_for(*, username: str) -> dt.timedelta | None:
    """How long the password alone no longer opens the account, after ACCOUNT_LIMIT failures from any addresses.

    Its owner still gets in: with the password and a current code (second factor), or from a browser where the
    e-mailed unlock link was opened. So naming an account and failing is not enough to lock it for everybody.
    """
    return _locked(LoginFailure.objects.filter(username=identifier_key(username)), ACCOUNT_LIMIT)


def login_failure_record(*, username: str, ip: str) -> None:
    LoginFailure.objects.create(username=identifier_key(username), ip=ip, at=clock.now())


def login_failures_clear(*, username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=identifier_key(username), ip=ip).delete()


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def unlock_link_send(*, username: str) -> bool:
    """E-mail the owner of a locked account a one-time link that unlocks it in the browser that opens it.

    Nothing is sent (and the caller says the same either way) when the name is unknown, the account is not locked,
    has no e-mail address, or was sent a link within UNLOCK_RESEND: a stranger learns nothing and cannot flood the
    owner's mailbox.
    """
    user = user_by_identifier(username)
    moment = clock.now()
    if user is None or not user.is_active or not user.email or account_locked_for(username=username) is None:
        return False
    if LoginUnlock.objects.filter(user=user, created_at__gt=moment - UNLOCK_RESEND).exists():
        return False
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        LoginUnlock.objects.create(user=user, digest=_digest(raw), created_at=moment, expires_at=moment + UNLOCK_LIFETIME)
        audit_record(actor=None, action="user.unlock_link", obj=user, after={"username": user.username})
    link = settings.MANDATE_SITE_URL.rstrip("/") + reverse("login_unlock", args=[raw])
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = _("Unlock your Mandate account")
        body = _("Someone (perhaps you) failed to sign in to the account %(username)s many times, so the password "
                 "alone no longer opens it. To sign in, open this link within an hour, in the browser you sign in "
                 "with, then give your password:\n\n%(link)s\n\nIf it was not you, you need do nothing; tell your "
                 "administrator.") % {"username": user.username, "link": link}
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("the unlock link for %s could not be sent", user.username)
        return False
    return True


def unlock_use(*, raw: str) -> User | None:
    """The user a live, unused unlock link belongs to, the link spent at once; None for any other link."""
    moment = clock.now()
    with transaction.atomic():
        spent = LoginUnlock.objects.filter(digest=_digest(raw or ""), used_at__isnull=True, expires_at__gt=moment).update(
            used_at=moment)
        if not spent:
            return None
        user = LoginUnlock.objects.select_related("user").get(digest=_digest(raw)).user
        if not user.is_active:
            return None
        audit_record(actor=None, action="user.unlock", obj=user, after={"username": user.username})
    return user


def unlocked_session_allows(session, username: str) -> bool:
    """Whether this browser opened an unlock link for the account `username` names, and has tries left."""
    unlocked = session.get(UNLOCKED_SESSION) or {}
    user = user_by_identifier(username)
    return (user is not None and unlocked.get("user") == user.pk and unlocked.get("tries", 0) > 0
            and unlocked.get("until", 0) > clock.now().timestamp())


def unlocked_session_grant(session, user: User) -> None:
    session[UNLOCKED_SESSION] = {"user": user.pk, "tries": MAX_FAILURES,
                                 "until": (clock.now() + UNLOCK_LIFETIME).timestamp()}


def unlocked_session_failed(session) -> None:
    unlocked = session.get(UNLOCKED_SESSION)
    if unlocked:
        unlocked["tries"] = unlocked.get("tries", 0) - 1
        session[UNLOCKED_SESSION] = unlocked


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)


TOTP_STEP_SECONDS = 30


def totp_step_of(*, secret: str, code: str) -> int | None:
    """The time step whose code `code` is, within one step either side of now (a phone clock 30 seconds off), or None."""
    code = (code or "").replace(" ", "")
    if not secret or not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(clock.now().timestamp()) // TOTP_STEP_SECONDS
    found = None
    for step in (now_step - 1, now_step, now_step + 1):
        if constant_time_compare(totp.at(step * TOTP_STEP_SECONDS), code):
            found = step
    return found


def totp_code_valid(*, secret: str, code: str) -> bool:
    return totp_step_of(secret=secret, code=code) is not None


def totp_use(*, user: User, code: str) -> bool:
    """Accept `code` once: its step must be later than the last step used, and is remembered as the new last one.

    A code seen over a shoulder or in a log cannot be replayed in its window; the conditional UPDATE makes two
    requests at once with the same code accept one of them.
    """
    step = totp_step_of(secret=user.totp_secret, code=code)
    if step is None:
        return False
    won = User.objects.filter(pk=user.pk).filter(Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step)).update(
        totp_last_step=step)
    if won:
        user.totp_last_step = step
    return bool(won)


def totp_enrol(*, actor: User, user: User, secret: str, code: str) -> bool:
    """Turn the second factor on once the user proves their app holds `secret`; False when the code is wrong."""
    step = totp_step_of(secret=secret, code=code)
    if step is None:
        return False
    with transaction.atomic():
        user.totp_secret = secret
        user.totp_last_step = step  # the code that proved the app cannot sign in as well
        user.save(update_fields=["totp_secret", "totp_last_step"])
        audit_record(actor=actor, action="user.totp_enrol", obj=user, after={"username": user.username})
    return True


def totp_disable(*, actor: User, user: User, password: str, code: str) -> None:
    """Turn the second factor off: only with the password and a current code, so a session left open is not enough."""
    if not user.check_password(password or ""):
        raise DomainError(message=gettext_noop("The password is not right."),
                          errors=[FieldError("password", gettext_noop("is not right"))])
    with transaction.atomic():
        if not totp_use(user=user, code=code):
            raise DomainError(message=gettext_noop("The code is not right. Use the six digits your app shows now."),
                              errors=[FieldError("code", gettext_noop("is not right"))])
        user.totp_secret = ""
        user.totp_last_step = None
        user.save(update_fields=["totp_secret", "totp_last_step"])
        audit_record(actor=actor, action="user.totp_disable", obj=user, after={"username": user.username})
