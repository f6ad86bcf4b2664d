"""Reads of 24-hour beds: who is in which bed, stays in a period, occupancy by day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility

from ..models import Bed, BedStay, MedicalUnit
from .common import share

__all__ = [
    "DayOccupancy",
    "bed_get_for_user",
    "beds_page_read",
    "beds_summary",
    "occupancy_by_day",
    "stay_get_for_user",
    "stays_in_period",
    "units_with_beds",
]


def units_with_beds(*, facility: Facility) -> list[MedicalUnit]:
    """The facility's units, each with its beds and who is in them now (one query each)."""
    open_stays = BedStay.objects.filter(discharged_at__isnull=True).select_related("person")
    units = list(MedicalUnit.objects.filter(facility=facility).order_by("name"))
    beds = Bed.objects.filter(unit__facility=facility).order_by("code")
    by_unit: dict[int, list[Bed]] = defaultdict(list)
    stays = {s.bed_id: s for s in open_stays.filter(bed__unit__facility=facility)}
    for bed in beds:
        bed.current_stay = stays.get(bed.pk)  # type: ignore[attr-defined]
        by_unit[bed.unit_id].append(bed)
    for unit in units:
        unit.bed_list = by_unit[unit.pk]  # type: ignore[attr-defined]
    return units


def beds_page_read(*, user: Any, facility: Facility) -> None:
    """Who lies in which bed is medical secrecy: reading the page is audited."""
    audit_record(actor=user, action="medical.read", obj=facility, details={"part": "beds"})


def stay_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_RECORD) -> BedStay:
    return get_in_scope_or_404(
        BedStay.objects.select_related("bed__unit__facility", "person"),
        user,
        capability,
        "bed__unit__facility",
        uuid=uuid,
    )


def bed_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_RECORD) -> Bed:
    return get_in_scope_or_404(
        Bed.objects.select_related("unit__facility"), user, capability, "unit__facility", uuid=uuid
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def stays_in_period(*, facility: Facility, start: date, end: date) -> QuerySet:
    """Stays at the facility that overlap the days from `start` to `end` inclusive."""
    return (
        BedStay.objects.filter(
            bed__unit__facility=facility, admitted_at__lt=_day_start(end + timedelta(days=1))
        )
        .filter(Q(discharged_at__isnull=True) | Q(discharged_at__gt=_day_start(start)))
        .select_related("bed__unit", "person")
        .order_by("-admitted_at")
    )


@dataclass(frozen=True)
class DayOccupancy:
    date: date
    occupied: int
    beds: int
    admissions: int
    discharges: int

    # The names facilities.charts.population_chart draws.
    @property
    def total(self) -> int:
        return self.occupied

    @property
    def capacity(self) -> int:
        return self.beds

    @property
    def rate(self) -> float | None:
        return share(self.occupied, self.beds)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def occupancy_by_day(*, facility: Facility, start: date, end: date) -> list[DayOccupancy]:
    """Beds used on each day (someone lay in it at any time of the day), with the day's moves.

    One query for the period's stays; days are counted in Python because a
    calendar of days is not portable SQL (SQLite and PostgreSQL differ).
    """
    days = _days(start, end)
    index = {d: i for i, d in enumerate(days)}
    used: list[set[int]] = [set() for _ in days]
    admissions, discharges = [0] * len(days), [0] * len(days)
    spans = stays_in_period(facility=facility, start=start, end=end).values_list(
        "bed_id", "admitted_at", "discharged_at"
    )
    for bed_id, admitted_at, discharged_at in spans:
        first = max(timezone.localdate(admitted_at), start)
        last = min(timezone.localdate(discharged_at) if discharged_at else end, end)
        for day in _days(first, last):
            used[index[day]].add(bed_id)
        if timezone.localdate(admitted_at) in index:
            admissions[index[timezone.localdate(admitted_at)]] += 1
        if discharged_at and timezone.localdate(discharged_at) in index:
            discharges[index[timezone.localdate(discharged_at)]] += 1
    beds = Bed.objects.filter(unit__facility=facility, active=True).count()
    return [
        DayOccupancy(d, len(used[i]), beds, admissions[i], discharges[i])
        for i, d in enumerate(days)
    ]


def beds_summary(*, user: Any) -> QuerySet:
    """Facilities in scope with their beds in use and occupied now (one query)."""
    return (
        scope_filter(Facility.objects.all(), user, Cap.MEDICAL_VIEW, "")
        .annotate(
            beds=Count(
                "medical_units__beds",
                filter=Q(medical_units__beds__active=True),
                distinct=True,
            ),
            occupied=Count(
                "medical_units__beds__stays",
                filter=Q(medical_units__beds__stays__discharged_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("name_ru")
    )
