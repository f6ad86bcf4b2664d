"""Video surveillance oversight: what cameras cover, whether they work, who watched, what is kept.

Qorgau stores no video. It holds the registry of cameras (from the video
systems' exports), their status as video-system connectors report it (state
changes and outage intervals, not heartbeats), daily uptime rollups, alerts and
incidents of damage; the prosecutor's viewing grants and every decision of the
video gateway; and the holds that ask a video system to preserve footage, with
the clips it confirms and their chain of custody.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import PublicIdModel, TimeStampedModel

from .choices import (
    AlertStatus,
    CameraKind,
    CameraStatus,
    CustodyAction,
    HoldStatus,
    RecordingMode,
    ViewingMode,
    ViewingPurpose,
)


class Camera(PublicIdModel):
    facility = models.ForeignKey(
        "facilities.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="cameras",
    )
    zone = models.ForeignKey(
        "facilities.Zone",
        verbose_name=_("zone"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cameras",
    )
    code = models.CharField(_("code"), max_length=64)
    # The camera's id in the facility's video system, as its connector names it.
    vms_id = models.CharField(_("video system id"), max_length=128)
    stream_path = models.CharField(_("stream path"), max_length=255, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=CameraKind.choices, default=CameraKind.FIXED
    )
    recording = models.CharField(
        _("recording"), max_length=12, choices=RecordingMode.choices, default=RecordingMode.RECORDED
    )
    # Empty: the facility's default (setting), 30 days when unknown.
    retention_days = models.PositiveSmallIntegerField(_("retention (days)"), null=True, blank=True)
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    active = models.BooleanField(_("in service"), default=True)
    # The state as the latest event (by the event's own time) says.
    status = models.CharField(
        _("status"), max_length=20, choices=CameraStatus.choices, default=CameraStatus.ONLINE
    )
    status_since = models.DateTimeField(_("status since"), null=True, blank=True)
    last_event_at = models.DateTimeField(_("last event"), null=True, blank=True)

    class Meta:
        ordering = ["facility", "code"]
        verbose_name = _("camera")
        verbose_name_plural = _("cameras")
        constraints = [
            models.UniqueConstraint(fields=["facility", "code"], name="camera_code_in_facility"),
            models.UniqueConstraint(
                fields=["facility", "vms_id"], name="camera_vms_id_in_facility"
            ),
        ]
        # Covering: coverage and uptime count the cameras in service and working per
        # facility and zone from the index alone.
        indexes = [
            models.Index(fields=["facility", "zone", "status", "active"], name="camera_coverage")
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("surveillance:camera", kwargs={"uuid": self.uuid})


class ZoneNeighbour(models.Model):
    """Zones whose cameras also see the way into and out of a zone (for footage holds)."""

    zone = models.ForeignKey("facilities.Zone", on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey("facilities.Zone", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["zone", "neighbour"], name="zone_neighbour_once")
        ]

    def __str__(self) -> str:
        return f"{self.zone_id} ~ {self.neighbour_id}"


class StatusChange(models.Model):
    """A change of a camera's status at the event's own time (heartbeats are not kept)."""

    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=20, choices=CameraStatus.choices)
    at = models.DateTimeField()
    received_at = models.DateTimeField()
    client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["camera", "at"]
        constraints = [models.UniqueConstraint(fields=["camera", "at"], name="status_change_once")]

    def __str__(self) -> str:
        return f"{self.camera_id} {self.status} {self.at:%Y-%m-%d %H:%M:%S}"


class Outage(models.Model):
    """A camera not online, from the first such event to the next online one."""

    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="outages")
    facility = models.ForeignKey("facilities.Facility", on_delete=models.CASCADE, related_name="+")
    zone = models.ForeignKey(
        "facilities.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=CameraStatus.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["camera", "started_at"]),
            models.Index(fields=["facility", "started_at"]),
            models.Index(fields=["zone", "started_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.camera_id} {self.status} {self.started_at:%Y-%m-%d %H:%M}"


class UptimeDaily(models.Model):
    """Seconds a camera was down on a day; a row only for days with some downtime."""

    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    seconds_down = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["camera", "day"], name="uptime_camera_day")]

    def __str__(self) -> str:
        return f"{self.camera_id} {self.day} {self.seconds_down}s"


class ZoneUptimeDaily(models.Model):
    """Per facility and zone (empty: cameras without a zone) and day: cameras and downtime."""

    facility = models.ForeignKey("facilities.Facility", on_delete=models.CASCADE, related_name="+")
    zone = models.ForeignKey(
        "facilities.Zone", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    cameras = models.PositiveIntegerField()
    seconds_down = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facility", "zone", "day"], name="uptime_zone_day")
        ]
        # Covering: the uptime pages sum a period's rows per place from the index alone.
        indexes = [
            models.Index(
                fields=["facility", "day", "cameras", "seconds_down"], name="uptime_zone_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.facility_id}/{self.zone_id} {self.day} {self.seconds_down}s"


class CameraAlert(TimeStampedModel):
    """A camera of a high-risk zone down longer than the setting allows."""

    camera = models.ForeignKey(Camera, on_delete=models.CASCADE, related_name="alerts")
    facility = models.ForeignKey("facilities.Facility", on_delete=models.CASCADE, related_name="+")
    outage = models.OneToOneField(Outage, on_delete=models.CASCADE, related_name="alert")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=AlertStatus.choices, default=AlertStatus.OPEN)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["facility", "status"])]


class DamageIncident(PublicIdModel):
    """A camera reported damaged, tampered with or obstructed: possibly deliberate."""

    camera = models.ForeignKey(Camera, on_delete=models.PROTECT, related_name="incidents")
    facility = models.ForeignKey("facilities.Facility", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=CameraStatus.choices)
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["camera", "at"], name="incident_once")]
        indexes = [models.Index(fields=["facility", "at"])]


class ViewingGrant(PublicIdModel):
    """A prosecutor's leave to watch some cameras, for a purpose, until it expires."""

    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=12, choices=ViewingPurpose.choices)
    case_reference = models.CharField(_("case file"), max_length=20, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=ViewingMode.choices)
    # For archive viewing: the stretch of recorded video that may be watched.
    window_from = models.DateTimeField(_("from"), null=True, blank=True)
    window_to = models.DateTimeField(_("to"), null=True, blank=True)
    cameras = models.ManyToManyField(Camera, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def audit_repr(self) -> str:
        return str(self.uuid)


class ViewingDecision(models.Model):
    """Each answer given to the video gateway: who, which camera, when, why, and the answer."""

    grant = models.ForeignKey(
        ViewingGrant, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    camera = models.ForeignKey(
        Camera, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=64)
    path = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["grant", "at"]), models.Index(fields=["camera", "at"])]

    def __str__(self) -> str:
        return f"{self.status_code} {self.reason} {self.at:%Y-%m-%d %H:%M:%S}"


class FootageHold(PublicIdModel):
    """A request to a video system to keep footage of some cameras for a time window."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    facility = models.ForeignKey(
        "facilities.Facility", on_delete=models.PROTECT, related_name="footage_holds"
    )
    zone = models.ForeignKey(
        "facilities.Zone", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cameras = models.ManyToManyField(Camera, related_name="holds")
    window_from = models.DateTimeField(_("from"))
    window_to = models.DateTimeField(_("to"))
    # The footage must be preserved before the cameras overwrite it.
    keep_until = models.DateTimeField(_("deadline"))
    reason = models.TextField(_("reason"))
    case_reference = models.CharField(_("case file"), max_length=20, blank=True)
    # The record that asked for it, if not a case file (a use of force's number…).
    source_reference = models.CharField(_("requested for"), max_length=40, blank=True)
    requested_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=HoldStatus.choices, default=HoldStatus.PENDING
    )
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["keep_until"]
        indexes = [models.Index(fields=["status", "keep_until"])]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_repr(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("surveillance:hold", kwargs={"number": self.number})


class PreservedClip(PublicIdModel):
    """A clip the video system confirms it preserved for a hold, by its hash and size."""

    hold = models.ForeignKey(FootageHold, on_delete=models.PROTECT, related_name="clips")
    camera = models.ForeignKey(Camera, on_delete=models.PROTECT, related_name="+")
    window_from = models.DateTimeField()
    window_to = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    location = models.CharField(_("kept at"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField()
    client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["hold", "camera", "window_from"]
        constraints = [
            models.UniqueConstraint(fields=["hold", "camera", "sha256"], name="clip_once")
        ]


class FootageLoss(models.Model):
    """A camera of a hold whose footage is gone: reported by the video system, or not confirmed."""

    hold = models.ForeignKey(FootageHold, on_delete=models.PROTECT, related_name="losses")
    camera = models.ForeignKey(Camera, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    reported_at = models.DateTimeField(_("recorded"))
    client = models.ForeignKey(
        "accounts.ApiClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Not reported: the deadline passed without a confirmation for this camera.
    expired = models.BooleanField(_("deadline passed"), default=False)

    class Meta:
        ordering = ["hold", "camera"]
        constraints = [models.UniqueConstraint(fields=["hold", "camera"], name="footage_loss_once")]

    def __str__(self) -> str:
        return f"{self.hold_id} {self.camera_id}"


class CustodyEntry(models.Model):
    """The chain of custody of a clip: each export, access and hand-over, with the hash then."""

    clip = models.ForeignKey(PreservedClip, on_delete=models.PROTECT, related_name="custody")
    action = models.CharField(max_length=10, choices=CustodyAction.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=160)
    recipient = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["clip", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"
