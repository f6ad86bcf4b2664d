"""Choices of a use of force: techniques, special means, the footage request's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Technique(models.TextChoices):
    PHYSICAL_FORCE = "physical_force", _("Physical force")
    COMBAT_TECHNIQUES = "combat_techniques", _("Combat techniques (strikes, throws, holds)")


class SpecialMeans(models.TextChoices):
    HANDCUFFS = "handcuffs", _("Handcuffs")
    RUBBER_BATON = "rubber_baton", _("Rubber baton")
    RESTRAINT_BELTS = "restraint_belts", _("Restraint belts or straitjacket")
    TEAR_GAS = "tear_gas", _("Tear gas")
    SERVICE_DOG = "service_dog", _("Service dog")
    OTHER = "other", _("Other")


# Means that hold a person for a time: how long they lasted must be recorded, as
# prolonged restraint is itself a form of ill-treatment.
RESTRAINTS = frozenset({SpecialMeans.HANDCUFFS, SpecialMeans.RESTRAINT_BELTS})


class FootageStatus(models.TextChoices):
    # Recorded on the use of force, waiting for the surveillance module to take it up.
    REQUESTED = "requested", _("Requested, waiting for the video surveillance module")
    # Passed to the surveillance module's preservation hold.
    HOLD_REQUESTED = "hold_requested", _("Preservation hold requested")


class ExamStatus(models.TextChoices):
    """Where a person's examination after the use of force stands (computed, not stored)."""

    EXAMINED = "examined", _("Examined")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
