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


def _start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "qorgau.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
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


def _server_cpu(master: int) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master and its workers."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended while we looked
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


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


def _load(send, total: int, threads: int) -> tuple[list[float], float]:
    """`total` requests from `threads` clients at once: (latencies, wall seconds)."""
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
    return latencies, time.perf_counter() - start


class Tally:
    """Everything one endpoint did over all its batches."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.wall = self.server_cpu = self.client_cpu = 0.0

    def add(self, latencies: list[float], wall: float, server_cpu: float, client_cpu: float):
        self.latencies += latencies
        self.wall += wall
        self.server_cpu += server_cpu
        self.client_cpu += client_cpu

    def summary(self) -> dict:
        lat, n = sorted(self.latencies), len(self.latencies)
        return {
            "n": n,
            "rate": n / self.wall,
            "p50": statistics.median(lat) * 1000,
            "p99": lat[int(n * 0.99) - 1] * 1000,
            "server_cpu_ms": self.server_cpu / n * 1000,
            "client_cpu_ms": self.client_cpu / n * 1000,
        }


def _interleaved(sends: dict, total: int, threads: int, rounds: int, master: int) -> dict:
    """Each endpoint gets `total` requests in `rounds` batches, the endpoints taking turns.

    The order flips every round, so a slow spell of this shared machine falls on
    both endpoints alike instead of on whichever ran second.
    """
    tallies = {name: Tally() for name in sends}
    batch = total // rounds
    for r in range(rounds):
        for name in list(sends)[:: 1 if r % 2 == 0 else -1]:
            cpu0, client0 = _server_cpu(master), time.process_time()
            latencies, wall = _load(sends[name], batch, threads)
            tallies[name].add(
                latencies, wall, _server_cpu(master) - cpu0, time.process_time() - client0
            )
    return {name: t.summary() for name, t in tallies.items()}


def _seal_and_sign_cost(info: dict, n: int = 500) -> dict:
    """What sealing and signing one complaint costs the kiosk, measured on its own."""
    from nacl.signing import SigningKey

    from qorgau.complaints.protocol import Envelope, sign_envelope, utcnow_iso
    from qorgau.terminal.client import seal_complaint

    key = SigningKey(bytes.fromhex(info["seed"]))
    payloads = [_payload(i) for i in range(n)]
    t0 = time.process_time()
    sealed = [seal_complaint(p, info["ombudsman_key"]) for p in payloads]
    t1 = time.process_time()
    for s in sealed:
        sign_envelope(
            Envelope(info["terminal"], str(uuid.uuid4()), utcnow_iso(), info["key_id"], s), key
        )
    t2 = time.process_time()
    return {"seal_ms": (t1 - t0) / n * 1000, "sign_ms": (t2 - t1) / n * 1000}


def measure(
    total: int,
    threads: int,
    backlog: int,
    rounds: int,
    workers: int,
    server_threads: int,
    keep_connections: bool,
) -> dict:
    from nacl.signing import SigningKey

    from qorgau.terminal import sender
    from qorgau.terminal.client import Client, http_transport, seal_complaint
    from qorgau.terminal.store import Store

    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    env = _env(DATA / "var")
    if keep_connections:
        env["BENCH_CONN_MAX_AGE"] = "60"
    (DATA / "var").mkdir()
    info_path = DATA / "setup.json"
    subprocess.run(
        [sys.executable, __file__, "--setup", str(info_path)], cwd=ROOT, env=env, check=True
    )
    info = json.loads(info_path.read_text())
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()[0]
    server = _start_server(env, port, workers, server_threads)
    try:
        transport = http_transport(base)
        client = Client(transport, SigningKey(bytes.fromhex(info["seed"])))

        def send_complaint(n):
            # Sealed and signed here, inside the timed request, as a kiosk does.
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
        figures = _interleaved(
            {"bare": send_bare, "terminal": send_complaint},
            total,
            threads,
            rounds,
            server.pid,
        )
        crypto = _seal_and_sign_cost(info)

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
    load_after = os.getloadavg()[0]
    with sqlite3.connect(DATA / "var" / "bench.sqlite3") as db:
        messages = db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT message_id) FROM complaints_terminalmessage"
        ).fetchone()
        complaints = db.execute("SELECT COUNT(*) FROM complaints_complaint").fetchone()[0]
    expected = figures["terminal"]["n"] + 40 + backlog
    return {
        **figures,
        **crypto,
        "threads": threads,
        "rounds": rounds,
        "workers": workers,
        "server_threads": server_threads,
        "keep_connections": keep_connections,
        "loadavg": [round(load_before, 2), round(load_after, 2)],
        "backlog": backlog,
        "drained_s": drained,
        "messages": messages[0],
        "distinct": messages[1],
        "complaints": complaints,
        "expected": expected,
    }


def report(r: dict) -> str:
    t, b = r["terminal"], r["bare"]
    lost = r["expected"] - r["distinct"]
    dup = r["messages"] - r["distinct"] + (r["complaints"] - r["messages"])
    workers = f"{r['workers']} worker{'s' if r['workers'] > 1 else ''}"
    if r["server_threads"] > 1:
        workers += f" × {r['server_threads']} threads"
    connections = (
        "kept between requests (`--keep-connections`; not the shipped setting)"
        if r.get("keep_connections")
        else "a new one for every request (Django's default, as shipped)"
    )
    crypto_ms = r["seal_ms"] + r["sign_ms"]
    ratio = t["rate"] / b["rate"]
    verdict = {True: "met", False: "**not met**"}
    lines = [
        "# Terminal submission benchmark",
        "",
        "End to end over HTTP on loopback: each complaint is sealed to the Ombudsman's key",
        "and signed by the kiosk's key on the client side, inside the timed request; the",
        f"server (gunicorn, {workers}, SQLite in WAL mode) checks the terminal, signature,",
        "time window and message id, opens the payload, validates it and stores the",
        "complaint, its receipt and the exactly-once ledger with an audit entry. The",
        "baseline is an endpoint of the same server that stores one row. Both run against",
        f"the same server with the same {r['threads']} concurrent clients, in {r['rounds']} "
        "interleaved batches",
        "each, the order flipping every batch. Generated by `bench/terminal.py`.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"nproc {os.cpu_count()}",
        f"- Load average (1 min) before → after: {r['loadavg'][0]:.2f} → {r['loadavg'][1]:.2f}",
        f"- SQLite connections: {connections}",
        "",
        "| Endpoint | requests | per second | p50 ms | p99 ms | server CPU ms | client CPU ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| {name} | {x['n']:,} | {x['rate']:.0f} | {x['p50']:.1f} | {x['p99']:.1f} "
            f"| {x['server_cpu_ms']:.1f} | {x['client_cpu_ms']:.1f} |"
            for name, x in [
                ("bare endpoint: store one row", b),
                ("terminal delivery: seal, sign, send, verify, open, store", t),
            ]
        ],
        "",
        f"Terminal deliveries ran at **{t['rate']:.0f}/s**, **{ratio:.3f}×** the bare "
        "endpoint's rate.",
        "",
        f"- at least 100 complaints/s on SQLite on this 2-core machine: "
        f"{verdict[t['rate'] >= 100]}",
        f"- at least half the bare endpoint's rate: {verdict[ratio >= 0.5]}",
        "",
        "CPU columns: processor time per request of the gunicorn processes and of the",
        "benchmark's client process (all its threads), over the same batches.",
        f"Sealing and signing one complaint, measured on their own: {r['seal_ms']:.2f} ms "
        f"+ {r['sign_ms']:.2f} ms = {crypto_ms:.2f} ms of client CPU "
        f"({crypto_ms / (t['server_cpu_ms'] + t['client_cpu_ms']):.0%} of a delivery's CPU).",
        "",
        "## Backlog after an outage",
        "",
        f"{r['backlog']:,} complaints sealed into the kiosk's outbox while the server was",
        "away, then delivered by the kiosk's own outbox code (one kiosk, one request at a",
        f"time): **{r['drained_s']:.1f} s**, {r['backlog'] / r['drained_s']:.0f} complaints/s.",
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
    parser.add_argument("--rounds", type=int, default=5, help="interleaved batches per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--server-threads", type=int, default=1, help="gunicorn threads a worker")
    parser.add_argument(
        "--keep-connections",
        action="store_true",
        help="keep SQLite connections between requests (shipped: a new one per request)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report")
    args = parser.parse_args()
    if args.setup:
        setup(args.setup)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.terminal_settings")
    result = measure(
        args.requests,
        args.threads,
        args.backlog,
        args.rounds,
        args.workers,
        args.server_threads,
        args.keep_connections,
    )
    text = report(result)
    args.output.write_text(text, encoding="utf-8")
    (DATA / "results.json").write_text(json.dumps(result, indent=2))
    print(text)


if __name__ == "__main__":
    main()
