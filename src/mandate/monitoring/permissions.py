"""Who sets a unit's KPI targets and who reports their values, on the roles of `accounts.permissions`."""
from mandate.accounts.permissions import DECIDERS, WRITERS, has_role_over, is_system_admin
from mandate.orgs.models import Unit


def can_set_kpi_target(user, unit: Unit) -> bool:
    """Targets are set by the leaders over the unit (its own, or those above it)."""
    return has_role_over(user, unit, DECIDERS)


def can_report_kpi(user, target) -> bool:
    return has_role_over(user, target.unit, WRITERS)


def can_set_reminder_preference(user, person) -> bool:
    """Choose how `person` receives reminders: the person themselves (a system administrator on their behalf)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk == person.pk or is_system_admin(user)
