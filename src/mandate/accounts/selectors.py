"""Reads of people."""
from django.db.models import Q, QuerySet

from mandate.accounts.models import User


def users_search(*, q: str = "", limit: int = 20) -> QuerySet[User]:
    """Active users whose user name or full name contains `q`, for pickers such as the leader in charge."""
    users = User.objects.filter(is_active=True)
    for word in q.split():
        users = users.filter(Q(username__icontains=word) | Q(full_name__icontains=word))
    return users.order_by("full_name", "username")[:limit]


def membership_units(*, user) -> list:
    """The units where `user` holds a role, highest in the tree first: the dashboard opens on the first."""
    from mandate.orgs.models import Unit

    units = Unit.objects.filter(memberships__user=user).distinct()
    return sorted(units, key=lambda unit: (unit.code.count("."), len(unit.code), unit.code))
