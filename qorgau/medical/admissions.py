"""Admission safeguards by place: who is examined on arrival, and where injuries come from.

Every arrival (admission or transfer in) should be examined within 24 hours; the
share per facility shows where that safeguard holds. Injuries found at arrival,
grouped by the police unit or facility the person came from, are the map of where
injuries come from. Only counts leave this module: no person, no content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility
from qorgau.people.models import Placement, PlacementKind

from .choices import ExaminationKind
from .models import Examination

ARRIVALS = (PlacementKind.ADMISSION, PlacementKind.TRANSFER)
ARRIVAL_EXAMS = (
    ExaminationKind.ADMISSION,
    ExaminationKind.RETURN_FROM_POLICE,
    ExaminationKind.TRANSFER,
)
WITHIN = timedelta(hours=24)


def capability_for(user: Any) -> str | None:
    """Medical staff and the Ombudsman read these figures, each in their own scope."""
    for cap in (Cap.MEDICAL_VIEW, Cap.ALLEGATION_VIEW):
        if has_capability(user, cap):
            return cap
    return None


def _window(since: date, until: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(since, time.min, tzinfo=tz),
        datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz),
    )


@dataclass(frozen=True)
class PlaceRow:
    facility: Facility
    arrivals: int
    examined: int

    @property
    def share(self) -> float:
        return self.examined / self.arrivals if self.arrivals else 0.0


def examined_on_arrival(*, user: Any, cap: str, since: date, until: date) -> list[PlaceRow]:
    """Per facility in scope: arrivals in the period and those examined within 24 hours."""
    start, end = _window(since, until)
    facilities = scope_filter(Facility.objects.all(), user, cap, "")
    in_time = Examination.objects.filter(
        person=OuterRef("person"),
        facility=OuterRef("facility"),
        kind__in=ARRIVAL_EXAMS,
        examined_at__gte=OuterRef("at"),
        examined_at__lte=ExpressionWrapper(OuterRef("at") + WITHIN, output_field=DateTimeField()),
    )
    rows = (
        Placement.objects.filter(
            kind__in=ARRIVALS, facility__in=facilities, at__gte=start, at__lt=end
        )
        .annotate(ok=Exists(in_time))
        .values("facility")
        .annotate(arrivals=Count("pk"), examined=Count("pk", filter=Q(ok=True)))
    )
    by_id = {f.pk: f for f in Facility.objects.filter(pk__in=[r["facility"] for r in rows])}
    out = [PlaceRow(by_id[r["facility"]], r["arrivals"], r["examined"]) for r in rows]
    return sorted(out, key=lambda r: (r.share, -r.arrivals))


def injury_sources(*, user: Any, cap: str, since: date, until: date) -> QuerySet:
    """Arrival examinations grouped by where the person came from, most injured first."""
    start, end = _window(since, until)
    facilities = scope_filter(Facility.objects.all(), user, cap, "")
    return (
        Examination.objects.filter(
            facility__in=facilities,
            kind__in=ARRIVAL_EXAMS,
            examined_at__gte=start,
            examined_at__lt=end,
        )
        .values("arrived_from")
        .annotate(
            examinations=Count("pk", distinct=True),
            with_injuries=Count("pk", filter=Q(injuries__isnull=False), distinct=True),
            injuries=Count("injuries"),
            case_files=Count("pk", filter=~Q(case_reference=""), distinct=True),
        )
        .order_by("-with_injuries", "-injuries", "arrived_from")
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: float


def bars(items: list[tuple[str, float, str]], *, scale: float | None = None) -> dict:
    """Horizontal bar chart geometry (qorgau/medical/templates/medical/_bars.html)."""
    top = scale or max((v for _, v, _ in items), default=0) or 1
    row, plot = 22, 300
    return {
        "height": row * len(items) + 8,
        "plot": plot,
        "bars": [
            Bar(label, value, text, 4 + i * row, plot * value / top)
            for i, (label, value, text) in enumerate(items)
        ],
    }
