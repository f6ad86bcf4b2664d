"""Nothing lost when a process fails: complaints filed while the server is down arrive once."""

from __future__ import annotations

import base64
import http.cookiejar
import json
import re
import sqlite3
import time
import urllib.parse
import urllib.request
from pathlib import Path

from qorgau.testing.live import (
    free_port,
    pair_terminal,
    prepare_server,
    running_server,
    running_terminal,
)

MARKER = "RESTART-MARKER"


class KioskScreen:
    """Drives the kiosk's pages as its browser would, form by form."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(f"{self.base}{path}", timeout=10) as r:  # noqa: S310 - loopback
            return r.read().decode()

    def file(self, n: int) -> str:
        page = self.get("/?lang=ru")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        answers = {
            "about": "self",
            "categories": ["conditions"],
            "description": f"{MARKER} {n}",
            "consent_prosecutor": "no",
            "consent_facility": "no",
            "anonymous": True,
        }
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "lang": "ru",
                "action": "submit",
                "index": 9,
                "carry": base64.b64encode(json.dumps(answers).encode()).decode(),
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{self.base}/file/",
            data=data,
            headers={"Origin": self.base, "Referer": f"{self.base}/"},
        )
        with self.opener.open(request, timeout=10) as r:  # noqa: S310 - loopback
            body = r.read().decode()
        return re.search(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", body).group(0)


def _stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT description FROM complaints_complaint WHERE description LIKE ?", (f"{MARKER}%",)
        ).fetchall()
    return sorted(r[0] for r in rows)


def _wait(predicate, seconds=40):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_complaints_filed_while_the_server_is_down_arrive_exactly_once(tmp_path):
    env = prepare_server(tmp_path / "server", people=50)
    port = free_port()
    db = Path(env["QORGAU_SQLITE_PATH"])
    server = f"http://127.0.0.1:{port}"
    with running_terminal(tmp_path / "kiosk", server) as kiosk:
        screen = KioskScreen(kiosk)
        code = None

        def pairing_shown():
            nonlocal code
            match = re.search(r'<p class="code">([2-9A-Z]{5}-[2-9A-Z]{5})</p>', screen.get("/"))
            code = match.group(1) if match else None
            return code

        with running_server(env, port):
            _wait(pairing_shown)
            pair_terminal(env, code)
            _wait(lambda: "Написать жалобу" in screen.get("/?lang=ru"))
        # The server is stopped: the kiosk keeps taking complaints.
        receipts = [screen.file(n) for n in range(5)]
        assert len(set(receipts)) == 5
        time.sleep(2)
        assert _stored(db) == []
        with running_server(env, port):
            _wait(lambda: len(_stored(db)) == 5)
            time.sleep(3)  # more rounds must not store anything twice
            assert _stored(db) == [f"{MARKER} {n}" for n in range(5)]
