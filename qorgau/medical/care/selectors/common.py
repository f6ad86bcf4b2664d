"""Scope of the medical unit's reads, and the percentage every page shows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from qorgau.accounts.access import get_in_scope_or_404, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility, PopulationCount
from qorgau.people.models import CustodyStatus, Person

__all__ = [
    "can_configure_screening",
    "can_record_at",
    "facilities_for_user",
    "facility_get_for_user",
    "held_in_scope",
    "share",
]


def _with_headcount(qs: QuerySet) -> QuerySet:
    """Annotate the latest population count: people held (men + women, as facilities counts)."""
    latest = PopulationCount.objects.filter(facility=OuterRef("pk")).order_by("-date")
    return qs.annotate(
        headcount=Subquery(latest.annotate(held=F("men") + F("women")).values("held")[:1]),
        headcount_date=Subquery(latest.values("date")[:1]),
    )


def facilities_for_user(*, user: Any, capability: str = Cap.MEDICAL_VIEW) -> QuerySet:
    """Facilities in the user's medical scope, with their latest headcount annotated."""
    qs = scope_filter(Facility.objects.select_related("region"), user, capability, "")
    return _with_headcount(qs).order_by("region__name_ru", "name_ru")


def facility_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW) -> Facility:
    """One facility in the user's medical scope, with its latest headcount, or 404."""
    return get_in_scope_or_404(
        _with_headcount(Facility.objects.select_related("region")), user, capability, "", uuid=uuid
    )


def can_record_at(user: Any, facility: Facility) -> bool:
    return scope_for(user, Cap.MEDICAL_RECORD).covers(facility)


def can_configure_screening(user: Any) -> bool:
    """The screening list is national: only a national medical scope changes it."""
    return scope_for(user, Cap.MEDICAL_RECORD).national


def held_in_scope(*, user: Any, capability: str = Cap.MEDICAL_VIEW) -> QuerySet:
    """People held today at a place in the user's medical scope."""
    return scope_filter(
        Person.objects.filter(status=CustodyStatus.HELD), user, capability, "current_facility"
    )


def share(part: int | Decimal, whole: int | Decimal | None) -> float | None:
    """`part` as a percentage of `whole`, one decimal; None when there is no whole."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)
