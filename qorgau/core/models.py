"""Base models and the append-only audit log."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(TimeStampedModel):
    """A model reached from URLs: never by its sequential id."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


def localized(obj: object, field: str) -> str:
    """`field` in the UI language (`<field>_kk`, `_ru`, `_en`), else Russian, else Kazakh."""
    lang = (get_language() or "ru")[:2]
    return (
        getattr(obj, f"{field}_{lang}", "")
        or getattr(obj, f"{field}_ru", "")
        or getattr(obj, f"{field}_kk", "")
    )


class LocalizedNameModel(models.Model):
    """Names kept in the three working languages; `name` follows the UI language."""

    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class AuditEntry(models.Model):
    """One entry of the hash-chained, append-only audit log.

    Database triggers refuse UPDATE and DELETE (migration 0002). The actor is
    kept as an id and a label, not a foreign key, so that removing a user can
    never rewrite history.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"


class AuditCheckpoint(models.Model):
    """A signed statement that the chain ended at entry N with hash H at a time.

    The signing key lives with the application server, not in the database:
    whoever can rewrite the database cannot forge a checkpoint, so recomputed
    hashes and cut-off tails are found by `qorgau audit verify`.
    """

    at = models.DateTimeField(_("time"), default=timezone.now)
    entry_id = models.BigIntegerField(_("entry"))
    entry_hash = models.CharField(_("entry hash"), max_length=64)
    key_id = models.CharField(_("key"), max_length=16)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"checkpoint #{self.pk} at entry #{self.entry_id}"


class VerificationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    INTACT = "intact", _("Intact")
    BROKEN = "broken", _("Broken")
    FAILED = "failed", _("Failed")


class AuditVerification(models.Model):
    """One run of the chain check, done by the worker with visible progress."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    requested_by = models.CharField(_("requested by"), max_length=150)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.QUEUED,
    )
    total = models.PositiveBigIntegerField(_("entries to check"), default=0)
    checked = models.PositiveBigIntegerField(_("entries checked"), default=0)
    broken_id = models.BigIntegerField(_("first broken entry"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("audit verification")
        verbose_name_plural = _("audit verifications")

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def done(self) -> bool:
        return self.status in (
            VerificationStatus.INTACT,
            VerificationStatus.BROKEN,
            VerificationStatus.FAILED,
        )

    @property
    def percent(self) -> int:
        return 100 if self.done else int(self.checked * 100 / self.total) if self.total else 0


class RateBucket(models.Model):
    """Hits per key in a fixed window, shared by every web process through the database."""

    key = models.CharField(max_length=120, unique=True)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate limit bucket")
        verbose_name_plural = _("rate limit buckets")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"


class FormDraft(models.Model):
    """What a user typed into a form and has not yet submitted, kept per user and form key.

    Written as they type (qorgau/core/static/qorgau/drafts.js) so that a dropped
    connection or a closed tab loses nothing; cleared when the form is submitted;
    purged after `QORGAU_DRAFT_DAYS` (qorgau/core/drafts.py). Drafts of interview
    notes are as sensitive as the notes: only their author ever reads them back.
    """

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    # {"fields": {name: value | [values]}, "saved_at": client time in ms}
    data = models.JSONField(default=dict, blank=True)
    # The token of the submission that cleared the draft: the browser that sent it
    # then knows the submission arrived and drops its own copy.
    cleared_token = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("form draft")
        verbose_name_plural = _("form drafts")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="form_draft_once")]

    def __str__(self) -> str:
        return self.key
