"""Camera health feed: ingestion through the API against a plain insert of the same rows.

Usage (from the repository root):

    .venv/bin/python bench/surveillance_health.py      # SQLite and PostgreSQL, 4,000 to 400,000
    .venv/bin/python bench/surveillance_health.py --engines sqlite --sizes 4000
    .venv/bin/python bench/surveillance_health.py --batches 40 --output bench/data/health.md

For each database engine and number of cameras it builds a database of its own
(SQLite: bench/data/health-<size>.sqlite3; PostgreSQL: a throwaway cluster made
with initdb and pg_ctl in a temporary directory, as .ci/run does, one database
per size, or the server of --pg-url), with 78 places of 16 zones, the cameras
spread over them, each with the first status change of its history, and one
connector key of national scope. Then, in the same process and interleaved batch
by batch:

- **API**: `POST /api/v1/surveillance/health` with batches of 1,000 events, through
  Django's test client in-process: the whole middleware stack, the key's check,
  the rate limiter, JSON and schema parsing, the checks, the state machine and
  the writes, committed per batch;
- **plain insert**: the same events, as rows of (camera id, status, time, time
  received, client), inserted with one `executemany` per batch into a table of
  the same database shaped like the status changes (one index on camera and
  time), committed per batch: the cost of simply storing every event.

The events are what a national feed sends: each camera one heartbeat a minute,
about 1 in 100 reports a change (outages start, last some minutes, end; some are
damage), 1 in 100 is a late event from up to half an hour earlier, and 1 in 200 is
an event sent again. Rates are events over the wall time of all measured batches
of a kind; the targets: at least 20,000 events/s on SQLite, and the API at least
0.3 of the plain insert's rate.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
PLACES, ZONES, HIGH_RISK_ZONES = 78, 16, 4
BATCH = 1000
DOWN = ("offline", "no_signal", "recording_failed")
DELIBERATE = ("damaged", "tampered", "obstructed")
# Per event: a change of the simulated camera, a late event, an event sent again.
P_CHANGE, P_LATE, P_AGAIN = 0.01, 0.01, 0.005


# --- the child: one engine, one size ------------------------------------------


def configure(engine: str, size: int, pg_url: str | None) -> None:
    sys.path.insert(0, str(REPO_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "qorgau.settings"
    os.environ["QORGAU_VAR_DIR"] = str(DATA_DIR / "var")
    os.environ["QORGAU_LOG_LEVEL"] = "WARNING"
    os.environ["QORGAU_ALLOWED_HOSTS"] = "testserver"
    DATA_DIR.mkdir(exist_ok=True)
    if engine == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        db = DATA_DIR / f"health-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        os.environ["QORGAU_SQLITE_PATH"] = str(db)
    else:
        assert pg_url is not None
        os.environ["DATABASE_URL"] = pg_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def beat_second(n: int) -> int:
    """The second of each minute at which camera n reports."""
    return n * 37 % 60


def build(size: int, start: datetime) -> tuple[list[tuple[int, str, str]], str]:
    """Places, zones and cameras in bulk, each online since the day before and last heard
    in the minute at `start` (so that late events can come from the first batch on);
    returns the cameras and a connector key."""
    from django.db import connection, transaction

    from qorgau.accounts.roles import Cap, ScopeKind
    from qorgau.accounts.services import apiclient_issue
    from qorgau.facilities.models import Facility, Region, Zone, ZoneKind

    region = Region.objects.order_by("code").first() or Region.objects.create(
        code="B-01", name_kk="Облыс", name_ru="Область", name_en="Region"
    )
    zones: list[tuple[int, int]] = []
    for i in range(PLACES):
        f = Facility.objects.create(
            code=f"BENCH-{i:03d}",
            type="colony",
            agency="penitentiary",
            region=region,
            name_kk=f"Мекеме {i}",
            name_ru=f"Учреждение {i}",
            name_en=f"Facility {i}",
            capacity=1000,
        )
        for z in range(ZONES):
            risk = "high" if z < HIGH_RISK_ZONES else "medium"
            zone = Zone.objects.create(
                facility=f, kind=ZoneKind.CELL, name=f"Блок {z}", risk_level=risk
            )
            zones.append((f.pk, zone.pk))
    adapt = connection.ops.adapt_datetimefield_value
    since, now = adapt(start - timedelta(days=1)), adapt(start)
    with transaction.atomic(), connection.cursor() as cur:
        for lo in range(0, size, 20000):
            rows = []
            for n in range(lo, min(size, lo + 20000)):
                # Registered place by place, as an import of a national export does.
                facility_id, zone_id = zones[(n * PLACES // size) * ZONES + n % ZONES]
                rows.append(
                    (uuid.uuid4().hex if connection.vendor == "sqlite" else uuid.uuid4(), now, now,
                     facility_id, zone_id, f"CAM-{n:06d}", f"vms-{n}", "", "fixed", "recorded",
                     True, "online", since, adapt(start + timedelta(seconds=beat_second(n))))
                )  # fmt: skip
            cur.executemany(
                "INSERT INTO surveillance_camera (uuid, created_at, updated_at, facility_id, "
                "zone_id, code, vms_id, stream_path, kind, recording, active, status, "
                "status_since, last_event_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
        cur.execute(
            "INSERT INTO surveillance_statuschange (camera_id, status, at, received_at) "
            "SELECT id, 'online', status_since, status_since FROM surveillance_camera"
        )
        cur.execute(
            "CREATE TABLE bench_event (id INTEGER PRIMARY KEY, camera_id BIGINT NOT NULL, "
            'status VARCHAR(20) NOT NULL, "at" TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL, '
            "client_id BIGINT)"
            if connection.vendor == "sqlite"
            else "CREATE TABLE bench_event (id BIGSERIAL PRIMARY KEY, camera_id BIGINT NOT NULL, "
            'status VARCHAR(20) NOT NULL, "at" TIMESTAMPTZ NOT NULL, '
            "received_at TIMESTAMPTZ NOT NULL, client_id BIGINT)"
        )
        cur.execute('CREATE INDEX bench_event_camera_at ON bench_event (camera_id, "at")')
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    _client, key = apiclient_issue(
        actor=None,
        name="Bench VMS",
        capabilities=[Cap.SURVEILLANCE_FEED],
        scope=ScopeKind.NATIONAL,
    )
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM surveillance_camera ORDER BY id")
        ids = [r[0] for r in cur.fetchall()]
    cameras = [(pk, f"BENCH-{n * PLACES // size:03d}", f"vms-{n}") for n, pk in enumerate(ids)]
    return cameras, key


class Feed:
    """What connectors send: heartbeats, changes, late events and events sent again."""

    def __init__(
        self, cameras: list[tuple[int, str, str]], start: datetime, order: str, seed: int = 7
    ):
        self.rng = random.Random(seed)
        self.cameras = cameras
        # "facility": each place's cameras together, as its connector (or a national
        # platform collecting place by place) sends them; "random": any camera next to
        # any other, the worst case for the database's pages.
        self.order = list(range(len(cameras)))
        if order == "random":
            self.rng.shuffle(self.order)
        self.status = ["online"] * len(cameras)
        self.sent: dict[int, tuple[str, datetime]] = {}
        # Each camera beats at its own second of the minute.
        self.second = [beat_second(n) for n in range(len(cameras))]
        self.start = start
        self.n = 0

    def _status(self, i: int) -> str:
        s = self.status[i]
        if self.rng.random() < P_CHANGE:
            kinds = DOWN if self.rng.random() < 0.8 else DELIBERATE
            s = self.rng.choice(kinds) if s == "online" else "online"
        elif s != "online" and self.rng.random() < 0.2:
            s = "online"  # outages last about five minutes
        self.status[i] = s
        return s

    def batch(self) -> tuple[list[dict], list[tuple[int, str, datetime]]]:
        events, rows = [], []
        for _ in range(BATCH):
            i = self.order[self.n % len(self.order)]
            minute = self.n // len(self.order) + 1  # minute 0: reported before the run
            self.n += 1
            pk, facility, vms = self.cameras[i]
            r = self.rng.random()
            if r < P_AGAIN and i in self.sent:
                status, at = self.sent[i]
            elif r < P_AGAIN + P_LATE:
                back = self.rng.randint(1, min(30, minute))
                at = self.start + timedelta(minutes=minute - back, seconds=self.second[i])
                status = self.status[i] if self.rng.random() < 0.7 else self.rng.choice(DOWN)
            else:
                at = self.start + timedelta(minutes=minute, seconds=self.second[i])
                status = self._status(i)
                self.sent[i] = (status, at)
            events.append(
                {"facility": facility, "camera": vms, "status": status, "at": at.isoformat()}
            )
            rows.append((pk, status, at))
        return events, rows


def measure(size: int, batches: int, warmup: int, order: str) -> dict:
    from django.db import connection, reset_queries, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from qorgau.surveillance.health import api
    from qorgau.surveillance.models import CameraAlert, DamageIncident, Outage, StatusChange

    # Minutes of heartbeats the run needs, so that every event lies in the past.
    minutes = (batches + warmup) * BATCH // size + 3
    start = (timezone.now() - timedelta(minutes=minutes + 1)).replace(microsecond=0)
    t = time.perf_counter()
    cameras, key = build(size, start)
    setup_s = time.perf_counter() - t
    # The limiter still runs (its cost is measured), but does not refuse the benchmark.
    api.BATCHES_PER_MINUTE = 10**9
    feed = Feed(cameras, start, order)
    client = Client()
    # Every batch made before the first is sent, as JSON and as rows.
    work = []
    for _ in range(warmup + batches):
        events, rows = feed.batch()
        work.append((json.dumps({"events": events}), rows))
    # The benchmark's own objects (the simulated cameras: some millions at 400,000, and
    # the batches) are not the server's: keep them out of the garbage collector's full
    # passes, which would otherwise be timed with the requests that happen to trigger
    # them. Made up front, no new ones pile up between the requests.
    del feed
    gc.collect()
    gc.freeze()
    adapt = connection.ops.adapt_datetimefield_value

    def post(body: str) -> dict:
        r = client.post(
            "/api/v1/surveillance/health",
            data=body,
            content_type="application/json",
            HTTP_X_API_KEY=key,
            secure=True,  # as behind the TLS proxy: no redirect to https
        )
        if r.status_code != 200:
            sys.exit(f"status {r.status_code}: {r.content[:500]!r}")
        return r.json()

    def plain(rows, received) -> None:
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(
                'INSERT INTO bench_event (camera_id, status, "at", received_at, client_id) '
                "VALUES (%s, %s, %s, %s, %s)",
                [(pk, s, adapt(at), received, None) for pk, s, at in rows],
            )

    api_ms, plain_ms, totals, queries = [], [], {}, []
    for n, (body, rows) in enumerate(work):
        received = adapt(timezone.now())
        # Alternate which goes first, so a busy spell of the machine falls on both.
        turns = (0, 1) if n % 2 else (1, 0)
        for which in turns:
            t = time.perf_counter()
            if which == 0:
                if n == warmup:  # one batch with its SQL counted
                    with CaptureQueriesContext(connection) as ctx:
                        answer = post(body)
                    queries.append(len(ctx.captured_queries))
                else:
                    answer = post(body)
                elapsed = time.perf_counter() - t
                if n >= warmup:
                    api_ms.append(elapsed * 1000)
                    for k, v in answer.items():
                        totals[k] = totals.get(k, 0) + v
            else:
                plain(rows, received)
                if n >= warmup:
                    plain_ms.append((time.perf_counter() - t) * 1000)
        reset_queries()
    events_n = batches * BATCH
    api_rate = events_n / (sum(api_ms) / 1000)
    plain_rate = events_n / (sum(plain_ms) / 1000)
    if connection.vendor == "sqlite":
        engine = f"SQLite {connection.Database.sqlite_version}"
    else:
        engine = f"PostgreSQL {connection.cursor().connection.info.server_version // 10000}"
    return {
        "engine": engine,
        "cameras": size,
        "order": order,
        "setup_s": round(setup_s, 1),
        "batches": batches,
        "api_events_per_s": round(api_rate),
        "plain_rows_per_s": round(plain_rate),
        "ratio": round(api_rate / plain_rate, 3),
        "api_ms_p50": round(statistics.median(api_ms), 1),
        "api_ms_p95": round(sorted(api_ms)[int(0.95 * len(api_ms)) - 1], 1),
        "plain_ms_p50": round(statistics.median(plain_ms), 1),
        "queries_per_batch": queries[0] if queries else None,
        "answers": totals,
        "stored": {
            "status changes (with the first of each camera)": StatusChange.objects.count(),
            "outages": Outage.objects.count(),
            "incidents": DamageIncident.objects.count(),
            "alerts": CameraAlert.objects.count(),
        },
        "load": os.getloadavg()[0],
    }


# --- the parent: a throwaway PostgreSQL cluster, one child per engine and size ----


class Cluster:
    """A PostgreSQL cluster in a temporary directory, started and removed by the benchmark."""

    def __init__(self) -> None:
        pg_ctl = (
            shutil.which("pg_ctl") or sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        )
        self.bin = Path(pg_ctl).parent
        self.dir = Path(tempfile.mkdtemp(prefix="qorgau-bench-pg-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        # initdb refuses to run as root: the cluster then belongs to the postgres user.
        self.as_postgres = os.geteuid() == 0

    def _run(self, *cmd: str) -> None:
        line = " ".join(f"'{c}'" for c in cmd)
        if self.as_postgres:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", line], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        else:
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        if self.as_postgres:
            shutil.chown(self.dir, "postgres")
        data = self.dir / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        # Durable commits as in production (fsync and synchronous_commit stay on).
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", opts,
                  "-l", str(self.dir / "log"), "-w", "start")  # fmt: skip

    def url(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name}")
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def child(engine: str, size: int, order: str, args, pg_url: str | None) -> dict:
    cmd = [sys.executable, __file__, "--child", engine, "--sizes", str(size), "--orders", order,
           "--batches", str(args.batches), "--warmup", str(args.warmup)]  # fmt: skip
    if pg_url:
        cmd += ["--pg-url", pg_url]
    print(f"… {engine}, {size:,} cameras, {order} order", file=sys.stderr, flush=True)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(results: list[dict]) -> str:
    lines = [
        f"Run of {datetime.now(UTC):%Y-%m-%d}, Python {sys.version.split()[0]}, "
        f"nproc {os.cpu_count()}, batches of {BATCH:,} events through the test client in-process.",
        "",
        "| engine | cameras | order | API events/s | plain insert rows/s | API ÷ plain "
        "| API ms per batch p50 / p95 | plain ms p50 | SQL per batch | load |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['cameras']:,} | {r['order']} | {r['api_events_per_s']:,} | "
            f"{r['plain_rows_per_s']:,} | {r['ratio']:.2f} | "
            f"{r['api_ms_p50']} / {r['api_ms_p95']} | "
            f"{r['plain_ms_p50']} | {r['queries_per_batch']} | {r['load']:.1f} |"
        )
    lines += ["", "Growth of the API rate with the number of cameras (largest ÷ smallest):", ""]
    for engine, order in dict.fromkeys((r["engine"], r["order"]) for r in results):
        rows = [r for r in results if (r["engine"], r["order"]) == (engine, order)]
        if len(rows) > 1:
            lo, hi = rows[0], rows[-1]
            lines.append(
                f"- {engine}, {order} order: "
                f"{hi['api_events_per_s'] / lo['api_events_per_s']:.2f}× "
                f"({lo['cameras']:,} → {hi['cameras']:,} cameras); plain insert "
                f"{hi['plain_rows_per_s'] / lo['plain_rows_per_s']:.2f}×"
            )
    last = results[-1]
    lines += ["", f"What the API answered over the measured batches ({last['engine']}, "
              f"{last['cameras']:,} cameras): {json.dumps(last['answers'])}; stored: "
              f"{json.dumps(last['stored'], ensure_ascii=False)}."]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="4000,40000,400000")
    parser.add_argument("--batches", type=int, default=60, help="measured batches per size")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--orders", default="facility", help="facility,random")
    parser.add_argument("--pg-url", help="an existing PostgreSQL database to empty and use")
    parser.add_argument("--output", help="also write the Markdown report to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.child:
        configure(args.child, sizes[0], args.pg_url)
        print(json.dumps(measure(sizes[0], args.batches, args.warmup, args.orders)))
        return
    results, cluster = [], None
    try:
        for engine in args.engines.split(","):
            for order, size in [(o, n) for o in args.orders.split(",") for n in sizes]:
                url = None
                if engine == "postgresql":
                    if args.pg_url:
                        url = args.pg_url
                    else:
                        if cluster is None:
                            cluster = Cluster()
                            cluster.start()
                        url = cluster.url(f"qorgau_health_{size}")
                results.append(child(engine, size, order, args, url))
    finally:
        if cluster is not None:
            cluster.stop()
    text = report(results)
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    (DATA_DIR / "health-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
