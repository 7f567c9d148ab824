"""What the menus and buttons of every page offer the signed-in user: only what a role of theirs may do.

A context processor (`may`): each answer is asked of the permission predicates the services themselves check, once
per page and only when a template reads it, so a viewer is never offered a form that would then refuse them.
"""
from functools import cached_property

from django.http import HttpRequest

from mandate.inspections.permissions import can_open_cases_somewhere, can_view_cases_somewhere
from mandate.meetings.permissions import can_open_meetings
from mandate.reviews.permissions import can_define_regimes_somewhere, can_draft_somewhere
from mandate.personnel.permissions import can_read_record_log, can_review_left_over_roles, offers_cadre_work
from mandate.web.forms import date_pattern
from mandate.tasks.permissions import can_assign_somewhere


class Offers:
    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def assign(self) -> bool:
        return can_assign_somewhere(self.user)

    @cached_property
    def read_directive(self) -> bool:
        return can_assign_somewhere(self.user)

    @cached_property
    def open_meeting(self) -> bool:
        return can_open_meetings(self.user)

    @cached_property
    def define_regime(self) -> bool:
        """A new report regime, an indicator set: the leaders of some unit."""
        return can_define_regimes_somewhere(self.user)

    @cached_property
    def draft_report(self) -> bool:
        """Drafting a report, a self-assessment: the writers of some unit."""
        return can_draft_somewhere(self.user)

    @cached_property
    def cadre_work(self) -> bool:
        return offers_cadre_work(self.user)

    @cached_property
    def read_record_log(self) -> bool:
        return can_read_record_log(self.user)

    @cached_property
    def inspections(self) -> bool:
        """The commission's pages: only to whom a case may be known (its circle), never to the rest of the committee."""
        return can_view_cases_somewhere(self.user)

    @cached_property
    def open_case(self) -> bool:
        return can_open_cases_somewhere(self.user)

    @cached_property
    def review_left_over_roles(self) -> bool:
        return can_review_left_over_roles(self.user)


def offers(request: HttpRequest) -> dict:
    return {"may": Offers(getattr(request, "user", None))}


def date_hint(request: HttpRequest) -> dict:
    """The reader's date format (dd/mm/yyyy or dd.mm.yyyy) for the date fields a template lays out by hand."""
    return {"date_pattern": date_pattern()}
