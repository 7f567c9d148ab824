"""The audit trail of a task or a document as sentences a person reads: who did what, in the reader's language.

The trail keeps codes (`lead_unit: 25.TU.BTC`, `state: assigned`); a page shows the unit's name, the state's label,
the field's label and the date in the reader's format. An action this module does not know still reads as a sentence.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.accounts.models import User
from mandate.audit.models import AuditRecord
from mandate.audit.selectors import audit_history, audit_changes
from mandate.core.errors import field_label
from mandate.core.secrecy import Secrecy
from mandate.orgs.models import Unit
from mandate.tasks.models import TaskState

ACTIONS = {
    "task.create": gettext_lazy("%(actor)s assigned the task."),
    "task.start": gettext_lazy("%(actor)s started the work."),
    "task.submit": gettext_lazy("%(actor)s submitted the result for acceptance."),
    "task.complete": gettext_lazy("%(actor)s accepted the task as completed."),
    "task.return": gettext_lazy("%(actor)s returned the task for more work."),
    "task.cancel": gettext_lazy("%(actor)s cancelled the task."),
    "task.progress": gettext_lazy("%(actor)s reported progress."),
    "document.register": gettext_lazy("%(actor)s registered the document."),
    "document.reference": gettext_lazy("%(actor)s recorded the document as a reference."),
    "document.issue": gettext_lazy("%(actor)s issued the document with its tasks."),
}
OTHER_ACTION = gettext_lazy("%(actor)s changed the record.")
# What a sentence leaves out: counters and flags that say nothing to a reader.
QUIET_FIELDS = {"version", "imported", "registered", "tasks"}
# What a new record's sentence lists, in this order; what it repeats (its first state, its first deadline) stays out.
CREATED_ORDER = ("number", "type", "title", "lead_unit", "coordinators", "leader", "deadline", "recurrence", "product",
                 "document", "issuing_unit", "issued_on", "signer", "assigning_unit", "assigned_on", "backdate_reason",
                 "secrecy", "references")
UNIT_FIELDS = {"lead_unit", "assigning_unit", "issuing_unit", "coordinators"}
DATE_FIELDS = {"deadline", "original_deadline", "completed_on", "cancelled_on", "assigned_on", "issued_on"}
EXTRA_LABELS = {
    "original_deadline": gettext_lazy("Original deadline"), "progress": gettext_lazy("Progress (%)"),
    "recurrence": gettext_lazy("Recurrence"), "completed_on": gettext_lazy("Completed on"),
    "cancelled_on": gettext_lazy("Cancelled on"), "secrecy": gettext_lazy("Secrecy"), "signer": gettext_lazy("Signer"),
    "references": gettext_lazy("References"),
}


@dataclass
class HistoryLine:
    at: dt.datetime
    actor: str
    sentence: str
    details: list[str] = field(default_factory=list)


def _label(name: str) -> str:
    return str(EXTRA_LABELS[name]) if name in EXTRA_LABELS else field_label(name)


class _Names:
    """The names of the units and people a set of records mentions, read in two queries."""

    def __init__(self, records: list[AuditRecord]) -> None:
        codes, usernames = set(), set()
        for record in records:
            for side in (record.before, record.after):
                if not isinstance(side, dict):
                    continue
                for name in UNIT_FIELDS & side.keys():
                    value = side[name]
                    codes.update(value if isinstance(value, list) else [value] if value else [])
                if side.get("leader"):
                    usernames.add(side["leader"])
        self.units = dict(Unit.objects.filter(code__in=codes).values_list("code", "name"))
        self.people = {user.username: str(user) for user in User.objects.filter(username__in=usernames)}

    def value(self, name: str, value) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if name in UNIT_FIELDS:
            codes = value if isinstance(value, list) else [value]
            return ", ".join(self.units.get(code, code) for code in codes)
        if name == "leader":
            return self.people.get(value, value)
        if name == "state":
            return str(TaskState(value).label) if value in TaskState.values else str(value)
        if name == "secrecy" and value in Secrecy.values:
            return str(Secrecy(value).label)
        if name == "progress":
            return f"{value}%"
        if name in DATE_FIELDS and isinstance(value, str):
            try:
                return date_format(dt.date.fromisoformat(value[:10]), "SHORT_DATE_FORMAT")
            except ValueError:
                return value
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)


def history_lines(*, obj) -> list[HistoryLine]:
    """The object's audit records, oldest first, as sentences; the caller has checked the object is visible."""
    records = list(audit_history(object_type=obj._meta.label_lower, object_id=obj.pk))
    names = _Names(records)
    lines = []
    for record in records:
        actor = str(record.actor) if record.actor else capfirst(_("the system"))  # a person's name is never recased
        sentence = str(ACTIONS.get(record.action, OTHER_ACTION)) % {"actor": actor}
        created = not isinstance(record.before, dict) or not record.before
        changes = [change for change in audit_changes(record) if change.field not in QUIET_FIELDS]
        if created:
            changes = sorted((change for change in changes if change.field in CREATED_ORDER),
                             key=lambda change: CREATED_ORDER.index(change.field))
        details = []
        for change in changes:
            if created:
                if change.after in (None, "", [], False, 0):
                    continue
                details.append(_("%(field)s: %(value)s") % {"field": _label(change.field),
                                                             "value": names.value(change.field, change.after)})
            else:
                details.append(_("%(field)s: %(before)s → %(after)s") % {
                    "field": _label(change.field), "before": names.value(change.field, change.before),
                    "after": names.value(change.field, change.after)})
        lines.append(HistoryLine(at=record.at, actor=actor, sentence=sentence, details=details))
    return lines
