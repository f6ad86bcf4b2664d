"""Medical examinations of people held, and the injuries they document.

Medical secrecy: only medical roles read these records; the case file an
examination opens or joins holds a short factual summary and the reference.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel

from .choices import BodyRegion, BodySide, Consistency, ExaminationKind, InjuryKind

INTIMATE_REGIONS = frozenset({BodyRegion.GENITAL, BodyRegion.BUTTOCKS})


class Examination(PublicIdModel):
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person examined"),
        on_delete=models.PROTECT,
        related_name="examinations",
    )
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="examinations",
    )
    kind = models.CharField(
        _("kind of examination"), max_length=20, choices=ExaminationKind.choices
    )
    examined_at = models.DateTimeField(_("examined at"))
    examiner = models.ForeignKey(
        "accounts.User", verbose_name=_("examiner"), on_delete=models.PROTECT, related_name="+"
    )
    private = models.BooleanField(_("examined in private"), default=True)
    others_present = models.CharField(_("others present"), max_length=255, blank=True)
    consent = models.BooleanField(_("the person consented to the examination"), default=True)
    account = models.TextField(_("the person's own account"), blank=True)
    alleges_ill_treatment = models.BooleanField(_("alleges ill-treatment"), default=False)
    findings = models.TextField(_("objective findings"), blank=True)
    treatment = models.TextField(_("treatment"), blank=True)
    referrals = models.TextField(_("referrals"), blank=True)
    arrived_from = models.CharField(
        _("arrived from (police unit or facility)"), max_length=255, blank=True
    )
    injuries_unexplained = models.BooleanField(
        _("injuries without a plausible explanation"), default=False
    )
    conclusion = models.CharField(
        _("overall conclusion (Istanbul Protocol)"),
        max_length=20,
        choices=Consistency.choices,
        blank=True,
        default=Consistency.NONE,
    )
    told_of_independent_exam = models.BooleanField(
        _("told of the right to an independent examination"), default=False
    )
    psych_signs = models.JSONField(_("psychological signs"), default=list, blank=True)
    psych_notes = models.TextField(_("psychological findings"), blank=True)
    interpretation = models.TextField(_("interpretation"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    consent_disclosure = models.BooleanField(
        _("the person agrees that the report names them to the prosecutor"), default=False
    )
    case_reference = models.CharField(_("case file"), max_length=20, blank=True)
    # The notification to the prosecutor that findings of ill-treatment require.
    notification_due_at = models.DateTimeField(_("notification due"), null=True, blank=True)
    notification_reference = models.CharField(_("notification"), max_length=20, blank=True)

    class Meta:
        ordering = ["-examined_at"]
        verbose_name = _("medical examination")
        verbose_name_plural = _("medical examinations")
        indexes = [models.Index(fields=["facility", "kind", "examined_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.examined_at:%Y-%m-%d}"

    @property
    def audit_repr(self) -> str:
        # The audit names the record, never its content or the person.
        return str(self.uuid)

    def get_absolute_url(self) -> str:
        return reverse("medical:detail", kwargs={"uuid": self.uuid})


class Injury(models.Model):
    examination = models.ForeignKey(Examination, on_delete=models.CASCADE, related_name="injuries")
    body_region = models.CharField(_("body region"), max_length=16, choices=BodyRegion.choices)
    side = models.CharField(_("side"), max_length=8, choices=BodySide.choices)
    kind = models.CharField(_("kind of injury"), max_length=16, choices=InjuryKind.choices)
    size_cm = models.DecimalField(
        _("size (cm)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    colour = models.CharField(_("colour"), max_length=100, blank=True)
    shape = models.CharField(_("shape"), max_length=100, blank=True)
    estimated_age = models.CharField(_("estimated age"), max_length=100, blank=True)
    consistency = models.CharField(
        _("consistency with the account"),
        max_length=20,
        choices=Consistency.choices,
        blank=True,
        default=Consistency.NONE,
    )
    # Where the examiner marked it on the body chart (qorgau/medical/bodychart.py units).
    chart_x = models.FloatField(null=True, blank=True)
    chart_y = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["examination", "id"]
        verbose_name = _("injury")
        verbose_name_plural = _("injuries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_body_region_display()}"


class ExaminationPhoto(PublicIdModel):
    """A photograph of an injury, taken with the person's specific consent.

    Stored re-encoded (no EXIF, no GPS) in the private "attachments" storage;
    intimate photographs are read only by their examiner (services.photo_get_for_user).
    """

    examination = models.ForeignKey(Examination, on_delete=models.CASCADE, related_name="photos")
    injury = models.ForeignKey(
        Injury, on_delete=models.SET_NULL, null=True, blank=True, related_name="photos"
    )
    storage_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=32, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    original_sha256 = models.CharField(max_length=64, editable=False)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    intimate = models.BooleanField(_("intimate photograph"), default=False)
    with_scale = models.BooleanField(_("a scale is in the picture"), default=True)
    consent = models.BooleanField(_("specific consent to this photograph"), default=False)
    taken_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["examination", "created_at"]
        verbose_name = _("photograph")
        verbose_name_plural = _("photographs")
        constraints = [
            models.UniqueConstraint(
                fields=["examination", "original_sha256"], name="medical_photo_once"
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="medical_photo_consent"),
        ]

    def __str__(self) -> str:
        return self.caption or str(self.uuid)

    @property
    def audit_repr(self) -> str:
        return str(self.uuid)


# The medical unit's resources live in their own module of this app.
from .care.models import *  # noqa: E402,F403
