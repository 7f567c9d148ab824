"""Tasks of directives, their progress, extensions and timeline."""
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from mandate.core.secrecy import Secrecy
from mandate.orgs.models import ReorganizationKind, Unit


class TaskState(models.TextChoices):
    ASSIGNED = "assigned", pgettext_lazy("state", "Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    COMPLETED = "completed", pgettext_lazy("state", "Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.SUBMITTED, TaskState.RETURNED)


class Task(models.Model):
    """One task: clear person, work, time, responsibility (one lead unit), product and authority."""

    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="tasks")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    title = models.CharField(max_length=500)
    search_title = models.CharField(max_length=600)
    description = models.TextField(blank=True)
    # No single-column index on the units: task_lead_deadline_idx and task_assigning_idx lead with them, and every
    # index is one more write when a reorganization rewrites a province's open tasks.
    assigning_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="assigned_tasks", db_index=False)
    lead_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="led_tasks", db_index=False)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks_in_charge")
    product = models.CharField(max_length=500)
    assigned_on = models.DateField()
    deadline = models.DateField(null=True, blank=True)
    original_deadline = models.DateField(null=True, blank=True)
    recurrence = models.CharField(max_length=64, blank=True, help_text="e.g. monthly; a recurring task may have no deadline")
    state = models.CharField(max_length=16, choices=TaskState.choices, default=TaskState.ASSIGNED)
    progress = models.PositiveSmallIntegerField(default=0)
    submitted_on = models.DateField(null=True, blank=True, help_text="when the lead unit last submitted its result")
    completed_on = models.DateField(null=True, blank=True, help_text="the date of the accepted submission")
    cancelled_on = models.DateField(null=True, blank=True)
    extension_count = models.PositiveSmallIntegerField(default=0)
    # At least its document's level and its parent's (`task_create`).
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    # Dated more than BACKDATE_DAYS before it was entered: why (required then), and whether it came in as an import
    # of past work (the onboarding reader) rather than being assigned here.
    backdate_reason = models.CharField(max_length=500, blank=True)
    imported = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(deadline__isnull=False) | ~Q(recurrence=""), name="task_clear_time"),
            models.CheckConstraint(condition=~Q(title=""), name="task_clear_work"),
            models.CheckConstraint(condition=~Q(product=""), name="task_clear_product"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_percent"),
            models.CheckConstraint(
                condition=Q(state="completed", completed_on__isnull=False) | (~Q(state="completed") & Q(completed_on__isnull=True)),
                name="task_completed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state="cancelled", cancelled_on__isnull=False) | (~Q(state="cancelled") & Q(cancelled_on__isnull=True)),
                name="task_cancelled_has_date",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="task_not_own_parent"),
            models.CheckConstraint(condition=Q(secrecy__lte=max(Secrecy.values)), name="task_secrecy_level"),
        ]
        indexes = [
            models.Index(fields=["lead_unit", "deadline"], name="task_lead_deadline_idx"),
            models.Index(fields=["state", "deadline"], name="task_state_deadline_idx"),
            models.Index(fields=["assigning_unit", "assigned_on"], name="task_assigning_idx"),
            models.Index(fields=["deadline", "id"], name="task_deadline_id_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class TaskCoordinator(models.Model):
    """A unit that coordinates; the lead alone answers for the task."""

    # Indexed by task_coordinator_unique, which leads with the task.
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="coordinations", db_index=False)
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="coordinated_tasks")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="task_coordinator_unique")]


class ProgressReport(models.Model):
    # Indexed by progress_task_time_idx, which leads with the task.
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_reports", db_index=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
    percent = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="progress_report_percent")]
        indexes = [models.Index(fields=["task", "reported_at"], name="progress_task_time_idx")]


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Extension(models.Model):
    """A request for more time, decided by the assigning side; it keeps the deadline it replaced."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    previous_deadline = models.DateField()
    requested_deadline = models.DateField()
    reason = models.TextField()
    state = models.CharField(max_length=16, choices=ExtensionState.choices, default=ExtensionState.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(requested_deadline__gt=models.F("previous_deadline")), name="extension_moves_later"),
            models.CheckConstraint(condition=~Q(reason=""), name="extension_has_reason"),
            models.UniqueConstraint(fields=["task"], condition=Q(state="pending"), name="extension_one_pending"),
        ]


class TaskEvent(models.Model):
    """One line of a task's timeline: creation, status change, delegation, extension, reorganization."""

    # Indexed by task_event_time_idx, which leads with the task.
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events", db_index=False)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["task", "at"], name="task_event_time_idx")]

    @property
    def reorganization(self) -> dict | None:
        """What a "reorganized" (or "reorganization_reverted") line names, for the reader's language: the kind of event,
        its date and number, the unit that held the task and its successor. The line's note is in the language of
        whoever applied it."""
        data = self.data or {}
        if not data.get("reorganization") or data.get("kind") not in ReorganizationKind.values:
            return None
        return {"kind": ReorganizationKind(data["kind"]).label, "effective_on": dt.date.fromisoformat(data["effective_on"]),
                "id": data["reorganization"], "from": data.get("from"), "to": data.get("to")}


class HandoverRole(models.TextChoices):
    LEAD = "lead", _("Lead unit")
    ASSIGNING = "assigning", _("Assigning unit")
    COORDINATOR = "coordinator", _("Coordinator")


class TaskHandover(models.Model):
    """What one reorganization handed on of one open task: its lead unit, the unit that assigned it, or both.

    For each role, `<role>_from` held it during [`<role>_since`, valid_to) and `<role>_to` took it over; a null
    `<role>_from` means the event left that role where it was. valid_to is the event's effective date and
    `<role>_since` the previous handover's of the same role (null: since the task was assigned). Lists "as of" a
    date read the roles through these rows; revert puts the `_from` units back. The coordinations an event moves
    are `CoordinationHandover` rows.

    The event is named by its id: a task's history does not depend on the app that reorganizes (which sits above
    tasks and alone writes these rows).

    A national merger writes one row for each of hundreds of thousands of tasks in one transaction, so a row
    carries only the indexes its readers use (the composite ones below, no single-column index per key) and no
    database key, each of which PostgreSQL would check row by row at the commit. Only the apply service writes
    them, and it guarantees the keys: the event and the units come from rows it has just read and are never
    deleted while a handover names them (events stay; units are PROTECTed, enforced by Django); every task handed
    on gets a timeline line in the same transaction, whose own key to the task is checked at the commit.
    """

    reorganization_id = models.BigIntegerField()  # the event (reorganizations.Reorganization) that handed it on
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="handovers", db_constraint=False,
                             db_index=False)
    valid_to = models.DateField()
    lead_from = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  db_constraint=False, db_index=False)
    lead_to = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                db_constraint=False, db_index=False)
    lead_since = models.DateField(null=True, blank=True)
    assigning_from = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       db_constraint=False, db_index=False)
    assigning_to = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     db_constraint=False, db_index=False)
    assigning_since = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["task", "valid_to"], name="handover_task_idx"),
            # An event's rows share its date: the date leads, so "any handover after a date" is one probe.
            models.Index(fields=["valid_to", "reorganization_id"], name="handover_date_event_idx"),
            models.Index(fields=["lead_from", "valid_to"], name="handover_lead_idx"),
            models.Index(fields=["assigning_from", "valid_to"], name="handover_assigning_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(lead_from__isnull=False) | Q(assigning_from__isnull=False),
                                   name="handover_hands_something"),
        ]


class CoordinationHandover(models.Model):
    """A coordination of an open task that a reorganization moved from `from_unit` to `to_unit`, or dropped
    (`removed`) because the successor already led or coordinated the task. valid_to is the event's date; valid_from
    the date of the task's previous coordination handover, whichever unit it moved (null: none), kept for the
    record (no list reads coordinations as of a date). Keys as for `TaskHandover`, which the apply service
    guarantees in the same way."""

    reorganization_id = models.BigIntegerField()  # the event (reorganizations.Reorganization) that handed it on
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="coordination_handovers",
                             db_constraint=False, db_index=False)
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField()
    removed = models.BooleanField(default=False, help_text="dropped: the successor already led or coordinated the task")

    class Meta:
        indexes = [
            models.Index(fields=["task", "valid_to"], name="coord_handover_task_idx"),
            models.Index(fields=["reorganization_id"], name="coord_handover_event_idx"),
        ]


class TaskTally(models.Model):
    """Changes in how many tasks a lead unit holds in a status, summed per year, month or day (`tasks.tallies`).

    A row says: from `start`, within its grain (the year, the month or the day beginning there), the tasks of
    `unit` at level `secrecy` counted in `status` changed by `n` (and their measures by as much). As of t a count is
    the year rows before t's year, the month rows of t's year before t's month and the day rows of t's month up to t.
    Derived from the tasks by `tasks.tallies`, never edited; no key points at it, and it points at units by id only
    (units are never deleted while a task names them)."""

    unit = models.ForeignKey(Unit, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False)
    secrecy = models.PositiveSmallIntegerField()
    grain = models.PositiveSmallIntegerField()  # 0 year, 1 month, 2 day
    start = models.DateField()
    status = models.CharField(max_length=24)
    n = models.BigIntegerField(default=0)
    extended = models.BigIntegerField(default=0)
    extensions = models.BigIntegerField(default=0)
    after_days = models.BigIntegerField(default=0)
    deadline_days = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            # Leads with the unit, then the grain and the day: a unit's rows as of a date are three ranges of it.
            models.UniqueConstraint(fields=["unit", "grain", "start", "secrecy", "status"], name="task_tally_key"),
        ]
