"""Reads of people."""
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from mandate.accounts import permissions
from mandate.accounts.models import ApiToken, Membership, Role, User
from mandate.core.errors import NotFound, invalid
from mandate.orgs.models import Unit


def user_named(username: str | None, field_name: str) -> User | None:
    """The active user a request names in `field_name`: None when it names none; an unknown name is a refusal of
    that field."""
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise invalid(field_name, _("no active user is called “%(name)s”") % {"name": username}, "unknown_user")
    return user


def users_search(*, viewer, q: str = "", limit: int = 20) -> QuerySet[User]:
    """Active users whose user name or full name contains `q`, for pickers such as the leader in charge.

    A system administrator finds anyone; anyone else finds the people who hold a role within their own reach and
    the people named without any role (leaders in charge), never an administrator of the system.
    """
    users = User.objects.filter(is_active=True)
    if not permissions.is_system_admin(viewer):
        administrators = Membership.objects.filter(role=Role.SYSTEM_ADMIN).values("user_id")
        users = users.filter(is_superuser=False).exclude(pk__in=administrators).filter(
            Q(memberships__unit_id__in=permissions.reach(viewer)) | Q(memberships__isnull=True)).distinct()
    for word in q.split():
        users = users.filter(Q(username__icontains=word) | Q(full_name__icontains=word))
    return users.order_by("full_name", "username")[:limit]


def membership_units(*, user) -> list:
    """The units where `user` holds a role, highest in the tree first: the dashboard opens on the first."""
    units = Unit.objects.filter(memberships__user=user).distinct()
    return sorted(units, key=lambda unit: (unit.code.count("."), len(unit.code), unit.code))


def tokens_of(*, user) -> QuerySet:
    """The user's API tokens, newest first (only prefixes: the tokens themselves are never kept)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def token_get(*, user, token_id: int):
    """One of the user's own tokens; another user's token is not found, as if it did not exist."""
    token = tokens_of(user=user).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("You have no token %(id)s.") % {"id": token_id})
    return token


def users_administered(*, actor, q: str = "", limit: int = 200) -> QuerySet[User]:
    """The people the administration pages list to `actor`: everyone for a system administrator; for a unit
    administrator, those holding a role in their subtree (active or not)."""
    users = User.objects.all()
    if not permissions.is_system_admin(actor):
        if not permissions.can_administer(actor):
            return User.objects.none()
        users = users.filter(memberships__unit_id__in=permissions.reach(actor, (Role.UNIT_ADMIN,))).distinct()
    for word in q.split():
        users = users.filter(Q(username__icontains=word) | Q(full_name__icontains=word) | Q(email__icontains=word))
    return users.order_by("full_name", "username")[:limit]


def user_administered(*, actor, user_id: int) -> User:
    """One person the actor administers; anyone else is not found, as if they did not exist."""
    user = users_administered(actor=actor, limit=None).filter(pk=user_id).first() if user_id else None
    if user is None:
        raise NotFound(_("No person %(id)s that you administer.") % {"id": user_id})
    return user


def memberships_of(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("unit").order_by("unit__code", "role")
