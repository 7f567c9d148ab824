"""May this user know of this item: the one answer for documents, tasks and every path that names them.

An item of level 0 is known to whoever its app opens it to (`open_to`: the units in one's reach, and for documents
every unregistered or central one). A secret item (levels 1 to 3 of `mandate.core.secrecy`) is known only to a
user whose clearance covers its level and who needs to know of it: it belongs to, or is assigned to or
coordinated by, a unit in their reach, or they are named on it (`need_to_know`). The system itself and its
administrators know of everything, and their openings of secret items are logged like anyone's.

Each app says what its need to know is (`documents.permissions.document_q`, `tasks.permissions.task_q`) and
filters with `secrecy_q`; a single row is asked with `may_know`, which gives the same answer.
"""
from django.db.models import Q
from django.utils.translation import gettext

from mandate.accounts.permissions import is_system_admin
from mandate.core.errors import FieldError
from mandate.core.secrecy import HIGHEST, Secrecy, covers, is_secret


def clearance_of(user) -> int:
    """The highest level `user` may read: every level for the system and its administrators, none for nobody."""
    if is_system_admin(user):
        return HIGHEST
    if not getattr(user, "is_authenticated", False):
        return Secrecy.NONE
    return user.clearance


def secrecy_q(user, *, need_to_know: Q, open_to: Q | None = None, field: str = "secrecy") -> Q:
    """The items `user` may know of, as a filter: level 0 when `open_to` (by default the need to know) lets them,
    a secret one when their clearance covers its level and they need to know of it."""
    plain = Q(**{field: Secrecy.NONE}) & (need_to_know if open_to is None else open_to)
    clearance = clearance_of(user)
    if clearance == Secrecy.NONE:
        return plain
    return plain | (Q(**{f"{field}__gt": Secrecy.NONE, f"{field}__lte": clearance}) & need_to_know)


def may_know(user, *, secrecy: int, needs_to_know: bool, open: bool | None = None) -> bool:
    """The predicate of `secrecy_q` for one item whose need to know (and openness) the caller has decided."""
    if not is_secret(secrecy):
        return needs_to_know if open is None else open
    return covers(clearance_of(user), secrecy) and needs_to_know


def may_read_level(user, secrecy: int) -> bool:
    """The clearance half alone, for one who already stands in the item's body (a reminder to its lead unit)."""
    return covers(clearance_of(user), secrecy)


def secrecy_errors(actor, secrecy: int, *, field_name: str = "secrecy") -> list[FieldError]:
    """Why `actor` may not mark an item at `secrecy`: not a level of the law, or above their own clearance."""
    if secrecy not in Secrecy.values:
        return [FieldError(field_name, gettext("is not a level of secrecy (0 to 3)"))]
    if not covers(clearance_of(actor), secrecy):
        return [FieldError(field_name, gettext("is above your clearance"), "clearance")]
    return []


def can_audit_reads(user) -> bool:
    """Read the read log (who opened which secret item): the system administrators."""
    return is_system_admin(user)
