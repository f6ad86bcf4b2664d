"""Where each camera of a hold stands, and the one function that moves a hold's status.

A camera's footage is preserved once its confirmed clips cover the whole window:
a clip of ten minutes out of an hour leaves fifty unaccounted for, and a gap is
exactly what matters when ill-treatment is alleged. A camera reported lost stays
lost even with some clips (they are shown, and count as footage kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.core.audit import audit_record

from ...choices import HoldStatus
from ...models import Camera, FootageHold, FootageLoss, PreservedClip

OPEN_STATUSES = (HoldStatus.PENDING, HoldStatus.PARTLY)


class CameraFootage(TextChoices):
    WAITING = "waiting", _("Waiting for the video system")
    PRESERVED = "preserved", _("Preserved")
    LOST = "lost", _("Lost")


@dataclass
class CameraState:
    camera: Camera
    clips: list[PreservedClip] = field(default_factory=list)
    loss: FootageLoss | None = None
    covered_seconds: int = 0
    window_seconds: int = 0

    @property
    def covered(self) -> bool:
        return bool(self.clips) and self.covered_seconds >= self.window_seconds

    @property
    def covered_minutes(self) -> int:
        return self.covered_seconds // 60

    @property
    def window_minutes(self) -> int:
        return self.window_seconds // 60

    @property
    def state(self) -> str:
        if self.covered:
            return CameraFootage.PRESERVED
        return CameraFootage.LOST if self.loss else CameraFootage.WAITING

    def get_state_display(self) -> str:
        return CameraFootage(self.state).label


def covered_seconds(intervals: list[tuple[datetime, datetime]], start: datetime, end: datetime):
    """Seconds of [start, end] that the union of `intervals` covers."""
    total, reach = 0.0, start
    for a, b in sorted(intervals):
        a, b = max(a, reach), min(b, end)
        if b > a:
            total += (b - a).total_seconds()
            reach = b
    return int(total)


def camera_states(hold: FootageHold) -> list[CameraState]:
    """Each camera of the hold with its clips, its loss if any, and how much they cover.

    Reads `.all()` only, so that a list of holds can prefetch cameras, clips and losses.
    """
    window = int((hold.window_to - hold.window_from).total_seconds())
    states = {
        c.pk: CameraState(camera=c, window_seconds=window)
        for c in sorted(hold.cameras.all(), key=lambda c: c.code)
    }
    for clip in sorted(hold.clips.all(), key=lambda c: c.window_from):
        if clip.camera_id in states:
            states[clip.camera_id].clips.append(clip)
    for loss in hold.losses.all():
        if loss.camera_id in states:
            states[loss.camera_id].loss = loss
    for s in states.values():
        spans = [(c.window_from, c.window_to) for c in s.clips]
        s.covered_seconds = covered_seconds(spans, hold.window_from, hold.window_to)
    return list(states.values())


def status_of(states: list[CameraState], *, past_deadline: bool) -> tuple[str, bool]:
    """(status, closed): closed once no camera waits, or past the deadline without cameras."""
    if not states:
        return (HoldStatus.LOST, True) if past_deadline else (HoldStatus.PENDING, False)
    kept = any(s.clips for s in states)
    if any(s.state == CameraFootage.WAITING for s in states):
        return (HoldStatus.PARTLY if kept else HoldStatus.PENDING), False
    if all(s.state == CameraFootage.PRESERVED for s in states):
        return HoldStatus.PRESERVED, True
    return (HoldStatus.PARTLY if kept else HoldStatus.LOST), True


def hold_settle(*, hold: FootageHold, actor: Any, now: datetime | None = None) -> FootageHold:
    """Move the hold to the status its cameras give; a hold that closes informs its case file."""
    from .cases import case_safeguard_follow

    now = now or timezone.now()
    states = camera_states(hold)
    status, closed = status_of(states, past_deadline=hold.keep_until <= now)
    if status == hold.status and closed == (hold.closed_at is not None):
        return hold
    previous = hold.status
    hold.status, hold.closed_at = status, (now if closed else None)
    hold.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="footage.hold.status",
        obj=hold,
        details={"from": previous, "to": status, "closed": closed},
    )
    if closed:
        case_safeguard_follow(hold=hold, states=states, actor=actor)
    return hold
