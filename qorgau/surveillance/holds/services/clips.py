"""What a video system reports on a hold: the clips it preserved, and the footage it lost.

Both are all or nothing: one refused item refuses the report and nothing of it is
stored. Both are idempotent: a report sent again (a retry after a lost answer)
changes nothing and is answered as the first time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import ApiClient
from qorgau.core.audit import audit_record

from ...models import Camera, FootageHold, FootageLoss, PreservedClip
from .status import CameraFootage, camera_states, hold_settle

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ClipReport:
    """One clip as the video system reports it: its camera by the system's own id."""

    camera: str
    window_from: datetime
    window_to: datetime
    sha256: str
    size: int
    location: str = ""


def sha256_error(value: str) -> str | None:
    """Why `value` is not a SHA-256 in hex, or None."""
    if SHA256.match(value.strip().lower()):
        return None
    return _("A SHA-256 is 64 hexadecimal characters.")


def _locked(hold: FootageHold) -> FootageHold:
    # Two reports on one hold at once must not both settle it from a stale view.
    return FootageHold.objects.select_for_update().get(pk=hold.pk)


def _cameras_by_vms_id(hold: FootageHold) -> dict[str, Camera]:
    return {c.vms_id: c for c in hold.cameras.all()}


def _clip_error(
    hold: FootageHold,
    cameras: dict[str, Camera],
    known: dict[tuple[int, str], PreservedClip | ClipReport],
    r: ClipReport,
) -> str | None:
    camera = cameras.get(r.camera)
    if camera is None:
        return _("Camera %(camera)s is not one of the hold's cameras.") % {"camera": r.camera}
    if (err := sha256_error(r.sha256)) is not None:
        return err
    if r.size <= 0:
        return _("The size of a clip is a positive number of bytes.")
    if r.window_to <= r.window_from:
        return _("The clip ends before it starts.")
    if r.window_to <= hold.window_from or r.window_from >= hold.window_to:
        return _("The clip lies outside the hold's window (%(start)s to %(end)s).") % {
            "start": hold.window_from.isoformat(),
            "end": hold.window_to.isoformat(),
        }
    same = known.get((camera.pk, r.sha256))
    if same is not None and (same.window_from, same.window_to, same.size) != (
        r.window_from,
        r.window_to,
        r.size,
    ):
        return _("This clip was confirmed already with another time or size.")
    return None


@transaction.atomic
def clips_confirm(
    *, actor: Any, hold: FootageHold, clips: Sequence[ClipReport]
) -> tuple[FootageHold, list[PreservedClip]]:
    """Record the clips a video system preserved for a hold; the hold's status follows."""
    hold = _locked(hold)
    cameras = _cameras_by_vms_id(hold)
    known: dict[tuple[int, str], Any] = {(c.camera_id, c.sha256): c for c in hold.clips.all()}
    errors, stored, new = {}, [], []
    now = timezone.now()
    for i, r in enumerate(clips):
        r = replace(r, camera=r.camera.strip(), sha256=r.sha256.strip().lower())
        if (err := _clip_error(hold, cameras, known, r)) is not None:
            errors[f"clips.{i}"] = err
            continue
        key = (cameras[r.camera].pk, r.sha256)
        if key not in known:
            known[key] = PreservedClip(
                hold=hold,
                camera=cameras[r.camera],
                window_from=r.window_from,
                window_to=r.window_to,
                sha256=key[1],
                size=r.size,
                location=r.location.strip(),
                confirmed_at=now,
                client=_client(actor),
            )
            new.append(known[key])
        stored.append(known[key])
    if not clips:
        errors["clips"] = _("Report at least one clip.")
    if new and hold.closed_at is not None:
        errors["hold"] = _("Hold %(number)s is closed (%(status)s): it takes no new clips.") % {
            "number": hold.number,
            "status": hold.get_status_display(),
        }
    if errors:
        raise ValidationError(errors)
    if new:
        PreservedClip.objects.bulk_create(new)
        audit_record(
            actor=actor,
            action="footage.clips",
            obj=hold,
            details={"clips": len(new), "cameras": sorted({c.camera.code for c in new})},
        )
        hold = hold_settle(hold=hold, actor=actor, now=now)
    return hold, stored


def _client(actor: Any) -> ApiClient | None:
    # The record keeps which connector reported; people are named in the audit log.
    return actor if isinstance(actor, ApiClient) else None


@transaction.atomic
def footage_lost(
    *, actor: Any, hold: FootageHold, cameras: Sequence[str], reason: str
) -> FootageHold:
    """Record that the footage of some cameras of a hold is gone, and why."""
    hold = _locked(hold)
    by_vms_id = _cameras_by_vms_id(hold)
    states = {s.camera.vms_id: s for s in camera_states(hold)}
    errors: dict[str, str] = {}
    if len(reason.strip()) < 5:
        errors["reason"] = _("Say why the footage is gone.")
    if not cameras:
        errors["cameras"] = _("Name at least one camera.")
    unknown = [v for v in cameras if v not in by_vms_id]
    if unknown:
        errors["cameras"] = _("Not cameras of the hold: %(cameras)s.") % {
            "cameras": ", ".join(unknown)
        }
    kept = [v for v in cameras if v in states and states[v].state == CameraFootage.PRESERVED]
    if kept:
        errors["cameras"] = _(
            "The footage of %(cameras)s is confirmed preserved: record what happened to "
            "the clip in its chain of custody."
        ) % {"cameras": ", ".join(kept)}
    new = [v for v in dict.fromkeys(cameras) if v in states and states[v].loss is None]
    if new and hold.closed_at is not None and not errors:
        errors["hold"] = _("Hold %(number)s is closed (%(status)s).") % {
            "number": hold.number,
            "status": hold.get_status_display(),
        }
    if errors:
        raise ValidationError(errors)
    if not new:
        return hold
    now = timezone.now()
    FootageLoss.objects.bulk_create(
        FootageLoss(
            hold=hold,
            camera=by_vms_id[v],
            reason=reason.strip(),
            reported_at=now,
            client=_client(actor),
        )
        for v in new
    )
    audit_record(
        actor=actor,
        action="footage.lost",
        obj=hold,
        details={"cameras": sorted(by_vms_id[v].code for v in new)},
    )
    return hold_settle(hold=hold, actor=actor, now=now)
