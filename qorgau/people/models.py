"""The register of people held and their placement history."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel

from .validators import validate_iin


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class CustodyStatus(models.TextChoices):
    HELD = "held", _("Held")
    RELEASED = "released", _("Released")
    DECEASED = "deceased", _("Died in custody")


def search_key(*parts: str) -> str:
    """Lower-case, single-spaced, ё→е: what a name search compares against."""
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return " ".join(text.lower().replace("ё", "е").split())


class Person(PublicIdModel):
    """A detained person. Identity data: scoped, and every read is audited."""

    surname = models.CharField(_("surname (Cyrillic)"), max_length=100)
    given_name = models.CharField(_("given name (Cyrillic)"), max_length=100)
    patronymic = models.CharField(_("patronymic (Cyrillic)"), max_length=100, blank=True)
    surname_latin = models.CharField(_("surname (Latin)"), max_length=100)
    given_name_latin = models.CharField(_("given name (Latin)"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    iin = models.CharField(
        _("personal identification number"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_iin],
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(
        _("custody status"),
        max_length=16,
        choices=CustodyStatus.choices,
        default=CustodyStatus.HELD,
    )
    # The facility that holds (or last held) the person: scopes every read.
    current_facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    current_zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    search_cyrillic = models.CharField(max_length=220, editable=False, db_index=True)
    search_latin = models.CharField(max_length=220, editable=False, db_index=True)

    class Meta:
        ordering = ["surname", "given_name"]
        verbose_name = _("person held")
        verbose_name_plural = _("people held")
        indexes = [models.Index(fields=["current_facility", "status"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    @property
    def full_name_latin(self) -> str:
        return f"{self.surname_latin} {self.given_name_latin}"

    @property
    def audit_repr(self) -> str:
        # Names stay out of the audit trail's labels; the public id is enough.
        return f"person {str(self.uuid)[:8]}"

    def save(self, *args, **kwargs):
        self.search_cyrillic = search_key(self.surname, self.given_name, self.patronymic)
        self.search_latin = search_key(self.surname_latin, self.given_name_latin)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", kwargs={"uuid": self.uuid})


class PlacementKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    TRANSFER = "transfer", _("Transfer to another facility")
    ZONE_MOVE = "zone_move", _("Move within the facility")
    RELEASE = "release", _("Release")
    DEATH = "death", _("Death in custody")


class Placement(PublicIdModel):
    """One event in a person's custody: where they were taken, moved or released."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="placements"
    )
    kind = models.CharField(_("event"), max_length=16, choices=PlacementKind.choices)
    at = models.DateTimeField(_("time"))
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    from_facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("from facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["person", "-at"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [models.Index(fields=["facility", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class SanctionKind(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    LOSS_OF_PRIVILEGES = "privileges", _("Loss of visits, parcels or purchases")
    DISCIPLINARY_CELL = "disciplinary_cell", _("Disciplinary cell (ShIZO)")
    CELL_TYPE_PREMISES = "cell_type_premises", _("Cell-type premises (PKT)")
    SOLITARY = "solitary", _("Solitary confinement")
    STRICTER_REGIME = "stricter_regime", _("Transfer to a stricter regime")
    OTHER = "other", _("Other")


class Sanction(PublicIdModel):
    """A disciplinary sanction imposed on a person held, as recorded by the facility."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("sanction"), max_length=20, choices=SanctionKind.choices)
    at = models.DateTimeField(_("imposed"))
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["person", "-at"]
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        indexes = [models.Index(fields=["facility", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
