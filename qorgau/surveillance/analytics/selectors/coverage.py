"""Coverage of zones: each zone's cameras in service, how many work now, and the blind spots.

A camera works when it is in service and its latest reported status is online. A zone
of high risk where none works is a blind spot: the classic condition for ill-treatment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility, RiskLevel, Zone

from ...choices import CameraStatus
from ...models import Camera
from .common import facilities_in_scope, scope_q

RISK_ORDER = {RiskLevel.HIGH: 0, RiskLevel.MEDIUM: 1, RiskLevel.LOW: 2}

# (facility id, zone id or None) -> (cameras in service, of which working now)
Counts = dict[tuple[int, int | None], tuple[int, int]]


@dataclass(frozen=True)
class ZoneCoverage:
    zone: Zone | None  # None: the cameras registered without a zone (body-worn and the like)
    cameras: int
    working: int

    @property
    def blind_spot(self) -> bool:
        return self.zone is not None and self.zone.risk_level == RiskLevel.HIGH and not self.working


@dataclass(frozen=True)
class FacilityCoverage:
    facility: Facility
    cameras: int
    working: int
    high_risk_zones: int
    blind_spots: list[Zone] = field(default_factory=list)

    @property
    def share_working(self) -> float | None:
        return round(100 * self.working / self.cameras, 1) if self.cameras else None


def _counted(where: Q, *by: str) -> QuerySet:
    # Index-only on SQLite: the camera index holds facility, zone, status and in service.
    return (
        Camera.objects.filter(where, active=True)
        .values(*by)
        .annotate(cameras=Count("id"), working=Count("id", filter=Q(status=CameraStatus.ONLINE)))
        .order_by()
    )


def camera_counts(where: Q) -> Counts:
    """Cameras in service and those working now, per facility and zone, counted in the database.

    `where` selects the cameras: one place's (`Q(facility=…)`) or a scope's (`scope_q`).
    """
    rows = _counted(where, "facility_id", "zone_id")
    return {(r["facility_id"], r["zone_id"]): (r["cameras"], r["working"]) for r in rows}


def camera_totals(where: Q) -> dict[int, tuple[int, int]]:
    """Cameras in service and those working now, per facility, counted in the database."""
    rows = _counted(where, "facility_id")
    return {r["facility_id"]: (r["cameras"], r["working"]) for r in rows}


def _high_risk_zones(facility_ids: list[int]) -> QuerySet:
    """The high-risk zones of these places, each marked whether a camera works there now."""
    working = Camera.objects.filter(
        facility=OuterRef("facility_id"),
        zone=OuterRef("pk"),
        status=CameraStatus.ONLINE,
        active=True,
    )
    return (
        Zone.objects.filter(facility_id__in=facility_ids, risk_level=RiskLevel.HIGH)
        .annotate(covered=Exists(working))
        .only("id", "facility_id", "name", "risk_level")
    )


def _zone_rows(facility: Facility, counts: Counts) -> list[ZoneCoverage]:
    rows = [
        ZoneCoverage(zone, *counts.get((facility.pk, zone.pk), (0, 0)))
        for zone in Zone.objects.filter(facility=facility)
    ]
    rows.sort(key=lambda r: (not r.blind_spot, RISK_ORDER.get(r.zone.risk_level, 3), r.zone.name))
    loose = counts.get((facility.pk, None))
    if loose:
        rows.append(ZoneCoverage(None, *loose))
    return rows


def coverage_for_facility(*, facility: Facility) -> list[ZoneCoverage]:
    """Every zone of the place with its cameras, blind spots first, then by risk."""
    return _zone_rows(facility, camera_counts(Q(facility=facility)))


def coverage_panel_for(*, user: Any, facility: Facility) -> list[ZoneCoverage] | None:
    """The facility page's coverage panel, or None when the user may not oversee its cameras."""
    if not scope_for(user, Cap.SURVEILLANCE_VIEW).covers(facility):
        return None
    return coverage_for_facility(facility=facility)


@dataclass(frozen=True)
class CoverageReport:
    places: list[FacilityCoverage]
    without_cameras: int  # places in scope with no camera in the registry

    @property
    def blind_spots(self) -> int:
        return sum(len(p.blind_spots) for p in self.places)


def coverage_for_user(*, user: Any) -> CoverageReport:
    """Every place in scope with cameras: blind spots first, then the lowest share working."""
    totals = camera_totals(scope_q(user=user))
    high: dict[int, list[Zone]] = defaultdict(list)
    for zone in _high_risk_zones(list(totals)):
        high[zone.facility_id].append(zone)
    places = [
        FacilityCoverage(
            facility,
            *totals[facility.pk],
            high_risk_zones=len(high[facility.pk]),
            blind_spots=[z for z in high[facility.pk] if not z.covered],
        )
        for facility in Facility.objects.filter(pk__in=list(totals)).select_related("region")
    ]
    places.sort(key=lambda p: (-len(p.blind_spots), p.share_working or 0, p.facility.name))
    without = facilities_in_scope(user=user).exclude(pk__in=list(totals)).count()
    return CoverageReport(places, without)
