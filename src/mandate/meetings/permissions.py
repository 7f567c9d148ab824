"""Who sees a meeting, who runs it and who gives opinions in it, on the roles and reach of `accounts.permissions`.

A meeting is run by those who write for its body (the secretariat records, the leaders respond), or for
the body's successor once a reorganization closed it; its delegates see it and give their own opinions,
a group's secretary records the group's.
"""
from django.db.models import Exists, OuterRef, Q, QuerySet

from mandate.accounts.permissions import WRITERS, has_role_over, is_system_admin, reach
from mandate.meetings.models import Delegate
from mandate.orgs.models import Unit
from mandate.reorganizations.models import ReorganizationLink
from mandate.reorganizations.selectors import unit_successors


def visible_meetings(user, meetings: QuerySet) -> QuerySet:
    """The meetings of bodies inside the user's reach, and those the user is a delegate of."""
    if is_system_admin(user):
        return meetings
    if user is None or not getattr(user, "is_authenticated", False):
        return meetings.none()
    attending = Delegate.objects.filter(meeting=OuterRef("pk"), user=user)
    units = reach(user)
    return meetings.filter(Q(body__in=units) | Q(body__in=_inherited_from(units)) | Exists(attending))


def _inherited_from(units: QuerySet) -> QuerySet:
    """Bodies closed by an applied reorganization whose work passed to one of `units`: their meetings are the
    successors' history (the 2025 merger hands old-66.TU.BCH's to 66.TU.BCH)."""
    return (ReorganizationLink.objects.filter(successor__in=units, predecessor__isnull=False,
                                              reorganization__applied_at__isnull=False,
                                              reorganization__reverted_at__isnull=True)
            .values("predecessor"))


def can_open_meetings(user) -> bool:
    """Holds a writing role in some unit, the least that `can_manage_meeting` asks of a body: offers "Open a meeting"."""
    return is_system_admin(user) or bool(user is not None and getattr(user, "is_authenticated", False)
                                          and reach(user, WRITERS).exists())


def can_manage_meeting(user, body: Unit) -> bool:
    """The secretariat's work (delegates, groups, agenda, drafts, attendance, conclusion) and the leaders'
    responses: those who write for the body that meets, or for its successor when a reorganization closed it."""
    if has_role_over(user, body, WRITERS):
        return True
    if body.valid_to is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    return any(has_role_over(user, heir, WRITERS) for heir in unit_successors(unit=body))


def can_give_opinion(user, meeting, *, delegate=None, group=None) -> bool:
    """A delegate gives their own opinion; a group's secretary records the group's and its members'; the
    secretariat records anyone's (a guest without an account, an opinion sent on paper)."""
    if can_manage_meeting(user, meeting.body):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if group is not None:
        return group.secretary is not None and group.secretary.user_id == user.pk
    if delegate is not None and delegate.user_id == user.pk:
        return True
    return (delegate is not None and delegate.group is not None and delegate.group.secretary is not None
            and delegate.group.secretary.user_id == user.pk)
