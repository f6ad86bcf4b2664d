"""Server time of the video-surveillance oversight pages, relative to a minimal view.

Usage (from the repository root):

    .venv/bin/python bench/surveillance_pages.py                  # 4,000, 40,000, 400,000 cameras
    .venv/bin/python bench/surveillance_pages.py --sizes 4000     # one size, writes the report
    .venv/bin/python bench/surveillance_pages.py --size 4000 --json   # one size in-process, JSON
    .venv/bin/python bench/surveillance_pages.py --fresh          # load the databases again

Each size runs in its own child process with its own SQLite file,
bench/data/surveillance-<cameras>.sqlite3, holding the demo's places and users and
`qorgau.demo.surveillance.load_surveillance(cameras=<size>)`: the cameras of the 78
penitentiary institutions, a year of their outages, incidents and alerts, and the
daily rollups. Requests go through the whole middleware stack with Django's test
client, logged in as the demo's national Ombudsman user; each page's p50 and p95 are
also given as ratios to GET /healthz timed in the same process, interleaved with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from report import machine_facts, markdown_table

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_PATH = BENCH_DIR / "RESULTS-surveillance.md"

SIZES = (4_000, 40_000, 400_000)
WARMUP = 3
BATCHES = 7
BATCH_SIZE = 10  # 70 timed requests per page and size
BASELINE = "healthz"
BENCH_USER = "ombudsman"  # national scope: every figure covers all 78 institutions
TARGET_MS = 200  # p95 of the coverage and uptime pages at 40,000 cameras (issue 5)
TARGET_SIZE = 40_000


def log(message: str) -> None:
    """Progress to stderr, so that a child's stdout stays one line of JSON."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    target: bool = False  # a coverage or uptime page as it opens: the 200 ms target


@dataclass
class Measurement:
    key: str
    label: str
    target: bool
    p50_ms: float
    p95_ms: float
    queries: int
    slowest_query_ms: float
    slowest_query: str


def database_path(size: int) -> Path:
    return DATA_DIR / f"surveillance-{size}.sqlite3"


def configure_environment(size: int) -> None:
    """Point the settings at this size's database before Django is imported."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)  # always a local SQLite file, never a server
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
    """Migrate, then load places, users and the cameras with their year, unless loaded."""
    import random

    from django.core.management import call_command

    from qorgau.demo.load import SEED, load_users
    from qorgau.demo.places import load_facilities, load_regions
    from qorgau.demo.surveillance import load_surveillance
    from qorgau.surveillance.models import Camera, Outage, ZoneUptimeDaily

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    reused = Camera.objects.exists()
    regions = load_regions()
    load_users(load_facilities(random.Random(SEED), regions), regions)
    load_surveillance(random.Random(SEED + 9), cameras=size)
    cameras = Camera.objects.count()
    if cameras != size:
        raise SystemExit(f"{database_path(size)} holds {cameras} cameras: run with --fresh")
    return {
        "reused": reused,
        "prepare_seconds": round(time.perf_counter() - started, 1),
        "cameras": cameras,
        "outages": Outage.objects.count(),
        "zone_rollups": ZoneUptimeDaily.objects.count(),
    }


def remove_database(size: int) -> None:
    path = database_path(size)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def pages() -> list[Page]:
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from qorgau.facilities.models import Facility

    # The place with most cameras: the heaviest facility page and zone table.
    largest = Facility.objects.annotate(n=Count("cameras")).order_by("-n").first()
    year = (timezone.localdate() - timedelta(days=365)).isoformat()
    return [
        Page(BASELINE, "GET /healthz (baseline)", "/healthz"),
        Page("coverage", "GET /surveillance/coverage/", "/surveillance/coverage/", True),
        Page("uptime", "GET /surveillance/uptime/ (30 days)", "/surveillance/uptime/", True),
        # A year chosen instead of the default 30 days: shown, but not the page as it opens.
        Page(
            "uptime_year",
            "GET /surveillance/uptime/ (a year)",
            f"/surveillance/uptime/?start={year}",
        ),
        Page(
            "uptime_place",
            "GET /surveillance/uptime/<largest place>/ (30 days)",
            f"/surveillance/uptime/{largest.uuid}/",
            True,
        ),
        Page(
            "facility",
            "GET /facilities/<largest place>/ (coverage panel)",
            largest.get_absolute_url(),
        ),
        Page("outages", "GET /surveillance/outages/ (30 days)", "/surveillance/outages/"),
        Page("damage", "GET /surveillance/damage/ (12 months)", "/surveillance/damage/"),
    ]


def get(client: Any, page: Page) -> Any:
    """One request; anything but 200 means we would time the wrong thing: stop."""
    response = client.get(page.path)
    if response.status_code != 200:
        body = response.content[:300].decode(errors="replace")
        raise SystemExit(f"{page.label}: HTTP {response.status_code}\n{body}")
    return response


def timed_batch(client: Any, page: Page, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        get(client, page)
        times.append((time.perf_counter() - started) * 1000)
    return times


def slowest_select(sqls: Sequence[str]) -> tuple[float, str]:
    """The slowest read of a request re-run on its own (captured timings are too coarse)."""
    from django.db import connection

    best = (0.0, "")
    with connection.cursor() as cursor:
        for sql in sqls:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                runs.append((time.perf_counter() - started) * 1000)
            best = max(best, (min(runs), sql))
    return best


def profile(client: Any, page: Page) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        get(client, page)
    sqls = [q["sql"] for q in ctx.captured_queries]
    ms, sql = slowest_select(sqls)
    return {"queries": len(sqls), "slowest_query_ms": round(ms, 2), "slowest_query": sql}


def measure(client: Any, targets: Sequence[Page]) -> list[Measurement]:
    for page in targets:
        for _ in range(WARMUP):
            get(client, page)
    times: dict[str, list[float]] = {p.key: [] for p in targets}
    for b in range(BATCHES):
        # Pages take turns in a rotating order, so a busy spell hits the baseline too.
        shift = b % len(targets)
        for page in [*targets[shift:], *targets[:shift]]:
            times[page.key] += timed_batch(client, page, BATCH_SIZE)
        log(f"batch {b + 1}/{BATCHES} done")
    out = []
    for page in targets:
        cuts = statistics.quantiles(times[page.key], n=20, method="inclusive")
        out.append(
            Measurement(
                page.key,
                page.label,
                page.target,
                round(statistics.median(times[page.key]), 2),
                round(cuts[18], 2),  # the 95th percentile
                **profile(client, page),
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

    log(f"{size:,} cameras: preparing {database_path(size).relative_to(REPO_DIR)}")
    prepared = prepare_database(size)
    log(f"{size:,} cameras: ready in {prepared['prepare_seconds']} s, measuring")
    client = Client()
    client.force_login(User.objects.get(username=BENCH_USER))
    load_before = os.getloadavg()[0]
    results = measure(client, pages())
    return {
        "size": size,
        **prepared,
        "loadavg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "db_mb": round(database_path(size).stat().st_size / 2**20, 1),
        "pages": [asdict(m) for m in results],
    }


# --- the report ---------------------------------------------------------------------


def _by_key(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["key"]: p for p in run["pages"]}


def results_table(runs: list[dict[str, Any]]) -> str:
    """p50 and p95 in ms and as ratios to the baseline's, per size, and their growth."""
    sizes = [r["size"] for r in runs]
    header = ["Page"]
    for s in sizes:
        header += [f"{s:,}: p50 ms", "p95 ms", "p50 × base", "p95 × base"]
    if len(sizes) > 1:
        header += [f"growth p50 ({sizes[-1]:,} ÷ {sizes[0]:,})", "growth p95"]
    rows = []
    for page in runs[0]["pages"]:
        row = [page["label"] + (" †" if page["target"] else "")]
        ratios = []
        for run in runs:
            p, base = _by_key(run)[page["key"]], _by_key(run)[BASELINE]
            r50, r95 = p["p50_ms"] / base["p50_ms"], p["p95_ms"] / base["p95_ms"]
            ratios.append((r50, r95))
            row += [f"{p['p50_ms']:.1f}", f"{p['p95_ms']:.1f}", f"{r50:.1f}", f"{r95:.1f}"]
        if len(sizes) > 1:
            row += [f"{ratios[-1][0] / ratios[0][0]:.2f}×", f"{ratios[-1][1] / ratios[0][1]:.2f}×"]
        rows.append(row)
    return markdown_table(header, rows)


def detail_table(runs: list[dict[str, Any]]) -> str:
    header = ["Page", *(f"{r['size']:,}: queries / slowest read ms" for r in runs)]
    rows = [
        [
            page["label"],
            *(
                f"{_by_key(r)[page['key']]['queries']} / "
                f"{_by_key(r)[page['key']]['slowest_query_ms']:.1f}"
                for r in runs
            ),
        ]
        for page in runs[0]["pages"]
    ]
    return markdown_table(header, rows)


def verdict(runs: list[dict[str, Any]]) -> str:
    run = next((r for r in runs if r["size"] == TARGET_SIZE), None)
    if run is None:
        return f"The target size ({TARGET_SIZE:,} cameras) was not measured in this run."
    worst = max((p for p in run["pages"] if p["target"]), key=lambda p: p["p95_ms"])
    met = "met" if worst["p95_ms"] < TARGET_MS else "NOT met"
    return (
        f"Target ({TARGET_MS} ms at p95, coverage and uptime pages, {TARGET_SIZE:,} cameras): "
        f"**{met}**; the slowest of them, {worst['label']}, took {worst['p95_ms']:.1f} ms at p95."
    )


def render(runs: list[dict[str, Any]], facts: dict[str, str]) -> str:
    data = [
        f"| {r['size']:,} | {r['outages']:,} | {r['zone_rollups']:,} | {r['db_mb']} | "
        f"{r['prepare_seconds']} | {r['loadavg'][0]} → {r['loadavg'][1]} |"
        for r in runs
    ]
    return "\n".join(
        [
            "# Benchmark results: video-surveillance oversight pages",
            "",
            "Server time of the coverage, uptime, outage and damage pages with a year of",
            "outages, as p50 and p95 of 70 requests each (7 batches of 10, pages interleaved),",
            "and as ratios to `GET /healthz` timed in the same run. Logged in as the demo's",
            "national Ombudsman user. Pages marked † carry the issue's target. Generated by",
            "`bench/surveillance_pages.py`; see `bench/README.md`.",
            "",
            f"- Date: {facts['date']}",
            f"- Python {facts['python']}, Django {facts['django']}, SQLite {facts['sqlite']}",
            f"- nproc: {facts['nproc']} ({facts['platform']})",
            "",
            verdict(runs),
            "",
            "## Time per request and ratio to the baseline",
            "",
            results_table(runs),
            "",
            "## Queries per request and the slowest read on its own",
            "",
            detail_table(runs),
            "",
            "## Data",
            "",
            "| cameras | outages in the year | zone rollups | database MB | prepare s | load avg |",
            "| ---: | ---: | ---: | ---: | ---: | --- |",
            *data,
            "",
        ]
    )


# --- all sizes, one child process each ----------------------------------------------


def run_child(size: int, *, fresh: bool) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--size", str(size), "--json"]
    if fresh:
        cmd.append("--fresh")
    started = time.perf_counter()
    # Our own interpreter and script, no shell: nothing untrusted reaches the command.
    proc = subprocess.run(cmd, cwd=REPO_DIR, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        raise SystemExit(f"benchmark for {size:,} cameras failed (exit {proc.returncode})")
    log(f"{size:,} cameras: done in {time.perf_counter() - started:.0f} s")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(s) for s in text.replace(" ", ",").split(",") if s})
    if not sizes or min(sizes) < 100:
        raise argparse.ArgumentTypeError("give camera counts such as 4000,40000")
    return sizes


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(SIZES))
    parser.add_argument("--size", type=int, help="run one size in this process")
    parser.add_argument("--json", action="store_true", help="with --size: print JSON only")
    parser.add_argument("--fresh", action="store_true", help="load the databases again")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, help="report to write")
    args = parser.parse_args(argv)
    if args.size is not None:
        result = run_size(args.size, fresh=args.fresh)
        print(json.dumps(result, ensure_ascii=False) if args.json else results_table([result]))
        return
    runs = [run_child(size, fresh=args.fresh) for size in args.sizes]
    (DATA_DIR / "surveillance-results.json").write_text(json.dumps(runs, indent=1))
    args.output.write_text(render(runs, machine_facts()), encoding="utf-8")
    print(results_table(runs))
    log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
