"""`qorgau simulate-vms` against a live server: the events go through the real API."""

from __future__ import annotations

import json
import random
import threading
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from qorgau.accounts.roles import Cap
from qorgau.surveillance.health.simulator import Sim, post
from qorgau.surveillance.models import Camera, StatusChange

from .support import issue


def test_the_simulator_sends_late_events_and_batches_again_with_their_own_times():
    sim = Sim(cameras=[("FA", f"v{n}") for n in range(50)], rng=random.Random(3))
    kinds: Counter = Counter()
    sent: list[list[dict]] = []
    for minute in range(200):
        events, k = sim.batch(50, datetime(2026, 11, 2, 10, tzinfo=UTC).replace(minute=minute % 60))
        kinds.update(k)
        sent.append(events)
        assert len({e["camera"] for e in events}) == len(events)  # one report per camera
    assert kinds["heartbeat"] > kinds["change"] > 0
    assert kinds["damage"] > 0 and kinds["late"] > 0 and kinds["sent again"] > 0
    # A late event keeps the time it was taken at: earlier than the batch's own reports.
    assert any(len({e["at"] for e in events}) > 1 for events in sent)


@pytest.fixture
def through_the_test_client(client, monkeypatch):
    """The simulator's requests go to this test's server in-process (the test database
    lives in one transaction, which a server in another thread would not see)."""
    from qorgau.surveillance.health import simulator

    sent: list[str] = []

    def send(url, key, events):
        sent.append(url)
        r = client.post(
            urlsplit(url).path,
            data=json.dumps({"events": events}),
            content_type="application/json",
            HTTP_X_API_KEY=key,
        )
        return r.status_code, r.json()

    monkeypatch.setattr(simulator, "post", send)
    return sent


def test_simulate_vms_feeds_the_server_through_the_api(world, through_the_test_client):
    for n in range(4):
        Camera.objects.create(
            facility=world.facility_a, zone=world.zone_a, code=f"SH-{n}", vms_id=f"vms-{n}"
        )
    Camera.objects.create(facility=world.facility_b, code="SH-B", vms_id="vms-b")
    _client, key = issue(world)
    out = StringIO()
    call_command(
        "simulate_vms",
        "--url", "http://qorgau.example", "--key", key, "--rate", "40", "--duration", "1",
        "--batch", "4", "--seed", "2",
        stdout=out,
    )  # fmt: skip
    assert set(through_the_test_client) == {"http://qorgau.example/api/v1/surveillance/health"}
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("VMS: 4 cameras")
    assert any("→ 200 received=4" in line for line in lines[1:-1])
    assert lines[-1].startswith("total: ") and "HTTP 200" in lines[-1]
    assert "HTTP 4" not in lines[-1] and "HTTP 5" not in lines[-1]
    # Only the cameras of the key's scope, and each has its history begun.
    assert StatusChange.objects.filter(camera__facility=world.facility_a).count() >= 4
    assert not StatusChange.objects.filter(camera__facility=world.facility_b).exists()


class _Server(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the standard library's name
        length = int(self.headers["Content-Length"])
        events = json.loads(self.rfile.read(length))["events"]
        ok = self.headers["X-API-Key"] == "good"
        body = {"received": len(events)} if ok else {"title": "Not allowed.", "status": 403}
        data = json.dumps(body).encode()
        self.send_response(200 if ok else 403)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_the_simulator_posts_over_http_and_reads_problems():
    server = HTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/api/v1/surveillance/health"
        assert post(url, "good", [{"camera": "x"}]) == (200, {"received": 1})
        assert post(url, "bad", []) == (403, {"title": "Not allowed.", "status": 403})
    finally:
        server.shutdown()
    with pytest.raises(ValueError):
        post("file:///etc/passwd", "good", [])


@pytest.mark.parametrize(
    "args",
    [
        ["--key", "qg_nope_nope"],
        ["--rate", "0"],
        ["--batch", "1001"],
        ["--url", "ftp://example.org"],
    ],
)
def test_simulate_vms_refuses_bad_options(world, args):
    _client, key = issue(world)
    full = ["--key", key, *args] if args[0] != "--key" else args
    with pytest.raises(CommandError):
        call_command("simulate_vms", *full)


def test_simulate_vms_needs_a_feed_key_with_cameras(world):
    _client, key = issue(world, capabilities=(Cap.FACILITY_VIEW,))
    with pytest.raises(CommandError, match="surveillance.feed"):
        call_command("simulate_vms", "--key", key)
    _client, key = issue(world)
    with pytest.raises(CommandError, match="no camera"):
        call_command("simulate_vms", "--key", key)
