"""Helpers of the health feed's tests: events, connectors and a snapshot of what the feed writes."""

from __future__ import annotations

from datetime import datetime

from qorgau.accounts.roles import Cap, Role, ScopeKind
from qorgau.accounts.services import apiclient_issue
from qorgau.surveillance.models import Camera

URL = "/api/v1/surveillance/health"


def issue(world, *, scope=ScopeKind.FACILITY, capabilities=(Cap.SURVEILLANCE_FEED,), **where):
    if scope == ScopeKind.FACILITY and "facilities" not in where:
        where["facilities"] = [world.facility_a]
    return apiclient_issue(
        actor=world.users[Role.SYSADMIN],
        name="VMS",
        capabilities=list(capabilities),
        scope=scope,
        **where,
    )


def ev(camera: Camera, status: str, at: datetime | str) -> dict:
    return {
        "facility": camera.facility.code,
        "camera": camera.vms_id,
        "status": status,
        "at": at if isinstance(at, str) else at.isoformat(),
    }


def snapshot():
    """Everything the health feed writes, as comparable values."""
    from qorgau.surveillance.models import (
        CameraAlert,
        DamageIncident,
        Outage,
        StatusChange,
        UptimeDaily,
    )

    return {
        "cameras": sorted(
            Camera.objects.values_list("code", "status", "status_since", "last_event_at")
        ),
        "changes": sorted(StatusChange.objects.values_list("camera__code", "at", "status")),
        "outages": sorted(
            Outage.objects.values_list("camera__code", "started_at", "ended_at", "status")
        ),
        "incidents": sorted(DamageIncident.objects.values_list("camera__code", "at", "status")),
        "alerts": sorted(
            CameraAlert.objects.values_list("camera__code", "opened_at", "closed_at", "status")
        ),
        "uptime": sorted(UptimeDaily.objects.values_list("camera__code", "day", "seconds_down")),
    }
