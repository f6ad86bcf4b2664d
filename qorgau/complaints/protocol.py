"""The terminal ↔ server protocol, shared by the kiosk agent and the server.

A complaint is sealed on the kiosk the moment it is submitted (libsodium
sealed box to the Ombudsman's X25519 key): only that ciphertext is kept on the
kiosk. Each delivery attempt wraps it in an envelope signed with the kiosk's
Ed25519 key, naming the terminal, the message id and the sending time, so the
server can check who sent it, refuse replays, and store it exactly once.

Pure Python + PyNaCl: no Django here, the agent imports it too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import Box, PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

VERSION = 1
# Codes people read aloud or type: no 0/O, no 1/I.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class ProtocolError(Exception):
    """A message the server must refuse; `code` names the reason for the problem response."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(key: bytes) -> str:
    """Short, readable fingerprint of a public key: 5 groups of 4 hex digits."""
    digest = hashlib.sha256(key).hexdigest()[:20].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 20, 4))


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def pairing_code(verify_key: bytes) -> str:
    """What the kiosk shows and the administrator types: 10 characters, no 0/O or 1/I."""
    alphabet = CODE_ALPHABET
    n = int.from_bytes(hashlib.sha256(b"qorgau-pair:" + verify_key).digest()[:8], "big")
    chars = []
    for _ in range(10):
        n, r = divmod(n, len(alphabet))
        chars.append(alphabet[r])
    code = "".join(chars)
    return f"{code[:5]}-{code[5:]}"


def new_receipt() -> tuple[str, str]:
    """A receipt code (ABCDE-23456, 50 bits) and an 8-digit secret, from the OS's CSPRNG."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{code[:5]}-{code[5:]}", f"{secrets.randbelow(10**8):08d}"


def seal(payload: dict, recipient: PublicKey) -> str:
    """Seal a complaint for the Ombudsman: base64 ciphertext nobody else can open."""
    return base64.b64encode(SealedBox(recipient).encrypt(canonical(payload))).decode()


def unseal(sealed_b64: str, private_key: PrivateKey) -> dict:
    try:
        plain = SealedBox(private_key).decrypt(base64.b64decode(sealed_b64, validate=True))
    except (CryptoError, ValueError) as exc:
        raise ProtocolError(
            "undecryptable", "the payload cannot be opened with the Ombudsman's key"
        ) from exc
    try:
        payload = json.loads(plain)
    except ValueError as exc:
        raise ProtocolError("malformed", "the opened payload is not JSON") from exc
    if not isinstance(payload, dict):
        raise ProtocolError("malformed", "the opened payload is not an object")
    return payload


@dataclass(frozen=True)
class Envelope:
    terminal: str  # the terminal's public id
    message_id: str
    sent_at: str  # ISO 8601, UTC
    key_id: str  # which Ombudsman key sealed the payload
    sealed: str
    kind: str = "complaint"
    version: int = VERSION

    def as_dict(self) -> dict:
        return {
            "v": self.version,
            "kind": self.kind,
            "terminal": self.terminal,
            "message_id": self.message_id,
            "sent_at": self.sent_at,
            "key_id": self.key_id,
            "sealed": self.sealed,
        }


def sign_envelope(envelope: Envelope, signing_key: SigningKey) -> dict:
    """The HTTP body for one delivery attempt."""
    body = canonical(envelope.as_dict())
    return {
        "envelope": base64.b64encode(body).decode(),
        "signature": signing_key.sign(body).signature.hex(),
    }


def read_envelope(body: dict) -> tuple[Envelope, bytes, bytes]:
    """Parse a delivery without trusting it yet: (envelope, signed bytes, signature)."""
    try:
        raw = base64.b64decode(body["envelope"], validate=True)
        signature = bytes.fromhex(body["signature"])
        data = json.loads(raw)
        envelope = Envelope(
            terminal=str(data["terminal"]),
            message_id=str(data["message_id"]),
            sent_at=str(data["sent_at"]),
            key_id=str(data["key_id"]),
            sealed=str(data["sealed"]),
            kind=str(data.get("kind", "complaint")),
            version=int(data["v"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError("malformed", "the envelope cannot be read") from exc
    if envelope.version != VERSION:
        raise ProtocolError("malformed", f"unsupported protocol version {envelope.version}")
    return envelope, raw, signature


def verify_signature(raw: bytes, signature: bytes, verify_key_hex: str) -> None:
    try:
        VerifyKey(bytes.fromhex(verify_key_hex)).verify(raw, signature)
    except (BadSignatureError, ValueError) as exc:
        raise ProtocolError(
            "bad_signature", "the signature does not match the terminal's key"
        ) from exc


def check_time(sent_at: str, now: datetime, window_seconds: int) -> None:
    try:
        when = datetime.fromisoformat(sent_at)
    except ValueError as exc:
        raise ProtocolError("malformed", "sent_at is not a time") from exc
    if when.tzinfo is None:
        raise ProtocolError("malformed", "sent_at has no time zone")
    if abs((now - when).total_seconds()) > window_seconds:
        raise ProtocolError("stale", "the envelope is outside the accepted time window")


HANDOVER = "qorgau-key-handover"


def handover_seal(
    *, terminal: str, old: PrivateKey, new_public: bytes, ephemeral_public: bytes
) -> str:
    """The old Ombudsman key vouches for the new one to one kiosk, for one request.

    A crypto_box from the old private key to a fresh key the kiosk sent with its
    signed request: only the holder of the key the kiosk pinned can make one,
    and it answers that request alone, so it cannot be replayed. See ADR 0012.
    """
    statement = {
        "purpose": HANDOVER,
        "terminal": terminal,
        "from": key_id(bytes(old.public_key)),
        "key": new_public.hex(),
        "issued_at": utcnow_iso(),
    }
    box = Box(old, PublicKey(ephemeral_public))
    return base64.b64encode(box.encrypt(canonical(statement))).decode()


def handover_open(
    sealed_b64: str, *, terminal: str, pinned_public: bytes, ephemeral: PrivateKey
) -> bytes:
    """The new public key, if the key the kiosk pinned vouched for it; else ProtocolError."""
    try:
        box = Box(ephemeral, PublicKey(pinned_public))
        statement = json.loads(box.decrypt(base64.b64decode(sealed_b64, validate=True)))
        new_public = bytes.fromhex(statement["key"])
        valid = (
            statement["purpose"] == HANDOVER
            and statement["terminal"] == terminal
            and statement["from"] == key_id(pinned_public)
            and len(new_public) == 32
        )
    except (CryptoError, ValueError, KeyError, TypeError) as exc:
        raise ProtocolError("bad_handover", "the key change is not vouched for") from exc
    if not valid:
        raise ProtocolError("bad_handover", "the key change names another kiosk or key")
    return new_public


def utcnow_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def signed_request(payload: dict, signing_key: SigningKey) -> dict:
    """Small signed requests other than complaints (heartbeat, status, config)."""
    body = canonical({**payload, "sent_at": utcnow_iso()})
    return {
        "body": base64.b64encode(body).decode(),
        "signature": signing_key.sign(body).signature.hex(),
    }


def read_signed_request(request: dict) -> tuple[dict, bytes, bytes]:
    try:
        raw = base64.b64decode(request["body"], validate=True)
        data = json.loads(raw)
        signature = bytes.fromhex(request["signature"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError("malformed", "the request cannot be read") from exc
    if not isinstance(data, dict) or "terminal" not in data or "sent_at" not in data:
        raise ProtocolError("malformed", "the request lacks terminal or sent_at")
    return data, raw, signature
