"""Signing in safely: failed attempts lock a user name from one address for a while; an optional second factor (TOTP).

The failures are rows in the database, so every worker process sees the same count and nothing else
has to run.
"""
import datetime as dt

import pyotp
from django.db import transaction

from mandate.accounts.models import LoginFailure, User
from mandate.audit.services import audit_record
from mandate.core import clock

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)
TOTP_ISSUER = "Mandate"


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_locked_for(*, username: str, ip: str) -> dt.timedelta | None:
    """How long the pair stays locked: MAX_FAILURES failures within WINDOW lock it for LOCKOUT after the last one."""
    moment = clock.now()
    recent = list(LoginFailure.objects.filter(username=_key(username), ip=ip, at__gt=moment - WINDOW - LOCKOUT)
                  .order_by("-at").values_list("at", flat=True)[:MAX_FAILURES])
    if len(recent) < MAX_FAILURES or recent[0] - recent[-1] > WINDOW:
        return None
    remaining = recent[0] + LOCKOUT - moment
    return remaining if remaining > dt.timedelta(0) else None


def login_failure_record(*, username: str, ip: str) -> None:
    LoginFailure.objects.create(username=_key(username), ip=ip, at=clock.now())


def login_failures_clear(*, username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=_key(username), ip=ip).delete()


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_uri(*, user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)


def totp_code_valid(*, secret: str, code: str) -> bool:
    code = (code or "").replace(" ", "")
    # One step either side forgives a phone clock that is 30 seconds off.
    return bool(secret) and code.isdigit() and pyotp.TOTP(secret).verify(code, for_time=clock.now(), valid_window=1)


def totp_enrol(*, actor: User, user: User, secret: str, code: str) -> bool:
    """Turn the second factor on once the user proves their app holds `secret`; False when the code is wrong."""
    if not totp_code_valid(secret=secret, code=code):
        return False
    with transaction.atomic():
        user.totp_secret = secret
        user.save(update_fields=["totp_secret"])
        audit_record(actor=actor, action="user.totp_enrol", obj=user, after={"username": user.username})
    return True


def totp_disable(*, actor: User, user: User) -> None:
    with transaction.atomic():
        user.totp_secret = ""
        user.save(update_fields=["totp_secret"])
        audit_record(actor=actor, action="user.totp_disable", obj=user, after={"username": user.username})
