"""Reads of footage holds, always through a scope: people read with surveillance.view
(facility administrations read their own place's holds), connectors with surveillance.feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from ..models import CustodyEntry, FootageHold, PreservedClip
from .services.status import OPEN_STATUSES, CameraState, camera_states


@dataclass(frozen=True)
class HoldFilters:
    status: str = ""
    facility: Any = None
    escalated: bool = False


def _open_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}closed_at__isnull": True})


def _escalated_q() -> Q:
    # Escalated and still waiting: what needs someone to act.
    return _open_q() & Q(escalated_at__isnull=False)


def _hash_differs_q() -> Q:
    return Q(clips__custody__isnull=False) & ~Q(clips__custody__sha256=F("clips__sha256"))


def holds_for_user(*, user: Any, filters: HoldFilters | None = None) -> QuerySet:
    """Holds in scope, soonest deadline first, with their counts of cameras and clips."""
    f = filters or HoldFilters()
    qs = scope_filter(
        FootageHold.objects.select_related("facility", "zone"),
        user,
        Cap.SURVEILLANCE_VIEW,
        "facility",
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.facility is not None:
        qs = qs.filter(facility=f.facility)
    if f.escalated:
        qs = qs.filter(_escalated_q())
    return qs.annotate(
        camera_count=Count("cameras", distinct=True),
        clip_count=Count("clips", distinct=True),
        hash_alarms=Count("clips__custody", filter=_hash_differs_q(), distinct=True),
    ).order_by("keep_until", "number")


def hold_get_for_user(
    *, user: Any, number: str, capability: str = Cap.SURVEILLANCE_VIEW
) -> FootageHold:
    """One hold in the user's scope, or 404; every read is audited."""
    hold = get_in_scope_or_404(
        FootageHold.objects.select_related("facility", "zone", "requested_by"),
        user,
        capability,
        "facility",
        number=number,
    )
    audit_record(actor=user, action="footage.hold.read", obj=hold)
    return hold


@dataclass
class HoldPage:
    """What a hold's page shows: its cameras' footage, clips with custody, hash alarms."""

    hold: FootageHold
    cameras: list[CameraState]
    clips: list[PreservedClip]
    hash_alarms: list[CustodyEntry] = field(default_factory=list)


def hold_page(hold: FootageHold) -> HoldPage:
    """The hold's cameras, clips and chain of custody (callers hold it through its helper)."""
    clips = list(
        hold.clips.select_related("camera", "client").prefetch_related(
            Prefetch("custody", queryset=CustodyEntry.objects.select_related("actor"))
        )
    )
    alarms = []
    for clip in clips:
        clip.entries = list(clip.custody.all())
        for entry in clip.entries:
            entry.hash_differs = entry.sha256 != clip.sha256
            if entry.hash_differs:
                alarms.append(entry)
    cameras = camera_states(
        FootageHold.objects.prefetch_related("cameras__zone", "clips", "losses").get(pk=hold.pk)
    )
    return HoldPage(hold=hold, cameras=cameras, clips=clips, hash_alarms=alarms)


def holds_of_case(*, number: str) -> list[FootageHold]:
    """The holds naming a case file, newest first (callers hold the case file)."""
    return list(
        FootageHold.objects.filter(case_reference=number)
        .select_related("zone")
        .annotate(camera_count=Count("cameras", distinct=True))
        .order_by("-created_at", "-id")
    )


def escalated_count(*, user: Any) -> int:
    """For the dashboard: holds in the user's footage.hold scope escalated and still waiting."""
    return scope_filter(
        FootageHold.objects.filter(_escalated_q()), user, Cap.FOOTAGE_HOLD, "facility"
    ).count()


# Connectors: their facilities' holds, with the cameras they must export.


def holds_for_client(*, client: Any, status: str = "") -> QuerySet:
    """Holds of the connector's facilities; "pending" means all still waiting for footage."""
    qs = scope_filter(FootageHold.objects.all(), client, Cap.SURVEILLANCE_FEED, "facility")
    if status == "pending":
        qs = qs.filter(_open_q())
    elif status:
        qs = qs.filter(status=status)
    return (
        qs.select_related("facility")
        .prefetch_related("cameras", "clips", "losses")
        .order_by("keep_until", "number")
    )


def hold_get_for_client(*, client: Any, number: str) -> FootageHold:
    """One hold of the connector's facilities, or 404."""
    return get_in_scope_or_404(
        FootageHold.objects.select_related("facility"),
        client,
        Cap.SURVEILLANCE_FEED,
        "facility",
        number=number,
    )


def clip_get_for_client(*, client: Any, uuid: Any) -> PreservedClip:
    """One preserved clip of the connector's facilities, or 404."""
    return get_in_scope_or_404(
        PreservedClip.objects.select_related("hold", "camera"),
        client,
        Cap.SURVEILLANCE_FEED,
        "hold__facility",
        uuid=uuid,
    )
