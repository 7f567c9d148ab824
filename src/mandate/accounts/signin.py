"""Signing in safely: failed attempts lock a user name from one address for a while; an optional second factor (TOTP).

The failures are rows in the database, so every worker process sees the same count and nothing else
has to run.
"""
import datetime as dt
import unicodedata

import pyotp
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.db.models import Q
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop

from mandate.accounts.models import LoginFailure, User
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)
TOTP_ISSUER = "Mandate"


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


def login_locked_for(*, username: str, ip: str) -> dt.timedelta | None:
    """How long the pair stays locked: MAX_FAILURES failures within WINDOW lock it for LOCKOUT after the last one."""
    moment = clock.now()
    recent = list(LoginFailure.objects.filter(username=identifier_key(username), ip=ip, at__gt=moment - WINDOW - LOCKOUT)
                  .order_by("-at").values_list("at", flat=True)[:MAX_FAILURES])
    if len(recent) < MAX_FAILURES or recent[0] - recent[-1] > WINDOW:
        return None
    remaining = recent[0] + LOCKOUT - moment
    return remaining if remaining > dt.timedelta(0) else None


def login_failure_record(*, username: str, ip: str) -> None:
    LoginFailure.objects.create(username=identifier_key(username), ip=ip, at=clock.now())


def login_failures_clear(*, username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=identifier_key(username), ip=ip).delete()


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
