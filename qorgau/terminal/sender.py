"""The outbox loop: deliver every sealed complaint until the server acknowledges it."""

from __future__ import annotations

import logging
import threading

from .client import Client, Unreachable
from .store import Store

log = logging.getLogger("qorgau.terminal")
SOFTWARE = "qorgau-terminal 1"

# Refusals that cannot heal by retrying the same bytes are still kept and
# retried slowly: a complaint is never dropped by the kiosk.


def refresh_config(store: Store, client: Client) -> dict:
    """Enrol if needed, then learn pairing state and pin the Ombudsman's key on first sight."""
    terminal = store.get("terminal")
    if not terminal:
        data = client.enrol(SOFTWARE)
        store.put("terminal", data["terminal"])
        store.put("pairing_code", data["pairing_code"])
        terminal = data["terminal"]
    status, data = client.signed("config", terminal)
    if status != 200:
        raise Unreachable(f"config refused: {status} {data.get('title', '')}")
    store.put("status", data["status"])
    if data["status"] == "active":
        pinned = store.get("ombudsman_key")
        if pinned is None:
            store.put(
                "ombudsman_key",
                {
                    "key": data["ombudsman_key"],
                    "key_id": data["key_id"],
                    "fingerprint": data["fingerprint"],
                },
            )
        elif pinned["key"] != data["ombudsman_key"]:
            # A changed key is never taken silently: the kiosk keeps sealing to the
            # pinned key and says so on its service screen (docs/operations.md).
            store.put("key_mismatch", data["fingerprint"])
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
