"""Uptime by facility, zone and day, from the daily rollups (ADR 0021).

Uptime is the share of camera time not lost to outages: one minus the seconds down
over the camera-seconds of the period. The rollups give, per facility, zone and local
day, the cameras counted and the seconds down. A day without a row counts as a day
of full uptime for the cameras the registry holds in that zone now, so the figures
hold whether the rollups are written for every day or only for days with downtime.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet, Sum

from qorgau.facilities.models import Facility, Zone

from ...models import ZoneUptimeDaily
from .common import facilities_in_scope
from .coverage import camera_counts

DAY_SECONDS = 86_400

Key = tuple[int, int | None]  # (facility id, zone id or None)


@dataclass(frozen=True)
class Uptime:
    camera_seconds: int
    seconds_down: int

    def __add__(self, other: Uptime) -> Uptime:
        return Uptime(
            self.camera_seconds + other.camera_seconds, self.seconds_down + other.seconds_down
        )

    @property
    def percent(self) -> float | None:
        """Share of camera time up, in percent; None when no camera was counted."""
        if not self.camera_seconds:
            return None
        return 100 * (1 - min(self.seconds_down, self.camera_seconds) / self.camera_seconds)

    @property
    def down_percent(self) -> float | None:
        return None if self.percent is None else 100 - self.percent

    @property
    def hours_down(self) -> float:
        return self.seconds_down / 3600


NO_TIME = Uptime(0, 0)


@dataclass(frozen=True)
class _Rollup:
    days: int  # days of the period with a row
    camera_days: int  # the cameras of those rows, summed
    seconds_down: int


def _rollups(facilities: QuerySet | list[Facility], start: date, end: date) -> dict[Key, _Rollup]:
    rows = (
        ZoneUptimeDaily.objects.filter(facility__in=facilities, day__gte=start, day__lte=end)
        .values("facility_id", "zone_id")
        .annotate(days=Count("id"), camera_days=Sum("cameras"), down=Sum("seconds_down"))
        .order_by()
    )
    return {
        (r["facility_id"], r["zone_id"]): _Rollup(r["days"], r["camera_days"], r["down"])
        for r in rows
    }


def _uptime(days: int, registered: int, rollup: _Rollup | None) -> Uptime:
    """Days without a row are full uptime for the cameras registered in the zone now."""
    if rollup is None:
        return Uptime(days * registered * DAY_SECONDS, 0)
    missing = max(0, days - rollup.days)
    return Uptime((rollup.camera_days + missing * registered) * DAY_SECONDS, rollup.seconds_down)


def _uptime_by_key(
    facilities: QuerySet | list[Facility], start: date, end: date
) -> dict[Key, Uptime]:
    days = (end - start).days + 1
    registry = camera_counts(facilities)
    rollups = _rollups(facilities, start, end)
    return {
        key: _uptime(days, registry.get(key, (0, 0))[0], rollups.get(key))
        for key in registry.keys() | rollups.keys()
    }


@dataclass(frozen=True)
class FacilityUptime:
    facility: Facility
    uptime: Uptime


def _worst_first(percent: float | None) -> float:
    return 101.0 if percent is None else percent


def uptime_by_facility(*, user: Any, start: date, end: date) -> list[FacilityUptime]:
    """Each place in scope with cameras, lowest uptime first."""
    totals: dict[int, Uptime] = defaultdict(lambda: NO_TIME)
    for (facility_id, _zone), uptime in _uptime_by_key(
        facilities_in_scope(user=user), start, end
    ).items():
        totals[facility_id] += uptime
    places = Facility.objects.filter(pk__in=list(totals)).select_related("region")
    rows = [FacilityUptime(f, totals[f.pk]) for f in places]
    rows.sort(key=lambda r: (_worst_first(r.uptime.percent), r.facility.name))
    return rows


@dataclass(frozen=True)
class ZoneUptime:
    zone: Zone | None  # None: cameras without a zone
    cameras: int  # in service now
    uptime: Uptime


def uptime_by_zone(*, facility: Facility, start: date, end: date) -> list[ZoneUptime]:
    """Each zone of the place with cameras now or in the period, lowest uptime first."""
    by_key = _uptime_by_key([facility], start, end)
    registry = camera_counts([facility])
    zones = Zone.objects.in_bulk([zone_id for _f, zone_id in by_key if zone_id is not None])
    rows = []
    for key, uptime in by_key.items():
        zone = zones.get(key[1]) if key[1] is not None else None
        rows.append(ZoneUptime(zone, registry.get(key, (0, 0))[0], uptime))
    rows.sort(
        key=lambda r: (
            _worst_first(r.uptime.percent),
            r.zone is None,
            r.zone.name if r.zone else "",
        )
    )
    return rows


@dataclass(frozen=True)
class DayUptime:
    day: date
    uptime: Uptime


def uptime_by_day(*, facility: Facility, start: date, end: date) -> list[DayUptime]:
    """The place's uptime on each day of the period, oldest first (for the chart)."""
    registry = {zone: n for (_f, zone), (n, _w) in camera_counts([facility]).items()}
    registered = sum(registry.values())
    # Per day with rows: their cameras, what the registry holds in those zones, seconds down.
    rolled: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = ZoneUptimeDaily.objects.filter(facility=facility, day__gte=start, day__lte=end)
    for day, zone_id, cameras, down in rows.values_list(
        "day", "zone_id", "cameras", "seconds_down"
    ):
        counts = rolled[day]
        counts[0] += cameras
        counts[1] += registry.get(zone_id, 0)
        counts[2] += down
    out = []
    for i in range((end - start).days + 1):
        day = start + timedelta(days=i)
        cameras, replaced, down = rolled.get(day, (0, 0, 0))
        out.append(DayUptime(day, Uptime((registered - replaced + cameras) * DAY_SECONDS, down)))
    return out
