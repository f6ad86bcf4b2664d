"""The kiosk's outbox against the real server endpoints, in one process."""

from __future__ import annotations

import json

import pytest

from qorgau.complaints import keys
from qorgau.complaints.intake import terminal_pair
from qorgau.complaints.models import Complaint
from qorgau.complaints.tests.kiosk import payload
from qorgau.terminal import sender
from qorgau.terminal.client import Client, Unreachable, seal_complaint
from qorgau.terminal.store import Store, backoff

MARKER = "MARKER-PHRASE-7731"


class Server:
    """A transport into the server under test, which can be switched off."""

    def __init__(self, client):
        self.client = client
        self.up = True
        self.lose_answers = False
        self.calls = 0

    def __call__(self, path: str, body: dict) -> tuple[int, dict]:
        if not self.up:
            raise Unreachable("connection refused")
        self.calls += 1
        r = self.client.post(
            f"/api/v1/terminal/{path}", data=json.dumps(body), content_type="application/json"
        )
        if self.lose_answers:
            raise Unreachable("connection reset after the request was sent")
        return r.status_code, r.json()


@pytest.fixture
def rig(world, client, tmp_path):
    keys.keys_init()
    store = Store(tmp_path / "kiosk")
    server = Server(client)
    kiosk = Client(server, store.signing_key())
    sender.refresh_config(store, kiosk)
    assert store.get("status") == "pending"
    terminal_pair(
        actor=None, code=store.get("pairing_code"), facility=world.facility_a, label="A-1"
    )
    sender.refresh_config(store, kiosk)
    yield store, server, kiosk
    store.close()


def _file(store: Store, **kw) -> str:
    pinned = store.get("ombudsman_key")
    return store.enqueue(
        key_id=pinned["key_id"], sealed=seal_complaint(payload(**kw), pinned["key"])
    )


def test_paired_kiosk_pins_the_key_and_delivers_once(rig):
    store, _server, kiosk = rig
    assert store.get("ombudsman_key")["fingerprint"] == keys.current_public().fingerprint
    _file(store)
    assert store.depth() == 1
    assert sender.deliver_due(store, kiosk) == 1
    assert sender.deliver_due(store, kiosk) == 0
    assert store.depth() == 0 and Complaint.objects.count() == 1


def test_nothing_a_facility_could_read_is_on_the_kiosk_disk(rig):
    store, server, kiosk = rig
    server.up = False
    _file(store, description=f"Меня били в ШИЗО. {MARKER}")
    sender.deliver_due(store, kiosk)  # fails: stays queued as ciphertext
    store.db.execute("PRAGMA wal_checkpoint(FULL)")
    for path in store.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert MARKER.encode() not in data and "ШИЗО".encode() not in data, path


def test_outage_backs_off_then_delivers(rig):
    store, server, kiosk = rig
    server.up = False
    mid = _file(store)
    assert sender.deliver_due(store, kiosk) == 0
    row = store.db.execute(
        "SELECT attempts, last_error FROM outbox WHERE message_id=?", (mid,)
    ).fetchone()
    assert row[0] == 1 and row[1].startswith("unreachable")
    assert store.due() == []  # waits for its backoff
    store.db.execute("UPDATE outbox SET next_attempt_at = '2000-01-01'")
    server.up = True
    assert sender.deliver_due(store, kiosk) == 1 and Complaint.objects.count() == 1


def test_a_lost_acknowledgement_is_sent_again_and_stored_once(rig):
    store, server, kiosk = rig
    _file(store)
    server.lose_answers = True
    assert sender.deliver_due(store, kiosk) == 0
    assert Complaint.objects.count() == 1  # the server stored it; the kiosk did not hear
    server.lose_answers = False
    store.db.execute("UPDATE outbox SET next_attempt_at = '2000-01-01'")
    assert sender.deliver_due(store, kiosk) == 1
    assert Complaint.objects.count() == 1 and store.depth() == 0


def test_a_rotated_key_is_not_taken_silently(rig):
    store, _server, kiosk = rig
    before = store.get("ombudsman_key")
    keys.keys_rotate()
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key") == before
    assert store.get("key_mismatch") == keys.current_public().fingerprint
    _file(store)
    assert sender.deliver_due(store, kiosk) == 1  # the old key still opens on the server


def test_backoff_grows_to_a_ceiling():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(30).total_seconds() == 600
