"""A camera's status history as points in time: the state machine of the health feed.

Pure functions over plain values, no database: `services/ingest.py` loads the
points, calls `replay` per camera and writes what it returns. The rules and the
guarantee they give are in docs/decisions/0018-camera-health-state-from-events.md.

A *known point* is an event Qorgau still knows of: each stored status change and
the camera's last event (`last_event_at` with `status`), which is stored only
once it turns out to be a change. Heartbeats between known points are not kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..choices import CameraStatus

ONLINE = CameraStatus.ONLINE.value

# What a point is: a stored status change, the camera's last event (not stored),
# or an event of the batch being taken in.
STORED, LAST, NEW = 0, 1, 2


def is_down(status: str) -> bool:
    """Every status but online is an outage: the camera gives no usable video."""
    return status != ONLINE


@dataclass(slots=True)
class Point:
    at: datetime
    status: str
    kind: int = NEW


@dataclass(slots=True)
class Span:
    """An outage: from a change to a down status until the next change to online."""

    started_at: datetime
    status: str
    ended_at: datetime | None = None


@dataclass(slots=True)
class Replay:
    """What a batch does to one camera."""

    # Points to store as status changes: events of the batch that change the
    # status, and the last event when an earlier event makes it a change.
    changes: list[Point]
    status: str
    status_since: datetime | None
    last_event_at: datetime
    # The outages from the start of the window on, in time order; the first may
    # have begun before the window (the one `before` lies in).
    outages: list[Span]
    heartbeats: int
    duplicates: int


def _merge(known: Sequence[Point], events: Sequence[Point]) -> tuple[list[Point], int]:
    """Known points and the batch's events in time order; an event at an instant
    already known is a duplicate and dropped (the first status heard for an instant stays)."""
    merged: list[Point] = []
    duplicates = 0
    i = 0
    for event in events:
        while i < len(known) and known[i].at < event.at:
            merged.append(known[i])
            i += 1
        if i < len(known) and known[i].at == event.at:
            duplicates += 1
            continue
        merged.append(event)
    merged.extend(known[i:])
    return merged, duplicates


def replay(
    *,
    before: Point | None,
    carried: Span | None,
    known: Sequence[Point],
    events: Sequence[Point],
    since: datetime | None,
) -> Replay:
    """Merge a batch's events for one camera into what is known from the first event on.

    `before`: the latest known point earlier than the first event (None when the
    events precede everything known of the camera). `carried`: the stored outage
    that `before` lies in, when `before` is down. `known`: the known points at or
    after the first event, in time order. `events`: the batch's events, in time
    order, one per instant. `since`: the camera's `status_since`, the start of the
    run of equal statuses that ends with its last event.
    """
    merged, duplicates = _merge(known, events)
    prev = before.status if before is not None else None
    outages: list[Span] = []
    current: Span | None = None
    if before is not None and is_down(before.status):
        start = carried or Span(before.at, before.status)
        current = Span(start.started_at, start.status)
        outages.append(current)
    changes: list[Point] = []
    heartbeats = 0
    run_start: datetime | None = None
    for point in merged:
        if point.status == prev:
            heartbeats += point.kind == NEW
            continue
        if point.kind != STORED:
            changes.append(point)
        if current is None and is_down(point.status):
            current = Span(point.at, point.status)
            outages.append(current)
        elif current is not None and not is_down(point.status):
            current.ended_at = point.at
            current = None
        run_start = point.at
        prev = point.status
    last = merged[-1] if merged else before
    assert last is not None, "replay needs at least one point"
    return Replay(
        changes=changes,
        status=last.status,
        # No change in the window: the run that `before` belongs to goes on.
        status_since=run_start if run_start is not None else since,
        last_event_at=last.at,
        outages=outages,
        heartbeats=heartbeats,
        duplicates=duplicates,
    )


def outages_of(points: Iterable[Point]) -> list[Span]:
    """The outages that a camera's stored changes, in time order, describe on their own."""
    return replay(before=None, carried=None, known=[], events=list(points), since=None).outages


@dataclass(slots=True)
class Stored:
    """An outage as stored, with its row id."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    status: str


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return (a_end is None or b_start < a_end) and (b_end is None or a_start < b_end)


def match(wanted: Sequence[Span], stored: Sequence[Stored]) -> list[tuple[Span, Stored | None]]:
    """Pair each wanted outage with the stored row it continues, if any.

    Both lists are in time order and disjoint. Points are never removed, so a
    stored outage can only grow earlier, shrink at its end or split in two; it
    keeps its row (and its alert) as the first piece, later pieces are new rows.
    """
    pairs: list[tuple[Span, Stored | None]] = []
    taken: set[int] = set()
    j = 0
    for span in wanted:
        while (
            j < len(stored)
            and stored[j].ended_at is not None
            and (stored[j].ended_at <= span.started_at)
        ):
            j += 1
        row = None
        if j < len(stored) and stored[j].id not in taken:
            s = stored[j]
            if _overlaps(s.started_at, s.ended_at, span.started_at, span.ended_at):
                row = s
                taken.add(s.id)
        pairs.append((span, row))
    return pairs
