"""A transport into the server under test, for the kiosk's own code (one process)."""

from __future__ import annotations

import json
from collections.abc import Callable

from qorgau.complaints.tests.kiosk import payload
from qorgau.terminal.client import Unreachable, seal_complaint
from qorgau.terminal.store import Store


class Server:
    """The server's terminal endpoints, which can be switched off or tampered with."""

    def __init__(self, client):
        self.client = client
        self.up = True
        self.lose_answers = False
        self.calls = 0
        # A machine in the middle: rewrites an answer before the kiosk sees it.
        self.tamper: Callable[[str, dict], dict] | None = None

    def __call__(self, path: str, body: dict) -> tuple[int, dict]:
        if not self.up:
            raise Unreachable("connection refused")
        self.calls += 1
        r = self.client.post(
            f"/api/v1/terminal/{path}", data=json.dumps(body), content_type="application/json"
        )
        if self.lose_answers:
            raise Unreachable("connection reset after the request was sent")
        data = r.json()
        return r.status_code, self.tamper(path, data) if self.tamper else data


def file_complaint(store: Store, **kw) -> str:
    """Seal a complaint to the pinned key and queue it, as the kiosk's last screen does."""
    pinned = store.get("ombudsman_key")
    return store.enqueue(
        key_id=pinned["key_id"], sealed=seal_complaint(payload(**kw), pinned["key"])
    )
