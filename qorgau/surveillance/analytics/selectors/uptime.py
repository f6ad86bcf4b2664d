"""Uptime by facility, zone and day, from the daily rollups (ADR 0021).

Uptime is the share of camera time not lost to outages: one minus the seconds down
over the camera-seconds of the period. The rollups give, per facility, zone and local
day, the cameras counted and the seconds down; the health feed writes a day's rows for
every zone at once. A day of the period without any row for a place (not rolled up yet,
or written only where there was downtime) counts as a day of full uptime for the
cameras the registry holds there now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from qorgau.facilities.models import Facility, Zone

from ...models import ZoneUptimeDaily
from .common import facilities_in_scope, scope_q
from .coverage import camera_counts, camera_totals

DAY_SECONDS = 86_400


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
    days: int  # days of the period with rows for the place
    camera_days: int  # the cameras of those rows, summed
    seconds_down: int


def _uptime(days: int, registered: int, rollup: _Rollup | None) -> Uptime:
    """Days of the period without rows are full uptime for the cameras registered now."""
    if rollup is None:
        return Uptime(days * registered * DAY_SECONDS, 0)
    missing = max(0, days - rollup.days)
    return Uptime((rollup.camera_days + missing * registered) * DAY_SECONDS, rollup.seconds_down)


def _period(qs: QuerySet, start: date, end: date) -> QuerySet:
    return qs.filter(day__gte=start, day__lte=end)


def _place_rollups(facilities: QuerySet, start: date, end: date) -> dict[int, _Rollup]:
    """Per place: days with rows, camera-days and seconds down, summed in the database.

    Grouped by place only, so SQLite streams the rows in the order of the (facility, day)
    index. The places come as a subquery, not a list of ids: with a list SQLite reads
    every day of each place instead of the period's.
    """
    rows = (
        _period(ZoneUptimeDaily.objects.filter(facility__in=facilities), start, end)
        .values("facility_id")
        .annotate(
            days=Count("day", distinct=True),
            camera_days=Sum("cameras"),
            down=Sum("seconds_down"),
        )
        .order_by()
    )
    return {r["facility_id"]: _Rollup(r["days"], r["camera_days"], r["down"]) for r in rows}


@dataclass(frozen=True)
class FacilityUptime:
    facility: Facility
    uptime: Uptime


def _worst_first(percent: float | None) -> float:
    return 101.0 if percent is None else percent


def uptime_by_facility(*, user: Any, start: date, end: date) -> list[FacilityUptime]:
    """Each place in scope with cameras, lowest uptime first."""
    days = (end - start).days + 1
    registered = {fid: n for fid, (n, _w) in camera_totals(scope_q(user=user)).items()}
    rollups = _place_rollups(facilities_in_scope(user=user), start, end)
    ids = registered.keys() | rollups.keys()
    places = Facility.objects.filter(pk__in=list(ids)).select_related("region")
    rows = [
        FacilityUptime(f, _uptime(days, registered.get(f.pk, 0), rollups.get(f.pk))) for f in places
    ]
    rows.sort(key=lambda r: (_worst_first(r.uptime.percent), r.facility.name))
    return rows


@dataclass(frozen=True)
class ZoneUptime:
    zone: Zone | None  # None: cameras without a zone
    cameras: int  # in service now
    uptime: Uptime


def uptime_by_zone(*, facility: Facility, start: date, end: date) -> list[ZoneUptime]:
    """Each zone of the place with cameras now or in the period, lowest uptime first."""
    days = (end - start).days + 1
    rows = _period(ZoneUptimeDaily.objects.filter(facility=facility), start, end)
    rolled_days = rows.values("day").distinct().count()
    by_zone = {
        r["zone_id"]: r
        for r in rows.values("zone_id")
        .annotate(camera_days=Sum("cameras"), down=Sum("seconds_down"))
        .order_by()
    }
    registered = {zone: n for (_f, zone), (n, _w) in camera_counts(Q(facility=facility)).items()}
    zones = Zone.objects.in_bulk([z for z in registered.keys() | by_zone.keys() if z is not None])
    none = {"camera_days": 0, "down": 0}  # the zone had no camera on the days rolled up
    out = []
    for zone_id in registered.keys() | by_zone.keys():
        r = by_zone.get(zone_id, none)
        cameras = registered.get(zone_id, 0)
        uptime = _uptime(days, cameras, _Rollup(rolled_days, r["camera_days"], r["down"]))
        out.append(ZoneUptime(zones.get(zone_id), cameras, uptime))
    out.sort(
        key=lambda r: (
            _worst_first(r.uptime.percent),
            r.zone is None,
            r.zone.name if r.zone else "",
        )
    )
    return out


@dataclass(frozen=True)
class DayUptime:
    day: date
    uptime: Uptime


def uptime_by_day(*, facility: Facility, start: date, end: date) -> list[DayUptime]:
    """The place's uptime on each day of the period, oldest first (for the chart)."""
    registered = sum(n for n, _w in camera_counts(Q(facility=facility)).values())
    rows = (
        _period(ZoneUptimeDaily.objects.filter(facility=facility), start, end)
        .values("day")
        .annotate(camera_days=Sum("cameras"), down=Sum("seconds_down"))
        .order_by()
    )
    rolled = {r["day"]: Uptime(r["camera_days"] * DAY_SECONDS, r["down"]) for r in rows}
    full = Uptime(registered * DAY_SECONDS, 0)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [DayUptime(d, rolled.get(d, full)) for d in days]
