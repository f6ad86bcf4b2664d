"""Talking to the server: each call is one signed HTTPS request.

`Transport` is any callable (path, body) -> (status, json); the real one uses
urllib over HTTPS, tests pass one that calls the server in-process.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime

from nacl.public import PublicKey
from nacl.signing import SigningKey

from qorgau.complaints.protocol import Envelope, seal, sign_envelope, signed_request

Transport = Callable[[str, dict], tuple[int, dict]]


class Unreachable(Exception):
    """The server did not answer (network down, server stopped): try again later."""


def http_transport(base_url: str, *, ca_file: str | None = None, timeout: float = 15) -> Transport:
    if not base_url.startswith(("https://", "http://")):
        raise ValueError("the server URL must be http(s)://")
    context = ssl.create_default_context(cafile=ca_file) if base_url.startswith("https") else None

    def post(path: str, body: dict) -> tuple[int, dict]:
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            f"{base_url.rstrip('/')}/api/v1/terminal/{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310 - scheme checked above
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                return exc.code, json.loads(exc.read() or b"{}")
            except ValueError:
                return exc.code, {}
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            raise Unreachable(str(exc)) from exc

    return post


class Client:
    def __init__(self, transport: Transport, key: SigningKey):
        self.post = transport
        self.key = key

    def enrol(self, software: str) -> dict:
        status, data = self.post(
            "enrol", {"verify_key": bytes(self.key.verify_key).hex(), "software": software}
        )
        if status != 200:
            raise Unreachable(f"enrol refused: {status} {data.get('title', '')}")
        return data

    def signed(self, path: str, terminal: str, **payload) -> tuple[int, dict]:
        return self.post(path, signed_request({"terminal": terminal, **payload}, self.key))

    def deliver(
        self, *, terminal: str, message_id: str, key_id: str, sealed: str
    ) -> tuple[int, dict]:
        envelope = Envelope(
            terminal=terminal,
            message_id=message_id,
            # Signed afresh at every attempt: the server checks the sending time.
            sent_at=datetime.now(UTC).isoformat(timespec="seconds"),
            key_id=key_id,
            sealed=sealed,
        )
        return self.post("messages", sign_envelope(envelope, self.key))


def seal_complaint(payload: dict, ombudsman_key_hex: str) -> str:
    return seal(payload, PublicKey(bytes.fromhex(ombudsman_key_hex)))
