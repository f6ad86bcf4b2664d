"""Cameras, outages, rollups and incidents made by hand, a few at a time."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from qorgau.surveillance.models import Camera, DamageIncident, Outage, ZoneUptimeDaily

_numbers = itertools.count(1)


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A moment of a local day."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def ago(**delta) -> datetime:
    return timezone.now() - timedelta(**delta)


def camera(facility, zone=None, *, status="online", active=True, **kw) -> Camera:
    n = next(_numbers)
    return Camera.objects.create(
        facility=facility,
        zone=zone,
        code=kw.pop("code", f"CAM-{n:04d}"),
        vms_id=f"vms-{n}",
        status=status,
        active=active,
        **kw,
    )


def outage(cam: Camera, started_at: datetime, ended_at: datetime | None = None, **kw) -> Outage:
    return Outage.objects.create(
        camera=cam,
        facility_id=cam.facility_id,
        zone_id=cam.zone_id,
        status=kw.pop("status", "offline"),
        started_at=started_at,
        ended_at=ended_at,
    )


def rollup(facility, zone, day: date, cameras: int, seconds_down: int) -> ZoneUptimeDaily:
    return ZoneUptimeDaily.objects.create(
        facility=facility, zone=zone, day=day, cameras=cameras, seconds_down=seconds_down
    )


def incident(cam: Camera, moment: datetime, status: str = "damaged") -> DamageIncident:
    return DamageIncident.objects.create(
        camera=cam, facility_id=cam.facility_id, status=status, at=moment
    )
