"""Complaints from every channel, the terminals that send them, and receipts.

Content and identity are kept apart: `Complaint` holds what happened,
`ComplainantIdentity` who complained, readable only by a reasoned, approved and
logged request when the complainant asked for confidentiality.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel, TimeStampedModel

from .choices import About, Category, Channel, Status  # noqa: F401 - re-exported


class Complaint(PublicIdModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"))
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    about = models.CharField(
        _("about whom"), max_length=8, choices=About.choices, default=About.SELF
    )
    categories = models.JSONField(_("what happened"), default=list)
    description = models.TextField(_("account"))
    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    event_time = models.CharField(_("time of the event"), max_length=60, blank=True)
    injuries = models.TextField(_("injuries"), blank=True)
    witnesses = models.TextField(_("witnesses"), blank=True)
    told_already = models.TextField(_("who has been told already"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    consent_prosecutor = models.BooleanField(_("identity may go to the prosecutor"), default=False)
    consent_facility = models.BooleanField(_("identity may go to the facility"), default=False)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    assigned_to = models.ForeignKey(
        "accounts.User",
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Deadlines, computed when the complaint arrives (settings) and kept visible.
    forward_due = models.DateTimeField(_("forward by"), null=True, blank=True)
    first_answer_due = models.DateTimeField(_("first answer by"), null=True, blank=True)
    final_answer_due = models.DateTimeField(_("final answer by"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    # Set only by merging a duplicate (status "merged"); the main complaint carries on.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    # Lower-cased, ё-folded words of the account, injuries and witnesses; indexed
    # per database (pg_trgm on PostgreSQL, FTS5 on SQLite: migration 0006).
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["facility", "status"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_repr(self) -> str:
        return self.number

    @property
    def category_labels(self) -> list[str]:
        """The categories in the reader's language."""
        labels = dict(Category.choices)
        return [str(labels.get(c, c)) for c in self.categories]

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"number": self.number})


class ComplainantIdentity(TimeStampedModel):
    """Who complained (and the victim, if another person): apart from the content."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="identity")
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    iin = models.CharField(_("personal identification number"), max_length=12, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    victim_name = models.CharField(_("victim (if another person)"), max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person held"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("complainant identity")
        verbose_name_plural = _("complainant identities")

    def __str__(self) -> str:
        return f"identity of {self.complaint}"


class Receipt(TimeStampedModel):
    """What the complainant keeps to follow the complaint: a code and a secret."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="receipt")
    code = models.CharField(_("receipt code"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=255)
    answer = models.TextField(_("answer to the complainant"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.code


class TerminalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for pairing")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class Terminal(PublicIdModel):
    """A complaint kiosk inside a facility, known by its Ed25519 public key."""

    verify_key = models.CharField(_("public key"), max_length=64, unique=True)
    pairing_code = models.CharField(_("pairing code"), max_length=11, unique=True)
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terminals",
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TerminalStatus.choices, default=TerminalStatus.PENDING
    )
    paired_at = models.DateTimeField(_("paired"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    last_delivery_at = models.DateTimeField(_("last delivery"), null=True, blank=True)
    outbox_depth = models.PositiveIntegerField(_("messages waiting"), default=0)
    software = models.CharField(_("software"), max_length=60, blank=True)

    class Meta:
        ordering = ["facility", "label"]
        verbose_name = _("terminal")
        verbose_name_plural = _("terminals")

    def __str__(self) -> str:
        return self.label or self.pairing_code


class TerminalMessage(models.Model):
    """The exactly-once ledger: one row per message id ever accepted."""

    terminal = models.ForeignKey(Terminal, on_delete=models.PROTECT, related_name="messages")
    message_id = models.UUIDField(unique=True)
    received_at = models.DateTimeField()
    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("terminal message")
        verbose_name_plural = _("terminal messages")

    def __str__(self) -> str:
        return str(self.message_id)


class NumberSequence(models.Model):
    """Per-year counter behind human numbers such as CMP-2026-000123."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class ComplaintEvent(models.Model):
    """The history of a complaint: status changes, notes, answers; who and when."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        TRIAGE = "triage", _("Triage")
        NOTE = "note", _("Internal note")
        ANSWER = "answer", _("Answer to the complainant")
        MERGE = "merge", _("Merge")
        ATTACHMENT = "attach", _("Attachment")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["complaint", "at", "id"]
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")

    def __str__(self) -> str:
        return f"{self.complaint} {self.kind} {self.at:%Y-%m-%d}"

    @property
    def from_label(self) -> str:
        return Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label if self.to_status else ""


class RevealStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class IdentityReveal(models.Model):
    """A reasoned request to see a confidential complainant's identity, decided by a custodian."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reveals")
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=RevealStatus.choices, default=RevealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("identity reveal request")
        verbose_name_plural = _("identity reveal requests")

    def __str__(self) -> str:
        return f"{self.complaint} {self.status}"


class ComplaintAttachment(PublicIdModel):
    """A file added by staff (a scanned letter, a document): kept outside any URL, hashed."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    # A random name in the attachments storage: nothing in it says whose file it is.
    storage_name = models.CharField(max_length=100, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=200)
    description = models.CharField(_("description"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the stored file"), max_length=64)
    # Images are re-encoded without their metadata: the upload's own hash is kept too.
    original_sha256 = models.CharField(_("SHA-256 of the file as uploaded"), max_length=64)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["complaint", "created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "original_sha256"], name="one_copy_of_a_file_per_complaint"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint} {self.original_name}"

    @property
    def audit_repr(self) -> str:
        # The file name may name a person: the audit log names the complaint only.
        return f"{self.complaint.number} attachment"

    def get_absolute_url(self) -> str:
        return reverse(
            "complaints:attachment", kwargs={"number": self.complaint.number, "uuid": self.uuid}
        )


class DeadlineKind(models.TextChoices):
    FORWARD = "forward", _("Forward to the competent body")
    FIRST_ANSWER = "first_answer", _("First answer")
    FINAL_ANSWER = "final_answer", _("Final answer")


class ComplaintReminder(models.Model):
    """A deadline of an assigned complaint that is near or passed: one per complaint and kind."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("deadline"), max_length=16, choices=DeadlineKind.choices)
    due_at = models.DateTimeField(_("due"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    assignee = models.ForeignKey(
        "accounts.User",
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "kind"], name="one_reminder_per_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.complaint} {self.kind}"

    @property
    def passed(self) -> bool:
        return self.due_at < timezone.now()
