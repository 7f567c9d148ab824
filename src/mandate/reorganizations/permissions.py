"""Who may change the apparatus: preparing, previewing, applying and reverting reorganizations."""
from mandate.accounts.models import Decision
from mandate.accounts.permissions import has_role_over, is_system_admin
from mandate.accounts.regulations import Rule, rule_for


def can_reorganize(user) -> bool:
    """Prepare, apply and revert reorganizations: the administrators of the whole system."""
    return is_system_admin(user)


def can_preview_reorganization(user) -> bool:
    """A preview lists the tasks, coordinations and extensions that would move, by title: the reorganizers' view."""
    return is_system_admin(user)


def signoff_rule(event) -> Rule:
    """The rule of the working regulation that governs the units an event changes (the first one it names)."""
    link = event.links.filter(predecessor__isnull=False).select_related("predecessor").order_by("id").first()
    unit = link.predecessor if link is not None else event.new_parent
    if unit is None:
        link = event.links.filter(successor__isnull=False).select_related("successor").order_by("id").first()
        unit = link.successor if link is not None else None
    if unit is None:
        return rule_for(unit=None, decision=Decision.REORGANIZATION)
    return rule_for(unit=unit, decision=Decision.REORGANIZATION)


def can_sign_off(user, event, rule: Rule) -> bool:
    """Apply (sign off) an event: a reorganizer holding the rule's role, and not its preparer when the rule says so."""
    if user is None:  # the system itself: the 2025 mergers, commands
        return True
    unit_ok = rule.committee is None or has_role_over(user, rule.committee, rule.roles)
    return can_reorganize(user) and unit_ok and not (rule.separate_from_initiator and event.author_id == user.pk)
