"""Viewing tokens: a grant's id and expiry, signed with the server's Ed25519 viewing key.

A token is `<payload>.<signature>`, both base64url without padding; the payload is
compact JSON `{"v": 1, "g": "<grant uuid>", "exp": <unix seconds>}`. What may be
watched (cameras, mode, archive window) stays in the grant: the token only proves
that Qorgau issued it for that grant until then, so revoking the grant ends it.

The key is QORGAU_VIEWING_SIGNING_KEY (hex seed) or var/viewing_signing_key
(mode 0600), made once, kept apart from the audit signing key: a leak of one
does not let anyone forge the other's signatures. Ed25519 rather than an HMAC so
that a gateway which cannot call back could still check tokens with the public
key alone, without being able to issue any (docs/decisions/0019).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey

from .reasons import DecisionReason as R

# Signatures cover this prefix too, so no other message signed with any key is a token.
DOMAIN = b"qorgau-viewing-token:"
VERSION = 1
# A real token is about 150 characters; anything much longer is not worth parsing.
MAX_LENGTH = 512


class TokenError(Exception):
    """A token that cannot be used; `reason` is what the gateway's log records."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class TokenClaims:
    grant: uuid.UUID
    expires_at: datetime


@lru_cache(maxsize=1)
def signing_key() -> SigningKey:
    """The viewing key: from the environment, else a file made once under the var directory."""
    if seed := os.environ.get("QORGAU_VIEWING_SIGNING_KEY"):
        return SigningKey(bytes.fromhex(seed))
    path = settings.VAR_DIR / "viewing_signing_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(bytes(SigningKey.generate()).hex())
    return SigningKey(bytes.fromhex(path.read_text().strip()))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token_issue(*, grant: uuid.UUID, expires_at: datetime) -> str:
    """A token for the grant, valid until `expires_at` (whole seconds, rounded down)."""
    payload = json.dumps(
        {"v": VERSION, "g": str(grant), "exp": int(expires_at.timestamp())},
        separators=(",", ":"),
    ).encode()
    signature = signing_key().sign(DOMAIN + payload).signature
    return f"{_b64encode(payload)}.{_b64encode(signature)}"


def token_verify(token: str) -> TokenClaims:
    """The claims of a token Qorgau signed, expired or not; else TokenError saying why.

    Expiry is the caller's check: an expired token's claims are still genuine, so the
    refusal can be logged against its grant.
    """
    if not token:
        raise TokenError(R.NO_TOKEN)
    payload, signature = _split(token)
    try:
        signing_key().verify_key.verify(DOMAIN + payload, signature)
    except BadSignatureError:
        raise TokenError(R.BAD_SIGNATURE) from None
    return _claims(payload)


def _split(token: str) -> tuple[bytes, bytes]:
    if len(token) > MAX_LENGTH or token.count(".") != 1:
        raise TokenError(R.MALFORMED)
    head, _, tail = token.partition(".")
    try:
        payload, signature = _b64decode(head), _b64decode(tail)
    except (binascii.Error, ValueError):
        raise TokenError(R.MALFORMED) from None
    if len(signature) != 64:
        raise TokenError(R.MALFORMED)
    return payload, signature


def _claims(payload: bytes) -> TokenClaims:
    # Only our own key signed this, so a failure here means a bug or an old format.
    try:
        data = json.loads(payload)
        if data.get("v") != VERSION:
            raise TokenError(R.MALFORMED)
        return TokenClaims(
            grant=uuid.UUID(data["g"]),
            expires_at=datetime.fromtimestamp(int(data["exp"]), tz=UTC),
        )
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, OSError):
        raise TokenError(R.MALFORMED) from None
