"""Plain SQL for the health feed's statements that touch many rows of a batch.

Through the ORM, loading a thousand cameras and writing their new state cost more
than all the rest of a batch: compiling, converting every time value to and from
SQLite's text, and `bulk_update`'s CASE per field. These statements take their
rows as one parameter that the database reads as a table (SQLite: a JSON array
through `json_each`; PostgreSQL: one array per column through `unnest`) and join
by primary key or index. Times travel in the database's own form (`Db`), so a
batch converts each distinct time once and compares the cameras' last events
without converting them at all.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection

from ...models import Camera, CameraAlert, DamageIncident, Outage, StatusChange
from ..timeline import STORED, Point, Span, Stored

# A column of a row source: its name and its PostgreSQL type.
Column = tuple[str, str]


class Db:
    """Times in the database's form: SQLite's text (what Django writes: naive UTC,
    "YYYY-MM-DD HH:MM:SS[.ffffff]", which sorts as the times do), PostgreSQL's aware
    datetimes. One per batch: the events of a batch share few distinct times."""

    def __init__(self) -> None:
        self.sqlite = connection.vendor == "sqlite"
        self._texts: dict[datetime, str] = {}

    def to(self, value: datetime | None) -> Any:
        if value is None or not self.sqlite:
            return value
        text = self._texts.get(value)
        if text is None:
            text = value.isoformat(" ")
            # Every time here is in UTC already: the cheap way, else convert.
            if text.endswith("+00:00"):
                text = text[:-6]
            else:
                text = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            self._texts[value] = text
        return text

    @staticmethod
    def back(value: Any) -> datetime | None:
        if value is None or isinstance(value, datetime):
            if value is not None and value.tzinfo is None:
                return value.replace(tzinfo=UTC)
            return value
        return datetime.fromisoformat(value).replace(tzinfo=UTC)


# Positions in the plain rows that `cameras_load` returns (`CameraRow`'s fields).
ROW_RISK, ROW_STATUS, ROW_LAST = 4, 5, 7


class CameraRow(NamedTuple):
    """A camera as the health feed needs it; its times stay in the database's form
    (`since_db`, `last_db`) until the state machine needs them."""

    id: int
    facility_id: int
    vms_id: str
    zone_id: int | None
    risk: str | None
    status: str
    since_db: Any
    last_db: Any

    @property
    def high_risk(self) -> bool:
        return self.risk == "high"

    @property
    def since(self) -> datetime | None:
        return Db.back(self.since_db)

    @property
    def last(self) -> datetime | None:
        return Db.back(self.last_db)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _source(columns: list[Column], rows: list[tuple]) -> tuple[str, list[Any]]:
    """A FROM item `v` with the given columns, holding `rows`, and its parameters."""
    if connection.vendor == "sqlite":
        cols = ", ".join(
            f"json_extract(value, '$[{i}]') AS {name}" for i, (name, _t) in enumerate(columns)
        )
        return f"(SELECT {cols} FROM json_each(%s)) AS v", [json.dumps(rows)]  # noqa: S608
    arrays = ", ".join(f"%s::{pg}[]" for _name, pg in columns)
    names = ", ".join(name for name, _pg in columns)
    return f"unnest({arrays}) AS v({names})", [list(col) for col in zip(*rows, strict=True)]


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _time(column: str) -> str:
    # Text on SQLite: read as it is stored, without the driver's conversion.
    return f"CAST({column} AS TEXT)" if connection.vendor == "sqlite" else column


# The key space of the health feed's advisory locks (two-integer keys: this, a facility).
_LOCKS = 0x48454C54  # "HELT"


def facilities_lock(facility_ids: Iterable[int]) -> None:
    """Make batches for the same facilities wait for each other until commit.

    On PostgreSQL, a transaction-scoped advisory lock per facility, taken in id order
    so two batches never deadlock: much cheaper than locking a thousand camera rows,
    and a camera belongs to one facility. SQLite's IMMEDIATE transactions already
    serialise writers.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pg_advisory_xact_lock(%s, f) FROM unnest(%s::int[]) AS f",
            [_LOCKS, sorted(set(facility_ids))],
        )


def cameras_load(keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple]:
    """The cameras of (facility id, video system id) pairs, with their zone's risk, in one
    query (on SQLite one per hundred facilities), as plain rows in `CameraRow`'s order
    (call `facilities_lock` first)."""
    keys = list(keys)
    if not keys:
        return {}
    zones = connection.ops.quote_name(Camera._meta.get_field("zone").related_model._meta.db_table)
    columns = (
        "c.id, c.facility_id, c.vms_id, c.zone_id, z.risk_level, c.status, "
        f"{_time('c.status_since')}, {_time('c.last_event_at')}"
    )
    if connection.vendor == "postgresql":
        # One index probe per key: joined plainly, the planner hashes the whole table
        # (a seq scan of 40,000 cameras for 1,000); OFFSET 0 keeps the lateral subquery.
        source, params = _source([("f", "bigint"), ("vms", "text")], keys)
        sql = (
            f"SELECT {columns} FROM {source} CROSS JOIN LATERAL ("  # noqa: S608
            "SELECT id, facility_id, vms_id, zone_id, status, status_since, last_event_at "
            f"FROM {_table(Camera)} WHERE facility_id = v.f AND vms_id = v.vms OFFSET 0) c "
            f"LEFT JOIN {zones} z ON z.id = c.zone_id"
        )
    else:
        # A flat JSON array of video system ids per facility: reading the pairs of one
        # array with json_extract took a third of the query.
        by_facility: dict[int, list[str]] = {}
        for facility_id, vms in keys:
            by_facility.setdefault(facility_id, []).append(vms)
        one = (
            f"SELECT {columns} FROM {_table(Camera)} c "  # noqa: S608
            f"LEFT JOIN {zones} z ON z.id = c.zone_id "
            "WHERE c.facility_id = %s AND c.vms_id IN (SELECT value FROM json_each(%s))"
        )
        groups = list(by_facility.items())
        rows = []
        # One statement for up to 100 facilities (SQLite allows 500 SELECTs in one).
        for lo in range(0, len(groups), 100):
            part = groups[lo : lo + 100]
            params = [p for f, vms in part for p in (f, json.dumps(vms))]
            rows += _fetch(" UNION ALL ".join([one] * len(part)), params)
        return {(row[1], row[2]): row for row in rows}
    return {(row[1], row[2]): row for row in _fetch(sql, params)}


def changes_around(starts: dict[int, datetime], db: Db) -> dict[int, list[Point]]:
    """For each camera, its stored changes from `starts[camera]` on, preceded by the
    latest one before it if any: one query for all cameras with late events."""
    if not starts:
        return {}
    source, params = _source(
        [("cid", "bigint"), ("start", "timestamptz")],
        [(pk, db.to(at)) for pk, at in starts.items()],
    )
    changes = _table(StatusChange)
    sql = (
        f"SELECT s.camera_id, s.at, s.status FROM {source} "  # noqa: S608
        f"JOIN {changes} s ON s.camera_id = v.cid AND s.at >= COALESCE("
        f"(SELECT MAX(p.at) FROM {changes} p WHERE p.camera_id = v.cid AND p.at < v.start), "
        "v.start) ORDER BY s.camera_id, s.at"
    )
    points: dict[int, list[Point]] = {}
    for cid, at, status in _fetch(sql, params):
        points.setdefault(cid, []).append(Point(Db.back(at), status, STORED))
    return points


def outages_after(
    after: dict[int, datetime | None], db: Db
) -> list[tuple[Stored, int, str | None]]:
    """The outages of each camera still open or ended after `after[camera]` (all of them
    for None), in time order, each with its camera and the status of its alert, if any."""
    if not after:
        return []
    # Before any camera's first event: from here, all of its outages.
    origin = datetime(2000, 1, 1, tzinfo=UTC)
    source, params = _source(
        [("cid", "bigint"), ("after", "timestamptz")],
        [(pk, db.to(at or origin)) for pk, at in after.items()],
    )
    sql = (
        "SELECT o.id, o.camera_id, o.started_at, o.ended_at, o.status, a.status "  # noqa: S608
        f"FROM {source} JOIN {_table(Outage)} o "
        "ON o.camera_id = v.cid AND (o.ended_at IS NULL OR o.ended_at > v.after) "
        f"LEFT JOIN {_table(CameraAlert)} a ON a.outage_id = o.id "
        "ORDER BY o.camera_id, o.started_at"
    )
    return [
        (Stored(pk, Db.back(started), Db.back(ended), status), cid, alert)
        for pk, cid, started, ended, status, alert in _fetch(sql, params)
    ]


def changes_insert(
    changes: list[tuple[int, str, datetime]], *, received_at: datetime, client_id: int, db: Db
) -> None:
    """New status changes in one INSERT (a few per batch, but every batch)."""
    if not changes:
        return
    source, params = _source(
        [("cid", "bigint"), ("status", "text"), ("at", "timestamptz")],
        [(cid, status, db.to(at)) for cid, status, at in changes],
    )
    sql = (
        f"INSERT INTO {_table(StatusChange)} (camera_id, status, at, received_at, client_id) "  # noqa: S608
        f"SELECT v.cid, v.status, v.at, %s, %s FROM {source}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [db.to(received_at), client_id, *params])


def outages_insert(new: list[tuple[Any, Span]], db: Db) -> list[int]:
    """New outages of cameras (rows of `cameras_load` or `CameraRow`s) in one INSERT;
    their ids, in the order given (for their alerts)."""
    if not new:
        return []
    rows = [
        (cam[0], cam[1], cam[3], s.status, db.to(s.started_at), db.to(s.ended_at)) for cam, s in new
    ]
    source, params = _source(
        [
            ("cid", "bigint"),
            ("fid", "bigint"),
            ("zid", "bigint"),
            ("status", "text"),
            ("started", "timestamptz"),
            ("ended", "timestamptz"),
        ],  # fmt: skip
        rows,
    )
    sql = (
        f"INSERT INTO {_table(Outage)} "  # noqa: S608
        "(camera_id, facility_id, zone_id, status, started_at, ended_at) "
        f"SELECT v.cid, v.fid, v.zid, v.status, v.started, v.ended FROM {source} "
        f"RETURNING id, camera_id, {_time('started_at')}"
    )
    # RETURNING gives no order: a camera's new outages differ by their start.
    ids = {(cid, started): pk for pk, cid, started in _fetch(sql, params)}
    return [ids[(row[0], row[4])] for row in rows]


def incidents_insert(incidents: list[tuple[int, int, str, datetime]], db: Db) -> None:
    """Damage incidents (camera, facility, status, time) in one INSERT, once per camera
    and instant."""
    if not incidents:
        return
    now = db.to(datetime.now(UTC))
    sqlite = connection.vendor == "sqlite"
    source, params = _source(
        [
            ("uid", "uuid"),
            ("cid", "bigint"),
            ("fid", "bigint"),
            ("status", "text"),
            ("at", "timestamptz"),
        ],  # fmt: skip
        [
            (uuid.uuid4().hex if sqlite else str(uuid.uuid4()), cid, fid, status, db.to(at))
            for cid, fid, status, at in incidents
        ],
    )
    sql = (
        f"INSERT INTO {_table(DamageIncident)} "  # noqa: S608
        "(uuid, created_at, updated_at, camera_id, facility_id, status, at, note) "
        f"SELECT v.uid, %s, %s, v.cid, v.fid, v.status, v.at, '' FROM {source} "
        # WHERE true: SQLite reads ON CONFLICT after a bare FROM as a join's ON.
        "WHERE true ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [now, now, *params])


def _update(model, columns: list[Column], rows: list[tuple]) -> None:
    """UPDATE the model's table SET columns[1:] from rows whose first value is the id."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = _table(model)
    source, params = _source(columns, rows)
    sets = ", ".join(f"{qn(name)} = v.{name}" for name, _pg in columns[1:])
    sql = f"UPDATE {table} SET {sets} FROM {source} WHERE {table}.id = v.id"  # noqa: S608
    if connection.vendor == "postgresql":
        # The ids again, as an array the primary key's index can take: else the
        # planner hashes the whole table to join a thousand rows.
        sql += f" AND {table}.id = ANY(%s::bigint[])"
        params.append([row[0] for row in rows])
    with connection.cursor() as cur:
        cur.execute(sql, params)


def cameras_beat(beats: list[tuple[int, Any]]) -> None:
    """The last event of cameras that only sent heartbeats (database times), in one UPDATE."""
    if connection.vendor != "sqlite" or not beats:
        _update(Camera, [("id", "bigint"), ("last_event_at", "timestamptz")], beats)
        return
    # The cameras by time, as a JSON object: a batch's heartbeats share some sixty
    # instants, and the ids then travel as plain arrays (json_extract on pairs took
    # a third of the statement).
    by_time: dict[str, list[int]] = {}
    for pk, at in beats:
        by_time.setdefault(at, []).append(pk)
    table = _table(Camera)
    sql = (
        f"UPDATE {table} SET last_event_at = v.at FROM (SELECT t.key AS at, i.value AS id "  # noqa: S608
        f"FROM json_each(%s) t, json_each(t.value) i) AS v WHERE {table}.id = v.id"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [json.dumps(by_time)])


def cameras_update(states: list[tuple[int, str, datetime, datetime]], db: Db) -> None:
    """The new status, status start and last event of cameras that changed, in one UPDATE."""
    _update(
        Camera,
        [
            ("id", "bigint"),
            ("status", "text"),
            ("status_since", "timestamptz"),
            ("last_event_at", "timestamptz"),
        ],  # fmt: skip
        [(pk, status, db.to(since), db.to(last)) for pk, status, since, last in states],
    )


def outages_update(changed: list[tuple[int, Span]], db: Db) -> None:
    """New bounds and status of outages that a batch moved or ended, in one UPDATE."""
    _update(
        Outage,
        [
            ("id", "bigint"),
            ("status", "text"),
            ("started_at", "timestamptz"),
            ("ended_at", "timestamptz"),
        ],  # fmt: skip
        [(pk, s.status, db.to(s.started_at), db.to(s.ended_at)) for pk, s in changed],
    )
