"""Daily uptime rollups: seconds down per camera, and per facility and zone with its cameras.

Computed from the outages alone, so a day can be recomputed at any time and gives
the same rows: the worker does yesterday's each night, and the health feed queues
a day again when late events change its outages. Derived figures, not records of
anyone's act: no audit entry.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ...models import Camera, Outage, UptimeDaily, ZoneUptimeDaily


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day from local midnight to the next one (days of reports are local days)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _seconds_down(start: datetime, limit: datetime) -> tuple[dict, dict]:
    """Seconds down within [start, limit) per camera and per (facility, zone)."""
    per_camera: dict[int, float] = defaultdict(float)
    per_zone: dict[tuple[int, int | None], float] = defaultdict(float)
    rows = (
        Outage.objects.filter(started_at__lt=limit)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=start))
        .values_list("camera_id", "facility_id", "zone_id", "started_at", "ended_at")
    )
    for camera_id, facility_id, zone_id, started, ended in rows:
        seconds = (min(ended or limit, limit) - max(started, start)).total_seconds()
        if seconds > 0:
            per_camera[camera_id] += seconds
            per_zone[(facility_id, zone_id)] += seconds
    return per_camera, per_zone


def _cameras_per_zone(day: date) -> dict[tuple[int, int | None], int]:
    """Cameras in service on the day, per facility and zone, as the registry has them now."""
    rows = (
        Camera.objects.filter(active=True)
        .filter(Q(installed_on__isnull=True) | Q(installed_on__lte=day))
        .values("facility_id", "zone_id")
        .annotate(n=Count("pk"))
        .values_list("facility_id", "zone_id", "n")
    )
    return {(facility_id, zone_id): n for facility_id, zone_id, n in rows}


def _zone_order(key: tuple[int, int | None]) -> tuple[int, int]:
    return key[0], key[1] or 0


@transaction.atomic
def uptime_rollup(*, day: date, now: datetime | None = None) -> tuple[int, int]:
    """Recompute one day's rollups (today: up to now); returns the rows per camera and per zone."""
    start, end = day_bounds(day)
    limit = min(end, now or timezone.now())
    length = (end - start).total_seconds()
    per_camera, per_zone = _seconds_down(start, limit) if limit > start else ({}, {})
    cameras = _cameras_per_zone(day)
    UptimeDaily.objects.filter(day=day).delete()
    UptimeDaily.objects.bulk_create(
        UptimeDaily(camera_id=cid, day=day, seconds_down=round(min(s, length)))
        for cid, s in per_camera.items()
    )
    ZoneUptimeDaily.objects.filter(day=day).delete()
    zones = ZoneUptimeDaily.objects.bulk_create(
        ZoneUptimeDaily(
            facility_id=facility_id,
            zone_id=zone_id,
            day=day,
            cameras=cameras.get((facility_id, zone_id), 0),
            seconds_down=round(per_zone.get((facility_id, zone_id), 0)),
        )
        for facility_id, zone_id in sorted(cameras.keys() | per_zone.keys(), key=_zone_order)
    )
    return len(per_camera), len(zones)


def uptime_rollup_days(*, first: date, last: date) -> tuple[int, int]:
    """Recompute every day from `first` to `last`, one transaction a day."""
    totals = [0, 0]
    day = first
    while day <= last:
        cams, zones = uptime_rollup(day=day)
        totals[0] += cams
        totals[1] += zones
        day += timedelta(days=1)
    return totals[0], totals[1]
