"""The overview's headline figures."""

from __future__ import annotations

from typing import Any

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap

from ..models import Bed, BedStay
from .common import held_in_scope
from .equipment import equipment_for_user
from .screening import people_due
from .staffing import places_headcount, staffing_summary, staffing_total

__all__ = [
    "care_headlines",
]


def care_headlines(*, user: Any) -> dict[str, Any]:
    """The overview's figures for the user's scope: a handful of counting queries."""
    beds = scope_filter(Bed.objects.filter(active=True), user, Cap.MEDICAL_VIEW, "unit__facility")
    in_bed = BedStay.objects.filter(discharged_at__isnull=True)
    lines = staffing_summary(user=user)
    staff = staffing_total(lines, "", places_headcount(lines))
    return {
        "held": held_in_scope(user=user).count(),
        "due": people_due(user=user).count(),
        "beds": beds.count(),
        "occupied": scope_filter(in_bed, user, Cap.MEDICAL_VIEW, "bed__unit__facility").count(),
        "equipment_overdue": equipment_for_user(user=user, overdue=True).count(),
        "vacant": staff.vacant if staff else None,
        "authorised": staff.authorised if staff else None,
    }
