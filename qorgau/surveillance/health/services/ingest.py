"""Taking in a batch of camera status events from a video-system connector.

Built for batches of a thousand events at national scale: one query loads the
batch's cameras (after a lock per facility on PostgreSQL, so that two batches for
one camera queue), the state machine (`..timeline`) runs in memory, and the writes
are bulk: new status changes, incidents, outages and alerts in a few inserts, the
cameras that changed in one UPDATE and the heartbeats' last events in another.
Heartbeats in order skip the state machine. Cameras with late events (at or before
their last event) need two more reads: their stored changes from the first late
event on, and their outages there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record

from ...choices import DELIBERATE, AlertStatus
from ...models import CameraAlert, Outage
from ..timeline import LAST, NEW, ONLINE, Point, Replay, Span, Stored, is_down, match, replay
from .alerts import alert_due, alert_for, alerts_close
from .checks import (
    EventLike,
    Key,
    Parsed,
    Timed,
    check_size,
    error,
    facilities_in_scope,
    parse,
    refuse_invalid,
)
from .rows import (
    ROW_LAST,
    ROW_RISK,
    ROW_STATUS,
    CameraRow,
    Db,
    cameras_beat,
    cameras_load,
    cameras_update,
    changes_around,
    changes_insert,
    facilities_lock,
    incidents_insert,
    outages_after,
    outages_insert,
    outages_update,
)


@dataclass(frozen=True)
class IngestResult:
    """The answer to a connector: what its batch did."""

    received: int
    changes: int
    heartbeats: int
    duplicates: int
    late: int
    incidents: int
    alerts_opened: int
    alerts_closed: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(slots=True)
class Window:
    """What is known of one camera from its first event in the batch on."""

    before: Point | None
    known: list[Point]
    stored: list[Stored]
    carried: Span | None


def health_ingest(*, client: Any, events: Sequence[EventLike]) -> IngestResult:
    """Take in a batch of status events: all of it, or nothing if any event has a problem."""
    check_size(events)
    now = timezone.now()
    batch = parse(events, now)
    facility_ids = facilities_in_scope(client=client, batch=batch)
    with transaction.atomic():
        facilities_lock(facility_ids.values())
        cameras = cameras_load(
            {(facility_ids[code], vms) for code, vms in batch.cameras() if code in facility_ids}
        )
        work = _Batch(client=client, now=now)
        work.sort(batch, facility_ids, cameras)
        refuse_invalid(batch.errors)
        work.run()
        work.write()
    return work.result(received=len(events))


def _points(timed: list[Timed], errors: list[dict]) -> tuple[list[Point], int]:
    """One point per instant from a camera's events in time order."""
    points: list[Point] = []
    indices: list[int] = []
    repeated = 0
    for at, status, i in timed:
        if points and points[-1].at == at:
            if points[-1].status == status:
                repeated += 1
            else:
                errors.append(error(i, "at", _same_instant(indices[-1])))
            continue
        points.append(Point(at, status, NEW))
        indices.append(i)
    return points, repeated


def _unknown_camera(key: Key) -> str:
    return _("No camera “%(camera)s” in facility %(facility)s.") % {
        "camera": key[1][:80],
        "facility": key[0],
    }


def _same_instant(other: int) -> str:
    return _("Event %(other)s gives this camera another status at the same instant.") % {
        "other": other
    }


@dataclass
class _Batch:
    """The state machine's result for every camera of a batch, then its bulk writes."""

    client: Any
    now: datetime
    db: Db = field(default_factory=Db)
    # Cameras for the state machine: all but those that only beat.
    rest: dict[int, tuple[CameraRow, list[Point]]] = field(default_factory=dict)
    # New status changes: (camera id, status, time).
    changes: list[tuple[int, str, datetime]] = field(default_factory=list)
    # New damage incidents: (camera id, facility id, status, time).
    incidents: list[tuple[int, int, str, datetime]] = field(default_factory=list)
    new_outages: list[tuple[CameraRow, Span]] = field(default_factory=list)
    changed_outages: list[tuple[int, Span]] = field(default_factory=list)
    dropped_outages: list[int] = field(default_factory=list)
    to_close: list[int] = field(default_factory=list)
    to_alert: list[tuple[CameraRow, int | None, Span]] = field(default_factory=list)
    camera_states: list[tuple[int, str, datetime, datetime]] = field(default_factory=list)
    # Cameras that only beat: their id and last event (in the database's form).
    beats: list[tuple[int, Any]] = field(default_factory=list)
    days: set[date] = field(default_factory=set)
    # Stored outages of the batch's cameras: the status of their alert, if any.
    alert_state: dict[int, str | None] = field(default_factory=dict)
    changed_events: int = 0
    heartbeats: int = 0
    duplicates: int = 0
    late: int = 0
    opened: int = 0
    closed: int = 0

    def sort(self, batch: Parsed, facility_ids: dict[str, int], cameras: dict) -> None:
        """Each camera's events in time order, one per instant; heartbeats in order are
        taken at once. Unknown cameras and two statuses for one instant are problems.

        `cameras` holds the rows of `cameras_load`, plain tuples: most of them only
        beat, and only those that go through the state machine become `CameraRow`s.
        """
        to_db = self.db.to
        beats = self.beats
        for key, timed in batch.events.items():
            fid = facility_ids.get(key[0])
            if fid is None:
                continue  # reported as an unknown facility
            row = cameras.get((fid, key[1]))
            if row is None:
                msg = _unknown_camera(key)
                batch.errors += [error(i, "camera", msg) for i in batch.indices(key)]
                continue
            status = row[ROW_STATUS]
            points = None
            if len(timed) == 1:  # most cameras: one heartbeat a batch
                first, event_status, _i = timed[0]
                last, same = first, event_status == status
            else:
                points, repeated = _points(sorted(timed), batch.errors)
                self.duplicates += repeated
                first, last = points[0].at, points[-1].at
                same = all(p.status == status for p in points)
            # Heartbeats in order, of the status in force, skip the state machine; not
            # those of a camera of a high-risk zone that is down: its outage may have
            # grown long enough for an alert.
            last_db = row[ROW_LAST]
            if (
                same
                and last_db is not None
                and (status == ONLINE or row[ROW_RISK] != "high")
                and (first_db := to_db(first)) > last_db
            ):
                if points is None:
                    self.heartbeats += 1
                    beats.append((row[0], first_db))
                else:
                    self.heartbeats += len(points)
                    beats.append((row[0], to_db(last)))
                continue
            camera = CameraRow._make(row)
            self.rest[camera.id] = (camera, points or [Point(first, event_status, NEW)])
        for key in batch.refused.keys() - batch.events.keys():
            fid = facility_ids.get(key[0])
            if fid is not None and (fid, key[1]) not in cameras:
                msg = _unknown_camera(key)
                batch.errors += [error(i, "camera", msg) for i in batch.refused[key]]

    def run(self) -> None:
        windows = self._windows()
        for cid, (camera, points) in self.rest.items():
            w = windows[cid]
            r = replay(
                before=w.before, carried=w.carried, known=w.known, events=points, since=camera.since
            )
            last = camera.last
            if last is not None:
                self.late += sum(1 for p in points if p.at <= last)
            self._take(camera, r, w)

    # --- what is known before the batch -------------------------------------

    def _windows(self) -> dict[int, Window]:
        late = {
            cid: pts[0].at
            for cid, (cam, pts) in self.rest.items()
            if cam.last is not None and pts[0].at <= cam.last
        }
        stored = changes_around(late, self.db)
        windows: dict[int, Window] = {}
        for cid, (cam, _pts) in self.rest.items():
            if cid in late:
                windows[cid] = _late_window(cam, late[cid], stored.get(cid, []))
            else:
                before = Point(cam.last, cam.status, LAST) if cam.last is not None else None
                windows[cid] = Window(before, [], [], None)
        self._attach_outages(windows)
        return windows

    def _attach_outages(self, windows: dict[int, Window]) -> None:
        """The stored outages each window may change, and the one its first point lies in."""
        after = {
            cid: (w.before.at if w.before is not None else None)
            for cid, w in windows.items()
            if w.known or (w.before is not None and is_down(w.before.status))
        }
        for stored, cid, alert_status in outages_after(after, self.db):
            windows[cid].stored.append(stored)
            self.alert_state[stored.id] = alert_status
        for cid in after:
            w = windows[cid]
            if w.before is None or not is_down(w.before.status):
                continue
            holding = [s for s in w.stored if s.started_at <= w.before.at]
            if holding:
                w.carried = Span(holding[0].started_at, holding[0].status)
            elif w.before.kind == LAST:
                # Down with no outage stored (set down by hand): one from its status' start.
                cam = self.rest[cid][0]
                w.carried = Span(cam.since or w.before.at, w.before.status)

    # --- what the batch does to each camera ----------------------------------

    def _take(self, camera: CameraRow, r: Replay, w: Window) -> None:
        self.heartbeats += r.heartbeats
        self.duplicates += r.duplicates
        for p in r.changes:
            self.changed_events += p.kind == NEW
            self.changes.append((camera.id, p.status, p.at))
            if p.status in DELIBERATE:
                self.incidents.append((camera.id, camera.facility_id, p.status, p.at))
        self._outages(camera, r.outages, w.stored)
        since = r.status_since or camera.since or r.last_event_at
        state = (r.status, since, r.last_event_at)
        if state != (camera.status, camera.since, camera.last):
            self.camera_states.append((camera.id, *state))

    def _outages(self, camera: CameraRow, wanted: list[Span], stored: list[Stored]) -> None:
        pairs = match(wanted, stored)
        kept = {row.id for _span, row in pairs if row is not None}
        # Never happens while known points are only ever added; kept so that the
        # stored outages always equal the timeline.
        self.dropped_outages += [s.id for s in stored if s.id not in kept]
        for span, row in pairs:
            if row is None:
                self.new_outages.append((camera, span))
                self._mark_days(span.started_at, span.ended_at)
                if camera.high_risk and alert_due(span.started_at, span.ended_at, self.now):
                    self.to_alert.append((camera, None, span))
                continue
            if (row.started_at, row.ended_at, row.status) != (
                span.started_at,
                span.ended_at,
                span.status,
            ):
                self.changed_outages.append((row.id, span))
                self._mark_days(
                    min(row.started_at, span.started_at), max(row.started_at, span.started_at)
                )
                if row.ended_at != span.ended_at:
                    self._mark_days(
                        min(row.ended_at or self.now, span.ended_at or self.now),
                        max(row.ended_at or self.now, span.ended_at or self.now),
                    )
            alert = self.alert_state.get(row.id)
            if alert == AlertStatus.OPEN and span.ended_at is not None:
                self.to_close.append(row.id)
            elif (
                alert is None
                and camera.high_risk
                and alert_due(span.started_at, span.ended_at, self.now)
            ):
                self.to_alert.append((camera, row.id, span))

    def _mark_days(self, first: datetime, last: datetime | None) -> None:
        """Days before today whose uptime rollup this batch makes stale."""
        today = timezone.localdate(self.now)
        day = timezone.localdate(first)
        end = min(timezone.localdate(last or self.now), today - timedelta(days=1))
        while day <= end:
            self.days.add(day)
            day += timedelta(days=1)

    # --- writes -------------------------------------------------------------

    def write(self) -> None:
        changes_insert(self.changes, received_at=self.now, client_id=self.client.pk, db=self.db)
        incidents_insert(self.incidents, self.db)
        if self.dropped_outages:
            Outage.objects.filter(pk__in=self.dropped_outages).delete()
        outages_update(self.changed_outages, self.db)
        created = outages_insert(self.new_outages, self.db)
        ids = {id(span): pk for (_cam, span), pk in zip(self.new_outages, created, strict=True)}
        alerts = [
            alert_for(
                outage_id=pk if pk is not None else ids[id(span)],
                camera_id=cam.id,
                facility_id=cam.facility_id,
                started_at=span.started_at,
                ended_at=span.ended_at,
            )
            for cam, pk, span in self.to_alert
        ]
        CameraAlert.objects.bulk_create(alerts)
        self.opened = len(alerts)
        self.closed = alerts_close(self.to_close)
        cameras_beat(self.beats)
        cameras_update(self.camera_states, self.db)
        if self.changes or alerts or self.closed:
            audit_record(
                actor=self.client,
                action="camera.health",
                details={
                    "changes": len(self.changes),
                    "incidents": len(self.incidents),
                    "outages_opened": len(self.new_outages),
                    "outages_changed": len(self.changed_outages),
                    "alerts_opened": self.opened,
                    "alerts_closed": self.closed,
                },
            )
        if self.days:
            days = sorted(self.days)
            transaction.on_commit(lambda: _rollups_enqueue(days))

    def result(self, *, received: int) -> IngestResult:
        return IngestResult(
            received=received,
            changes=self.changed_events,
            heartbeats=self.heartbeats,
            duplicates=self.duplicates,
            late=self.late,
            incidents=len(self.incidents),
            alerts_opened=self.opened,
            alerts_closed=self.closed,
        )


def _late_window(cam: CameraRow, first: datetime, stored: list[Point]) -> Window:
    """The known points of a camera around its first late event."""
    before = None
    known: list[Point] = []
    for p in stored:
        if p.at < first:
            before = p
        else:
            known.append(p)
    assert cam.last is not None  # late means at or before the last event
    if not known or known[-1].at != cam.last:
        # The last event is known but not stored: it becomes a change if a late event
        # of another status now precedes it.
        known.append(Point(cam.last, cam.status, LAST))
    return Window(before, known, [], None)


def _rollups_enqueue(days: list[date]) -> None:
    from ..tasks import uptime_rollup_task

    for day in days:
        uptime_rollup_task.enqueue(day.isoformat())
