"""Use of force by facility staff, and the examination and footage each one requires.

The record is the facility's own account of what its staff did. It points to the
medical examination that followed (medical.Examination) only to know that and
when it took place: the examination's content stays under medical secrecy.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel

from .choices import ExamStatus, FootageStatus, SpecialMeans, Technique


class UseOfForce(PublicIdModel):
    number = models.CharField(_("number"), max_length=20, unique=True)
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="uses_of_force",
    )
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    place_description = models.CharField(_("where exactly"), max_length=255, blank=True)
    staff_involved = models.TextField(_("staff involved (names and positions)"))
    grounds = models.TextField(_("grounds and reason"))
    techniques = models.JSONField(_("physical force and combat techniques"), default=list)
    special_means = models.JSONField(_("special means and restraints"), default=list)
    special_means_other = models.CharField(_("other special means"), max_length=255, blank=True)
    restraint_minutes = models.PositiveIntegerField(
        _("restraint duration (minutes)"), null=True, blank=True
    )
    injuries_seen = models.TextField(_("injuries seen by staff"), blank=True)
    # Camera codes as written by staff, until the surveillance module keeps a registry.
    cameras = models.JSONField(_("fixed cameras covering it"), default=list)
    body_cameras = models.JSONField(_("body-worn cameras"), default=list)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    footage_from = models.DateTimeField(_("footage from"))
    footage_to = models.DateTimeField(_("footage until"))
    footage_keep_until = models.DateTimeField(_("footage to be kept before"))
    footage_status = models.CharField(
        _("footage preservation"),
        max_length=16,
        choices=FootageStatus.choices,
        default=FootageStatus.REQUESTED,
    )
    footage_reference = models.CharField(_("preservation hold"), max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("use of force")
        verbose_name_plural = _("uses of force")
        indexes = [
            models.Index(fields=["facility", "started_at"]),
            models.Index(fields=["footage_status"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_repr(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("force:detail", kwargs={"number": self.number})

    @property
    def technique_labels(self) -> list[str]:
        return [str(Technique(t).label) for t in self.techniques if t in Technique.values]

    @property
    def special_means_labels(self) -> list[str]:
        return [str(SpecialMeans(m).label) for m in self.special_means if m in SpecialMeans.values]


class ForceSubject(models.Model):
    """A person force was used on, and the examination that use of force requires."""

    use_of_force = models.ForeignKey(UseOfForce, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="force_subjects",
    )
    exam_due_at = models.DateTimeField(_("examination due by"))
    # Which examination satisfied the requirement and when; never what it found.
    examination = models.ForeignKey(
        "medical.Examination",
        verbose_name=_("examination"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    examined_at = models.DateTimeField(_("examined at"), null=True, blank=True)

    class Meta:
        ordering = ["use_of_force", "id"]
        verbose_name = _("person force was used on")
        verbose_name_plural = _("people force was used on")
        constraints = [
            models.UniqueConstraint(
                fields=["use_of_force", "person"], name="force_subject_once_per_use"
            )
        ]
        indexes = [
            models.Index(
                fields=["exam_due_at"],
                condition=Q(examination__isnull=True),
                name="force_subject_exam_pending",
            )
        ]

    def __str__(self) -> str:
        # No name: the label may reach logs and the admin's history.
        return f"{self.use_of_force.number} #{self.pk}"

    @property
    def exam_status(self) -> str:
        if self.examined_at is not None:
            return ExamStatus.EXAMINED
        return ExamStatus.OVERDUE if self.exam_due_at < timezone.now() else ExamStatus.DUE
