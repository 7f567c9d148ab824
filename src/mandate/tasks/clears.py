"""The six clears (6 rõ): person, work, time, responsibility, product, authority.

A task is accepted only when it is clear in all six; the refusal names every clear it misses.
Pure: it looks at the values it is given, not at the database.
"""
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _, pgettext_lazy

from mandate.core.errors import DomainError, FieldError

CLEARS = ("person", "work", "time", "responsibility", "product", "authority")
# The clears as the refusal names them, in the reader's language.
CLEAR_NAMES = {
    "person": pgettext_lazy("clear", "person"), "work": pgettext_lazy("clear", "work"), "time": pgettext_lazy("clear", "time"),
    "responsibility": pgettext_lazy("clear", "responsibility"), "product": pgettext_lazy("clear", "product"),
    "authority": pgettext_lazy("clear", "authority"),
}


@dataclass(frozen=True)
class Draft:
    leader: object | None
    title: str
    deadline: dt.date | None
    recurrence: str
    lead_unit: object | None
    coordinators: tuple
    product: str
    document: object | None
    assigned_on: dt.date | None = None


def missing_clears(draft: Draft) -> list[FieldError]:
    """Every clear the draft misses, each with the field to fill in and why."""
    errors = []
    if draft.leader is None:
        errors.append(FieldError("leader", "clear person: name the leader in charge", "clear_person"))
    if not draft.title.strip():
        errors.append(FieldError("title", "clear work: say what must be done", "clear_work"))
    if draft.deadline is None and not draft.recurrence.strip():
        errors.append(FieldError("deadline", "clear time: give a deadline or a recurrence", "clear_time"))
    elif draft.deadline is not None and draft.assigned_on is not None and draft.deadline < draft.assigned_on:
        errors.append(FieldError("deadline", "clear time: the deadline is before the task is assigned", "clear_time"))
    if draft.lead_unit is None:
        errors.append(FieldError("lead_unit", "clear responsibility: name exactly one lead unit", "clear_responsibility"))
    elif draft.lead_unit in draft.coordinators:
        errors.append(FieldError("coordinators", "clear responsibility: the lead unit cannot also coordinate",
                                 "clear_responsibility"))
    if len(set(draft.coordinators)) != len(draft.coordinators):
        errors.append(FieldError("coordinators", "clear responsibility: a coordinator is named twice", "clear_responsibility"))
    if not draft.product.strip():
        errors.append(FieldError("product", "clear product: say what proves the task done", "clear_product"))
    if draft.document is None:
        errors.append(FieldError("document", "clear authority: name the document that gives the task", "clear_authority"))
    return errors


def require_clear(draft: Draft) -> None:
    errors = missing_clears(draft)
    if errors:
        names = []
        for error in errors:
            name = error.code.removeprefix("clear_")
            if name not in names:
                names.append(name)
        raise DomainError(_("The task is not clear in: %(names)s.") % {"names": ", ".join(str(CLEAR_NAMES[name]) for name in names)},
                          errors)
