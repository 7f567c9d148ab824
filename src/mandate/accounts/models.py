"""People who use Mandate, their roles within units, and their API tokens."""
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.db.models import Q

from mandate.core.secrecy import Secrecy
from mandate.core.text import searchable


class User(AbstractUser):
    full_name = models.CharField(max_length=255, blank=True)
    position = models.CharField(max_length=255, blank=True, help_text="e.g. Secretary of the Provincial Party Committee")
    # The highest level of secrecy the user may read (0: none); the need to know by body is asked apart.
    clearance = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    language = models.CharField(max_length=8, blank=True)
    # The second factor: a base32 TOTP secret once the user has confirmed a first code, else empty.
    totp_secret = models.CharField(max_length=64, blank=True)
    # The last TOTP time step (unix time // 30) whose code was accepted: a code works once, never again in its window.
    totp_last_step = models.BigIntegerField(null=True, blank=True)
    # The full name folded (core/text.py `searchable`), so that "nguyen van a" finds "Nguyễn Văn A".
    search_name = models.CharField(max_length=300, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, help_text="raised by every administration edit of the account "
                                          "(roles granted or withdrawn, deactivated or opened): an edit names it")

    class Meta(AbstractUser.Meta):
        constraints = [models.CheckConstraint(condition=Q(clearance__lte=max(Secrecy.values)), name="user_clearance_level")]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_name = searchable(self.full_name or self.username)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    UNIT_ADMIN = "unit_admin", _("Unit administrator")
    LEADER = "leader", _("Leader")
    SPECIALIST = "specialist", _("Specialist")
    INSPECTOR = "inspector", _("Inspector")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A user's role in a unit; it reaches the unit's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, so a stolen database gives no working token."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")), name="token_expiry_after_creation"
            )
        ]


class LoginFailure(models.Model):
    """A failed sign-in, counted per user name and address, per address and per user name (accounts/signin.py)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"], name="login_failure_idx"),
                   models.Index(fields=["ip", "at"], name="login_failure_ip_idx")]


class LoginUnlock(models.Model):
    """A one-time link e-mailed to the owner of an account that failed sign-ins have locked; only its SHA-256 is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class Delegation(models.Model):
    """A superior unit lets the administrators of a subordinate unit appoint people to `role` within it.

    By default a unit's people are appointed by the administrators above it; a delegation hands that
    right down (the decentralization to the communes of 2025). It lasts until revoked.
    """

    from_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="delegations_given")
    to_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="delegations_received")
    role = models.CharField(max_length=16, choices=Role.choices)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(from_unit=models.F("to_unit")), name="delegation_to_another_unit"),
            models.CheckConstraint(condition=~Q(role="system_admin"), name="delegation_not_system_admin"),
            models.UniqueConstraint(fields=["from_unit", "to_unit", "role"], condition=Q(revoked_at__isnull=True),
                                    name="delegation_live_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit}: {self.role}"


class Decision(models.TextChoices):
    """The decisions a committee's working regulation assigns to a role."""

    EXTENSION = "extension", _("Decide a request for more time")
    ACCEPTANCE = "acceptance", _("Accept or return a result")
    REORGANIZATION = "reorganization", _("Sign off a reorganization")


class WorkingRegulation(models.Model):
    """A committee's working regulation (quy chế làm việc): who decides what in that committee and below it.

    The rules of the nearest committee above a unit govern it; a committee without one follows the defaults
    of `accounts.regulations`. Valid over the half-open interval [valid_from, valid_to).
    """

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="working_regulations")
    number_text = models.CharField(max_length=64, blank=True, help_text="e.g. 01-QC/TU")
    title = models.CharField(max_length=500)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    adopted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="regulation_has_title"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="regulation_valid_interval"),
            models.UniqueConstraint(fields=["unit", "valid_from"], name="regulation_unit_from_unique"),
        ]

    def __str__(self) -> str:
        return self.number_text or self.title


class RegulationRule(models.Model):
    """One decision of a working regulation: the role that takes it, and whether its initiator is barred from it."""

    regulation = models.ForeignKey(WorkingRegulation, on_delete=models.CASCADE, related_name="rules")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    role = models.CharField(max_length=16, choices=Role.choices)
    # The requester never decides their own request, the submitter never accepts their own result: for
    # extensions and acceptances this holds whatever the regulation says; for a reorganization it bars the
    # one who prepared it from signing it off.
    separate_from_initiator = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regulation", "decision"], name="regulation_rule_unique"),
            models.CheckConstraint(condition=~Q(role__in=["viewer", "inspector"]), name="regulation_rule_deciding_role"),
        ]


class ActingFor(models.Model):
    """Someone acts for an absent leader of a unit, holding `role` there for a stated period [valid_from, valid_to)."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="acting_for")
    absent = models.ForeignKey(User, on_delete=models.PROTECT, related_name="acted_for")
    acting = models.ForeignKey(User, on_delete=models.PROTECT, related_name="acting_as")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEADER)
    valid_from = models.DateField()
    valid_to = models.DateField()
    reason = models.CharField(max_length=500)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gt=models.F("valid_from")), name="acting_for_period"),
            models.CheckConstraint(condition=~Q(absent=models.F("acting")), name="acting_for_another"),
            models.CheckConstraint(condition=~Q(role="system_admin"), name="acting_for_not_system_admin"),
            models.CheckConstraint(condition=~Q(reason=""), name="acting_for_has_reason"),
        ]
        indexes = [models.Index(fields=["acting", "valid_from"], name="acting_for_acting_idx")]


class IdempotencyKey(models.Model):
    """A POST to the API that named an `Idempotency-Key`: a retry with the same key by the same user answers the
    answer kept here and writes nothing new. `status` is empty while the first request is being served; kept 24 h."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request = models.CharField(max_length=300)  # "POST /api/v1/tasks/3/progress", for the operator
    request_hash = models.CharField(max_length=64)  # of method, path, query and body
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]
        indexes = [models.Index(fields=["created_at"], name="idempotency_key_created")]


class SignedInSession(models.Model):
    """One browser signed in as a user: when and from where, so its owner can see it and close it
    (`accounts/sessions.py`). The session itself lives in Django's session store; this row names it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    signed_in_at = models.DateTimeField()
    ip = models.CharField(max_length=45)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "signed_in_at"], name="signed_in_session_user_idx")]
