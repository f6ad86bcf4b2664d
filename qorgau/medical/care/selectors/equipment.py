"""Reads of the equipment inventory; overdue checks first."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility

from ..choices import EquipmentState
from ..models import EquipmentItem

__all__ = [
    "equipment_for_user",
    "equipment_get_for_user",
    "overdue_q",
]


def overdue_q(today: date | None = None) -> Q:
    """Items whose check is overdue: a written-off item needs none."""
    return Q(next_check_due__lt=today or timezone.localdate()) & ~Q(
        state=EquipmentState.WRITTEN_OFF
    )


def equipment_for_user(
    *, user: Any, facility: Facility | None = None, state: str = "", overdue: bool = False
) -> QuerySet:
    """Equipment in the user's medical scope, with an `overdue` flag; overdue first."""
    qs = scope_filter(
        EquipmentItem.objects.select_related("facility", "unit"), user, Cap.MEDICAL_VIEW, "facility"
    )
    if facility is not None:
        qs = qs.filter(facility=facility)
    if state:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(overdue_q())
    return qs.annotate(
        overdue=Case(When(overdue_q(), then=Value(True)), default=Value(False))
    ).order_by("-overdue", "facility__name_ru", "next_check_due", "inventory_number")


def equipment_get_for_user(
    *, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW
) -> EquipmentItem:
    return get_in_scope_or_404(
        EquipmentItem.objects.select_related("facility", "unit").annotate(
            overdue=Case(When(overdue_q(), then=Value(True)), default=Value(False))
        ),
        user,
        capability,
        "facility",
        uuid=uuid,
    )
