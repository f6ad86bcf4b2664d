"""The kiosk's own small database: pinned configuration and an outbox of ciphertext.

Plain sqlite3 on purpose: the kiosk keeps nothing a facility could read. A
complaint is sealed before this module ever sees it, so only ciphertext,
message ids and delivery bookkeeping are written to disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nacl.signing import SigningKey

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    message_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    sealed TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at);
CREATE TABLE IF NOT EXISTS config (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

MAX_BACKOFF = timedelta(minutes=10)


def _now() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s … up to 10 minutes between tries."""
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@dataclass(frozen=True)
class Pending:
    message_id: str
    key_id: str
    sealed: str
    attempts: int


class Store:
    def __init__(self, home: Path):
        self.home = Path(home)
        self.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.db = sqlite3.connect(
            self.home / "terminal.sqlite3", timeout=30, check_same_thread=False
        )
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- identity -----------------------------------------------------------

    def signing_key(self) -> SigningKey:
        """The kiosk's Ed25519 key, made on first start (mode 0600)."""
        path = self.home / "terminal.key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(bytes(SigningKey.generate()).hex())
        return SigningKey(bytes.fromhex(path.read_text().strip()))

    # --- configuration from the server -------------------------------------------

    def get(self, name: str, default=None):
        row = self.db.execute("SELECT value FROM config WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, name: str, value) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO config (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, json.dumps(value)),
            )

    def forget(self, name: str) -> None:
        with self.db:
            self.db.execute("DELETE FROM config WHERE name = ?", (name,))

    # --- outbox ----------------------------------------------------------------

    def enqueue(self, *, key_id: str, sealed: str) -> str:
        message_id = str(uuid.uuid4())
        now = _now().isoformat()
        with self.db:
            self.db.execute(
                "INSERT INTO outbox (message_id, key_id, sealed, created_at, next_attempt_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (message_id, key_id, sealed, now, now),
            )
        return message_id

    def due(self, limit: int = 50) -> list[Pending]:
        rows = self.db.execute(
            "SELECT message_id, key_id, sealed, attempts FROM outbox "
            "WHERE delivered_at IS NULL AND next_attempt_at <= ? "
            "ORDER BY created_at LIMIT ?",
            (_now().isoformat(), limit),
        ).fetchall()
        return [Pending(*row) for row in rows]

    def delivered(self, message_id: str) -> None:
        """Acknowledged by the server: the ciphertext is no longer needed on this disk."""
        with self.db:
            self.db.execute(
                "UPDATE outbox SET delivered_at = ?, sealed = '', last_error = '' "
                "WHERE message_id = ?",
                (_now().isoformat(), message_id),
            )

    def failed(self, message_id: str, error: str) -> None:
        with self.db:
            row = self.db.execute(
                "SELECT attempts FROM outbox WHERE message_id = ?", (message_id,)
            ).fetchone()
            attempts = (row[0] if row else 0) + 1
            self.db.execute(
                "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? "
                "WHERE message_id = ?",
                (attempts, (_now() + backoff(attempts)).isoformat(), error[:200], message_id),
            )

    def depth(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL").fetchone()[
            0
        ]

    def last_delivery(self) -> str | None:
        row = self.db.execute("SELECT MAX(delivered_at) FROM outbox").fetchone()
        return row[0] if row else None
