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
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_PATH = BENCH_DIR / "RESULTS.md"

DEFAULT_SIZES = (3_700, 37_000, 370_000)
WARMUP = 5
BATCHES = 7
BATCH_SIZE = 20
BASELINE = "healthz"
# Surname prefixes as staff type them: a common Kazakh stem, a full Russian
# surname (also matches the feminine form), and a Latin-script name.
NAME_QUERIES = ("ахм", "иванов", "kim")
BENCH_USER = "ombudsman"  # national scope: every search runs over the whole register


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


def machine_facts() -> dict[str, str]:
    import django

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "nproc": str(len(os.sched_getaffinity(0))),
        "platform": f"{platform.system()} {platform.machine()}",
    }


# --- the report -----------------------------------------------------------------------


def ratio_table(runs: list[dict[str, Any]]) -> dict[str, dict[int, tuple[float, float]]]:
    """endpoint key -> size -> (median ms, ratio to the same run's baseline)."""
    table: dict[str, dict[int, tuple[float, float]]] = {}
    for run in runs:
        eps = {e["key"]: e for e in run["endpoints"]}
        base = eps[BASELINE]["median_ms"]
        for key, e in eps.items():
            table.setdefault(key, {})[run["size"]] = (e["median_ms"], e["median_ms"] / base)
    return table


def growth(by_size: dict[int, tuple[float, float]]) -> float | None:
    sizes = sorted(by_size)
    if len(sizes) < 2:
        return None
    return by_size[sizes[-1]][1] / by_size[sizes[0]][1]


def markdown_table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def results_table(runs: list[dict[str, Any]]) -> str:
    sizes = [r["size"] for r in runs]
    table = ratio_table(runs)
    header = ["Endpoint"]
    for s in sizes:
        header += [f"{s:,}: ms", f"{s:,}: × base"]
    if len(sizes) > 1:
        header.append(f"growth ({sizes[-1]:,} ÷ {sizes[0]:,})")
    rows = []
    for e in runs[0]["endpoints"]:
        row = [e["label"]]
        for s in sizes:
            ms, ratio = table[e["key"]][s]
            row += [f"{ms:.2f}", f"{ratio:.2f}"]
        if (g := growth(table[e["key"]])) is not None:
            row.append(f"{g:.2f}×")
        rows.append(row)
    return markdown_table(header, rows)


def detail_table(runs: list[dict[str, Any]]) -> str:
    """SQL per request, the slowest read on its own, and how many people each search matches."""
    sizes = [r["size"] for r in runs]
    per_size = {r["size"]: {e["key"]: e for e in r["endpoints"]} for r in runs}
    header = [
        "Endpoint",
        "SQL queries",
        *[f"{s:,}: slowest read ms" for s in sizes],
        *[f"{s:,}: matching people" for s in sizes],
    ]
    rows = []
    for e in runs[0]["endpoints"]:
        at = [per_size[s][e["key"]] for s in sizes]
        counts = sorted({m["queries"] for m in at})
        rows.append(
            [
                e["label"],
                "/".join(map(str, counts)),
                *[f"{m['slowest_query_ms']:.2f}" for m in at],
                *["—" if m["matches"] is None else f"{m['matches']:,}" for m in at],
            ]
        )
    return markdown_table(header, rows)


def data_table(runs: list[dict[str, Any]]) -> str:
    header = ["People", "Placement events", "Database", "Prepared", "Load average"]
    rows = [
        [
            f"{r['size']:,}",
            f"{r['placements']:,}",
            f"{r['db_mb']:.0f} MB",
            f"{r['prepare_seconds']:.0f} s ({'reused file' if r['reused'] else 'loaded'})",
            " → ".join(f"{x:.2f}" for x in r["loadavg"]),
        ]
        for r in runs
    ]
    return markdown_table(header, rows, numeric_from=0)


def plans(runs: list[dict[str, Any]]) -> str:
    """Query plans of the person lookups at the largest size, deduplicated."""
    run = runs[-1]
    seen: dict[tuple[str, ...], list[str]] = {}
    for e in run["endpoints"]:
        if e["plan"] and e["key"].startswith("people_api:"):
            seen.setdefault(tuple(e["plan"]), []).append(e["label"].split(" ", 2)[-1])
    blocks = []
    for plan, labels in seen.items():
        blocks.append(f"Query {', '.join(labels)}:\n\n```\n" + "\n".join(plan) + "\n```")
    return "\n\n".join(blocks)


def span(values: Sequence[float], fmt: str = ".1f") -> str:
    lo, hi = f"{min(values):{fmt}}", f"{max(values):{fmt}}"
    return lo if lo == hi else f"{lo}–{hi}"


def flat(growths: Sequence[float]) -> bool:
    # Repeated runs on a busy two-core machine gave growths of 0.6–1.3× for rows
    # that read no people at all, so only beyond 1.5× is there something to see.
    return max(growths) < 1.5


def trend(growths: Sequence[float]) -> str:
    if flat(growths):
        return f"growth {span(growths, '.2f')}×, no growth beyond the run-to-run noise"
    return f"growth {span(growths, '.2f')}×, slower relative to the baseline as the register grows"


def interpretation(runs: list[dict[str, Any]]) -> str:
    """A plain reading of the numbers, generated so that it always matches the table."""
    base_ms = [ratio_table([r])[BASELINE][r["size"]][0] for r in runs]
    parts = [
        f"The baseline (`/healthz` through the full middleware stack, logged in) took "
        f"{span(base_ms, '.2f')} ms per request; every other row is read as a multiple of it.",
        facilities_reading(runs),
        search_reading(runs),
    ]
    return "\n\n".join(p for p in parts if p)


def group_span(runs: list[dict[str, Any]], keys: Sequence[str]) -> tuple[str, str, list[float]]:
    """Ratio span at the smallest and largest size, and each row's growth."""
    table = ratio_table(runs)
    first, last = runs[0]["size"], runs[-1]["size"]
    growths = [g for k in keys if (g := growth(table[k])) is not None]
    return (
        span([table[k][first][1] for k in keys]),
        span([table[k][last][1] for k in keys]),
        growths,
    )


def facilities_reading(runs: list[dict[str, Any]]) -> str:
    keys = [e["key"] for e in runs[0]["endpoints"] if e["group"] == "facilities"]
    at_first, at_last, growths = group_span(runs, keys)
    first = runs[0]["size"]
    text = f"The facility list (page and API) costs {at_first}× the baseline at {first:,} people"
    if not growths:
        return text + "."
    text += f" and {at_last}× at {runs[-1]['size']:,}: {trend(growths)}."
    if flat(growths):
        return text + (
            " As expected: it reads the 192 places and one latest monthly count per place, "
            "nothing that grows with the register of people."
        )
    return text + " It reads no people, so see the slowest read in the details below."


def search_reading(runs: list[dict[str, Any]]) -> str:
    eps = runs[-1]["endpoints"]
    names = [e for e in eps if e["group"] == "search" and not e["key"].endswith(":iin")]
    iins = [e for e in eps if e["key"].endswith(":iin")]
    first, last = runs[0]["size"], runs[-1]["size"]
    at_first, at_last, growths = group_span(runs, [e["key"] for e in names])
    iin_keys = [e["key"] for e in iins]
    _iin_first, iin_last, iin_growths = group_span(runs, iin_keys)
    if not growths:
        return f"The person search costs {at_first}× the baseline by name, {iin_last}× by IIN."
    iin_ms = [e["search_query_ms"] for r in runs for e in r["endpoints"] if e["key"] in iin_keys]
    iin_plan = " ".join(line for e in iins for line in e["plan"])
    iin_how = "one probe of the unique IIN index" if "(iin=?)" in iin_plan else "plan below"
    text = (
        f"The IIN lookup costs {iin_last}× the baseline at {last:,} people, "
        f"{trend(iin_growths)}; its query ({iin_how}) takes {span(iin_ms, '.2f')} ms at every "
        "size. "
        f"The name searches cost {at_first}× at {first:,} and {at_last}× at {last:,} people: "
        f"{trend(growths)}."
    )
    return text + " " + name_plan_reading(runs, [e["key"] for e in names], flat(growths))


def name_plan_reading(runs: list[dict[str, Any]], keys: Sequence[str], is_flat: bool) -> str:
    """How SQLite answers the name searches, and what that costs at each end of the range."""
    first, last = runs[0], runs[-1]
    plan = next((e["plan"] for e in last["endpoints"] if e["key"] in keys and e["plan"]), [])

    def at(run: dict[str, Any], field: str, fmt: str) -> str:
        return span([e[field] for e in run["endpoints"] if e["key"] in keys], fmt)

    def total(run: dict[str, Any], field: str) -> float:
        return max(sum(e[field] for e in run["endpoints"] if e["key"] in keys), 1e-9)

    if any(line.startswith("SCAN") and "people_person" in line for line in plan):
        how = "The plan below walks the whole person table (or a whole index) for them."
    elif any("TEMP B-TREE" in line for line in plan):
        how = (
            "The plan below has no scan of the table: SQLite reaches the matches by index "
            "range scans, but the ORDER BY makes it fetch and sort every match in a temporary "
            "B-tree before `LIMIT 50`."
        )
    else:
        how = (
            "The plan below reads one name index (by the script of the query) in its own "
            "order, with no sort, so SQLite can stop at the 50th match."
        )
    more = total(last, "matches") / total(first, "matches")
    slower = total(last, "search_query_ms") / total(first, "search_query_ms")
    text = (
        f"{how} The prefixes match {at(first, 'matches', ',.0f')} people at "
        f"{first['size']:,} and {at(last, 'matches', ',.0f')} at {last['size']:,}; the search "
        f"query alone takes {at(first, 'search_query_ms', '.1f')} ms at {first['size']:,} and "
        f"{at(last, 'search_query_ms', '.1f')} ms at {last['size']:,} "
        f"({slower:.1f}× for {more:.0f}× more matches)."
    )
    if is_flat:
        return text + " A name search costs about the same whatever the size of the register."
    return text + (
        " The cost of a name search follows the number of people who share the prefix, "
        "which grows with the register, not the 50 rows shown."
    )


def render(runs: list[dict[str, Any]], facts: dict[str, str]) -> str:
    sizes = ", ".join(f"{r['size']:,}" for r in runs)
    return f"""# Benchmark results

Server time of the facility list and of the person search with the full demo
data at {sizes} people, each as a ratio to a minimal Django view
(`GET /healthz`) measured in the same run. Requests go through the whole
middleware stack with Django's test client, logged in as `{BENCH_USER}`
(national scope). Each figure is the median of {BATCHES * BATCH_SIZE} requests ({BATCHES} batches
of {BATCH_SIZE}, the endpoints interleaved batch by batch) after {WARMUP} warm-up requests.
Generated by `bench/run.py`; see `bench/README.md`.

- Date: {facts["date"]}
- Python {facts["python"]}, Django {facts["django"]}, SQLite {facts["sqlite"]}
- nproc: {facts["nproc"]} ({facts["platform"]})

## Time per request and ratio to the baseline

{results_table(runs)}

"× base" is the endpoint's median divided by the `/healthz` median of the same
size's run; "growth" divides the ratio at the largest size by the ratio at the
smallest, so 1.00× means the page did not get slower relative to the baseline
as the register grew.

## Interpretation

{interpretation(runs)}

## Details

Demo data per size, and the machine's one-minute load average before and
after the measurements (above the number of cores, other processes competed
for the CPU and the figures are noisier):

{data_table(runs)}

SQL per request, from one more request per endpoint with the queries captured.
"Slowest read" is that request's slowest SELECT re-run on its own (best of 3,
absolute ms); "matching people" is how many people the search matches before
the limit of 50:

{detail_table(runs)}

Query plans of the person search at {runs[-1]["size"]:,} people:

{plans(runs)}
"""


# --- command line ---------------------------------------------------------------------------


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
