"""Reads of the camera registry, through the user's surveillance scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap

from .models import Camera


def cameras_for_user(
    *, user: Any, facility: Any = None, zone: Any = None, status: str = "", q: str = ""
) -> QuerySet:
    """Cameras in scope, by facility and code, with their place and zone."""
    qs = scope_filter(
        Camera.objects.select_related("facility", "zone"), user, Cap.SURVEILLANCE_VIEW, "facility"
    )
    if facility is not None:
        qs = qs.filter(facility=facility)
    if zone is not None:
        qs = qs.filter(zone=zone)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(code__icontains=q.strip())
    return qs.order_by("facility__code", "code")


def camera_get_for_user(*, user: Any, uuid: Any) -> Camera:
    return get_in_scope_or_404(
        Camera.objects.select_related("facility", "zone"),
        user,
        Cap.SURVEILLANCE_VIEW,
        "facility",
        uuid=uuid,
    )


def camera_history(camera: Camera, limit: int = 50) -> dict[str, list]:
    """The camera's latest status changes, outages and incidents."""
    return {
        "changes": list(camera.changes.order_by("-at")[:limit]),
        "outages": list(camera.outages.order_by("-started_at")[:limit]),
        "incidents": list(camera.incidents.order_by("-at")[:limit]),
    }
