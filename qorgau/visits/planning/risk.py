"""Risk ranking of places for planning visits: a sum of explained parts.

Each part has a raw value (days, a rate, a count, a percentage) and the points it
adds; the weights are all here, in WEIGHTS, and explained in ADR 0022. The whole
ranking is one query for the places (with their latest headcount as subqueries)
and one aggregate query per part, whatever the number of places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap
from qorgau.allegations.choices import CaseStatus
from qorgau.allegations.models import CaseFile
from qorgau.complaints.models import Complaint
from qorgau.facilities.models import Facility, FacilityStatus, PopulationCount
from qorgau.recommendations.choices import CLOSED
from qorgau.recommendations.models import Recommendation

from ..choices import VisitStatus
from ..models import Visit

# The one place where the weights live (ADR 0022 explains them).
WEIGHTS = {
    # Time since the last visit done: points per 30 days, capped (never visited = cap).
    "last_visit_per_30_days": Decimal("1"),
    "last_visit_cap": Decimal("30"),
    # Complaints in the last 12 months per 100 detainees: points per unit of rate, capped.
    "complaints_per_rate": Decimal("2"),
    "complaints_cap": Decimal("20"),
    # A place holding at least this many people with no complaint in 12 months is flagged.
    "silence_min_population": 50,
    "silence_points": Decimal("10"),
    # Open allegation case files: points each, capped.
    "open_case_points": Decimal("8"),
    "open_case_cap": Decimal("40"),
    # Recommendations past their deadline and not closed: points each, capped.
    "overdue_points": Decimal("2"),
    "overdue_cap": Decimal("20"),
    # Occupancy above capacity: points per percentage point above 100 %, capped.
    "overcrowding_per_point": Decimal("0.5"),
    "overcrowding_cap": Decimal("25"),
}

COMPLAINT_WINDOW_DAYS = 365

LABELS = {
    "last_visit": _("Time since the last visit"),
    "complaints": _("Complaints per 100 detainees, last 12 months"),
    "silence": _("No complaints from a place holding people"),
    "open_cases": _("Open allegation case files"),
    "overdue": _("Overdue recommendations"),
    "overcrowding": _("Occupancy above capacity"),
}


@dataclass
class Part:
    key: str
    raw: str
    points: Decimal

    @property
    def label(self) -> str:
        return str(LABELS[self.key])


@dataclass
class Ranked:
    facility: Facility
    parts: list[Part] = field(default_factory=list)
    silent: bool = False

    @property
    def score(self) -> Decimal:
        return sum((p.points for p in self.parts), Decimal(0))


def _capped(value: Decimal, cap: Decimal) -> Decimal:
    return min(value, cap).quantize(Decimal("0.1"))


def _by_facility(qs: Any, ids: Any, value: Any) -> dict[int, Any]:
    rows = qs.filter(facility_id__in=ids).values("facility_id").annotate(v=value)
    return {r["facility_id"]: r["v"] for r in rows}


def risk_ranking(*, user: Any, region: Any = None, today: date | None = None) -> list[Ranked]:
    """Places in the coordinator's scope, highest risk first, each score with its parts."""
    today = today or timezone.localdate()
    w = WEIGHTS
    latest = PopulationCount.objects.filter(facility=OuterRef("pk")).order_by("-date")
    places = scope_filter(
        Facility.objects.exclude(status=FacilityStatus.CLOSED).select_related("region"),
        user,
        Cap.VISIT_COORDINATE,
        "",
    ).annotate(
        pop_total=Subquery(latest.annotate(t=F("men") + F("women")).values("t")[:1]),
        pop_capacity=Subquery(latest.values("capacity")[:1]),
    )
    if region is not None:
        places = places.filter(region=region)
    places = list(places)
    ids = [f.pk for f in places]
    since = timezone.now() - timedelta(days=COMPLAINT_WINDOW_DAYS)
    last_done = _by_facility(
        Visit.objects.filter(status=VisitStatus.DONE, end_date__isnull=False),
        ids,
        Max("end_date"),
    )
    # A merged duplicate is the same complaint counted once, in its main complaint.
    complaints = _by_facility(
        Complaint.objects.filter(received_at__gte=since).exclude(status="merged"), ids, Count("id")
    )
    open_cases = _by_facility(CaseFile.objects.exclude(status=CaseStatus.CLOSED), ids, Count("id"))
    overdue = _by_facility(
        Recommendation.objects.filter(deadline__lt=today).exclude(status__in=CLOSED),
        ids,
        Count("id"),
    )
    ranked = []
    for f in places:
        r = Ranked(facility=f)
        last = last_done.get(f.pk)
        if last is None:
            r.parts.append(Part("last_visit", str(_("never visited")), w["last_visit_cap"]))
        else:
            days = (today - last).days
            pts = Decimal(days) / 30 * w["last_visit_per_30_days"]
            raw = str(_("%(days)d days (last %(date)s)")) % {
                "days": days,
                "date": last.strftime("%d.%m.%Y"),
            }
            r.parts.append(Part("last_visit", raw, _capped(pts, w["last_visit_cap"])))
        population = f.pop_total
        n = complaints.get(f.pk, 0)
        if population:
            rate = (Decimal(n) * 100 / Decimal(population)).quantize(Decimal("0.01"))
            raw = str(_("%(rate)s (%(n)d complaints, %(pop)d people)")) % {
                "rate": rate,
                "n": n,
                "pop": population,
            }
            pts = _capped(rate * w["complaints_per_rate"], w["complaints_cap"])
            r.parts.append(Part("complaints", raw, pts))
            if n == 0 and population >= w["silence_min_population"]:
                r.silent = True
                raw = str(_("0 complaints, %(pop)d people held")) % {"pop": population}
                r.parts.append(Part("silence", raw, w["silence_points"]))
        else:
            r.parts.append(
                Part("complaints", str(_("%(n)d complaints, headcount unknown")) % {"n": n}, 0)
            )
        cases = open_cases.get(f.pk, 0)
        r.parts.append(
            Part(
                "open_cases",
                str(cases),
                _capped(cases * w["open_case_points"], w["open_case_cap"]),
            )
        )
        late = overdue.get(f.pk, 0)
        r.parts.append(
            Part("overdue", str(late), _capped(late * w["overdue_points"], w["overdue_cap"]))
        )
        capacity = f.pop_capacity or f.capacity
        if population and capacity:
            pct = (Decimal(population) * 100 / Decimal(capacity)).quantize(Decimal("0.1"))
            over = max(pct - 100, Decimal(0))
            pts = _capped(over * w["overcrowding_per_point"], w["overcrowding_cap"])
            raw = str(_("%(pct)s %% of %(cap)d places")) % {"pct": pct, "cap": capacity}
            r.parts.append(Part("overcrowding", raw, pts))
        else:
            r.parts.append(Part("overcrowding", str(_("unknown")), Decimal(0)))
        ranked.append(r)
    ranked.sort(key=lambda r: (-r.score, str(r.facility.name)))
    return ranked
