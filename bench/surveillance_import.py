"""Import of a video system's camera export, against a plain insert of the same rows.

Usage (from the repository root):

    .venv/bin/python bench/surveillance_import.py                 # 4,000, 40,000 and 400,000
    .venv/bin/python bench/surveillance_import.py --sizes 40000

It builds a database of its own (bench/data/cameras-<size>.sqlite3) with 78
penitentiary places of 15 zones each, writes a CSV export of <size> cameras,
and times in the same run:

- `qorgau import cameras` as the service does it (parse, check every row, create
  in bulk, one audit entry) into an empty registry;
- the same file again, every camera known and unchanged (the update path);
- the baseline: the same rows inserted by a plain `executemany`, no checks.

The issue's target: 40,000 cameras in under 10 s. Each figure is the best of 3.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
import uuid
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
PLACES, ZONES, RUNS = 78, 15, 3


def configure(size: int) -> None:
    sys.path.insert(0, str(REPO_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.settings")
    DATA_DIR.mkdir(exist_ok=True)
    db = DATA_DIR / f"cameras-{size}.sqlite3"
    db.unlink(missing_ok=True)
    os.environ["QORGAU_SQLITE_PATH"] = str(db)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def places() -> list[tuple[str, list[str]]]:
    from qorgau.facilities.models import Facility, Region, Zone, ZoneKind

    region = Region.objects.order_by("code").first()
    out = []
    for i in range(PLACES):
        f = Facility.objects.create(
            code=f"BENCH-{i:03d}",
            type="colony",
            region=region,
            name_kk=f"Мекеме {i}",
            name_ru=f"Учреждение {i}",
            name_en=f"Facility {i}",
            capacity=1000,
        )
        zones = [
            Zone.objects.create(facility=f, kind=ZoneKind.CELL, name=f"Блок {z}")
            for z in range(ZONES)
        ]
        out.append((f.code, [z.name for z in zones]))
    return out


def export(size: int, where: list[tuple[str, list[str]]]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["facility", "zone", "code", "vms_id", "stream_path", "kind", "retention_days"])
    for n in range(size):
        code, zones = where[n % len(where)]
        w.writerow([code, zones[n % ZONES], f"CAM-{n:06d}", f"vms-{n}", f"live/{n}", "fixed", 30])
    return out.getvalue().encode()


def best(fn, reset=None) -> float:
    times = []
    for _ in range(RUNS):
        if reset:
            reset()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(size: int) -> tuple[float, float, float]:
    from django.db import connection, transaction

    from qorgau.surveillance.importing import cameras_import

    where = places()
    data = export(size, where)
    facility_ids = dict(
        connection.cursor().execute("SELECT code, id FROM facilities_facility").fetchall()
    )

    def empty() -> None:
        # Nothing refers to the cameras here; the ORM's delete would first update
        # every referring table with all 400,000 ids as parameters.
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("DELETE FROM surveillance_camera")

    def plain() -> None:
        now = "2026-11-29 00:00:00"
        rows = [
            (
                uuid.uuid4().hex,
                now,
                now,
                facility_ids[r["facility"]],
                r["code"],
                r["vms_id"],
                r["stream_path"],
                "fixed",
                "recorded",
                30,
                1,
                "online",
            )
            for r in csv.DictReader(io.StringIO(data.decode()))
        ]
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(
                "INSERT INTO surveillance_camera (uuid, created_at, updated_at, facility_id, code, "
                "vms_id, stream_path, kind, recording, retention_days, active, status) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )

    baseline = best(plain, reset=empty)
    fresh = best(lambda: cameras_import(actor=None, data=data), reset=empty)
    known = best(lambda: cameras_import(actor=None, data=data))
    return fresh, known, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 40000, 400000])
    parser.add_argument("--no-header", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.no_header:
        print(
            "| cameras | import, new (s) | import, all known (s) | plain insert (s) | new ÷ plain |"
        )
        print("|---:|---:|---:|---:|---:|", flush=True)
    for size in args.sizes:
        # One process per size: Django is set up once per database.
        if len(args.sizes) > 1:
            import subprocess

            subprocess.run(
                [sys.executable, __file__, "--sizes", str(size), "--no-header"], check=True
            )
            continue
        configure(size)
        fresh, known, baseline = measure(size)
        print(
            f"| {size:,} | {fresh:.2f} | {known:.2f} | {baseline:.2f} | {fresh / baseline:.1f}× |"
        )


if __name__ == "__main__":
    main()
