"""Recommendations, the authority's answers and the history of their status.

An NPM recommendation belongs to a visit (and so to a place) and rests on the
visit's findings; national and UN recommendations (later) have no visit. The
status changes only through services.py, each change kept in StatusChange with
who, when, why and, for a verification, the follow-up visit that saw it.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel

from .choices import Priority, ResponseKind, Source, Status, Theme


class Recommendation(PublicIdModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.NPM
    )
    visit = models.ForeignKey(
        "visits.Visit",
        verbose_name=_("visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    # SMART: the action, who must take it, who answers for it, how it is measured, by when.
    action = models.TextField(_("recommended action"))
    addressee_agency = models.CharField(_("addressee agency"), max_length=32)
    responsible_unit = models.CharField(_("responsible unit"), max_length=255, blank=True)
    indicator = models.CharField(_("measurable indicator"), max_length=500)
    deadline = models.DateField(_("deadline"))
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    # Standards as cited: "Mandela Rules 43, 44", "OPCAT art. 21".
    standards = models.CharField(_("standards"), max_length=255, blank=True)
    findings = models.ManyToManyField(
        "visits.Finding", verbose_name=_("findings"), blank=True, related_name="recommendations"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    status_at = models.DateTimeField(_("status since"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["visit", "order", "number"]
        indexes = [
            models.Index(fields=["facility", "status"]),
            models.Index(fields=["status", "deadline"]),
        ]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", args=[self.uuid])


class StatusChange(models.Model):
    """One step of a recommendation's status history."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("time"))
    by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    # Set when a follow-up visit verified the status on site.
    verified_on = models.ForeignKey(
        "visits.Visit",
        verbose_name=_("verified on visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verifications",
    )

    class Meta:
        ordering = ["recommendation", "at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.recommendation} → {self.status}"


class Response(PublicIdModel):
    """The authority's answer: an action plan, then progress reports with evidence."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responses"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ResponseKind.choices)
    text = models.TextField(_("text"))
    planned_by = models.DateField(_("to be done by"), null=True, blank=True)
    # The status the authority reports; the NPM's own status changes only by its decision.
    reported_status = models.CharField(
        _("reported status"), max_length=16, choices=Status.choices, blank=True
    )
    # A person signed in, or the authority's own system through its API key.
    by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    api_client = models.ForeignKey(
        "accounts.ApiClient",
        verbose_name=_("sent by system"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["recommendation", "at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")


class Evidence(PublicIdModel):
    """A file attached to a response (checked, images re-encoded: core/uploads.py)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="evidence")
    storage_name = models.CharField(max_length=255, editable=False)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=32, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)

    class Meta:
        ordering = ["response", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
