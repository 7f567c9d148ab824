"""Meetings of a body (a conference of a party committee, a session): delegates, discussion groups,
agenda items with drafts in versions, the opinions delegates give on them, the responses, the conclusion."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingState(models.TextChoices):
    OPEN = "open", _("taking opinions")
    CLOSED = "closed", _("opinions closed")
    CONCLUDED = "concluded", _("concluded")


class Meeting(models.Model):
    """E.g. the 2nd conference of the Executive Committee of the Hanoi Party Committee, 18th term."""

    body = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="meetings",
                             help_text="the body that meets, e.g. the Executive Committee (BCH)")
    term = models.ForeignKey("orgs.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="the ordinal: 2 for 'lần thứ hai'")
    extended = models.BooleanField(default=False, help_text="'mở rộng': invited guests take part")
    title = models.CharField(max_length=500)
    search_title = models.CharField(max_length=600, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=255, blank=True)
    state = models.CharField(max_length=12, choices=MeetingState.choices, default=MeetingState.OPEN)
    version = models.PositiveIntegerField(default=1, help_text="raised by every change of its state: an edit names it")
    conclusion = models.OneToOneField("documents.Document", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="concluded_meeting", help_text="the conclusion notice (TB)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=~Q(state="concluded") | Q(conclusion__isnull=False),
                                   name="meeting_concluded_has_conclusion"),
            # One "lần thứ 3" per body and term (and per body, where no term is known).
            models.UniqueConstraint(fields=["body", "term", "number"], condition=Q(number__isnull=False),
                                    name="meeting_number_once_per_term"),
            models.UniqueConstraint(fields=["body", "number"], condition=Q(number__isnull=False, term__isnull=True),
                                    name="meeting_number_once_without_term"),
        ]
        indexes = [models.Index(fields=["body", "starts_on"], name="meeting_body_date_idx")]

    def __str__(self) -> str:
        return self.title


class DelegateRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DELEGATE = "delegate", _("delegate")
    GUEST = "guest", _("invited guest")
    SECRETARIAT = "secretariat", _("secretariat")


class Attendance(models.TextChoices):
    EXPECTED = "expected", _("expected")
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("absent with leave")


class DiscussionGroup(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    place = models.CharField(max_length=255, blank=True)
    leader = models.ForeignKey("Delegate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               help_text="tổ trưởng: chairs the group's discussion")
    secretary = models.ForeignKey("Delegate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text="thư ký: records the group's opinions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="group_number_unique")]
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Delegate(models.Model):
    """A person at the meeting: a user of the system, or an invited guest known by name only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="delegations_to_meetings")
    name = models.CharField(max_length=255)
    position = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             help_text="the unit the delegate comes from")
    role = models.CharField(max_length=12, choices=DelegateRole.choices, default=DelegateRole.DELEGATE)
    group = models.ForeignKey(DiscussionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.EXPECTED)
    attendance_note = models.CharField(max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="raised by every change of attendance or group: an edit "
                                          "names the one it changes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], condition=Q(user__isnull=False),
                                               name="delegate_user_once_per_meeting")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    presenter = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position_unique")]
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Draft(models.Model):
    """The draft an agenda item puts before the delegates, in as many versions as it goes through."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="draft")
    title = models.CharField(max_length=500)
    submission = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   help_text="the submission (Tờ trình) that brings the draft, when registered")

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    note = models.CharField(max_length=500, blank=True)
    taken_in = models.ManyToManyField("Opinion", blank=True, related_name="taken_into",
                                      help_text="the opinions on earlier versions that this version takes in")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique")]
        ordering = ["number"]


class DraftClause(models.Model):
    """A section or clause of one version, as `meetings.clauses.parse` cut it; opinions anchor here."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=120)
    label = models.CharField(max_length=120)
    heading = models.CharField(max_length=500, blank=True)
    level = models.SmallIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="draft_clause_key_unique")]
        ordering = ["position"]

    @property
    def text(self) -> str:
        return self.version.text[self.start:self.end]


class OpinionKind(models.TextChoices):
    AGREE = "agree", _("agree")
    AMEND = "amend", _("amend")
    ADD = "add", _("add")
    REMOVE = "remove", _("remove")
    QUESTION = "question", _("question")


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    EXPLAINED = "explained", _("explained")
    NOT_ACCEPTED = "not_accepted", _("not accepted")


class Opinion(models.Model):
    """An opinion of a delegate or of a discussion group on an agenda item, perhaps on one clause of its draft."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="opinions")
    number = models.PositiveIntegerField(help_text="its order in the meeting: the row of the table of responses")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="opinions")
    version = models.ForeignKey(DraftVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions")
    clause = models.ForeignKey(DraftClause, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions")
    quote = models.TextField(blank=True, help_text="the words of the clause the opinion is about")
    quote_start = models.PositiveIntegerField(null=True, blank=True, help_text="where the quote starts in the version's text")
    kind = models.CharField(max_length=10, choices=OpinionKind.choices)
    text = models.TextField()
    proposal = models.TextField(blank=True, help_text="the wording proposed instead (amend, add)")
    delegate = models.ForeignKey(Delegate, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions")
    group = models.ForeignKey(DiscussionGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="opinions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    disposition = models.CharField(max_length=12, choices=Disposition.choices, blank=True)
    explanation = models.TextField(blank=True)
    responder = models.CharField(max_length=255, blank=True, help_text="who gave the response: name and position")
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, help_text="raised by every response: a response names the one it "
                                                                "changes (`version` is the draft's)")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="opinion_number_unique"),
            models.CheckConstraint(condition=Q(delegate__isnull=False) | Q(group__isnull=False), name="opinion_has_author"),
            models.CheckConstraint(condition=Q(clause__isnull=True) | Q(version__isnull=False), name="opinion_clause_has_version"),
            models.CheckConstraint(condition=Q(disposition="") | Q(responded_at__isnull=False), name="opinion_response_dated"),
        ]
        indexes = [models.Index(fields=["item", "number"], name="opinion_item_idx")]
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def speaking_group(self) -> DiscussionGroup | None:
        """The group the opinion comes from: its own, or its delegate's."""
        return self.group or (self.delegate.group if self.delegate else None)

    @property
    def author(self) -> str:
        """'Tổ 2' for a group's opinion; 'Name (Tổ 2)' for a delegate's."""
        if self.delegate is None:
            return self.group.name
        group = self.speaking_group
        return f"{self.delegate.name} ({group.name})" if group else self.delegate.name
