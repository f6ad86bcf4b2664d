"""Custody of the Ombudsman's X25519 keys that open sealed complaints.

Keys live in QORGAU_KEYS_DIR (default var/keys, mode 0700), one file per key
(`ombudsman-<key id>.key`, mode 0600, hex private key) and `current` naming
the key terminals seal to. Rotation adds a key and keeps the old ones, so
complaints sealed before the rotation still open. See docs/operations.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from nacl.public import PrivateKey

from .protocol import fingerprint, key_id


class NoKey(Exception):
    """No Ombudsman key exists yet: run `qorgau keys init`."""


@dataclass(frozen=True)
class PublicInfo:
    key_id: str
    public_hex: str
    fingerprint: str


def keys_dir() -> Path:
    return Path(getattr(settings, "QORGAU_KEYS_DIR", "") or settings.VAR_DIR / "keys")


def _write_new() -> str:
    folder = keys_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    private = PrivateKey.generate()
    kid = key_id(bytes(private.public_key))
    fd = os.open(folder / f"ombudsman-{kid}.key", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(bytes(private).hex())
    tmp = folder / "current.tmp"
    tmp.write_text(kid)
    tmp.replace(folder / "current")  # atomic: terminals never see a half-written name
    return kid


def keys_init() -> tuple[PublicInfo, bool]:
    """Create the first key unless one exists; (current key, created?)."""
    if (keys_dir() / "current").exists():
        return current_public(), False
    _write_new()
    return current_public(), True


def keys_rotate() -> PublicInfo:
    """A new current key; earlier keys stay to open what was sealed to them."""
    _write_new()
    return current_public()


def private_key(kid: str) -> PrivateKey | None:
    if not kid.isalnum():
        return None
    path = keys_dir() / f"ombudsman-{kid}.key"
    if not path.exists():
        return None
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load(path: str, _mtime: int) -> PrivateKey:
    # Cached per file and modification time: a key is read once, not per complaint.
    with open(path) as fh:
        return PrivateKey(bytes.fromhex(fh.read().strip()))


def current_public() -> PublicInfo:
    path = keys_dir() / "current"
    if not path.exists():
        raise NoKey("no Ombudsman key: run `qorgau keys init`")
    kid = path.read_text().strip()
    key = private_key(kid)
    if key is None:
        raise NoKey(f"the current key {kid} is missing from {keys_dir()}")
    public = bytes(key.public_key)
    return PublicInfo(kid, public.hex(), fingerprint(public))
