"""The Markdown report of bench/run.py: tables of ratios and a reading of them."""

from __future__ import annotations

import os
import platform
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from run_constants import BASELINE, BATCH_SIZE, BATCHES, BENCH_USER, WARMUP


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
