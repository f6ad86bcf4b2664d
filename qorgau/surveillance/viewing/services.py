"""Writes of prosecutor viewing: grants, their end, and each answer given to the gateway."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.allegations.selectors import referrals_for_user
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone

from ..choices import RecordingMode, ViewingMode, ViewingPurpose
from ..models import Camera, ViewingDecision, ViewingGrant
from .gateway import (
    PathError,
    VideoRequest,
    loggable_path,
    stream_path_valid,
    video_request_parse,
)
from .reasons import DecisionReason as R
from .tokens import TokenError, token_verify

# One viewing page plays every camera of a grant at once: beyond a wall of 4 × 4 the
# pictures are too small to watch and the browser's connections run out.
MAX_CAMERAS = 16
MIN_REASON = 10


@dataclass(frozen=True)
class GrantRequest:
    """What a prosecutor asks to watch, as the form or an API parsed it."""

    facility: Facility
    cameras: Iterable[Camera] = ()
    zones: Iterable[Zone] = ()
    mode: str = ViewingMode.LIVE
    window_from: datetime | None = None
    window_to: datetime | None = None
    purpose: str = ViewingPurpose.ROUTINE
    case_reference: str = ""
    reason: str = ""


@transaction.atomic
def grant_create(*, actor: Any, request: GrantRequest) -> ViewingGrant:
    """Leave for the prosecutor to watch those cameras, for that purpose, for a few minutes."""
    if not scope_for(actor, Cap.VIDEO_WATCH).covers(request.facility):
        raise ValidationError({"facility": _("This facility is outside your jurisdiction.")})
    cameras = _cameras(request)
    _check_mode(request, cameras)
    _check_purpose(actor, request)
    now = timezone.now()
    grant = ViewingGrant.objects.create(
        user=actor,
        purpose=request.purpose,
        case_reference=request.case_reference.strip(),
        reason=request.reason.strip(),
        mode=request.mode,
        # Whole seconds, as the gateway's archive addresses carry them.
        window_from=_second(request.window_from),
        window_to=_second(request.window_to),
        expires_at=now + timedelta(minutes=settings.QORGAU_VIEWING_TOKEN_MINUTES),
    )
    grant.cameras.set(cameras)
    audit_record(
        actor=actor,
        action="viewing.grant",
        obj=grant,
        details={
            "facility": str(request.facility.uuid),
            "cameras": sorted(c.code for c in cameras),
            "mode": grant.mode,
            "window": [str(grant.window_from), str(grant.window_to)] if grant.window_from else [],
            "purpose": grant.purpose,
            "case": grant.case_reference,
            "expires": grant.expires_at.isoformat(),
        },
    )
    return grant


def _second(at: datetime | None) -> datetime | None:
    return at.replace(microsecond=0) if at else None


def _cameras(request: GrantRequest) -> list[Camera]:
    """The cameras chosen one by one and those of the zones chosen, all of the facility."""
    chosen = {c.pk: c for c in request.cameras}
    zone_ids = [z.pk for z in request.zones]
    if zone_ids:
        for camera in Camera.objects.filter(zone_id__in=zone_ids, active=True):
            chosen.setdefault(camera.pk, camera)
    cameras = sorted(chosen.values(), key=lambda c: c.code)
    if not cameras:
        raise ValidationError({"cameras": _("Choose at least one camera or a zone with cameras.")})
    if len(cameras) > MAX_CAMERAS:
        raise ValidationError(
            {
                "cameras": _("At most %(max)d cameras can be watched at once; %(n)d chosen.")
                % {"max": MAX_CAMERAS, "n": len(cameras)}
            }
        )
    if any(c.facility_id != request.facility.pk for c in cameras):
        raise ValidationError({"cameras": _("Every camera must be of the facility chosen.")})
    _refuse("cameras", [c for c in cameras if not c.active], _("Not in service: %(codes)s."))
    _refuse(
        "cameras",
        [c for c in cameras if not stream_path_valid(c.stream_path)],
        _("The video system gives no stream for: %(codes)s."),
    )
    return cameras


def _refuse(field: str, cameras: list[Camera], message: str) -> None:
    if cameras:
        codes = ", ".join(c.code for c in cameras)
        raise ValidationError({field: message % {"codes": codes}})


def _check_mode(request: GrantRequest, cameras: list[Camera]) -> None:
    """Live has no window; archive has one, wholly in the past, of recording cameras."""
    start, end = request.window_from, request.window_to
    if request.mode == ViewingMode.LIVE:
        if start or end:
            raise ValidationError({"window_from": _("Live viewing has no time window.")})
        return
    if request.mode != ViewingMode.ARCHIVE:
        raise ValidationError({"mode": _("Choose live or archive.")})
    if start is None or end is None:
        raise ValidationError({"window_from": _("Give the start and the end of the archive.")})
    if end <= start:
        raise ValidationError({"window_to": _("The end must come after the start.")})
    if end > timezone.now():
        raise ValidationError({"window_to": _("The archive cannot reach into the future.")})
    _refuse(
        "cameras",
        [c for c in cameras if c.recording != RecordingMode.RECORDED],
        _("These cameras keep no archive: %(codes)s."),
    )


def _check_purpose(actor: Any, request: GrantRequest) -> None:
    """A case file referred into the jurisdiction, or a routine check with its reason."""
    reference, reason = request.case_reference.strip(), request.reason.strip()
    if request.purpose == ViewingPurpose.CASE_FILE:
        if not reference:
            raise ValidationError({"case_reference": _("Give the number of the case file.")})
        # Prosecutors know case files by the referrals sent to them, not by the files.
        if not referrals_for_user(user=actor).filter(case__number=reference).exists():
            raise ValidationError(
                {"case_reference": _("No referral of this case file reached your jurisdiction.")}
            )
    elif request.purpose == ViewingPurpose.ROUTINE:
        if reference:
            raise ValidationError(
                {"case_reference": _("A routine check names no case file; choose the purpose.")}
            )
        if len(reason) < MIN_REASON:
            raise ValidationError(
                {"reason": _("Say why in at least %(n)d characters.") % {"n": MIN_REASON}}
            )
    else:
        raise ValidationError({"purpose": _("Choose the purpose.")})


@transaction.atomic
def grant_revoke(*, actor: Any, grant: ViewingGrant) -> ViewingGrant:
    """End a viewing before it expires: the gateway refuses its token from now on."""
    grant = ViewingGrant.objects.select_for_update().get(pk=grant.pk)
    now = timezone.now()
    if grant.revoked_at or grant.expires_at <= now:
        raise ValidationError(_("This viewing has already ended."))
    grant.revoked_at = now
    grant.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, action="viewing.revoke", obj=grant)
    return grant


@dataclass(frozen=True)
class Verdict:
    status: int
    reason: str


def viewing_authorize(*, token: str, uri: str, now: datetime | None = None) -> ViewingDecision:
    """Answer the gateway for one playlist or segment request, and log the answer."""
    now = now or timezone.now()
    try:
        video: VideoRequest | None = video_request_parse(uri)
    except PathError:
        video = None
    camera = _camera_at(video)
    grant, verdict = _judge(token, video, camera, now)
    return ViewingDecision.objects.create(
        grant=grant,
        camera=camera,
        at=now,
        status_code=verdict.status,
        reason=verdict.reason,
        path=loggable_path(uri),
    )


def _camera_at(video: VideoRequest | None) -> Camera | None:
    """The camera a gateway address names (its facility's code and its stream path)."""
    if video is None:
        return None
    return (
        Camera.objects.select_related("facility")
        .filter(
            facility__code=video.facility_code,
            stream_path__in=[video.stream_path, f"/{video.stream_path}"],
        )
        .first()
    )


def _judge(
    token: str, video: VideoRequest | None, camera: Camera | None, now: datetime
) -> tuple[ViewingGrant | None, Verdict]:
    try:
        claims = token_verify(token)
    except TokenError as exc:
        return None, Verdict(401, exc.reason)
    grant = ViewingGrant.objects.select_related("user").filter(uuid=claims.grant).first()
    if grant is None:
        return None, Verdict(401, R.UNKNOWN_GRANT)
    if min(claims.expires_at, grant.expires_at) <= now:
        return grant, Verdict(401, R.EXPIRED)
    return grant, _grant_allows(grant, video, camera)


def _grant_allows(
    grant: ViewingGrant, video: VideoRequest | None, camera: Camera | None
) -> Verdict:
    """What a genuine, unexpired token's grant allows at this address (403 unless all holds)."""
    if grant.revoked_at is not None:
        return Verdict(403, R.REVOKED)
    if video is None:
        return Verdict(403, R.BAD_PATH)
    if video.grant != grant.uuid:
        return Verdict(403, R.OTHER_GRANT)
    if video.mode != grant.mode:
        return Verdict(403, R.WRONG_MODE)
    if camera is None or not grant.cameras.filter(pk=camera.pk).exists():
        return Verdict(403, R.CAMERA_NOT_IN_GRANT)
    # Checked again at each request: a prosecutor moved or deactivated stops at once.
    if not scope_for(grant.user, Cap.VIDEO_WATCH).covers(camera.facility):
        return Verdict(403, R.OUT_OF_JURISDICTION)
    if video.window and not _within(video.window, grant):
        return Verdict(403, R.OUTSIDE_WINDOW)
    return Verdict(200, R.OK)


def _within(window: tuple[datetime, datetime], grant: ViewingGrant) -> bool:
    start, end = window
    return (
        grant.window_from is not None
        and grant.window_to is not None
        and grant.window_from <= start
        and end <= grant.window_to
    )
