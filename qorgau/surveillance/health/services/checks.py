"""Checking a batch of status events before anything of it is stored.

Every event is checked and every problem reported with the event's index, so a
connector can fix a whole batch at once; a batch with any problem is refused as a
whole (422), one with any event outside the connector's scope too (403).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility

from ...choices import CameraStatus

# A batch is answered within a request: larger ones are split by the connector.
MAX_EVENTS = 1000
# Clocks of video systems drift; an event further ahead than this is a wrong clock.
FUTURE_SKEW = timedelta(minutes=5)
# Late events are welcome (a connector re-sends what it held back during a network
# outage), but not from before this: the rollups of older days are settled.
OLDEST = timedelta(days=30)

STATUSES = frozenset(CameraStatus.values)


class EventLike(Protocol):
    """One event as the connector sent it: four strings (the API's schema)."""

    facility: str
    camera: str
    status: str
    at: str


@dataclass(slots=True)
class Event:
    index: int
    facility: str
    camera: str
    status: str
    # None when the time is refused (its problem is reported).
    at: datetime | None


class BatchRefused(Exception):
    """A batch refused as a whole: nothing of it is stored."""

    def __init__(self, *, status: int, title: str, detail: str, errors: list[dict] | None = None):
        super().__init__(title)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors


def error(index: int, field: str, msg: str) -> dict[str, Any]:
    return {"index": index, "loc": ["events", index, field], "msg": msg}


def check_size(events: Sequence[EventLike]) -> None:
    if len(events) > MAX_EVENTS:
        raise BatchRefused(
            status=413,
            title=_("The batch is too large."),
            detail=_("Send at most %(max)s events per request; this one has %(n)s.")
            % {"max": MAX_EVENTS, "n": len(events)},
        )


def parse(events: Sequence[EventLike], now: datetime) -> tuple[list[Event], list[dict]]:
    """Every event with its time read (None if refused), and the problems of status and time."""
    parsed: list[Event] = []
    errors: list[dict] = []
    earliest, latest = now - OLDEST, now + FUTURE_SKEW
    # Heartbeats of one batch mostly share a handful of timestamps.
    times: dict[str, datetime | str] = {}
    for i, raw in enumerate(events):
        if raw.status not in STATUSES:
            errors.append(
                error(
                    i,
                    "status",
                    _("Unknown status “%(value)s”; expected one of: %(known)s.")
                    % {"value": raw.status[:40], "known": ", ".join(CameraStatus.values)},
                )
            )
        at = times.get(raw.at)
        if at is None:
            at = times[raw.at] = _read_time(raw.at, earliest, latest)
        if isinstance(at, str):
            errors.append(error(i, "at", at))
            at = None
        parsed.append(Event(i, raw.facility, raw.camera, raw.status, at))
    return parsed, errors


def _read_time(text: str, earliest: datetime, latest: datetime) -> datetime | str:
    """The instant in UTC, or the reason it is refused."""
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return _("Not an ISO 8601 date and time.")
    if at.tzinfo is None:
        return _("The time needs its UTC offset (for example +05:00 or Z).")
    at = at.astimezone(UTC)
    if at > latest:
        return _("The time is in the future; check the video system's clock.")
    if at < earliest:
        return _("The event is older than %(days)s days and is no longer taken.") % {
            "days": OLDEST.days
        }
    return at


def facilities_in_scope(
    *, client: Any, events: Sequence[EventLike]
) -> tuple[dict[str, int], list[dict]]:
    """Facility ids by code; 403 if any event is for a facility outside the connector's scope."""
    codes = {e.facility for e in events}
    found = {
        code: (pk, region_id)
        for code, pk, region_id in Facility.objects.filter(code__in=codes).values_list(
            "code", "pk", "region_id"
        )
    }
    scope = scope_for(client, Cap.SURVEILLANCE_FEED)
    outside, unknown = [], []
    for i, e in enumerate(events):
        if e.facility not in found:
            unknown.append(
                error(i, "facility", _("Unknown facility “%(code)s”.") % {"code": e.facility[:40]})
            )
            continue
        pk, region_id = found[e.facility]
        if not (scope.national or region_id in scope.region_ids or pk in scope.facility_ids):
            outside.append(error(i, "facility", _("This facility is outside your scope.")))
    if outside:
        raise BatchRefused(
            status=403,
            title=_("Events outside your scope."),
            detail=_("This key may report only on the cameras of its own facilities."),
            errors=outside,
        )
    return {code: pk for code, (pk, _region) in found.items()}, unknown


def refuse_invalid(errors: list[dict]) -> None:
    if errors:
        errors.sort(key=lambda e: e["index"])
        bad = len({e["index"] for e in errors})
        raise BatchRefused(
            status=422,
            title=_("The batch is not valid; nothing of it was stored."),
            detail=ngettext(
                "%(n)s event has a problem: see the errors, by index.",
                "%(n)s events have problems: see the errors, by index.",
                bad,
            )
            % {"n": bad},
            errors=errors,
        )
