"""Reads of the health feed, always through the reader's surveillance.view scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap

from ..choices import AlertStatus
from ..models import CameraAlert


@dataclass(frozen=True)
class AlertFilters:
    facility: Any = None
    closed: bool = False


def alerts_for_user(*, user: Any, filters: AlertFilters | None = None) -> QuerySet:
    """Alerts in scope: open ones longest-standing first, or closed ones latest first."""
    f = filters or AlertFilters()
    qs = scope_filter(
        CameraAlert.objects.select_related("camera", "camera__zone", "facility", "outage"),
        user,
        Cap.SURVEILLANCE_VIEW,
        "facility",
    )
    if f.facility is not None:
        qs = qs.filter(facility=f.facility)
    if f.closed:
        return qs.filter(status=AlertStatus.CLOSED).order_by("-closed_at", "-pk")
    return qs.filter(status=AlertStatus.OPEN).order_by("opened_at", "pk")


def open_alerts_count(*, user: Any) -> int:
    """What the dashboard counts: open camera alerts in scope."""
    return alerts_for_user(user=user).count()
