"""A paired kiosk follows a key rotation only on the word of the key it pinned (ADR 0012)."""

from __future__ import annotations

from nacl.public import PrivateKey

from qorgau.complaints import keys
from qorgau.complaints.models import Complaint
from qorgau.complaints.protocol import fingerprint, handover_seal, key_id
from qorgau.core.models import AuditEntry
from qorgau.terminal import sender

from .rig import file_complaint


def _offer(key: PrivateKey, handover=None):
    """A machine in the middle that offers its own key in every configuration answer."""
    public = bytes(key.public_key)

    def tamper(path, data):
        if path != "config" or data.get("status") != "active":
            return data
        data = {**data, "ombudsman_key": public.hex(), "key_id": key_id(public)}
        if handover is not None:
            data["handover"] = handover(data)
        return data

    return tamper


def test_a_pinned_kiosk_shows_the_key_it_seals_to_whatever_the_server_calls_it(rig):
    store, server, kiosk = rig
    pinned = store.get("ombudsman_key")
    genuine = keys.current_public()
    assert (pinned["key"], pinned["fingerprint"]) == (genuine.public_hex, genuine.fingerprint)
    # A fresh kiosk behind a machine in the middle that offers its own key under the
    # genuine fingerprint: the kiosk shows the fingerprint of the key it really got,
    # so the comparison at pairing catches the substitution.
    store.forget("ombudsman_key")
    evil = PrivateKey.generate()
    server.tamper = lambda path, data: {
        **_offer(evil)(path, data),
        "fingerprint": genuine.fingerprint,
    }
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key")["fingerprint"] == fingerprint(bytes(evil.public_key))


def test_a_pin_made_by_an_older_agent_shows_the_fingerprint_of_its_key(rig):
    store, _server, kiosk = rig
    genuine = store.get("ombudsman_key")
    store.put("ombudsman_key", {**genuine, "fingerprint": "0000 0000 0000 0000 0000"})
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key")["fingerprint"] == genuine["fingerprint"]


def test_a_key_offered_without_the_old_keys_word_is_not_taken(rig):
    store, server, kiosk = rig
    before = store.get("ombudsman_key")
    evil = PrivateKey.generate()
    server.tamper = _offer(evil)
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key") == before
    assert store.get("key_mismatch") == fingerprint(bytes(evil.public_key))


def test_a_handover_made_with_any_other_key_is_refused(rig):
    store, server, kiosk = rig
    before = store.get("ombudsman_key")
    evil = PrivateKey.generate()

    def forged(data):
        # Vouched for by the attacker's own key, not by the key the kiosk pinned.
        return handover_seal(
            terminal=store.get("terminal"),
            old=evil,
            new_public=bytes(evil.public_key),
            ephemeral_public=bytes(PrivateKey.generate().public_key),
        )

    server.tamper = _offer(evil, handover=forged)
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key") == before and store.get("key_mismatch")


def test_a_recorded_handover_cannot_be_replayed(rig, settings, tmp_path):
    store, server, kiosk = rig
    before = store.get("ombudsman_key")
    keys.keys_rotate()
    recorded = {}

    def record_and_drop(path, data):
        # Someone records a genuine handover and keeps the kiosk from seeing it.
        if path == "config" and data.get("handover"):
            recorded["config"] = dict(data)
            return {**data, "handover": ""}
        return data

    server.tamper = record_and_drop
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key") == before and recorded
    # Played back later it fails: it was sealed to the one-time key of that request.
    server.tamper = lambda path, data: recorded["config"] if path == "config" else data
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key") == before and store.get("key_mismatch")


def test_a_kiosk_two_rotations_behind_moves_straight_to_the_current_key(rig):
    store, _server, kiosk = rig
    first = store.get("ombudsman_key")
    waiting = file_complaint(store)
    keys.keys_rotate()
    keys.keys_rotate()
    sender.refresh_config(store, kiosk)
    assert store.get("ombudsman_key")["key_id"] == keys.current_public().key_id
    assert [k["key_id"] for k in store.get("previous_keys")] == [first["key_id"]]
    assert sender.deliver_due(store, kiosk) == 1 and Complaint.objects.count() == 1
    assert store.db.execute(
        "SELECT delivered_at IS NOT NULL FROM outbox WHERE message_id = ?", (waiting,)
    ).fetchone() == (1,)


def test_the_server_records_which_key_the_kiosk_seals_to(rig):
    store, _server, kiosk = rig
    terminal = store.get("terminal")
    sender.refresh_config(store, kiosk)  # reports the pinned key: first entry
    sender.heartbeat(store, kiosk)  # the same key again: nothing new
    old = store.get("ombudsman_key")["key_id"]
    keys.keys_rotate()
    sender.refresh_config(store, kiosk)  # still reports the old key, then moves
    sender.heartbeat(store, kiosk)  # reports the new key
    entries = AuditEntry.objects.filter(action="terminal.key", object_id=terminal).order_by("id")
    assert [(e.details["key_id"], e.details["current"]) for e in entries] == [
        (old, True),
        (keys.current_public().key_id, True),
    ]
    assert entries.last().details["previous"] == old
