"""Outages of cameras in high-risk zones: the list, open ones first, and hours down per place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility, RiskLevel

from ...models import Outage
from .common import local_range


def _in_period(qs: QuerySet, start: date, end: date) -> QuerySet:
    """Outages that were going on at any moment of the period (open ones included)."""
    since, until = local_range(start, end)
    return qs.filter(started_at__lt=until).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=since))


def _high_risk(user: Any, start: date, end: date, facility: Facility | None) -> QuerySet:
    qs = scope_filter(Outage.objects.all(), user, Cap.SURVEILLANCE_VIEW, "facility")
    qs = qs.filter(zone__risk_level=RiskLevel.HIGH)
    if facility is not None:
        qs = qs.filter(facility=facility)
    return _in_period(qs, start, end)


def high_risk_outages(
    *, user: Any, start: date, end: date, facility: Facility | None = None
) -> QuerySet:
    """Outages in high-risk zones during the period, in scope: open ones first, then newest."""
    open_first = Case(When(ended_at__isnull=True, then=0), default=1, output_field=IntegerField())
    return (
        _high_risk(user, start, end, facility)
        .select_related("camera", "zone", "facility")
        .order_by(open_first, "-started_at", "-id")
    )


@dataclass(frozen=True)
class PlaceDowntime:
    facility: Facility
    outages: int
    down: timedelta  # within the period only

    @property
    def hours(self) -> float:
        return self.down.total_seconds() / 3600


def hours_down_by_facility(
    *, user: Any, start: date, end: date, facility: Facility | None = None
) -> list[PlaceDowntime]:
    """Per place, the outages in high-risk zones and the time they lost within the period.

    Each outage is cut to the period (an open one runs until now) and summed in the database.
    """
    since, until = local_range(start, end)
    stop = Least(Coalesce("ended_at", Value(timezone.now())), Value(until))
    lost = ExpressionWrapper(stop - Greatest("started_at", Value(since)), DurationField())
    rows = (
        _high_risk(user, start, end, facility)
        .values("facility_id")
        .annotate(n=Count("id"), down=Sum(lost))
        .order_by()
    )
    by_id = {r["facility_id"]: r for r in rows}
    places = Facility.objects.in_bulk(list(by_id))
    out = [
        PlaceDowntime(places[fid], r["n"], max(r["down"] or timedelta(0), timedelta(0)))
        for fid, r in by_id.items()
    ]
    out.sort(key=lambda p: (-p.down, p.facility.name))
    return out
