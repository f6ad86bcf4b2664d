"""Reads of places of detention, always narrowed to the reader's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap

from .models import Facility, PopulationCount, Region, Zone


@dataclass(frozen=True)
class FacilityFilters:
    q: str = ""
    region: str = ""
    type: str = ""
    agency: str = ""
    status: str = ""


def facility_list_for_user(*, user: Any, filters: FacilityFilters | None = None) -> QuerySet:
    """Facilities the user may see, filtered, with the latest headcount annotated."""
    f = filters or FacilityFilters()
    qs = scope_filter(Facility.objects.all(), user, Cap.FACILITY_VIEW, "")
    if f.q:
        qs = qs.filter(search_q(f.q))
    if f.region:
        qs = qs.filter(region__code=f.region)
    if f.type:
        qs = qs.filter(type=f.type)
    if f.agency:
        qs = qs.filter(agency=f.agency)
    if f.status:
        qs = qs.filter(status=f.status)
    latest = PopulationCount.objects.filter(facility=OuterRef("pk")).order_by("-date")
    return qs.select_related("region").annotate(
        latest_men=Subquery(latest.values("men")[:1]),
        latest_women=Subquery(latest.values("women")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
    )


def search_q(text: str) -> Q:
    text = text.strip()
    return (
        Q(name_ru__icontains=text)
        | Q(name_kk__icontains=text)
        | Q(name_en__icontains=text)
        | Q(code__iexact=text)
    )


def facility_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.FACILITY_VIEW) -> Facility:
    """The facility if it is in the user's scope for `capability`, else 404."""
    return get_in_scope_or_404(
        Facility.objects.select_related("region"), user, capability, "", uuid=uuid
    )


def zone_list(*, facility: Facility) -> QuerySet:
    return Zone.objects.filter(facility=facility)


def population_series(*, facility: Facility, limit: int = 36) -> list[PopulationCount]:
    """The last `limit` headcounts, oldest first (for charts)."""
    rows = list(PopulationCount.objects.filter(facility=facility).order_by("-date")[:limit])
    rows.reverse()
    return rows


def region_list() -> QuerySet:
    return Region.objects.all()
