"""Server time of the facility list and the person search, relative to a minimal view.

Usage (from the repository root):

    make bench                                   # all sizes, writes bench/RESULTS.md
    .venv/bin/python bench/run.py --sizes 3700   # one size, still writes RESULTS.md
    .venv/bin/python bench/run.py --size 3700 --json   # one size in-process, JSON on stdout

Every request goes through the real middleware stack with Django's test
client, logged in as the national-scope demo user. Absolute milliseconds
depend on the machine and on what else it is doing, so each figure is also
given as a ratio to GET /healthz timed in the same process, interleaved with
the others; the ratios are what can be compared between runs and machines.

Settings bind the database path at import, so each size runs in its own child
process with its own SQLite file under bench/data/ (kept, so re-runs only
migrate and re-check the demo data instead of loading it again).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from report import machine_facts, render, results_table
from run_constants import (
    BASELINE,
    BATCH_SIZE,
    BATCHES,
    BENCH_USER,
    DEFAULT_SIZES,
    NAME_QUERIES,
    WARMUP,
)

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_PATH = BENCH_DIR / "RESULTS.md"


def log(message: str) -> None:
    """Progress goes to stderr so that stdout stays clean JSON in child processes."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- one size, in this process ---------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    kind: str  # "get", "form" (POST form data) or "json" (POST JSON body)
    path: str
    group: str  # "baseline", "facilities" or "search"
    query: str = ""  # what a search endpoint looks for


@dataclass
class Measurement:
    key: str
    label: str
    group: str
    median_ms: float
    q1_ms: float
    q3_ms: float
    queries: int
    slowest_query_ms: float
    slowest_query: str
    rows: int | None = None
    matches: int | None = None
    search_query_ms: float | None = None
    plan: list[str] = field(default_factory=list)


def database_path(size: int) -> Path:
    return DATA_DIR / f"people-{size}.sqlite3"


def configure_environment(size: int) -> None:
    """Point the settings at this size's database before Django is imported."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Always a local SQLite file under bench/data/, never a configured server.
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "qorgau.settings",
            "QORGAU_VAR_DIR": str(DATA_DIR / "var"),
            "QORGAU_SQLITE_PATH": str(database_path(size)),
            "QORGAU_2FA_WAIVED": "1",
            "QORGAU_INSECURE_HTTP": "1",
            "QORGAU_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "QORGAU_LOG_LEVEL": "WARNING",
        }
    )
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))


def prepare_database(size: int) -> dict[str, Any]:
    """Migrate and load the demo data; the loader skips people already present."""
    from django.core.management import call_command

    from qorgau.demo.load import load
    from qorgau.people.models import Person, Placement

    path = database_path(size)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reused = Person.objects.exists()
    load(people=size, progress=log)
    seconds = time.perf_counter() - started
    people = Person.objects.count()
    if people != size:
        raise SystemExit(
            f"{path.relative_to(REPO_DIR)} holds {people} people, expected {size}: "
            "run again with --fresh"
        )
    return {
        "reused": reused,
        "prepare_seconds": round(seconds, 1),
        "people": people,
        "placements": Placement.objects.count(),
    }


def remove_database(size: int) -> None:
    path = database_path(size)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def endpoints(iin: str) -> list[Endpoint]:
    eps = [
        Endpoint(BASELINE, "GET /healthz (baseline)", "get", "/healthz", "baseline"),
        Endpoint("facilities_html", "GET /facilities/", "get", "/facilities/", "facilities"),
        Endpoint(
            "facilities_api",
            "GET /api/v1/facilities/?limit=100",
            "get",
            "/api/v1/facilities/?limit=100",
            "facilities",
        ),
    ]
    # The IIN is demo data, but the label stays generic so no identifier lands in the report.
    searches = [(q, q, f'"{q}"') for q in NAME_QUERIES] + [("iin", iin, "IIN")]
    for key, q, shown in searches:
        label = f"POST /people/ q={shown}"
        eps.append(Endpoint(f"people_html:{key}", label, "form", "/people/", "search", q))
    for key, q, shown in searches:
        label = f"POST /api/v1/people/search {shown}"
        eps.append(
            Endpoint(f"people_api:{key}", label, "json", "/api/v1/people/search", "search", q)
        )
    return eps


def send(client: Any, ep: Endpoint) -> Any:
    if ep.kind == "get":
        return client.get(ep.path)
    if ep.kind == "form":
        return client.post(ep.path, {"q": ep.query})
    body = json.dumps({"query": ep.query})
    return client.post(ep.path, body, content_type="application/json")


def check(response: Any, ep: Endpoint) -> None:
    """Anything but 200 means the page is not what we think we are timing: stop."""
    if response.status_code != 200:
        where = response.get("Location", "")
        body = response.content[:300].decode(errors="replace")
        raise SystemExit(f"{ep.label}: HTTP {response.status_code} {where}\n{body}")


def timed_batch(client: Any, ep: Endpoint, n: int) -> list[float]:
    """Seconds for each of `n` back-to-back requests."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = send(client, ep)
        times.append(time.perf_counter() - started)
        check(response, ep)
    return times


def result_rows(response: Any, ep: Endpoint) -> int | None:
    """How many records the API returned, to show the searches really find people."""
    if not ep.path.startswith("/api/"):
        return None
    data = response.json()
    return len(data["items"]) if isinstance(data, dict) else len(data)


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cur.fetchall()]


def sql_ms(sql: str, repeat: int = 3) -> float:
    """Database time of one read on its own, best of `repeat`.

    The captured timings are rounded to whole milliseconds, too coarse to
    compare, so reads are re-run; writes are never replayed.
    """
    from django.db import connection

    runs = []
    with connection.cursor() as cur:
        for _ in range(repeat):
            started = time.perf_counter()
            cur.execute(sql)
            cur.fetchall()
            runs.append(time.perf_counter() - started)
    return min(runs) * 1000


def slowest_select(sqls: Sequence[str]) -> tuple[float, str]:
    reads = [sql for sql in sqls if sql.lstrip().upper().startswith("SELECT")]
    return max(((sql_ms(sql), sql) for sql in reads), default=(0.0, ""))


def matches(sql: str) -> int:
    """Rows the search query matches before its LIMIT: the work the database may have to do.

    Counted on the application's own captured query, so it follows any change
    to how the search is written.
    """
    from django.db import connection

    unlimited = re.sub(r"\s+LIMIT\s+\d+(\s+OFFSET\s+\d+)?\s*$", "", sql)
    with connection.cursor() as cur:
        # The application's own query, captured a moment ago: no outside input.
        cur.execute(f"SELECT COUNT(*) FROM ({unlimited})")  # noqa: S608
        return cur.fetchone()[0]


def profile(client: Any, ep: Endpoint) -> dict[str, Any]:
    """One untimed request with SQL captured: query count, slowest read, search plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = send(client, ep)
    check(response, ep)
    sqls = [q["sql"] for q in ctx.captured_queries]
    slowest_ms, slowest_sql = slowest_select(sqls)
    person_sql = next((sql for sql in sqls if 'FROM "people_person"' in sql), "")
    return {
        "queries": len(sqls),
        "slowest_query_ms": round(slowest_ms, 3),
        "slowest_query": slowest_sql,
        "rows": result_rows(response, ep),
        "matches": matches(person_sql) if person_sql else None,
        # The plan shows whether SQLite reaches the matches by an index range or a scan.
        "plan": explain(person_sql) if person_sql else [],
        "search_query_ms": round(sql_ms(person_sql), 3) if person_sql else None,
    }


def measure(client: Any, eps: Sequence[Endpoint]) -> list[Measurement]:
    for ep in eps:
        for _ in range(WARMUP):
            check(send(client, ep), ep)
    times: dict[str, list[float]] = {ep.key: [] for ep in eps}
    for b in range(BATCHES):
        # Interleave endpoints and rotate their order, so a slow spell on the
        # machine hits the baseline and the pages alike instead of one row.
        shift = b % len(eps)
        for ep in [*eps[shift:], *eps[:shift]]:
            times[ep.key] += timed_batch(client, ep, BATCH_SIZE)
        log(f"batch {b + 1}/{BATCHES} done")
    out = []
    for ep in eps:
        # The median of single requests shrugs off the odd request that met a
        # garbage collection or another process, which a batch mean would absorb.
        q1, median, q3 = statistics.quantiles([t * 1000 for t in times[ep.key]], n=4)
        out.append(
            Measurement(
                key=ep.key,
                label=ep.label,
                group=ep.group,
                median_ms=round(median, 3),
                q1_ms=round(q1, 3),
                q3_ms=round(q3, 3),
                **profile(client, ep),
            )
        )
    return out


def run_size(size: int, *, fresh: bool) -> dict[str, Any]:
    configure_environment(size)
    if fresh:
        remove_database(size)
    import django

    django.setup()
    from django.test import Client

    from qorgau.accounts.models import User
    from qorgau.people.models import Person

    log(f"{size:,} people: preparing {database_path(size).relative_to(REPO_DIR)}")
    prepared = prepare_database(size)
    log(f"{size:,} people: ready in {prepared['prepare_seconds']} s, measuring")
    client = Client()
    client.force_login(User.objects.get(username=BENCH_USER))
    iin = Person.objects.exclude(iin=None).order_by("pk").values_list("iin", flat=True).first()
    # Other processes on the machine are the main source of noise: record how busy it was.
    load_before = os.getloadavg()[0]
    results = measure(client, endpoints(iin))
    return {
        "size": size,
        **prepared,
        "loadavg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "db_mb": round(database_path(size).stat().st_size / 2**20, 1),
        "endpoints": [asdict(m) for m in results],
    }


# --- all sizes, one child process each ----------------------------------------------


def run_child(size: int, *, fresh: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--size", str(size), "--json"]
    if fresh:
        cmd.append("--fresh")
    started = time.perf_counter()
    # Our own interpreter and script, no shell: nothing untrusted reaches the command.
    proc = subprocess.run(cmd, cwd=REPO_DIR, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        raise SystemExit(f"benchmark for {size:,} people failed (exit {proc.returncode})")
    log(f"{size:,} people: done in {time.perf_counter() - started:.0f} s")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def shown(path: Path) -> str:
    """A path as the user would type it from the repository root."""
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(s) for s in text.replace(" ", ",").split(",") if s})
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give people counts such as 3700,37000")
    return sizes


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated people counts (default: 3700,37000,370000)",
    )
    parser.add_argument("--size", type=int, help="run one size in this process")
    parser.add_argument("--json", action="store_true", help="with --size: print JSON only")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="delete the size's database under bench/data/ and load it again",
    )
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, help="report to write")
    args = parser.parse_args(argv)

    if args.size is not None:
        result = run_size(args.size, fresh=args.fresh)
        print(json.dumps(result, ensure_ascii=False) if args.json else results_table([result]))
        return

    runs = [run_child(size, fresh=args.fresh) for size in args.sizes]
    # The raw figures (every quartile, every captured query) stay next to the databases.
    (DATA_DIR / "results.json").write_text(json.dumps(runs, ensure_ascii=False, indent=1))
    report = render(runs, machine_facts())
    args.output.write_text(report, encoding="utf-8")
    print(results_table(runs))
    log(f"wrote {shown(args.output)}")


if __name__ == "__main__":
    main()
