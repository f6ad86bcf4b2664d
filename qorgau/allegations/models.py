"""The allegation case file: one per alleged event of torture or ill-treatment.

Every source (a complaint today; medical examinations, visit interviews and
camera events later) links into the file through `CaseSource`, generically, so
that the file drives the safeguards whatever door the allegation came through.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.accounts.roles import Role
from qorgau.core.models import PublicIdModel, TimeStampedModel

from .choices import (
    CaseStatus,
    Classification,
    FlagKind,
    FlagStatus,
    PerpetratorRole,
    ReferralKind,
    ReferralStatus,
    SafeguardKind,
    SafeguardStatus,
    SourceKind,
    UpdateKind,
)


class CaseFile(PublicIdModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="case_files",
    )
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    event_from = models.DateTimeField(_("event from"), null=True, blank=True)
    event_to = models.DateTimeField(_("event until"), null=True, blank=True)
    # The safeguards' clocks start when the allegation became known.
    known_at = models.DateTimeField(_("allegation known"))
    summary = models.TextField(_("summary of the allegation"))
    classification = models.CharField(
        _("classification"),
        max_length=8,
        choices=Classification.choices,
        default=Classification.UNCLASSIFIED,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    status_note = models.TextField(_("reason for the status"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    opened_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-known_at"]
        verbose_name = _("allegation case file")
        verbose_name_plural = _("allegation case files")
        indexes = [models.Index(fields=["facility", "status"])]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_repr(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("allegations:detail", kwargs={"number": self.number})


class CaseSource(models.Model):
    """A record that brought the allegation to light, by kind and public id."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("source"), max_length=16, choices=SourceKind.choices)
    # The source's public reference (a complaint number, an examination's UUID…):
    # apps link in without this app knowing their models.
    reference = models.CharField(_("reference"), max_length=64)
    linked_at = models.DateTimeField(_("linked"), default=timezone.now)
    linked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "linked_at"]
        verbose_name = _("case source")
        verbose_name_plural = _("case sources")
        constraints = [
            models.UniqueConstraint(fields=["kind", "reference"], name="source_in_one_case_file")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        if self.kind == SourceKind.COMPLAINT:
            return reverse("complaints:detail", kwargs={"number": self.reference})
        if self.kind == SourceKind.EXAMINATION:
            return reverse("medical:detail", kwargs={"uuid": self.reference})
        return ""


class Victim(models.Model):
    """An alleged victim: a person of the register, the complainant of a complaint, or a name."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="victims")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person held"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The complainant of this complaint: the identity stays with the complaint,
    # behind its reveal rule, and is never copied here.
    complaint_number = models.CharField(_("complainant of"), max_length=20, blank=True)
    # Told of by the complainant of that complaint (a relative, a cellmate), not the complainant.
    named_by_complainant = models.BooleanField(_("named by the complainant"), default=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    consent_prosecutor = models.BooleanField(_("identity may go to the prosecutor"), default=False)
    protection_note = models.TextField(_("protection"), blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("alleged victim")
        verbose_name_plural = _("alleged victims")

    def __str__(self) -> str:
        return f"victim in {self.case}"


class Perpetrator(models.Model):
    """An alleged perpetrator, by role; a name only when known and needed."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="perpetrators")
    role = models.CharField(_("role"), max_length=16, choices=PerpetratorRole.choices)
    unit = models.CharField(_("unit or post"), max_length=200, blank=True)
    name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("alleged perpetrator")
        verbose_name_plural = _("alleged perpetrators")

    def __str__(self) -> str:
        return f"{self.get_role_display()} ×{self.count}"


class Safeguard(TimeStampedModel):
    """One safeguard of a case file, with its clock, its status and its owner."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="safeguards")
    kind = models.CharField(_("safeguard"), max_length=16, choices=SafeguardKind.choices)
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=SafeguardStatus.choices, default=SafeguardStatus.PENDING
    )
    owner = models.CharField(_("owner"), max_length=40, choices=Role.choices)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["case", "due_at"]
        verbose_name = _("safeguard")
        verbose_name_plural = _("safeguards")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="one_safeguard_of_a_kind")
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"

    @property
    def overdue(self) -> bool:
        # A reprisal watch is a period, not a task, and a closed file no longer nags.
        return (
            self.status == SafeguardStatus.PENDING
            and self.kind != SafeguardKind.REPRISAL_WATCH
            and self.case.status != CaseStatus.CLOSED
            and self.due_at < timezone.now()
        )


class Referral(PublicIdModel):
    """The letter that refers a case file to the prosecutor, and what the prosecutor records."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="referrals")
    number = models.CharField(_("number"), max_length=20, unique=True)
    # The Ombudsman's letter, or a doctor's notification whose letter is the medical report.
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReferralKind.choices, default=ReferralKind.LETTER
    )
    # For a medical notification: the examination reported (its public id).
    source_reference = models.CharField(_("record sent"), max_length=40, blank=True)
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    carries_identity = models.BooleanField(_("carries identity"), default=False)
    # The letter as sent: the record, whatever changes in the file afterwards.
    letter_pdf = models.BinaryField(editable=False)
    letter_sha256 = models.CharField(_("SHA-256 of the letter"), max_length=64)
    # The Ombudsman's own copy: the same letter without the identities it carries,
    # which staff see only through an approved reveal.
    copy_pdf = models.BinaryField(editable=False)
    received_at = models.DateTimeField(_("receipt confirmed"), null=True, blank=True)
    criminal_case_number = models.CharField(_("criminal case number"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("referral to the prosecutor")
        verbose_name_plural = _("referrals to the prosecutor")

    def __str__(self) -> str:
        return self.number

    @property
    def audit_repr(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("allegations:referral", kwargs={"uuid": self.uuid})


class ReferralUpdate(models.Model):
    """What the prosecutor recorded: receipt, registration, a decision, the outcome."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("kind"), max_length=16, choices=UpdateKind.choices)
    at = models.DateTimeField(_("time"))
    # A prosecutor on the page, or the prosecutor's register through the API.
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("recorded by"), max_length=150)
    text = models.TextField(_("text"), blank=True)
    seen_at = models.DateTimeField(_("seen by the Ombudsman"), null=True, blank=True)

    class Meta:
        ordering = ["referral", "at", "id"]
        verbose_name = _("referral update")
        verbose_name_plural = _("referral updates")

    def __str__(self) -> str:
        return f"{self.referral} {self.kind}"


class ReprisalFlag(models.Model):
    """A custody event of an alleged victim during the reprisal watch, for review."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="reprisal_flags")
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("event"), max_length=20, choices=FlagKind.choices)
    at = models.DateTimeField(_("time of the event"))
    # The event's public id in the people register: one flag per event and case.
    event_reference = models.CharField(max_length=64)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("reprisal flag")
        verbose_name_plural = _("reprisal flags")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "event_reference"], name="one_flag_per_event_and_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.at:%Y-%m-%d}"
