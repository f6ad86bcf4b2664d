"""Choices of video surveillance: cameras, their statuses, viewing and preservation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CameraKind(models.TextChoices):
    FIXED = "fixed", _("Fixed")
    PTZ = "ptz", _("Pan-tilt-zoom")
    BODY_WORN = "body_worn", _("Body-worn")


class RecordingMode(models.TextChoices):
    LIVE_ONLY = "live_only", _("Live only")
    RECORDED = "recorded", _("Recorded")


class CameraStatus(models.TextChoices):
    """What a video system reports of a camera; every status but online is an outage."""

    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")
    NO_SIGNAL = "no_signal", _("No signal")
    OBSTRUCTED = "obstructed", _("Obstructed")
    TAMPERED = "tampered", _("Tampered with")
    RECORDING_FAILED = "recording_failed", _("Recording failed")
    DAMAGED = "damaged", _("Damaged")


# Statuses that may be deliberate: each one is recorded as an incident.
DELIBERATE = frozenset({CameraStatus.TAMPERED, CameraStatus.DAMAGED, CameraStatus.OBSTRUCTED})


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ViewingMode(models.TextChoices):
    LIVE = "live", _("Live")
    ARCHIVE = "archive", _("Archive")


class ViewingPurpose(models.TextChoices):
    CASE_FILE = "case_file", _("An allegation case file")
    ROUTINE = "routine", _("A routine check")


class HoldStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the video system")
    PRESERVED = "preserved", _("Preserved")
    PARTLY = "partly", _("Partly preserved")
    LOST = "lost", _("Footage lost")
    CANCELLED = "cancelled", _("Cancelled")


class CustodyAction(models.TextChoices):
    EXPORT = "export", _("Exported from the video system")
    ACCESS = "access", _("Accessed")
    HANDOVER = "handover", _("Handed over")
