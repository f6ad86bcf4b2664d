"""The server's Ed25519 key that signs audit checkpoints (PyNaCl / libsodium).

Taken from QORGAU_AUDIT_SIGNING_KEY (hex seed) or made once into
var/audit_signing_key (mode 0600). Checkpoints signed by an earlier key stay
verifiable when its public key is listed in QORGAU_AUDIT_PREVIOUS_KEYS.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from django.conf import settings
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey


def key_id(verify_key: VerifyKey) -> str:
    return hashlib.sha256(bytes(verify_key)).hexdigest()[:16]


@lru_cache(maxsize=1)
def signing_key() -> SigningKey:
    if seed := os.environ.get("QORGAU_AUDIT_SIGNING_KEY"):
        return SigningKey(bytes.fromhex(seed))
    path = settings.VAR_DIR / "audit_signing_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(bytes(SigningKey.generate()).hex())
    return SigningKey(bytes.fromhex(path.read_text().strip()))


def trusted_keys() -> dict[str, VerifyKey]:
    keys = [signing_key().verify_key]
    for hex_key in os.environ.get("QORGAU_AUDIT_PREVIOUS_KEYS", "").split(","):
        if hex_key.strip():
            keys.append(VerifyKey(bytes.fromhex(hex_key.strip())))
    return {key_id(k): k for k in keys}


def checkpoint_message(entry_id: int, entry_hash: str) -> bytes:
    return f"qorgau-audit-checkpoint:{entry_id}:{entry_hash}".encode()


def sign(message: bytes) -> tuple[str, str]:
    """(key id, hex signature) of `message` with the current key."""
    key = signing_key()
    return key_id(key.verify_key), key.sign(message).signature.hex()


def signature_valid(key: str, message: bytes, signature_hex: str) -> bool:
    verify_key = trusted_keys().get(key)
    if verify_key is None:
        return False
    try:
        verify_key.verify(message, bytes.fromhex(signature_hex))
    except (BadSignatureError, ValueError):
        return False
    return True
