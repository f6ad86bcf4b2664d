"""Choices of screening, beds, equipment and staffing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScreeningOutcome(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    POSITIVE = "positive", _("Positive")
    INDETERMINATE = "indeterminate", _("Indeterminate")
    REFUSED = "refused", _("Refused")
    PENDING = "pending", _("Pending")


class ScreeningStatus(models.TextChoices):
    """Where a person stands on one test, from their latest result (selectors.latest_results)."""

    UP_TO_DATE = "up_to_date", _("Up to date")
    PENDING = "pending", _("Result awaited")
    REFUSED = "refused", _("Refused")
    DUE = "due", _("Due")


class BedKind(models.TextChoices):
    GENERAL = "general", _("General")
    ISOLATION = "isolation", _("Infectious or TB isolation")
    PSYCHIATRIC = "psychiatric", _("Psychiatric")
    OBSERVATION = "observation", _("Observation")


class EquipmentKind(models.TextChoices):
    XRAY = "xray", _("X-ray or fluorography unit")
    ECG = "ecg", _("Electrocardiograph")
    DEFIBRILLATOR = "defibrillator", _("Defibrillator")
    STERILISER = "steriliser", _("Steriliser or autoclave")
    DENTAL_UNIT = "dental_unit", _("Dental unit")
    ULTRASOUND = "ultrasound", _("Ultrasound scanner")
    OXYGEN = "oxygen", _("Oxygen concentrator")
    LAB_ANALYSER = "lab_analyser", _("Laboratory analyser")
    PATIENT_MONITOR = "patient_monitor", _("Patient monitor")
    OTHER = "other", _("Other")


class EquipmentState(models.TextChoices):
    WORKING = "working", _("Working")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
    OUT_OF_ORDER = "out_of_order", _("Out of order")
    WRITTEN_OFF = "written_off", _("Written off")


class CheckResult(models.TextChoices):
    """What a check found: the item's state from then on (never "written off")."""

    WORKING = EquipmentState.WORKING.value, _("Working")
    NEEDS_REPAIR = EquipmentState.NEEDS_REPAIR.value, _("Needs repair")
    OUT_OF_ORDER = EquipmentState.OUT_OF_ORDER.value, _("Out of order")


class Specialty(models.TextChoices):
    GENERAL_PRACTITIONER = "general_practitioner", _("General practitioner")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    PHTHISIATRICIAN = "phthisiatrician", _("Phthisiatrician (TB specialist)")
    NARCOLOGIST = "narcologist", _("Narcologist (addiction specialist)")
    INFECTIOUS_DISEASES = "infectious_diseases", _("Infectious diseases specialist")
    DENTIST = "dentist", _("Dentist")
    SURGEON = "surgeon", _("Surgeon")
    GYNAECOLOGIST = "gynaecologist", _("Gynaecologist")
    PSYCHOLOGIST = "psychologist", _("Clinical psychologist")
    RADIOGRAPHER = "radiographer", _("Radiographer")
    LABORATORY = "laboratory", _("Laboratory technician")
    FELDSHER = "feldsher", _("Feldsher")
    NURSE = "nurse", _("Nurse")
    PHARMACIST = "pharmacist", _("Pharmacist")
