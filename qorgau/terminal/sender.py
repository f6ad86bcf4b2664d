"""The outbox loop: deliver every sealed complaint until the server acknowledges it."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from nacl.public import PrivateKey

from qorgau.complaints.protocol import ProtocolError, fingerprint, handover_open, key_id

from .client import Client, Unreachable
from .store import Store

log = logging.getLogger("qorgau.terminal")
SOFTWARE = "qorgau-terminal 1"

# Refusals that cannot heal by retrying the same bytes are still kept and
# retried slowly: a complaint is never dropped by the kiosk.


def _facts(public: bytes) -> dict:
    # Key id and fingerprint computed here from the key itself, never taken from the
    # server's words: what the screen shows is what the kiosk seals to.
    return {"key": public.hex(), "key_id": key_id(public), "fingerprint": fingerprint(public)}


def _pin(public: bytes) -> dict:
    return {**_facts(public), "pinned_at": datetime.now(UTC).isoformat(timespec="seconds")}


def _take_handover(
    store: Store, terminal: str, pinned: dict, offered: bytes, data: dict, ephemeral: PrivateKey
) -> None:
    """Move to the offered key only if the pinned key vouched for it (ADR 0012)."""
    try:
        vouched = handover_open(
            data.get("handover", ""),
            terminal=terminal,
            pinned_public=bytes.fromhex(pinned["key"]),
            ephemeral=ephemeral,
        )
    except ProtocolError:
        vouched = None
    if vouched != offered:
        # A changed key is never taken on the server's word alone: the kiosk keeps
        # sealing to the pinned key and says so on its screen (docs/operations.md).
        store.put("key_mismatch", fingerprint(offered))
        return
    replaced = {**pinned, "replaced_at": datetime.now(UTC).isoformat(timespec="seconds")}
    store.put("previous_keys", [*store.get("previous_keys", []), replaced])
    store.put("ombudsman_key", _pin(offered))
    store.forget("key_mismatch")
    log.info(
        "Ombudsman key changed from %s to %s, vouched for by the old key",
        pinned["fingerprint"],
        fingerprint(offered),
    )


def refresh_config(store: Store, client: Client) -> dict:
    """Enrol if needed, learn the pairing state, pin the Ombudsman's key or follow its handover."""
    terminal = store.get("terminal")
    if not terminal:
        data = client.enrol(SOFTWARE)
        store.put("terminal", data["terminal"])
        store.put("pairing_code", data["pairing_code"])
        terminal = data["terminal"]
    pinned = store.get("ombudsman_key")
    if pinned and pinned != {**pinned, **_facts(bytes.fromhex(pinned["key"]))}:
        # Pinned by an older agent, which kept the id and fingerprint the server sent.
        pinned = {**pinned, **_facts(bytes.fromhex(pinned["key"]))}
        store.put("ombudsman_key", pinned)
    # A key for this one answer: a handover sealed to it cannot be replayed later.
    ephemeral = PrivateKey.generate()
    about_key = (
        {"key_id": pinned["key_id"], "ephemeral": bytes(ephemeral.public_key).hex()}
        if pinned
        else {}
    )
    status, data = client.signed("config", terminal, **about_key)
    if status != 200:
        raise Unreachable(f"config refused: {status} {data.get('title', '')}")
    store.put("status", data["status"])
    if data["status"] == "active":
        offered = bytes.fromhex(data["ombudsman_key"])
        if pinned is None:
            store.put("ombudsman_key", _pin(offered))
        elif pinned["key"] != offered.hex():
            _take_handover(store, terminal, pinned, offered, data, ephemeral)
        store.put("facility", data["facility"])
        store.put("zones", data["zones"])
    return data


def deliver_due(store: Store, client: Client) -> int:
    """Try every message that is due; return how many the server acknowledged."""
    terminal = store.get("terminal")
    if not terminal or store.get("status") != "active":
        return 0
    done = 0
    for item in store.due():
        try:
            status, data = client.deliver(
                terminal=terminal,
                message_id=item.message_id,
                key_id=item.key_id,
                sealed=item.sealed,
            )
        except Unreachable as exc:
            store.failed(item.message_id, f"unreachable: {exc}")
            break  # the network is down: the rest wait for the next round
        if status == 200 and data.get("message_id") == item.message_id:
            store.delivered(item.message_id)
            done += 1
        else:
            store.failed(item.message_id, f"{status} {data.get('type', '')}")
    return done


def heartbeat(store: Store, client: Client) -> None:
    terminal = store.get("terminal")
    if terminal and store.get("status") == "active":
        client.signed(
            "heartbeat",
            terminal,
            outbox_depth=store.depth(),
            software=SOFTWARE,
            last_delivery=store.last_delivery() or "",
            key_id=(store.get("ombudsman_key") or {}).get("key_id", ""),
        )


def run_forever(
    store: Store,
    client: Client,
    stop: threading.Event,
    wake: threading.Event,
    interval: float = 5.0,
) -> None:
    rounds = 0
    while not stop.is_set():
        try:
            if rounds % 12 == 0 or store.get("status") != "active":
                refresh_config(store, client)
            deliver_due(store, client)
            if rounds % 12 == 0:
                heartbeat(store, client)
        except Unreachable as exc:
            log.warning("server unreachable: %s", exc)
        except Exception:  # the loop must survive anything and keep the outbox
            log.exception("outbox round failed")
        rounds += 1
        wake.wait(interval)
        wake.clear()
