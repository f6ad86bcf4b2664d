"""Models of screening, beds, equipment and staffing (registered through qorgau/medical/models.py).

Medical secrecy holds here as for examinations: results and who lies in which
bed are read by medical roles only, through care/selectors.py.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import LocalizedNameModel, PublicIdModel

from ..choices import ExaminationKind
from .choices import (
    BedKind,
    CheckResult,
    EquipmentKind,
    EquipmentState,
    ScreeningOutcome,
    Specialty,
)

__all__ = [
    "Bed",
    "BedStay",
    "EquipmentCheck",
    "EquipmentItem",
    "MedicalUnit",
    "ScreeningRequirement",
    "ScreeningResult",
    "ScreeningTest",
    "StaffPosition",
]


class ScreeningTest(LocalizedNameModel, PublicIdModel):
    """One test of the screening list, configured nationally."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    interval_days = models.PositiveIntegerField(
        _("re-test after (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: a negative result stays valid for the whole stay in custody."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("screening test")
        verbose_name_plural = _("screening tests")


class ScreeningRequirement(models.Model):
    """The rule that an examination of this kind includes this test."""

    test = models.ForeignKey(ScreeningTest, on_delete=models.CASCADE, related_name="requirements")
    examination_kind = models.CharField(
        _("kind of examination"), max_length=20, choices=ExaminationKind.choices
    )

    class Meta:
        ordering = ["test", "examination_kind"]
        verbose_name = _("screening requirement")
        verbose_name_plural = _("screening requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["test", "examination_kind"], name="medical_screening_requirement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.test.code}: {self.examination_kind}"


class ScreeningResult(PublicIdModel):
    """A test taken (or refused) by a person held; records are never changed, only added.

    `is_latest` marks the newest result per person and test (by the time the
    sample was taken): screening status and coverage read only those rows
    (ADR 0016).
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="screening_results",
    )
    test = models.ForeignKey(
        ScreeningTest, verbose_name=_("test"), on_delete=models.PROTECT, related_name="results"
    )
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="screening_results",
    )
    examination = models.ForeignKey(
        "medical.Examination",
        verbose_name=_("examination"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screening_results",
    )
    taken_at = models.DateTimeField(_("taken at"))
    result = models.CharField(_("result"), max_length=16, choices=ScreeningOutcome.choices)
    is_latest = models.BooleanField(default=True, editable=False)
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("screening result")
        verbose_name_plural = _("screening results")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "test"],
                condition=Q(is_latest=True),
                name="medical_screening_one_latest",
            ),
            models.UniqueConstraint(
                fields=["examination", "test"],
                condition=Q(examination__isnull=False),
                name="medical_screening_once_per_examination",
            ),
        ]
        indexes = [models.Index(fields=["test", "is_latest", "result"])]

    def __str__(self) -> str:
        return f"{self.test.code} {self.taken_at:%Y-%m-%d}: {self.result}"

    @property
    def audit_repr(self) -> str:
        return str(self.uuid)


class MedicalUnit(PublicIdModel):
    """The medical unit of a facility (a colony may have a TB ward apart from its sick bay)."""

    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="medical_units",
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["facility", "name"]
        verbose_name = _("medical unit")
        verbose_name_plural = _("medical units")
        constraints = [
            models.UniqueConstraint(fields=["facility", "name"], name="medical_unit_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Bed(PublicIdModel):
    """A 24-hour inpatient bed of a medical unit."""

    unit = models.ForeignKey(
        MedicalUnit, verbose_name=_("medical unit"), on_delete=models.PROTECT, related_name="beds"
    )
    code = models.CharField(_("bed"), max_length=20)
    kind = models.CharField(_("kind"), max_length=16, choices=BedKind.choices)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["unit", "code"]
        verbose_name = _("bed")
        verbose_name_plural = _("beds")
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="medical_bed_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} · {self.code}"


class BedStay(PublicIdModel):
    """A person's stay in a bed, from admission to discharge."""

    bed = models.ForeignKey(
        Bed, verbose_name=_("bed"), on_delete=models.PROTECT, related_name="stays"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="bed_stays",
    )
    admitted_at = models.DateTimeField(_("admitted at"))
    discharged_at = models.DateTimeField(_("discharged at"), null=True, blank=True)
    reason = models.CharField(
        _("reason in general terms"),
        max_length=200,
        help_text=_("For example: observation, infectious isolation. No diagnosis."),
    )
    admitted_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    discharged_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-admitted_at"]
        verbose_name = _("stay in a bed")
        verbose_name_plural = _("stays in beds")
        constraints = [
            # The services refuse overlaps in time; these hold the present in the database too.
            models.UniqueConstraint(
                fields=["bed"], condition=Q(discharged_at__isnull=True), name="medical_bed_one_open"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(discharged_at__isnull=True),
                name="medical_stay_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(discharged_at__isnull=True) | Q(discharged_at__gte=F("admitted_at")),
                name="medical_stay_discharge_after_admission",
            ),
        ]
        indexes = [models.Index(fields=["bed", "admitted_at"])]

    def __str__(self) -> str:
        return f"{self.bed} {self.admitted_at:%Y-%m-%d}"

    @property
    def audit_repr(self) -> str:
        return str(self.uuid)


class EquipmentItem(PublicIdModel):
    """An item of medical equipment on a facility's inventory."""

    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="medical_equipment",
    )
    unit = models.ForeignKey(
        MedicalUnit,
        verbose_name=_("medical unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equipment",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    name = models.CharField(_("make and model"), max_length=120, blank=True)
    inventory_number = models.CharField(_("inventory number"), max_length=40)
    state = models.CharField(
        _("state"), max_length=16, choices=EquipmentState.choices, default=EquipmentState.WORKING
    )
    check_interval_days = models.PositiveIntegerField(
        _("check every (days)"), default=365, validators=[MinValueValidator(1)]
    )
    last_checked_on = models.DateField(_("last check"), null=True, blank=True)
    next_check_due = models.DateField(_("next check due"), null=True, blank=True)

    class Meta:
        ordering = ["facility", "kind", "inventory_number"]
        verbose_name = _("item of equipment")
        verbose_name_plural = _("equipment")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "inventory_number"], name="medical_equipment_number_once"
            )
        ]
        indexes = [models.Index(fields=["facility", "state", "next_check_due"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.inventory_number}"

    def get_absolute_url(self) -> str:
        return reverse("medical:equipment_item", kwargs={"uuid": self.uuid})


class EquipmentCheck(PublicIdModel):
    """A check (maintenance, calibration, inspection) of an item and what it found."""

    item = models.ForeignKey(
        EquipmentItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField(_("checked on"))
    result = models.CharField(_("result"), max_length=16, choices=CheckResult.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    checked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "-checked_on", "-id"]
        verbose_name = _("equipment check")
        verbose_name_plural = _("equipment checks")

    def __str__(self) -> str:
        return f"{self.item} {self.checked_on}: {self.result}"


class StaffPosition(models.Model):
    """Authorised and filled posts of one specialty at a facility, in full-time equivalents."""

    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="medical_positions",
    )
    specialty = models.CharField(_("specialty"), max_length=24, choices=Specialty.choices)
    authorised = models.DecimalField(
        _("authorised posts"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    filled = models.DecimalField(
        _("filled posts"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["facility", "specialty"]
        verbose_name = _("staff position")
        verbose_name_plural = _("staff positions")
        constraints = [
            models.UniqueConstraint(fields=["facility", "specialty"], name="medical_position_once"),
            models.CheckConstraint(
                condition=Q(filled__gte=0) & Q(filled__lte=F("authorised")),
                name="medical_position_filled_within_authorised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_specialty_display()}: {self.filled}/{self.authorised}"

    @property
    def vacant(self):
        return self.authorised - self.filled
