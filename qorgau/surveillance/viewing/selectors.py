"""Reads of prosecutor viewing, always through the prosecutor's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from qorgau.accounts.access import has_capability, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility, Zone

from ..models import Camera, ViewingDecision, ViewingGrant
from .gateway import stream_url
from .reasons import DecisionReason


def require_watch(user: Any) -> None:
    """404, not 403, for anyone who may not watch: they learn nothing of the viewing log."""
    if not has_capability(user, Cap.VIDEO_WATCH):
        raise Http404


def facilities_to_watch(*, user: Any) -> QuerySet:
    """Facilities in the prosecutor's jurisdiction with a camera in service to watch."""
    with_cameras = Camera.objects.filter(active=True).values("facility_id")
    return scope_filter(
        Facility.objects.filter(pk__in=with_cameras).order_by("name_ru"),
        user,
        Cap.VIDEO_WATCH,
        "",
    )


def cameras_to_watch(*, facility: Facility) -> QuerySet:
    """A facility's cameras in service (the caller holds the facility through its scope)."""
    return (
        Camera.objects.filter(facility=facility, active=True)
        .select_related("zone")
        .order_by("zone__name", "code")
    )


def zones_to_watch(*, facility: Facility) -> QuerySet:
    """A facility's zones that have cameras in service, with how many."""
    return (
        Zone.objects.filter(facility=facility)
        .annotate(camera_count=Count("cameras", filter=Q(cameras__active=True)))
        .filter(camera_count__gt=0)
        .order_by("name")
    )


def grants_of(*, user: Any) -> QuerySet:
    """The prosecutor's own grants, newest first."""
    require_watch(user)
    return ViewingGrant.objects.filter(user=user).prefetch_related("cameras__facility")


def grant_get_for_owner(*, user: Any, uuid: Any) -> ViewingGrant:
    """One of the prosecutor's own grants, or 404: a token is issued to its holder only."""
    require_watch(user)
    try:
        return ViewingGrant.objects.prefetch_related("cameras__facility").get(user=user, uuid=uuid)
    except (ViewingGrant.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def grant_streams(grant: ViewingGrant) -> list[tuple[Camera, str]]:
    """Each camera of the grant with its playlist's address on the gateway."""
    window = (grant.window_from, grant.window_to) if grant.window_from else None
    return [
        (
            camera,
            stream_url(
                grant=grant.uuid,
                mode=grant.mode,
                facility_code=camera.facility.code,
                stream_path=camera.stream_path,
                window=window,
            ),
        )
        for camera in sorted(grant.cameras.all(), key=lambda c: c.code)
    ]


def decisions_for_user(*, user: Any, grant: Any = None) -> QuerySet:
    """The gateway's answers about cameras, or grants, in the prosecutor's jurisdiction.

    An answer names a camera when its address did; one that names none (an address
    outside the layout) is shown by the grant its token was for.
    """
    require_watch(user)
    qs = ViewingDecision.objects.select_related("grant__user", "camera__facility")
    scope = scope_for(user, Cap.VIDEO_WATCH)
    if not scope.national:
        grants_in_scope = ViewingGrant.objects.filter(scope.q("cameras__facility")).values("pk")
        qs = qs.filter(
            scope.q("camera__facility") | Q(camera__isnull=True, grant__in=grants_in_scope)
        )
    if grant is not None:
        qs = qs.filter(grant__uuid=grant)
    return qs.order_by("-at", "-id")


def with_reason_labels(decisions: Any) -> list[ViewingDecision]:
    """The decisions, each with `reason_label`: its reason in the reader's language."""
    labels = dict(DecisionReason.choices)
    rows = list(decisions)
    for row in rows:
        row.reason_label = labels.get(row.reason, row.reason)
    return rows
