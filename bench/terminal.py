"""Terminal submission benchmark: seal, sign, send, verify, open, store — end to end.

Measures, against a real gunicorn server on loopback with the SQLite default:
  1. sustained throughput and p50/p99 latency of complaint deliveries, next to a
     bare endpoint of the same server that stores one row (same run, same load);
  2. the delivery of a backlog of 10,000 complaints queued during an outage by
     the kiosk's own outbox code, with proof of zero lost and zero duplicated.
Writes bench/RESULTS-terminal.md. Run: `make bench` or `.venv/bin/python bench/terminal.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "terminal"
RESULTS = ROOT / "bench" / "RESULTS-terminal.md"


def _env(var: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        QORGAU_VAR_DIR=str(var),
        QORGAU_SQLITE_PATH=str(var / "bench.sqlite3"),
        DJANGO_SETTINGS_MODULE="bench.terminal_settings",
        QORGAU_LOG_LEVEL="WARNING",
        QORGAU_INSECURE_HTTP="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def setup(out: Path) -> None:
    """In a child process with the bench settings: schema, key, one paired terminal."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from nacl.signing import SigningKey

    from qorgau.complaints import keys
    from qorgau.complaints.intake import terminal_enrol, terminal_pair
    from qorgau.facilities.models import Facility, Region

    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS bench_row (id INTEGER PRIMARY KEY, size INTEGER)")
    info, _ = keys.keys_init()
    region = Region.objects.get(code="KZ-35")
    facility, _ = Facility.objects.get_or_create(
        code="BENCH-1",
        defaults={
            "name_kk": "Bench",
            "name_ru": "Bench",
            "type": "colony",
            "agency": "penitentiary",
            "region": region,
            "capacity": 500,
        },
    )
    key = SigningKey.generate()
    terminal = terminal_enrol(verify_key_hex=bytes(key.verify_key).hex())
    terminal_pair(actor=None, code=terminal.pairing_code, facility=facility, label="bench")
    out.write_text(
        json.dumps(
            {
                "terminal": str(terminal.uuid),
                "seed": bytes(key).hex(),
                "ombudsman_key": info.public_hex,
                "key_id": info.key_id,
            }
        )
    )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "qorgau.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(proc.stderr.read().decode()[-2000:])


def _payload(n: int) -> dict:
    from qorgau.complaints.protocol import new_receipt

    code, secret = new_receipt()
    return {
        "about": "self",
        "categories": ["conditions"],
        "description": f"Жалоба №{n}: холодно в камере.",
        "anonymous": True,
        "language": "ru",
        "receipt": {"code": code, "secret": secret},
    }


def _load(send, total: int, threads: int) -> dict:
    """`total` requests from `threads` clients at once: throughput and latency."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            t0 = time.perf_counter()
            send(n)
            with lock:
                latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "n": total,
        "rate": total / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def measure(total: int, threads: int, backlog: int) -> dict:
    from nacl.signing import SigningKey

    from qorgau.terminal import sender
    from qorgau.terminal.client import Client, http_transport, seal_complaint
    from qorgau.terminal.store import Store

    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    env = _env(DATA / "var")
    (DATA / "var").mkdir()
    info_path = DATA / "setup.json"
    subprocess.run(
        [sys.executable, __file__, "--setup", str(info_path)], cwd=ROOT, env=env, check=True
    )
    info = json.loads(info_path.read_text())
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_server(env, port)
    try:
        transport = http_transport(base)
        client = Client(transport, SigningKey(bytes.fromhex(info["seed"])))

        def send_complaint(n):
            sealed = seal_complaint(_payload(n), info["ombudsman_key"])
            status, data = client.deliver(
                terminal=info["terminal"],
                message_id=str(uuid.uuid4()),
                key_id=info["key_id"],
                sealed=sealed,
            )
            assert status == 200, (status, data)

        def send_bare(n):
            body = json.dumps({"n": n, "pad": "x" * 900}).encode()
            request = urllib.request.Request(  # noqa: S310 - loopback
                f"{base}/bench/bare",
                data=body,
                method="POST",
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=15) as r:  # noqa: S310 - loopback
                assert r.status == 200

        for send in (send_bare, send_complaint):  # warm up both paths
            _load(send, 40, threads)
        bare = _load(send_bare, total, threads)
        terminal = _load(send_complaint, total, threads)
        bare2 = _load(send_bare, total, threads)  # again, to see the noise

        # A backlog queued while the server was unreachable, drained by the kiosk's outbox.
        store = Store(DATA / "kiosk")
        store.put("terminal", info["terminal"])
        store.put("status", "active")
        for n in range(backlog):
            store.enqueue(
                key_id=info["key_id"], sealed=seal_complaint(_payload(n), info["ombudsman_key"])
            )
        start = time.perf_counter()
        while store.depth():
            sender.deliver_due(store, client)
        drained = time.perf_counter() - start
        store.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    with sqlite3.connect(DATA / "var" / "bench.sqlite3") as db:
        messages = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT message_id) FROM complaints_terminalmessage"
        ).fetchone()
        complaints = db.execute("SELECT COUNT(*) FROM complaints_complaint").fetchone()[0]
    expected = total + 40 + backlog
    return {
        "bare": bare,
        "bare_again": bare2,
        "terminal": terminal,
        "threads": threads,
        "backlog": backlog,
        "drained_s": drained,
        "messages": messages[0],
        "distinct": messages[1],
        "complaints": complaints,
        "expected": expected,
    }


def report(r: dict) -> str:
    t, b, b2 = r["terminal"], r["bare"], r["bare_again"]
    base_rate = (b["rate"] + b2["rate"]) / 2
    lost = r["expected"] - r["distinct"]
    dup = r["messages"] - r["distinct"] + (r["complaints"] - r["messages"])
    rows = [
        ("bare endpoint: store one row", b),
        ("terminal delivery: verify, open, store a complaint", t),
        ("bare endpoint again", b2),
    ]
    lines = [
        "# Terminal submission benchmark",
        "",
        "End to end over HTTP on loopback: each complaint is sealed to the Ombudsman's key and",
        "signed by the kiosk's key on the client side; the server (gunicorn, 2 sync workers,",
        "SQLite in WAL mode) checks the terminal, signature, time window and message id,",
        "opens the payload, validates it and stores the complaint, its receipt and the",
        "exactly-once ledger with an audit entry. The baseline is an endpoint of the same",
        "server that stores one row. Both are measured in the same run with the same",
        f"{r['threads']} concurrent clients. Generated by `bench/terminal.py`.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"nproc {os.cpu_count()}",
        "",
        "| Endpoint | requests | per second | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[
            f"| {name} | {x['n']:,} | {x['rate']:.0f} | {x['p50']:.1f} | {x['p99']:.1f} |"
            for name, x in rows
        ],
        "",
        f"Terminal deliveries ran at **{t['rate']:.0f}/s**, "
        f"**{t['rate'] / base_rate:.2f}×** the bare endpoint's rate (mean of its two runs). "
        "Targets: at least 100/s on SQLite on this 2-core machine, "
        "and at least half the bare rate.",
        "",
        "## Backlog after an outage",
        "",
        f"{r['backlog']:,} complaints sealed into the kiosk's outbox while the server was away,",
        "then",
        f"delivered by the kiosk's own outbox code (one kiosk, one request at a time): "
        f"**{r['drained_s']:.1f} s**, {r['backlog'] / r['drained_s']:.0f} complaints/s.",
        "",
        f"- messages sent in the whole run: {r['expected']:,}",
        f"- acknowledged message ids stored: {r['distinct']:,} — lost: **{lost}**",
        f"- ledger rows {r['messages']:,}, complaints {r['complaints']:,} — duplicated: **{dup}**",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--setup", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--backlog", type=int, default=10_000)
    args = parser.parse_args()
    if args.setup:
        setup(args.setup)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.terminal_settings")
    result = measure(args.requests, args.threads, args.backlog)
    text = report(result)
    RESULTS.write_text(text, encoding="utf-8")
    (DATA / "results.json").write_text(json.dumps(result, indent=2))
    print(text)


if __name__ == "__main__":
    main()
