"""Holds that follow an allegation case file: requested when it gets a place and a time,
brought up to date when those are corrected, and recorded on its footage safeguard."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _

from qorgau.allegations.choices import SafeguardKind, SafeguardStatus
from qorgau.allegations.selectors import case_by_number
from qorgau.allegations.services import safeguard_complete
from qorgau.core.audit import audit_record

from ...choices import HoldStatus
from ...models import FootageHold
from ...services import cameras_for, hold_deadline, hold_request
from .status import CameraFootage, CameraState


def case_window(case: Any) -> tuple[datetime, datetime, datetime] | None:
    """(footage from, footage to, event time) of a case file, or None without a time.

    The margin on each side keeps what led to the events and what followed them.
    """
    start = case.event_from or case.event_to
    if start is None:
        return None
    end = case.event_to or case.event_from
    margin = timedelta(minutes=settings.QORGAU_HOLD_MARGIN_MINUTES)
    return start - margin, end + margin, start


def case_hold(*, number: str) -> FootageHold | None:
    """The latest hold requested for a case file's own place and time (not those by hand)."""
    return (
        FootageHold.objects.filter(case_reference=number, source_reference=number)
        .order_by("-created_at", "-id")
        .first()
    )


def _untouched(hold: FootageHold) -> bool:
    # Nothing confirmed or reported yet: the video system has nothing to undo.
    return (
        hold.status == HoldStatus.PENDING and not hold.clips.exists() and not hold.losses.exists()
    )


@transaction.atomic
def hold_for_case(*, case: Any, actor: Any) -> FootageHold | None:
    """Request the hold of a case file's place and time, or bring its pending hold up to date.

    A hold the video system has started on is never rewritten: a corrected place or
    time gets a new hold, which the case file then follows.
    """
    window = case_window(case)
    if window is None:
        return None
    window_from, window_to, event_at = window
    hold = case_hold(number=case.number)
    if hold is not None:
        if (hold.zone_id, hold.window_from, hold.window_to) == (case.zone_id, *window[:2]):
            return hold
        if _untouched(hold):
            return _hold_revise(hold=hold, case=case, window=window, actor=actor)
    return hold_request(
        facility=case.facility,
        zone=case.zone,
        window_from=window_from,
        window_to=window_to,
        event_at=event_at,
        reference=case.number,
        case_reference=case.number,
        reason=_("Footage of the events alleged in case file %(number)s.")
        % {"number": case.number},
        actor=actor,
    )


def _hold_revise(
    *, hold: FootageHold, case: Any, window: tuple[datetime, datetime, datetime], actor: Any
) -> FootageHold:
    cameras = cameras_for(facility=case.facility, zone=case.zone)
    hold.zone = case.zone
    hold.window_from, hold.window_to = window[0], window[1]
    hold.keep_until = hold_deadline(cameras=cameras, event_at=window[2])
    # A later deadline may no longer be near; the next escalation run decides again.
    hold.escalated_at = None
    hold.save()
    hold.cameras.set(cameras)
    audit_record(
        actor=actor,
        action="footage.hold.revise",
        obj=hold,
        details={
            "window_from": hold.window_from.isoformat(),
            "window_to": hold.window_to.isoformat(),
            "cameras": len(cameras),
        },
    )
    return hold


def _why(state: CameraState) -> str:
    if state.loss is not None and state.loss.reason:
        return state.loss.reason
    return _("not confirmed before the deadline")


def _loss_note(hold: FootageHold, states: list[CameraState]) -> str:
    if not states:
        return _(
            "Hold %(number)s: no recording camera covers the place; no footage could be kept."
        ) % {"number": hold.number}
    lost = [f"{s.camera.code} ({_why(s)})" for s in states if s.state != CameraFootage.PRESERVED]
    kept = [s.camera.code for s in states if s.state == CameraFootage.PRESERVED]
    note = _("Hold %(number)s: footage lost of %(lost)s.") % {
        "number": hold.number,
        "lost": "; ".join(lost),
    }
    if kept:
        note += " " + _("Preserved: %(kept)s.") % {"kept": ", ".join(kept)}
    return note


def case_safeguard_follow(*, hold: FootageHold, states: list[CameraState], actor: Any) -> None:
    """Record the case file's footage safeguard once the case file's hold is closed.

    All footage preserved is done; any camera's footage lost is a failure, with
    what was lost and why, for the Ombudsman to act on. Holds by hand naming the
    case file, and holds a correction replaced, leave the safeguard alone.
    """
    number = hold.case_reference
    if not number or hold.source_reference != number:
        return
    latest = case_hold(number=number)
    if latest is None or latest.pk != hold.pk:
        return
    try:
        case = case_by_number(number=number)
    except ObjectDoesNotExist:  # the number names no case file: a hold by hand
        return
    safeguard = case.safeguards.filter(
        kind=SafeguardKind.FOOTAGE, status=SafeguardStatus.PENDING
    ).first()
    if safeguard is None:
        return
    if hold.status == HoldStatus.PRESERVED:
        status = SafeguardStatus.DONE
        note = _("Footage preserved: hold %(number)s.") % {"number": hold.number}
    else:
        status, note = SafeguardStatus.FAILED, _loss_note(hold, states)
    safeguard_complete(actor=actor, safeguard=safeguard, status=status, note=note)
