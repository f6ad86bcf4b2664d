"""Complaint text search with and without its index, on SQLite (FTS5) and PostgreSQL (pg_trgm).

Usage (from the repository root):

    .venv/bin/python bench/search.py                       # SQLite, 20,000 and 200,000
    .venv/bin/python bench/search.py --sizes 20000
    DATABASE_URL=postgres://…/qorgau_bench .venv/bin/python bench/search.py --postgresql

It fills a database of its own (bench/data/search-<size>.sqlite3, or the
PostgreSQL database named by DATABASE_URL, which it empties first) with
synthetic complaints of about 60 words in Russian and Kazakh, then times what
the register does for a search: count the matches and fetch the first page
of 50, newest first. Each query runs with the index and with the index
bypassed (SQLite: LIKE instead of the FTS5 table; PostgreSQL: index scans
switched off for the query), 15 times; the figure is the median. It prints a
Markdown table; docs/decisions/0014-complaint-search.md quotes the results.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RUNS = 15
# A rare word, a common one, a two-word query, a Kazakh word, a short (2-letter) word.
QUERIES = ("дубинкой", "камере", "избили шизо", "ұрып", "№7")
WORDS = [
    "меня",
    "избили",
    "в",
    "дежурной",
    "части",
    "ночью",
    "били",
    "по",
    "спине",
    "потом",
    "отвели",
    "в",
    "камеру",
    "не",
    "дают",
    "лекарства",
    "врач",
    "не",
    "приходит",
    "холодно",
    "в",
    "камере",
    "нет",
    "горячей",
    "воды",
    "угрожали",
    "расправой",
    "за",
    "жалобу",
    "отобрали",
    "письма",
    "адвоката",
    "не",
    "пускают",
    "свидания",
    "с",
    "матерью",
    "запретили",
    "шизо",
    "карцер",
    "пкт",
    "обыск",
    "раздели",
    "при",
    "всех",
    "кезекші",
    "бөлімде",
    "мені",
    "ұрып",
    "соқты",
    "қабырғам",
    "ауырады",
    "дәрігер",
    "келмейді",
    "камерада",
    "суық",
    "анама",
    "хат",
    "жазуға",
    "рұқсат",
    "бермеді",
]


def configure(size: int, postgresql: bool) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.settings")
    os.environ["QORGAU_VAR_DIR"] = str(DATA_DIR / "var")
    os.environ["QORGAU_LOG_LEVEL"] = "WARNING"
    if not postgresql:
        os.environ.pop("DATABASE_URL", None)
        os.environ["QORGAU_SQLITE_PATH"] = str(DATA_DIR / f"search-{size}.sqlite3")
    sys.path.insert(0, str(REPO_DIR))


def fill(size: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from qorgau.complaints.models import Complaint
    from qorgau.people.models import search_key

    call_command("migrate", verbosity=0)
    have = Complaint.objects.count()
    if have == size:
        return
    Complaint.objects.all().delete()
    rng = random.Random(size)
    now = timezone.now()
    batch = []
    for n in range(size):
        words = rng.choices(WORDS, k=60)
        if n % 500 == 0:
            words.append("дубинкой")
        if n % 50 == 0:
            words.append("№7")
        text = search_key(" ".join(words))
        batch.append(
            Complaint(
                number=f"CMP-2026-{n:06d}",
                channel="terminal",
                received_at=now - timedelta(minutes=n),
                categories=["torture"],
                description=text,
                search_text=text,
            )
        )
        if len(batch) == 5000:
            Complaint.objects.bulk_create(batch)
            batch = []
    Complaint.objects.bulk_create(batch)


def timed(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(size: int, postgresql: bool) -> list[tuple[str, int, float, float]]:
    from django.db import connection, transaction

    from qorgau.complaints import search
    from qorgau.complaints.models import Complaint

    def page(q: str) -> int:
        qs = Complaint.objects.filter(search.text_filter(q)).order_by("-received_at")
        n = qs.count()
        list(qs[:50])
        return n

    def bypassed(q: str) -> int:
        if postgresql:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL enable_bitmapscan = off")
                cur.execute("SET LOCAL enable_indexscan = off")
                return page(q)
        saved = search._fts_ready
        search._fts_ready = lambda: False
        try:
            return page(q)
        finally:
            search._fts_ready = saved

    rows = []
    for q in QUERIES:
        found = page(q)
        assert bypassed(q) == found, q
        rows.append((q, found, timed(lambda q=q: page(q)), timed(lambda q=q: bypassed(q))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,200000")
    parser.add_argument("--postgresql", action="store_true", help="use DATABASE_URL")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        if len(args.sizes.split(",")) > 1 and not args.postgresql:
            # Settings bind the database path at start-up: one process per size.
            os.system(f"{sys.executable} {__file__} --sizes {size}")  # noqa: S605
            continue
        configure(size, args.postgresql)
        import django

        django.setup()
        from django.db import connection

        fill(size)
        if connection.vendor == "sqlite":
            engine = f"SQLite {connection.Database.sqlite_version}"
        else:
            engine = f"PostgreSQL {connection.cursor().connection.info.server_version}"
        print(f"\n{size:,} complaints, {engine}: median of {RUNS} runs, ms (count + first 50)\n")
        print("| query | matches | with index | without index |")
        print("|---|--:|--:|--:|")
        for q, found, indexed, plain in measure(size, args.postgresql):
            print(f"| `{q}` | {found:,} | {indexed:.1f} | {plain:.1f} |")
        return


if __name__ == "__main__":
    main()
