"""Taking in a batch of camera status events from a video-system connector.

Built for batches of a thousand events at national scale: one query loads the
batch's cameras (locked on PostgreSQL, so two batches for one camera queue), the
state machine (`..timeline`) runs in memory, and the writes are bulk: new status
changes, incidents, outages and alerts in a few inserts, and every camera's new
state in one UPDATE. Heartbeats cost nothing but their share of that UPDATE.
Cameras with late events (at or before their last event) need two more reads:
their stored changes from the first late event on, and their outages there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record

from ...choices import DELIBERATE, AlertStatus
from ...models import Camera, CameraAlert, DamageIncident, Outage, StatusChange
from ..timeline import LAST, NEW, STORED, Point, Replay, Span, Stored, is_down, match, replay
from .alerts import alert_due, alert_for, alerts_close
from .checks import (
    STATUSES,
    Event,
    EventLike,
    check_size,
    error,
    facilities_in_scope,
    parse,
    refuse_invalid,
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
class CameraRow:
    id: int
    facility_id: int
    zone_id: int | None
    high_risk: bool
    status: str
    since: datetime | None
    last: datetime | None


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
    parsed, errors = parse(events, now)
    facility_ids, unknown = facilities_in_scope(client=client, events=events)
    errors += unknown
    with transaction.atomic():
        cameras = _cameras(facility_ids, parsed)
        per_camera, duplicates = _group(parsed, facility_ids, cameras, errors)
        refuse_invalid(errors)
        batch = _Batch(client=client, now=now, cameras=cameras, duplicates=duplicates)
        batch.run(per_camera)
        batch.write()
    return batch.result(received=len(events))


def _cameras(facility_ids: dict[str, int], events: list[Event]) -> dict[tuple[int, str], CameraRow]:
    """The batch's cameras in one query, by (facility id, video system id)."""
    keys = {(facility_ids[e.facility], e.camera) for e in events if e.facility in facility_ids}
    if not keys:
        return {}
    qs = Camera.objects.filter(
        facility_id__in={key[0] for key in keys}, vms_id__in={key[1] for key in keys}
    ).order_by("pk")
    if connection.features.has_select_for_no_key_update:
        # Row locks in id order: concurrent batches for the same cameras queue, never deadlock.
        qs = qs.select_for_update(no_key=True, of=("self",))
    rows = qs.values_list(
        "pk",
        "facility_id",
        "vms_id",
        "zone_id",
        "zone__risk_level",
        "status",
        "status_since",
        "last_event_at",
    )
    return {
        (fac, vms): CameraRow(pk, fac, zone, risk == "high", status, since, last)
        for pk, fac, vms, zone, risk, status, since, last in rows
        if (fac, vms) in keys
    }


def _group(
    events: list[Event],
    facility_ids: dict[str, int],
    cameras: dict[tuple[int, str], CameraRow],
    errors: list[dict],
) -> tuple[dict[int, list[Point]], int]:
    """Each camera's events in time order, one per instant; unknown cameras and
    two statuses for one instant are problems, repeated events duplicates."""
    slots: dict[int, dict[datetime, Event]] = {}
    duplicates = 0
    for e in events:
        fid = facility_ids.get(e.facility)
        if fid is None:
            continue  # reported as an unknown facility
        camera = cameras.get((fid, e.camera))
        if camera is None:
            errors.append(error(e.index, "camera", _unknown_camera(e)))
            continue
        if e.at is None or e.status not in STATUSES:
            continue  # reported by parse
        slot = slots.setdefault(camera.id, {})
        other = slot.get(e.at)
        if other is None:
            slot[e.at] = e
        elif other.status != e.status:
            errors.append(error(e.index, "at", _same_instant(other.index)))
        else:
            duplicates += 1
    grouped = {
        cid: [Point(e.at, e.status, NEW) for e in sorted(slot.values(), key=_at)]
        for cid, slot in slots.items()
    }
    return grouped, duplicates


def _at(e: Event) -> datetime:
    return e.at  # type: ignore[return-value]  # only events with a time are grouped


def _unknown_camera(e: Event) -> str:
    return _("No camera “%(camera)s” in facility %(facility)s.") % {
        "camera": e.camera[:80],
        "facility": e.facility,
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
    cameras: dict[tuple[int, str], CameraRow]
    duplicates: int
    changes: list[StatusChange] = field(default_factory=list)
    incidents: list[DamageIncident] = field(default_factory=list)
    new_outages: list[tuple[CameraRow, Span]] = field(default_factory=list)
    changed_outages: list[Outage] = field(default_factory=list)
    dropped_outages: list[int] = field(default_factory=list)
    to_close: list[int] = field(default_factory=list)
    to_alert: list[tuple[CameraRow, int | None, Span]] = field(default_factory=list)
    camera_states: list[tuple[int, str, datetime, datetime]] = field(default_factory=list)
    days: set[date] = field(default_factory=set)
    # Stored outages of the batch's cameras: the status of their alert, if any.
    alert_state: dict[int, str | None] = field(default_factory=dict)
    changed_events: int = 0
    heartbeats: int = 0
    late: int = 0
    opened: int = 0
    closed: int = 0

    def run(self, per_camera: dict[int, list[Point]]) -> None:
        by_id = {c.id: c for c in self.cameras.values()}
        windows = self._windows({cid: (by_id[cid], pts) for cid, pts in per_camera.items()})
        for cid, points in per_camera.items():
            camera = by_id[cid]
            w = windows[cid]
            r = replay(
                before=w.before, carried=w.carried, known=w.known, events=points, since=camera.since
            )
            if camera.last is not None:
                self.late += sum(1 for p in points if p.at <= camera.last)
            self._take(camera, r, w)

    # --- what is known before the batch -------------------------------------

    def _windows(self, batch: dict[int, tuple[CameraRow, list[Point]]]) -> dict[int, Window]:
        late = {
            cid: pts[0].at
            for cid, (cam, pts) in batch.items()
            if cam.last is not None and pts[0].at <= cam.last
        }
        stored_points, earlier = _stored_points(late)
        windows: dict[int, Window] = {}
        for cid, (cam, _pts) in batch.items():
            if cid in late:
                windows[cid] = _late_window(
                    cam, late[cid], stored_points.get(cid, []), earlier.get(cid)
                )
            else:
                before = Point(cam.last, cam.status, LAST) if cam.last is not None else None
                windows[cid] = Window(before, [], [], None)
        self._attach_outages(batch, windows)
        return windows

    def _attach_outages(self, batch, windows: dict[int, Window]) -> None:
        """The stored outages each window may change, and the one its first point lies in."""
        wanted = {
            cid
            for cid, w in windows.items()
            if w.known or (w.before is not None and is_down(w.before.status))
        }
        if not wanted:
            return
        qs = Outage.objects.filter(camera_id__in=wanted)
        befores = [windows[cid].before for cid in wanted]
        if all(b is not None for b in befores):
            earliest = min(b.at for b in befores if b is not None)
            qs = qs.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=earliest))
        rows = qs.order_by("camera_id", "started_at").values_list(
            "pk", "camera_id", "started_at", "ended_at", "status", "alert__status"
        )
        for pk, cid, started, ended, status, alert_status in rows:
            before = windows[cid].before
            if before is not None and ended is not None and ended <= before.at:
                continue  # ended before this camera's window
            windows[cid].stored.append(Stored(pk, started, ended, status))
            self.alert_state[pk] = alert_status
        for cid in wanted:
            w = windows[cid]
            if w.before is None or not is_down(w.before.status):
                continue
            holding = [s for s in w.stored if s.started_at <= w.before.at]
            if holding:
                w.carried = Span(holding[0].started_at, holding[0].status)
            elif w.before.kind == LAST:
                # Down with no outage stored (set down by hand): one from its status' start.
                cam = batch[cid][0]
                w.carried = Span(cam.since or w.before.at, w.before.status)

    # --- what the batch does to each camera ----------------------------------

    def _take(self, camera: CameraRow, r: Replay, w: Window) -> None:
        self.heartbeats += r.heartbeats
        self.duplicates += r.duplicates
        for p in r.changes:
            self.changed_events += p.kind == NEW
            self.changes.append(
                StatusChange(
                    camera_id=camera.id,
                    status=p.status,
                    at=p.at,
                    received_at=self.now,
                    client=self.client,
                )
            )
            if p.status in DELIBERATE:
                self.incidents.append(
                    DamageIncident(
                        camera_id=camera.id,
                        facility_id=camera.facility_id,
                        status=p.status,
                        at=p.at,
                    )
                )
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
                self.changed_outages.append(
                    Outage(
                        pk=row.id,
                        started_at=span.started_at,
                        ended_at=span.ended_at,
                        status=span.status,
                    )
                )
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
        StatusChange.objects.bulk_create(self.changes)
        DamageIncident.objects.bulk_create(self.incidents, ignore_conflicts=True)
        if self.dropped_outages:
            Outage.objects.filter(pk__in=self.dropped_outages).delete()
        Outage.objects.bulk_update(self.changed_outages, ["started_at", "ended_at", "status"])
        created = Outage.objects.bulk_create(
            [
                Outage(
                    camera_id=cam.id,
                    facility_id=cam.facility_id,
                    zone_id=cam.zone_id,
                    status=span.status,
                    started_at=span.started_at,
                    ended_at=span.ended_at,
                )
                for cam, span in self.new_outages
            ]
        )
        ids = {
            id(span): row.pk for (_cam, span), row in zip(self.new_outages, created, strict=True)
        }
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
        _update_cameras(self.camera_states)
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


def _stored_points(late: dict[int, datetime]) -> tuple[dict[int, list[Point]], dict[int, Point]]:
    """For cameras with late events: their stored changes from the earliest late event
    on, and for each the latest change before that (two queries, none if no camera is late)."""
    if not late:
        return {}, {}
    start = min(late.values())
    points: dict[int, list[Point]] = {}
    rows = (
        StatusChange.objects.filter(camera_id__in=late, at__gte=start)
        .order_by("camera_id", "at")
        .values_list("camera_id", "at", "status")
    )
    for cid, at, status in rows:
        points.setdefault(cid, []).append(Point(at, status, STORED))
    previous = StatusChange.objects.filter(camera_id=OuterRef("pk"), at__lt=start).order_by("-at")
    earlier = {
        cid: Point(at, status, STORED)
        for cid, at, status in Camera.objects.filter(pk__in=late)
        .annotate(
            prev_at=Subquery(previous.values("at")[:1]),
            prev_status=Subquery(previous.values("status")[:1]),
        )
        .values_list("pk", "prev_at", "prev_status")
        if at is not None
    }
    return points, earlier


def _late_window(
    cam: CameraRow, first: datetime, stored: list[Point], earlier: Point | None
) -> Window:
    """The known points of a camera around its first late event."""
    before = earlier
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


def _update_cameras(states: list[tuple[int, str, datetime, datetime]]) -> None:
    """Every camera's new status, status start and last event in one UPDATE."""
    if not states:
        return
    table = connection.ops.quote_name(Camera._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(states))
    params: list[Any] = []
    for pk, status, since, last in states:
        params += [pk, status, adapt(since), adapt(last)]
    sql = (
        f"UPDATE {table} SET status = v.column2, status_since = v.column3, "  # noqa: S608
        f"last_event_at = v.column4 FROM (VALUES {rows}) AS v WHERE {table}.id = v.column1"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)


def _rollups_enqueue(days: list[date]) -> None:
    from ..tasks import uptime_rollup_task

    for day in days:
        uptime_rollup_task.enqueue(day.isoformat())
