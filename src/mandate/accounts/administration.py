"""The administration's writes: staff added with their first role, accounts deactivated (never deleted), passwords
reset, locked accounts unlocked, roles granted and withdrawn, units added, their warning and reminders set,
emulation clusters saved. Each checks a named predicate of `permissions` and writes its audit record in the same
transaction as the change; a unit administrator acts only within their subtree and never above their own role or
clearance (`permissions.can_grant_role`, `can_manage_user`, `can_give_clearance`, `can_administer_unit`).
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _, gettext_noop

from mandate.accounts import permissions, services
from mandate.accounts.models import LoginFailure, Membership, Role, User
from mandate.accounts.passwords import refuse_weak, reset_link_send
from mandate.accounts.sessions import sessions_close_all
from mandate.accounts.signin import identifier_key
from mandate.audit.services import audit_record
from mandate.core import clock
from mandate.core.errors import DomainError, FieldError, invalid
from mandate.core.preconditions import version_checked
from mandate.core.secrecy import Secrecy
from mandate.core.models import CalendarDay
from mandate.core.text import fold, nfc
from mandate.orgs import services as orgs
from mandate.orgs.models import Cluster, Tier, Unit, UnitKind
from mandate.orgs.selectors import unit_subtree_ids

gettext_noop("is not an e-mail address")


def _role_name(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def _refuse_role(actor, unit: Unit, role: str) -> None:
    if role not in Role.values:
        raise invalid("role", gettext_noop("is not one of the roles"), "choice")
    permissions.require(permissions.can_grant_role(actor, unit, role),
                        _("You may not appoint a %(role)s in %(unit)s.") % {"role": _(Role(role).label), "unit": unit.name})


def staff_add(*, actor: User, username: str, full_name: str, email: str = "", position: str = "", password: str = "",
              clearance: int = Secrecy.NONE, unit: Unit | None, role: str) -> User:
    """A new colleague who can sign in, with their first role in a unit, in one transaction."""
    permissions.require(permissions.can_administer(actor), _("Only administrators add people."))
    errors = []
    if unit is None:
        errors.append(FieldError("unit", gettext_noop("is required"), "required"))
    if not (full_name or "").strip():
        errors.append(FieldError("full_name", gettext_noop("is required"), "required"))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(FieldError("email", gettext_noop("is not an e-mail address"), "email"))
    if errors:
        raise DomainError(_("The person was not added."), errors)
    _refuse_role(actor, unit, role)
    permissions.require(permissions.can_give_clearance(actor, clearance), _("You may not give a clearance above your own."))
    if password:
        refuse_weak(password, User(username=username, full_name=full_name, email=email))
    with transaction.atomic():
        user = services.user_create(actor=actor, username=username, full_name=full_name, email=email, position=position,
                                    password=password or None, clearance=clearance)
        services.membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


def _edited(user: User, expected_version: int | None) -> None:
    """Lock the person's row and raise its version, after refusing with 409 an edit made on an older one (another
    administrator changed the account since it was read)."""
    locked = User.objects.select_for_update().only("pk", "version").get(pk=user.pk)
    user.version = version_checked(locked, expected_version)
    User.objects.filter(pk=user.pk).update(version=user.version)


def role_grant(*, actor: User, user: User, unit: Unit | None, role: str, expected_version: int | None = None) -> Membership:
    """Another role for someone the actor administers (or anyone, for a system administrator)."""
    if unit is None:
        raise invalid("unit", gettext_noop("is required"), "required")
    _refuse_role(actor, unit, role)
    if user.memberships.exists():
        permissions.require(permissions.can_manage_user(actor, user), _("You may not change this person's roles."))
    with transaction.atomic():
        _edited(user, expected_version)
        return services.membership_grant(actor=actor, user=user, unit=unit, role=role)


def role_withdraw(*, actor: User, membership: Membership, expected_version: int | None = None) -> None:
    """Withdraw a role; the person keeps their account and their other roles."""
    _refuse_role(actor, membership.unit, membership.role)
    with transaction.atomic():
        _edited(membership.user, expected_version)
        audit_record(actor=actor, action="membership.withdraw", obj=membership,
                     before={"user": membership.user.username, "unit": membership.unit.code, "role": membership.role})
        membership.delete()
        permissions.roles_forget(membership.user)


def _manage(actor: User, user: User) -> None:
    permissions.require(permissions.can_manage_user(actor, user), _("You may not manage this person's account."))


def user_active_set(*, actor: User, user: User, active: bool, expected_version: int | None = None) -> User:
    """Deactivate an account (it can no longer sign in, its sessions are closed, its tokens stop working) or open it
    again. Accounts are never deleted: what they did stays theirs in the record."""
    _manage(actor, user)
    if user.pk == getattr(actor, "pk", None):
        raise invalid("user", gettext_noop("you cannot deactivate your own account"), "self")
    with transaction.atomic():
        _edited(user, expected_version)
        if User.objects.filter(pk=user.pk, is_active=active).exists():
            return user
        user.is_active = active
        user.save(update_fields=["is_active"])
        if not active:
            sessions_close_all(actor=actor, user=user)
        audit_record(actor=actor, action="user.activate" if active else "user.deactivate", obj=user,
                     before={"is_active": not active}, after={"is_active": active})
    return user


def user_password_reset(*, actor: User, user: User, password: str = "") -> bool:
    """Set a temporary password the administrator hands over, or (without one) e-mail the person a reset link.
    Returns whether a link was sent."""
    _manage(actor, user)
    if password:
        refuse_weak(password, user)
        services.user_set_password(actor=actor, user=user, password=password)
        return False
    if not user.email:
        raise invalid("email", gettext_noop("this person has no e-mail address: give a temporary password"), "required")
    return reset_link_send(user=user, actor=actor)


def user_unlock(*, actor: User, user: User) -> int:
    """Forget the failed sign-ins that lock an account (accounts/signin.py); returns how many were forgotten."""
    _manage(actor, user)
    with transaction.atomic():
        forgotten, _counts = LoginFailure.objects.filter(username=identifier_key(user.username)).delete()
        audit_record(actor=actor, action="user.unlock", obj=user, after={"username": user.username, "failures": forgotten})
    return forgotten


# Units

UNIT_KINDS_ADDED = (UnitKind.DEPARTMENT, UnitKind.OFFICE, UnitKind.ORGANIZATION_COMMITTEE, UnitKind.INSPECTION_COMMISSION,
                    UnitKind.PROPAGANDA_COMMITTEE, UnitKind.INTERNAL_AFFAIRS_COMMITTEE, UnitKind.PEOPLES_COUNCIL,
                    UnitKind.PEOPLES_COMMITTEE, UnitKind.FATHERLAND_FRONT, UnitKind.MASS_ORGANIZATION,
                    UnitKind.STEERING_COMMITTEE, UnitKind.PARTY_COMMITTEE, UnitKind.STANDING_COMMITTEE, UnitKind.OTHER)


def _new_code(parent: Unit, name: str) -> str:
    """The parent's code and the initials of the name without diacritics ("Phòng Văn hóa" under 25.UBND: 25.UBND.PVH),
    numbered when taken."""
    initials = "".join(word[0] for word in fold(name).upper().split() if word[:1].isalnum())[:12] or "DV"
    code, number = f"{parent.code}.{initials}", 1
    while Unit.objects.filter(code=code).exists():
        number += 1
        code = f"{parent.code}.{initials}{number}"
    return code


def unit_add(*, actor: User, parent: Unit | None, name: str, kind: str, valid_from: dt.date | None,
             valid_to: dt.date | None = None, short_name: str = "") -> Unit:
    """An agency or department under `parent`, from `valid_from` (until `valid_to`, when it is known); its code is
    made from the parent's and the name's initials and never changes."""
    if parent is None:
        raise invalid("parent", gettext_noop("is required"), "required")
    if kind not in UNIT_KINDS_ADDED:
        raise invalid("kind", gettext_noop("is not one of the kinds of unit"), "choice")
    permissions.require(permissions.can_administer_unit(actor, parent),
                        _("Only the administrators of %(unit)s add units under it.") % {"unit": parent.name})
    tier = parent.tier if parent.tier in Tier.values else Tier.PROVINCE
    return orgs.unit_create(actor=actor, code=_new_code(parent, name or ""), name=name, kind=kind, tier=tier,
                            parent=parent, short_name=short_name, valid_from=valid_from, valid_to=valid_to)


def unit_alerts_set(*, actor: User, unit: Unit | None, warning_days: int | None, reminder_days: list[int] | None,
                    escalate_after_days: int | None, below: bool = False, expected_version: int | None = None) -> int:
    """The unit's warning and reminder settings, and (`below`) those of every unit under it today; a stale
    `expected_version` (the unit's `alerts_version`) is a 409."""
    if unit is None:
        raise invalid("unit", gettext_noop("is required"), "required")
    permissions.require(permissions.can_administer_unit(actor, unit),
                        _("Only the administrators of %(unit)s set its warnings and reminders.") % {"unit": unit.name})
    with transaction.atomic():
        version_checked(Unit.objects.select_for_update().get(pk=unit.pk), expected_version, field="alerts_version")
        units = list(Unit.objects.filter(pk__in=unit_subtree_ids(unit=unit, as_of=clock.today()))) if below else [unit]
        return orgs.unit_alerts_set(actor=actor, units=units, warning_days=warning_days, reminder_days=reminder_days,
                                    escalate_after_days=escalate_after_days)


def cluster_save(*, actor: User, code: str, name: str, members: list[Unit], year: int | None = None) -> Cluster:
    """An emulation cluster: by the administrators of every unit in it (a system administrator for provinces)."""
    existing = Cluster.objects.filter(code=(code or "").strip()).first()
    every = [*members, *(existing.members.all() if existing else [])]  # a cluster saved again replaces its members
    permissions.require(permissions.can_administer(actor) and all(
        permissions.can_administer_unit(actor, unit) for unit in every),
        _("Only the administrators of every unit in a cluster may save it."))
    if not (code or "").strip():
        raise invalid("code", gettext_noop("is required"), "required")
    if not (name or "").strip():
        raise invalid("name", gettext_noop("is required"), "required")
    return orgs.cluster_create(actor=actor, code=code.strip(), name=name, members=members, year=year)


def calendar_day_set(*, actor: User, day: dt.date | None, working: bool, reason: str) -> CalendarDay:
    """Correct the working-day calendar for one day (a system administrator's: the calendar is the country's)."""
    permissions.require(permissions.is_system_admin(actor), _("Only a system administrator corrects the calendar."))
    errors = []
    if day is None:
        errors.append(FieldError("day", gettext_noop("is required"), "required"))
    reason = nfc((reason or "").strip())
    if not reason:
        errors.append(FieldError("reason", gettext_noop("is required"), "required"))
    if errors:
        raise DomainError(_("The calendar was not corrected."), errors)
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(day=day).first()
        before = {"working": row.working, "reason": row.reason} if row else None
        row = row or CalendarDay(day=day)
        row.working, row.reason, row.set_by, row.set_at = bool(working), reason[:255], actor, clock.now()
        row.save()
        audit_record(actor=actor, action="calendar.set", obj=row, before=before,
                     after={"day": day.isoformat(), "working": row.working, "reason": row.reason})
    return row


def calendar_day_clear(*, actor: User, day: dt.date) -> bool:
    """Take back a correction: the published calendar holds for that day again."""
    permissions.require(permissions.is_system_admin(actor), _("Only a system administrator corrects the calendar."))
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(day=day).first()
        if row is None:
            return False
        audit_record(actor=actor, action="calendar.clear", obj=row,
                     before={"day": day.isoformat(), "working": row.working, "reason": row.reason})
        row.delete()
    return True
