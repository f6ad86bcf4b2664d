"""Receipt secrets: kept as a keyed hash, checked in constant time.

A secret has 8 digits: a plain or even a slow password hash could be brute-
forced offline from a stolen database. An HMAC under a key kept outside the
database (var/receipt_key, mode 0600, or QORGAU_RECEIPT_KEY) makes a stolen
table useless, and costs microseconds, so intake stays fast (bench/README.md).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache

from django.conf import settings

PREFIX = "hmac-sha256$"


@lru_cache(maxsize=1)
def _key() -> bytes:
    if value := os.environ.get("QORGAU_RECEIPT_KEY"):
        return bytes.fromhex(value)
    path = settings.VAR_DIR / "receipt_key"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def secret_hash(code: str, secret: str) -> str:
    digest = hmac.new(_key(), f"{code}:{secret}".encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest


def secret_matches(code: str, secret: str, stored: str) -> bool:
    return hmac.compare_digest(secret_hash(code, secret), stored)
