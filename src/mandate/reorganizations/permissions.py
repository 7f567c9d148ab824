"""Who may change the apparatus: preparing, previewing, applying and reverting reorganizations."""
from mandate.accounts.permissions import is_system_admin


def can_reorganize(user) -> bool:
    """Prepare, apply and revert reorganizations: the administrators of the whole system."""
    return is_system_admin(user)


def can_preview_reorganization(user) -> bool:
    """A preview lists the tasks, coordinations and extensions that would move, by title: the reorganizers' view."""
    return is_system_admin(user)
