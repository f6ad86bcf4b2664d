"""The kiosk's outbox against the real server endpoints, in one process."""

from __future__ import annotations

from qorgau.complaints import keys
from qorgau.complaints.models import Complaint
from qorgau.terminal import sender
from qorgau.terminal.store import backoff

from .rig import file_complaint as _file

MARKER = "MARKER-PHRASE-7731"


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


def test_a_rotated_key_is_taken_on_the_old_keys_word_and_old_messages_still_open(rig):
    store, _server, kiosk = rig
    before = store.get("ombudsman_key")
    sealed_before = _file(store)  # waiting in the outbox, sealed to the old key
    keys.keys_rotate()
    sender.refresh_config(store, kiosk)
    after = store.get("ombudsman_key")
    assert after["fingerprint"] == keys.current_public().fingerprint != before["fingerprint"]
    assert store.get("previous_keys")[-1]["fingerprint"] == before["fingerprint"]
    assert not store.get("key_mismatch")
    sealed_after = _file(store, receipt={"code": "QQQQQ-QQQQQ", "secret": "123456"})
    assert sender.deliver_due(store, kiosk) == 2  # the old key still opens on the server
    rows = dict(store.db.execute("SELECT message_id, key_id FROM outbox").fetchall())
    assert rows == {sealed_before: before["key_id"], sealed_after: after["key_id"]}
    assert Complaint.objects.count() == 2


def test_backoff_grows_to_a_ceiling():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(30).total_seconds() == 600
