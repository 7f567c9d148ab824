"""Reads of people."""
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from mandate.accounts import permissions
from mandate.accounts.models import ApiToken, Membership, Role, User
from mandate.core import clock
from mandate.core.errors import NotFound, invalid
from mandate.core.text import fold, searchable
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


def people_current(*, viewer) -> QuerySet[User]:
    """The people `viewer` may name in a person field: active, with a role in a unit in force today (people who left
    are not offered). A system administrator names anyone of them; anyone else the people who hold a role within their
    own reach, never an administrator of the system; no viewer (a form that has none, such as a review row that a
    service checks again), anyone of them."""
    today = clock.today()
    current = Membership.objects.filter(
        Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=today),
        Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=today))
    users = User.objects.filter(is_active=True)
    if viewer is not None and not permissions.is_system_admin(viewer):
        administrators = Membership.objects.filter(role=Role.SYSTEM_ADMIN).values("user_id")
        users = users.filter(is_superuser=False).exclude(pk__in=administrators)
        current = current.filter(unit_id__in=permissions.reach(viewer))
    return users.filter(pk__in=current.values("user_id"))


def users_search(*, viewer, q: str = "", limit: int = 20) -> list[User]:
    """The people of `people_current` whose name (without diacritics: "nguyen van a" finds Nguyễn Văn A) or user
    name contains each word of `q`, each with `unit` (where they hold their first role) and `label` (name, position,
    unit) and `pick` (what choosing it writes in the field) for the suggestions."""
    users = people_current(viewer=viewer)
    for word in q.split():
        users = users.filter(Q(search_name__contains=f" {fold(word)}") | Q(username__icontains=word))
    found = list(users.prefetch_related("memberships__unit").order_by("full_name", "username")[:limit])
    shared = set(people_current(viewer=viewer).filter(search_name__in={user.search_name for user in found})
                 .values("search_name").annotate(n=Count("pk")).filter(n__gt=1).values_list("search_name", flat=True))
    for user in found:
        person_describe(user)
        # What a picked suggestion writes in the field: the name, or the whole label when another person bears it.
        user.pick = user.label if user.search_name in shared else (user.full_name or user.username)
    return found


def person_describe(user: User) -> User:
    """`user` with `unit` (the unit of their first role, highest in the tree) and `label`: "name — position — unit"."""
    units = sorted({m.unit for m in user.memberships.all()}, key=lambda unit: (unit.code.count("."), len(unit.code), unit.code))
    user.unit = units[0] if units else None
    user.label = " — ".join(part for part in (user.full_name or user.username, user.position,
                                               user.unit.name if user.unit else "") if part)
    return user


def people_named(*, viewer, name: str) -> list[User]:
    """The people that `name` names: the active user of that user name (as the API names people); else, among
    `people_current`, one full name (without diacritics), or,
    when several people bear it, the label a suggestion gave ("name — position — unit"); else those whose name
    contains its words. Several people: the caller asks for a choice."""
    name = " ".join((name or "").split())
    if not name:
        return []
    people = people_current(viewer=viewer).prefetch_related("memberships__unit")
    by_username = list(User.objects.filter(is_active=True, username=name).prefetch_related("memberships__unit"))
    if by_username:
        return by_username
    first = name.split(" — ")[0]
    same = [person_describe(user) for user in people.filter(search_name=searchable(first))]
    if len(same) > 1:
        picked = [user for user in same if fold(user.label) == fold(name)]
        return picked or same
    return same or users_search(viewer=viewer, q=first, limit=5)


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
