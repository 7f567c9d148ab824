"""Who defines report regimes, drafts and issues reports, reminds, and who self-assesses, appraises and decides a rating."""
from mandate.accounts.permissions import DECIDERS, READERS, WRITERS, has_role_over, is_system_admin, reach
from mandate.documents.permissions import can_register_document
from mandate.orgs.models import Unit


def can_define_regime(user, receiver: Unit) -> bool:
    """A regime is set by the leaders over the receiving committee."""
    return has_role_over(user, receiver, DECIDERS)


def can_read_unit_reports(user, unit: Unit) -> bool:
    return has_role_over(user, unit, READERS)


def can_draft_report(user, unit: Unit) -> bool:
    return has_role_over(user, unit, WRITERS)


def can_issue_report(user, unit: Unit) -> bool:
    """Issuing registers the report as a BC document of the unit: who may register its documents."""
    return can_draft_report(user, unit) and can_register_document(user, unit)


def can_remind_reporters(user, receiver: Unit) -> bool:
    return has_role_over(user, receiver, WRITERS)


def can_self_assess(user, unit: Unit) -> bool:
    return has_role_over(user, unit, WRITERS)


def can_appraise(user, organization: Unit) -> bool:
    """The appraisal is the competent level's advisers' (its writers)."""
    return has_role_over(user, organization, WRITERS)


def can_decide_rating(user, organization: Unit) -> bool:
    """The decision is the competent level's leaders'."""
    return has_role_over(user, organization, DECIDERS)


def can_set_rating_scheme(user, unit: Unit) -> bool:
    return has_role_over(user, unit, DECIDERS)


def can_define_indicators(user, owner: Unit) -> bool:
    return has_role_over(user, owner, DECIDERS)


def readable_units(user, as_of):
    """The units whose reports and ratings `user` may read; None: all of them."""
    return None if is_system_admin(user) else reach(user, as_of=as_of)


def can_define_regimes_somewhere(user) -> bool:
    """Leads some unit: offers the form of a new report regime, rating decisions and indicator sets."""
    return is_system_admin(user) or bool(user is not None and getattr(user, "is_authenticated", False)
                                          and reach(user, DECIDERS).exists())


def can_draft_somewhere(user) -> bool:
    """Writes in some unit: offers drafting a report and a self-assessment."""
    return is_system_admin(user) or bool(user is not None and getattr(user, "is_authenticated", False)
                                          and reach(user, WRITERS).exists())
