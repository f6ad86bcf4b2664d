"""Choices of medical examinations: kinds, body regions, injuries, the Istanbul Protocol scale."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExaminationKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    RETURN_FROM_POLICE = "return_from_police", _("Return from police custody")
    AFTER_FORCE = "after_force", _("After use of force or a violent incident")
    PERIODIC = "periodic", _("Periodic")
    ON_REQUEST = "on_request", _("On request")
    TRANSFER = "transfer", _("Transfer")
    FORENSIC = "forensic", _("Forensic, on the prosecutor's request")


class Consistency(models.TextChoices):
    """The Istanbul Protocol's scale, weakest to strongest."""

    NONE = "", _("No conclusion")
    NOT_CONSISTENT = "not_consistent", _("Not consistent with")
    CONSISTENT = "consistent", _("Consistent with")
    HIGHLY_CONSISTENT = "highly_consistent", _("Highly consistent with")
    TYPICAL = "typical", _("Typical of")
    DIAGNOSTIC = "diagnostic", _("Diagnostic of")


# "Consistent with" or stronger: the conclusions that open or join a case file.
CONSISTENT_OR_STRONGER = frozenset(
    {
        Consistency.CONSISTENT,
        Consistency.HIGHLY_CONSISTENT,
        Consistency.TYPICAL,
        Consistency.DIAGNOSTIC,
    }
)


class BodyRegion(models.TextChoices):
    HEAD = "head", _("Head")
    FACE = "face", _("Face")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest")
    ABDOMEN = "abdomen", _("Abdomen")
    BACK_UPPER = "back_upper", _("Upper back")
    BACK_LOWER = "back_lower", _("Lower back")
    ARM_LEFT = "arm_left", _("Left arm")
    ARM_RIGHT = "arm_right", _("Right arm")
    HAND_LEFT = "hand_left", _("Left hand")
    HAND_RIGHT = "hand_right", _("Right hand")
    LEG_LEFT = "leg_left", _("Left leg")
    LEG_RIGHT = "leg_right", _("Right leg")
    FOOT_LEFT = "foot_left", _("Left foot")
    FOOT_RIGHT = "foot_right", _("Right foot")
    GENITAL = "genital", _("Genital area")
    BUTTOCKS = "buttocks", _("Buttocks")
    OTHER = "other", _("Other")


class BodySide(models.TextChoices):
    FRONT = "front", _("Front of the body")
    BACK = "back", _("Back of the body")


class InjuryKind(models.TextChoices):
    BRUISE = "bruise", _("Bruise")
    ABRASION = "abrasion", _("Abrasion")
    LACERATION = "laceration", _("Laceration")
    BURN = "burn", _("Burn")
    FRACTURE = "fracture", _("Fracture")
    SWELLING = "swelling", _("Swelling")
    BITE_MARK = "bite_mark", _("Bite mark")
    OTHER = "other", _("Other")


class PsychSign(models.TextChoices):
    """Psychological signs the Istanbul Protocol asks the examiner to look for."""

    ANXIETY = "anxiety", _("Anxiety, fear")
    SLEEP = "sleep", _("Sleep disturbance, nightmares")
    INTRUSION = "intrusion", _("Intrusive memories, flashbacks")
    AVOIDANCE = "avoidance", _("Avoidance, emotional numbing")
    HYPERAROUSAL = "hyperarousal", _("Hypervigilance, startle, irritability")
    DEPRESSION = "depression", _("Depressed mood, hopelessness")
    DISSOCIATION = "dissociation", _("Dissociation, disorientation")
    COGNITION = "cognition", _("Problems of memory or concentration")
    SELF_HARM = "self_harm", _("Self-harm or suicidal thoughts")
    SOMATIC = "somatic", _("Bodily complaints without a physical cause")
