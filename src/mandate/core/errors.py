"""Domain errors that every edge (API, pages, commands) turns into a message naming field and reason."""
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy as _

# The labels the pages show beside the fields the services name, so that a refusal reads "Lead unit: …" in the
# reader's language, never "lead_unit: …". A dotted field ("tasks.0.lead_unit") takes the label of its last name.
FIELD_LABELS = {
    "as_of": _("Structure as of"), "assigned_on": _("Assigned on"), "backdate_reason": _("Reason for the earlier date"), "basis": _("Legal basis"), "assigning_unit": _("Assigning unit"), "body": _("Body"), "include": _("Parts to include"), "clause": _("Clause"),
    "code": _("Code"), "coordinators": _("Coordinators"), "deadline": _("Deadline"), "default_successor": _("Default successor"),
    "destinations": _("Destination"), "disposition": _("Response"), "document": _("Document"), "effective_on": _("Effective date"),
    "ends_on": _("Last day"), "explanation": _("Explanation"), "file": _("File"), "files": _("Evidence files"),
    "group": _("Group"), "q": _("Words to find"), "indicator": _("Indicator"), "issued_on": _("Issued on"), "issuing_unit": _("Issuing unit"),
    "item": _("Agenda item"), "kind": _("Kind"), "language": _("Language"), "lead_unit": _("Lead unit"),
    "leader": _("Leader in charge"), "level": _("Level"), "meeting": _("Meeting"), "members": _("Members"), "name": _("Name"),
    "new_name": _("New name (rename)"), "new_parent": _("New parent (move)"), "new_units": _("New units"), "note": _("Note"),
    "number": _("Number"), "parent": _("Parent task"), "percent": _("Progress (%)"), "period": _("Period"),
    "place": _("Place"), "position": _("Position"), "predecessors": _("Units it changes or closes"),
    "product": _("Product"), "province": _("Province"), "quote": _("Quote"), "reason": _("Reason"),
    "request": _("request"), "requested_deadline": _("New deadline"), "role": _("Role"), "rule": _("Rule"), "starts_on": _("First day"),
    "state": _("State"), "status": _("Status"), "successors": _("Successors"),
    "target": _("Target"), "task": _("Task"), "text": _("Text"), "title": _("Title"), "transition": _("Workflow"),
    "type": _("Type"), "unit": _("Unit"), "user": _("User"), "username": _("User name"), "value": _("Reported value"),
    "version": _("Version"),
}
# The administration's fields (accounts/administration.py).
FIELD_LABELS.update({
    "email": _("E-mail"), "password": _("Password"), "new_password1": _("New password"), "clearance": _("Clearance"),
    "full_name": _("Full name"), "roles": _("Roles"), "from_unit": _("Delegating unit"), "to_unit": _("Receiving unit"),
    "valid_from": _("Valid from"), "valid_to": _("Valid until"), "warning_days": _("Due soon within (days)"),
    "reminder_days": _("Remind days before the deadline"), "escalate_after_days": _("Tell the superior after (days overdue)"),
    "membership": _("Role"), "session": _("Session"),
})

# The fields of periodic reports and ratings (reviews/services.py).
FIELD_LABELS.update({
    "receiver": _("Receiving committee"), "frequency": _("How often"), "reporters": _("Reporting units"),
    "window_start_day": _("Data window starts on day"), "deadline_rule": _("Deadline"),
    "deadline_day": _("Due on day of the month"), "working_days": _("Working days after the cut-off"),
    "aggregating_levels": _("Levels that aggregate (3 working days each)"), "units": _("Units"),
    "subject_kind": _("Who is rated"), "organization": _("Competent level"), "person_name": _("Person's full name"),
    "period_kind": _("Rated per"), "general_points": _("General criteria (of 30 points)"),
    "task_points": _("Task results (of 70 points)"), "appraised_points": _("Appraised points (of 100)"),
    "decisions": _("Ratings to decide"), "rules": _("Rating rules"), "owner": _("Province"),
    "indicators": _("Indicators"),
    "period_start": _("Period from"),
    "period_end": _("Period to"),
    "period_from": _("Period from"),
    "period_to": _("Period to"),
    "reported_on": _("Reported on"),
    "measure": _("Measure"),
})


def field_label(field_name: str) -> str:
    """The label of a field as the pages show it, in the reader's language; the name itself when it has none."""
    label = FIELD_LABELS.get(field_name) or FIELD_LABELS.get(field_name.rsplit(".", 1)[-1])
    return str(label) if label else field_name


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str
    code: str = "invalid"


@dataclass
class DomainError(Exception):
    """A request that the domain refuses; `status` is the HTTP status an edge should answer with."""

    message: str
    errors: list[FieldError] = field(default_factory=list)
    status: int = 422
    # Facts the caller needs to recover, sent beside the message (e.g. the current version on a 409).
    details: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict:
        return {
            "message": self.message,
            "errors": [{"field": e.field, "reason": e.reason, "code": e.code} for e in self.errors],
            **self.details,
        }


class PermissionDenied(DomainError):
    def __init__(self, message: str = "") -> None:
        super().__init__(message=message or gettext("You may not do this."), status=403)


class NotFound(DomainError):
    def __init__(self, message: str = "") -> None:
        super().__init__(message=message or gettext("Not found."), status=404)


class Conflict(DomainError):
    def __init__(self, message: str, errors: list[FieldError] | None = None, details: dict | None = None) -> None:
        super().__init__(message=message, errors=errors or [], status=409, details=details or {})


def invalid(field_name: str, reason: str, code: str = "invalid") -> DomainError:
    """A refusal of one field; the message names the field by its label, both in the reader's language."""
    message = gettext("%(field)s: %(reason)s") % {"field": field_label(field_name), "reason": gettext(reason) if reason else reason}
    return DomainError(message=message, errors=[FieldError(field_name, reason, code)])
