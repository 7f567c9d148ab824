"""Writes on users and their API tokens."""
import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop

from mandate.accounts import permissions
from mandate.accounts.signin import identifier_key
from mandate.accounts.models import ApiToken, Delegation, Membership, Role, User
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import invalid
from mandate.core.integrity import refuse_duplicate
from mandate.core.text import nfc
from django.utils.translation import gettext as _

TOKEN_PREFIX_LENGTH = 8
DEFAULT_TOKEN_LIFETIME = dt.timedelta(days=90)
# How often a token's last use is written: at most once a minute, so a busy script does not write on every call.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_create(*, actor: User | None, user: User, name: str = "", lifetime: dt.timedelta | None = DEFAULT_TOKEN_LIFETIME) -> str:
    """Issue a new token for `user` and return it; only its digest is kept."""
    raw = secrets.token_urlsafe(32)
    created = clock.now()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=raw[:TOKEN_PREFIX_LENGTH], digest=_digest(raw), created_at=created,
            expires_at=created + lifetime if lifetime else None,
        )
        audit_record(actor=actor, action="token.create", obj=token,
                     after={"user": user.username, "prefix": token.prefix, "expires_at": token.expires_at})
    return raw


def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token at once; its owner (or a system administrator, or the system) may."""
    permissions.require(actor is None or actor.pk == token.user_id or permissions.is_system_admin(actor),
                        gettext_noop("You may revoke only your own tokens."))
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="token.revoke", obj=token, after={"revoked_at": token.revoked_at})
    return token


def token_authenticate(*, raw: str) -> User | None:
    """The active user a live token belongs to, or None."""
    digest = _digest(raw)
    token = (ApiToken.objects.select_related("user").filter(prefix=raw[:TOKEN_PREFIX_LENGTH], digest=digest).first())
    if token is None or not constant_time_compare(token.digest, digest):
        return None
    moment = clock.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= moment):
        return None
    if not token.user.is_active:
        return None
    _token_used(token, moment)
    return token.user


def _token_used(token: ApiToken, moment: dt.datetime) -> None:
    """Note when the token was last used (bookkeeping, like a failed sign-in: not a write of the record's, so
    no audit record). The condition in the UPDATE keeps two requests at once from writing twice."""
    if token.last_used_at is not None and moment - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=moment - LAST_USED_RESOLUTION)).update(last_used_at=moment)
    token.last_used_at = moment


def user_create(*, actor: User | None, username: str, full_name: str = "", password: str | None = None,
                email: str = "", position: str = "", clearance: int = 0,
                is_superuser: bool = False) -> User:
    """A new person who can sign in (with `password`) or be named as a leader in charge (without one)."""
    username = nfc(username or "")
    if not username:
        raise invalid("username", "is required", "required")
    key = identifier_key(username)
    if any(identifier_key(other) == key for other in User.objects.filter(username__iexact=key).values_list("username", flat=True)):
        # A look-alike of an existing name (CAN.BO beside can.bo) would share its sign-in key (accounts/signin.py).
        raise invalid("username", gettext_noop("is already taken"), "unique")
    with transaction.atomic():
        user = User(username=username, full_name=nfc(full_name), email=email, position=nfc(position),
                    clearance=clearance, is_superuser=is_superuser, is_staff=is_superuser)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        # The unique user name decides, also between two requests at once (no SELECT first).
        with refuse_duplicate(User, "username", invalid("username", gettext_noop("is already taken"), "unique")):
            user.save()
        audit_record(actor=actor, action="user.create", obj=user,
                     after={"username": username, "full_name": user.full_name, "superuser": is_superuser,
                            "clearance": clearance})
    return user


def user_set_password(*, actor: User | None, user: User, password: str) -> None:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="user.set_password", obj=user, after={"username": user.username})


def membership_grant(*, actor: User | None, user: User, unit, role: str) -> Membership:
    """Give `user` a role in `unit` (reaching its subtree); see `permissions.can_grant_role` for who may."""
    if role not in Role.values:
        raise invalid("role", _("“%(value)s” is not one of: %(choices)s") % {"value": role, "choices": ", ".join(str(label) for label in Role.labels)})
    permissions.require(permissions.can_grant_role(actor, unit, role), _("You may not appoint a %(role)s in %(unit)s.") % {"role": Role(role).label, "unit": unit.name})
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
        permissions.roles_forget(user)
        if created:
            audit_record(actor=actor, action="membership.grant", obj=membership,
                         after={"user": user.username, "unit": unit.code, "role": role})
    return membership


def rights_delegate(*, actor: User | None, from_unit, to_unit, roles: list[str] | tuple[str, ...]) -> list[Delegation]:
    """Let the administrators of `to_unit` (below `from_unit`) appoint people to `roles` within their own unit."""
    delegable = [r for r in Role.values if r != Role.SYSTEM_ADMIN]
    wrong = [r for r in roles if r not in delegable]
    if not roles or wrong:
        raise invalid("roles", _("give one or more of: %(choices)s") % {"choices": ", ".join(str(Role(r).label) for r in delegable)})
    permissions.require(permissions.can_delegate_rights(actor, from_unit, to_unit),
                        _("Only the administrators of %(unit)s may delegate to a unit below it.") % {"unit": from_unit.name})
    moment = clock.now()
    with transaction.atomic():
        delegations = []
        for role in dict.fromkeys(roles):
            # get_or_create inserts in a savepoint and reads the live delegation another request made meanwhile
            # (delegation_live_unique), so two requests at once give one delegation, not an IntegrityError.
            delegation, created = Delegation.objects.get_or_create(
                from_unit=from_unit, to_unit=to_unit, role=role, revoked_at=None,
                defaults={"granted_by": actor if getattr(actor, "pk", None) else None, "granted_at": moment})
            if created:
                audit_record(actor=actor, action="rights.delegate", obj=delegation,
                             after={"from_unit": from_unit.code, "to_unit": to_unit.code, "role": role})
            delegations.append(delegation)
    return delegations


def rights_delegation_revoke(*, actor: User | None, delegation: Delegation) -> Delegation:
    """End a delegation; appointments already made stay (they are revoked one by one, as they were made)."""
    permissions.require(permissions.can_delegate_rights(actor, delegation.from_unit, delegation.to_unit),
                        _("Only the administrators of %(unit)s may revoke this delegation.") % {"unit": delegation.from_unit.name})
    if delegation.revoked_at is not None:
        return delegation
    with transaction.atomic():
        delegation.revoked_at = clock.now()
        delegation.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="rights.revoke", obj=delegation, before={"revoked_at": None},
                     after={"revoked_at": delegation.revoked_at})
    return delegation
