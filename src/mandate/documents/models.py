"""The register of documents, their numbers and the relations between them."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.db.models import Q

from mandate.core.secrecy import Secrecy


class NumberingSystem(models.TextChoices):
    PARTY = "party", _("Party (N-TYPE/ISSUER)")
    STATE = "state", _("State (N/TYPE-ISSUER)")


class Document(models.Model):
    """A numbered document. An unregistered one is a reference we know only by its number."""

    registered = models.BooleanField(default=True)
    system = models.CharField(max_length=8, choices=NumberingSystem.choices)
    number = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=8, blank=True, help_text="type code as the document system writes it, e.g. QĐ")
    issuer_code = models.CharField(max_length=32, blank=True)
    office_code = models.CharField(max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="only when the number carries it")
    number_text = models.CharField(max_length=80, help_text="the number in its canonical spelling")
    number_key = models.CharField(max_length=80, db_index=True, help_text="folded spelling: QD and QĐ alike")
    issuing_unit = models.ForeignKey("orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    numbering_unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="whose sequence the number belongs to: a Standing Committee numbers as its party committee",
    )
    number_period = models.CharField(
        max_length=32, blank=True, help_text="the sequence's period: term:<id> (party) or year:<yyyy> (state)"
    )
    term = models.ForeignKey("orgs.Term", null=True, blank=True, on_delete=models.PROTECT, related_name="documents")
    issued_on = models.DateField(null=True, blank=True)
    signer = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=500, blank=True)
    search_title = models.CharField(max_length=600, blank=True)
    text = models.TextField(blank=True)
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    circle = models.CharField(
        max_length=32, blank=True, default="",
        help_text="empty: the register's rule; else the name of the circle that alone knows of it (documents.circles)",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["numbering_unit", "number_period", "number_key"], condition=Q(numbering_unit__isnull=False),
                name="document_number_unique_per_sequence",
            ),
            models.CheckConstraint(condition=Q(registered=False) | Q(issued_on__isnull=False), name="registered_document_has_date"),
            models.CheckConstraint(condition=~Q(number_text=""), name="document_number_not_empty"),
            models.CheckConstraint(condition=Q(secrecy__lte=max(Secrecy.values)), name="document_secrecy_level"),
        ]
        indexes = [
            models.Index(fields=["issuing_unit", "issued_on"], name="document_unit_date_idx"),
            models.Index(fields=["issued_on"], name="document_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number_text} {self.title}".strip()


class NumberSequence(models.Model):
    """The last number given for one type by one issuer within one term (party) or one year (state)."""

    issuing_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="number_sequences")
    type = models.CharField(max_length=8, blank=True)
    period = models.CharField(max_length=32, help_text="term:<id> for party issuers, year:<yyyy> for state issuers")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuing_unit", "type", "period"], name="number_sequence_unique")]


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="documents/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    text = models.TextField(blank=True, help_text="the words of the file (.txt, .docx, .pdf) for search; empty for a scan")


class RelationKind(models.TextChoices):
    IMPLEMENTS = "implements", _("implements")
    GUIDES = "guides", _("guides")
    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")
    CITES = "cites", _("cites")


class DocumentRelation(models.Model):
    """`source` implements / guides / amends / replaces / cites `target`."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="outgoing_relations")
    target = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="incoming_relations")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="document_relation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="document_relation_not_self"),
        ]
