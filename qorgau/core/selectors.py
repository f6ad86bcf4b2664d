"""Reads for the dashboard and the audit viewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery, Sum

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap

from .models import AuditEntry


@dataclass(frozen=True)
class Overview:
    facilities: int
    capacity: int
    held: int
    overcrowded: list  # facilities above capacity at their latest count


def overview_for_user(*, user: Any) -> Overview | None:
    """Figures for the places the user may see: how many, how full."""
    if not has_capability(user, Cap.FACILITY_VIEW):
        return None
    from qorgau.facilities.models import Facility, FacilityStatus, PopulationCount

    facilities = scope_filter(
        Facility.objects.filter(status=FacilityStatus.OPEN), user, Cap.FACILITY_VIEW, ""
    )
    latest = PopulationCount.objects.filter(facility=OuterRef("pk")).order_by("-date")
    rows = list(
        facilities.annotate(
            men=Subquery(latest.values("men")[:1]), women=Subquery(latest.values("women")[:1])
        ).only("uuid", "name_ru", "name_kk", "name_en", "capacity")
    )
    over = []
    for f in rows:
        f.total = (f.men or 0) + (f.women or 0)
        if f.capacity and f.total > f.capacity:
            f.rate = round(f.total * 100 / f.capacity, 1)
            over.append(f)
    held = sum(f.total for f in rows)
    over.sort(key=lambda f: -f.rate)
    capacity = facilities.aggregate(c=Sum("capacity"))["c"] or 0
    return Overview(len(rows), capacity, held, over[:10])


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    object_id: str = ""


def audit_list(*, filters: AuditFilters) -> QuerySet:
    qs = AuditEntry.objects.all()
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.actor:
        qs = qs.filter(actor_label__iexact=filters.actor)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    return qs.order_by("-id")
