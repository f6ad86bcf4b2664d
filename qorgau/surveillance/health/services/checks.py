"""Checking a batch of status events before anything of it is stored.

Every event is checked and every problem reported with the event's index, so a
connector can fix a whole batch at once; a batch with any problem is refused as a
whole (422), one with any event outside the connector's scope too (403).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

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


# One event as the connector sent it: four strings (the API's `HealthEventIn`).
EventLike = Mapping[str, str]


# A camera as the connector names it: (facility code, video system id).
Key = tuple[str, str]
# One event that passed the checks of status and time: (when, status, index in the batch).
Timed = tuple[datetime, str, int]


@dataclass(slots=True)
class Parsed:
    """A batch read in one pass: its good events grouped by camera, and its problems."""

    events: dict[Key, list[Timed]]
    # Events refused for their status or time, by camera: their camera is checked too.
    refused: dict[Key, list[int]]
    errors: list[dict]

    def indices(self, key: Key) -> list[int]:
        return [i for _at, _status, i in self.events.get(key, ())] + self.refused.get(key, [])

    def cameras(self) -> set[Key] | dict[Key, list[Timed]]:
        """Every camera named, with or without a good event (no copy in the common case)."""
        if not self.refused:
            return self.events
        return self.events.keys() | self.refused.keys()


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


def parse(events: Sequence[EventLike], now: datetime) -> Parsed:
    """Read statuses and times and group the events by camera, in one pass over the batch."""
    grouped: dict[Key, list[Timed]] = {}
    refused: dict[Key, list[int]] = {}
    errors: list[dict] = []
    earliest, latest = now - OLDEST, now + FUTURE_SKEW
    # Heartbeats of one batch mostly share a handful of timestamps.
    times: dict[str, datetime | str] = {}
    for i, raw in enumerate(events):
        key = (raw["facility"], raw["camera"])
        status = raw["status"]
        text = raw["at"]
        at = times.get(text)
        if at is None:
            at = times[text] = _read_time(text, earliest, latest)
        if status in STATUSES and not isinstance(at, str):
            timed = grouped.get(key)
            if timed is None:
                grouped[key] = [(at, status, i)]
            else:
                timed.append((at, status, i))
            continue
        refused.setdefault(key, []).append(i)
        if status not in STATUSES:
            errors.append(
                error(
                    i,
                    "status",
                    _("Unknown status “%(value)s”; expected one of: %(known)s.")
                    % {"value": status[:40], "known": ", ".join(CameraStatus.values)},
                )
            )
        if isinstance(at, str):
            errors.append(error(i, "at", at))
    return Parsed(grouped, refused, errors)


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


def facilities_in_scope(*, client: Any, batch: Parsed) -> dict[str, int]:
    """Facility ids by code; 403 if any event is for a facility outside the connector's scope.

    Events for unknown facilities are added to the batch's problems.
    """
    keys = batch.cameras()
    codes = {code for code, _camera in keys}
    found = {
        code: (pk, region_id)
        for code, pk, region_id in Facility.objects.filter(code__in=codes).values_list(
            "code", "pk", "region_id"
        )
    }
    scope = scope_for(client, Cap.SURVEILLANCE_FEED)
    unknown = codes - found.keys()
    barred = {
        code
        for code, (pk, region_id) in found.items()
        if not (scope.national or region_id in scope.region_ids or pk in scope.facility_ids)
    }
    outside: list[dict] = []
    for key in keys if unknown or barred else ():  # the events to name, if any
        code = key[0]
        if code in unknown:
            msg = _("Unknown facility “%(code)s”.") % {"code": code[:40]}
            batch.errors += [error(i, "facility", msg) for i in batch.indices(key)]
        elif code in barred:
            msg = _("This facility is outside your scope.")
            outside += [error(i, "facility", msg) for i in batch.indices(key)]
    if outside:
        raise BatchRefused(
            status=403,
            title=_("Events outside your scope."),
            detail=_("This key may report only on the cameras of its own facilities."),
            errors=sorted(outside, key=_by_index),
        )
    return {code: pk for code, (pk, _region) in found.items()}


def _by_index(e: dict) -> int:
    return e["index"]


def refuse_invalid(errors: list[dict]) -> None:
    if errors:
        errors.sort(key=_by_index)
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
