"""Places of detention: regions, facilities, zones inside them, population over time."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import LocalizedNameModel, PublicIdModel, TimeStampedModel


class Region(LocalizedNameModel):
    """One of the 17 regions or the three cities of republican significance."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    is_city = models.BooleanField(_("city of republican significance"), default=False)

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class FacilityType(models.TextChoices):
    COLONY = "colony", _("Correctional colony")
    PRISON = "prison", _("Prison")
    SIZO = "sizo", _("Pre-trial detention centre (SIZO)")
    SIZO_KNB = "sizo_knb", _("SIZO of the National Security Committee")
    IVS = "ivs", _("Police temporary detention facility (IVS)")
    SPECIAL_RECEPTION = "special_reception", _("Special reception centre")
    ALLOCATION = "allocation", _("Allocation centre")
    JUVENILE_ADAPTATION = "juvenile_adaptation", _("Juvenile adaptation centre")
    MILITARY_GUARDHOUSE = "guardhouse", _("Military guardhouse")
    PSYCHIATRIC = "psychiatric", _("Psychiatric institution")
    HEALTH = "health", _("Other health institution")
    ORPHANAGE = "orphanage", _("Orphanage")
    SPECIAL_SCHOOL = "special_school", _("Special school")
    SOCIAL_CARE = "social_care", _("Special social-service institution")

    @classmethod
    def penitentiary(cls) -> set[str]:
        return {cls.COLONY, cls.PRISON, cls.SIZO}


class Agency(models.TextChoices):
    PENITENTIARY = "penitentiary", _("Penitentiary service (Ministry of Internal Affairs)")
    POLICE = "police", _("Police (Ministry of Internal Affairs)")
    KNB = "knb", _("National Security Committee")
    DEFENCE = "defence", _("Ministry of Defence")
    HEALTH = "health", _("Ministry of Health")
    EDUCATION = "education", _("Ministry of Education")
    LABOUR = "labour", _("Ministry of Labour and Social Protection")


class SecurityRegime(models.TextChoices):
    NONE = "", _("Not applicable")
    MINIMUM = "minimum", _("Minimum security")
    MEDIUM = "medium", _("Medium security")
    MAXIMUM = "maximum", _("Maximum security")
    SPECIAL = "special", _("Special regime")
    MIXED = "mixed", _("Mixed")
    REMAND = "remand", _("Remand")


class FacilityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
    CLOSED = "closed", _("Closed")


class Facility(LocalizedNameModel, PublicIdModel):
    code = models.CharField(_("code"), max_length=32, unique=True)
    type = models.CharField(_("type"), max_length=32, choices=FacilityType.choices)
    agency = models.CharField(_("agency"), max_length=32, choices=Agency.choices)
    regime = models.CharField(
        _("security regime"), max_length=16, choices=SecurityRegime.choices, blank=True
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="facilities"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(0)])
    status = models.CharField(
        _("status"), max_length=24, choices=FacilityStatus.choices, default=FacilityStatus.OPEN
    )

    class Meta:
        ordering = ["region__name_ru", "name_ru"]
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        indexes = [models.Index(fields=["type", "status"])]

    def get_absolute_url(self) -> str:
        return reverse("facilities:detail", kwargs={"uuid": self.uuid})


class ZoneKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    CELL = "cell", _("Cells")
    DISCIPLINARY_CELL = "disciplinary_cell", _("Disciplinary cell (ShIZO)")
    CELL_TYPE_PREMISES = "cell_type_premises", _("Cell-type premises (PKT)")
    SOLITARY = "solitary", _("Solitary cell")
    SEARCH_ROOM = "search_room", _("Search room")
    INTERROGATION_ROOM = "interrogation_room", _("Interrogation and investigator room")
    DUTY_UNIT = "duty_unit", _("Duty unit")
    TRANSIT = "transit", _("Transit and convoy area")
    YARD = "yard", _("Exercise yard")
    MEDICAL_UNIT = "medical_unit", _("Medical unit")
    VISITING_ROOM = "visiting_room", _("Visiting room")
    WORKSHOP = "workshop", _("Workshop")
    CORRIDOR = "corridor", _("Staircases and corridors")
    DORMITORY = "dormitory", _("Dormitory")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


# Where ill-treatment risk is known to be highest (domain brief): first hours
# of custody, admission, transfer, disciplinary and solitary confinement, searches.
DEFAULT_ZONE_RISK = {
    ZoneKind.ADMISSION: RiskLevel.HIGH,
    ZoneKind.DISCIPLINARY_CELL: RiskLevel.HIGH,
    ZoneKind.CELL_TYPE_PREMISES: RiskLevel.HIGH,
    ZoneKind.SOLITARY: RiskLevel.HIGH,
    ZoneKind.SEARCH_ROOM: RiskLevel.HIGH,
    ZoneKind.INTERROGATION_ROOM: RiskLevel.HIGH,
    ZoneKind.TRANSIT: RiskLevel.HIGH,
    ZoneKind.DUTY_UNIT: RiskLevel.MEDIUM,
    ZoneKind.CELL: RiskLevel.MEDIUM,
    ZoneKind.CORRIDOR: RiskLevel.MEDIUM,
    ZoneKind.MEDICAL_UNIT: RiskLevel.MEDIUM,
}


class Zone(PublicIdModel):
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="zones"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ZoneKind.choices)
    name = models.CharField(_("name"), max_length=120)
    risk_level = models.CharField(
        _("risk level"), max_length=8, choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )

    class Meta:
        ordering = ["facility", "kind", "name"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "name"], name="zone_name_unique_in_facility"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class PopulationCount(TimeStampedModel):
    """Headcount of a facility on a date, by category."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="population"
    )
    date = models.DateField(_("date"))
    men = models.PositiveIntegerField(_("men"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    juveniles = models.PositiveIntegerField(_("juveniles"), default=0)
    convicted = models.PositiveIntegerField(_("convicted"), default=0)
    remand = models.PositiveIntegerField(_("remand"), default=0)
    capacity = models.PositiveIntegerField(_("capacity on that date"))

    class Meta:
        ordering = ["facility", "-date"]
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        constraints = [
            models.UniqueConstraint(fields=["facility", "date"], name="population_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.date}: {self.total}"

    @property
    def total(self) -> int:
        return self.men + self.women

    @property
    def occupancy_rate(self) -> Decimal | None:
        """Headcount as a percentage of capacity (above 100 is overcrowding)."""
        if not self.capacity:
            return None
        return (Decimal(self.total) * 100 / Decimal(self.capacity)).quantize(Decimal("0.1"))
