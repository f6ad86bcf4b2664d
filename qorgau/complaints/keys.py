"""Custody of the Ombudsman's X25519 keys that open sealed complaints.

Keys live in QORGAU_KEYS_DIR (default var/keys, mode 0700), one file per key
(`ombudsman-<key id>.key`, mode 0600, hex private key) and `current` naming
the key terminals seal to. Rotation adds a key and keeps the old ones, so
complaints sealed before the rotation still open, and so that each old key
can vouch for the new one to the kiosks that pinned it (ADR 0012). See
docs/operations.md.
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


def public_info(kid: str) -> PublicInfo | None:
    """The public half of a key the server holds, or None."""
    key = private_key(kid)
    if key is None:
        return None
    public = bytes(key.public_key)
    return PublicInfo(kid, public.hex(), fingerprint(public))


def current_public() -> PublicInfo:
    path = keys_dir() / "current"
    if not path.exists():
        raise NoKey("no Ombudsman key: run `qorgau keys init`")
    kid = path.read_text().strip()
    info = public_info(kid)
    if info is None:
        raise NoKey(f"the current key {kid} is missing from {keys_dir()}")
    return info


def held() -> list[PublicInfo]:
    """Every key the server holds, oldest file first: the current one and those it replaced."""
    paths = sorted(keys_dir().glob("ombudsman-*.key"), key=lambda p: p.stat().st_mtime_ns)
    found = (public_info(p.stem.removeprefix("ombudsman-")) for p in paths)
    return [info for info in found if info is not None]
