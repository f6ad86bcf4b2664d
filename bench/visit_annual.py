"""Time to build the NPM's annual consolidated report with a full year of national data.

Usage (from the repository root):

    .venv/bin/python bench/visit_annual.py            # measure, print the table, JSON to a file
    .venv/bin/python bench/visit_annual.py --fresh    # load the database again first
    .venv/bin/python bench/visit_annual.py --runs 3   # fewer repetitions

The database is its own SQLite file, bench/data/visit-annual.sqlite3: migrated, then the
demo's places, users and `qorgau.demo.visits.load_visits(national=True)`: about 460 visits
to the places of a register of about 475, 60 participants, over 3,000 recommendations with
their history, reports, reimbursements and the budget. The report is built as the national
coordinator of the demo ("npm.coordinator") would get it, in Russian:

- data: `annual_report()`, every figure counted from the database, with its SVG charts;
- html: the printable HTML rendered from those figures;
- pdf: the whole PDF download (data + HTML + WeasyPrint);
- docx: the whole DOCX download (data + python-docx);

against the baseline measured in the same run: WeasyPrint rendering the same final HTML
alone. After a warm-up, every step runs once per round, `--runs` rounds, in an order that
rotates from round to round; the figures are medians of wall-clock and of CPU time (the
machine may be shared: CPU time does not count the other processes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
DB_PATH = DATA_DIR / "visit-annual.sqlite3"
RESULTS_JSON = DATA_DIR / "visit-annual.json"
USER = "npm.coordinator"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def configure_environment() -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)  # always a local SQLite file, never a server
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "qorgau.settings",
            "QORGAU_VAR_DIR": str(DATA_DIR / "var"),
            "QORGAU_SQLITE_PATH": str(DB_PATH),
            "QORGAU_LOG_LEVEL": "WARNING",
        }
    )
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))


def prepare() -> dict[str, Any]:
    """Migrate, then load places, users and the year of visits unless already loaded."""
    import random

    from django.core.management import call_command

    from qorgau.demo.load import SEED, load_users
    from qorgau.demo.places import load_facilities, load_regions
    from qorgau.demo.visits import load_visits

    call_command("migrate", verbosity=0)
    regions = load_regions()
    load_users(load_facilities(random.Random(SEED), regions), regions)
    wall, cpu, counts = timed(lambda: load_visits(random.Random(SEED + 10), national=True))
    return {
        "load_visits_seconds": {"wall": round(wall / 1000, 1), "cpu": round(cpu / 1000, 1)},
        "loaded": counts or "already loaded",
    }


def timed(fn) -> tuple[float, float, Any]:
    """Wall and CPU milliseconds of one call (CPU time does not count other processes)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def measure(runs: int) -> dict[str, Any]:
    from io import BytesIO

    from django.utils import translation
    from pypdf import PdfReader

    from qorgau.accounts.models import User
    from qorgau.demo.visits import YEAR
    from qorgau.visits.funding import documents
    from qorgau.visits.funding.annual import annual_report

    user = User.objects.get(username=USER)
    out: dict[str, Any] = {"year": YEAR, "runs": runs}
    with translation.override("ru"):
        report = annual_report(user=user, year=YEAR)
        html = documents.annual_html(report)
        out["figures"] = {
            "visits": report.visits,
            "places_visited": report.places_visited,
            "places_in_register": report.places_in_scope,
            "participants": report.participants,
            "recommendations": report.recommendations,
            "implemented_percent": float(report.implemented_percent or 0),
            "findings": report.findings,
            "html_kb": round(len(html.encode()) / 1024),
        }
        steps = {
            "baseline": lambda: documents.html_to_pdf(html),
            "data": lambda: annual_report(user=user, year=YEAR),
            "html": lambda: documents.annual_html(report),
            "pdf": lambda: documents.annual_pdf(annual_report(user=user, year=YEAR)),
            "docx": lambda: documents.annual_docx(annual_report(user=user, year=YEAR)),
        }
        for key in ("baseline", "pdf"):  # warm-up: templates compiled, fonts found
            out[f"{key}_pages"] = len(PdfReader(BytesIO(steps[key]())).pages)
        wall: dict[str, list[float]] = {k: [] for k in steps}
        cpu: dict[str, list[float]] = {k: [] for k in steps}
        keys = list(steps)
        for n in range(runs):
            # Every step once per round, the order rotated, so a slow spell hits all alike.
            for key in keys[n % len(keys) :] + keys[: n % len(keys)]:
                w, c, _result = timed(steps[key])
                wall[key].append(w)
                cpu[key].append(c)
            log(f"round {n + 1}/{runs}: pdf {wall['pdf'][-1]:.0f} ms")
    for name, series in (("wall_ms", wall), ("cpu_ms", cpu)):
        med = {k: statistics.median(v) for k, v in series.items()}
        out[name] = {k: round(v, 1) for k, v in med.items()}
        out[name.replace("ms", "ratio")] = {
            k: round(v / med["baseline"], 2) for k, v in med.items()
        }
    return out


def table(result: dict[str, Any]) -> str:
    labels = {
        "baseline": "WeasyPrint alone on the final HTML (baseline)",
        "data": "Figures and charts from the database",
        "html": "Printable HTML from the figures",
        "pdf": "PDF download: figures + HTML + WeasyPrint",
        "docx": "DOCX download: figures + python-docx",
    }
    lines = [
        "| Step | Wall, median (ms) | Ratio | CPU, median (ms) | Ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in labels.items():
        lines.append(
            f"| {label} | {result['wall_ms'][key]:.0f} | {result['wall_ratio'][key]:.2f} "
            f"| {result['cpu_ms'][key]:.0f} | {result['cpu_ratio'][key]:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="load the database again")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (median)")
    args = parser.parse_args()
    if args.fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB_PATH}{suffix}").unlink(missing_ok=True)
    configure_environment()
    import django

    django.setup()
    started = time.perf_counter()
    prepared = prepare()
    log(f"data: {prepared}")
    result = {**prepared, **measure(args.runs)}
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    RESULTS_JSON.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(table(result))
    print()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
