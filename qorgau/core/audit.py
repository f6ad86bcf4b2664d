"""The hash chain: writing, reading and verifying the audit log.

Each entry's hash covers the previous entry's hash and the entry's own
fields, so altering, removing or reordering any entry breaks every hash after
it. Writers are serialised (SQLite: BEGIN IMMEDIATE holds the write lock;
PostgreSQL: a transaction-scoped advisory lock) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .models import AuditCheckpoint, AuditEntry
from .signing import checkpoint_message, sign, signature_valid

GENESIS_HASH = "0" * 64
_PG_AUDIT_LOCK = 0x51_6F_72_67  # "Qorg": any constant shared by all writers


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(
    *,
    prev_hash: str,
    at: Any,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    details: dict,
) -> str:
    payload = _canonical(
        {
            "prev": prev_hash,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor": actor_label,
            "action": action,
            "type": object_type,
            "id": object_id,
            "repr": object_repr,
            "details": details,
        }
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _describe(obj: Any) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        public = getattr(obj, "uuid", None) or obj.pk
        label = getattr(obj, "audit_repr", None) or str(obj)
        return obj._meta.label_lower, str(public), label[:255]
    return type(obj).__name__, "", str(obj)[:255]


def _actor(actor: Any) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", True):
        return None, "anonymous" if actor is not None else "system"
    label = getattr(actor, "audit_label", None) or str(actor)
    return getattr(actor, "pk", None), label[:150]


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_AUDIT_LOCK])


def _last_hash() -> str | None:
    # Read on every write of every entry: a plain statement, because composing
    # the same query through the ORM costs ten times as much as running it.
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 - no input
        row = cur.fetchone()
    return row[0] if row else None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the chain; call it inside the change's transaction."""
    details = json.loads(_canonical(details or {}))  # what the database will give back
    object_type, object_id, object_repr = _describe(obj)
    actor_id, actor_label = _actor(actor)
    # Joins the caller's transaction without a savepoint: the entry commits or
    # rolls back with the change it records.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        prev_hash = _last_hash() or GENESIS_HASH
        at = timezone.now()
        entry = AuditEntry(
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            details=details,
            prev_hash=prev_hash,
        )
        entry.hash = _hash_of(entry)
        entry.save(force_insert=True)
    return entry


def audit_read(*, actor: Any, obj: Any, details: dict | None = None) -> AuditEntry:
    """Log that `actor` read a sensitive record (identity, medical, case content)."""
    return audit_record(actor=actor, action="read", obj=obj, details=details)


def _hash_of(entry: AuditEntry) -> str:
    return entry_hash(
        prev_hash=entry.prev_hash,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_label=entry.actor_label,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        details=entry.details,
    )


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    last: tuple[int, str] | None = None  # the newest entry checked: (id, hash)


def _entries(batch: int = 5000) -> Iterator[AuditEntry]:
    last_id = 0
    while True:
        chunk = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not chunk:
            return
        yield from chunk
        last_id = chunk[-1].id


def audit_verify(*, progress: Callable[[int], None] | None = None) -> VerifyResult:
    """Walk the chain from the start and name the first entry that does not fit.

    Then check every signed checkpoint: each must be validly signed by a trusted
    key and match the entry it seals, which exposes a chain recomputed from some
    entry on, and a tail cut off behind the last checkpoint.
    """
    prev = GENESIS_HASH
    checked = last_id = 0
    hashes: dict[int, str] = {}
    sealed = set(AuditCheckpoint.objects.values_list("entry_id", flat=True))
    for entry in _entries():
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.id, "previous hash does not match")
        if _hash_of(entry) != entry.hash:
            return VerifyResult(False, checked, entry.id, "content does not match its hash")
        if entry.id in sealed:
            hashes[entry.id] = entry.hash
        prev, last_id = entry.hash, entry.id
        checked += 1
        if progress and checked % 5000 == 0:
            progress(checked)
    outside = _newest_outside_checkpoint()
    if outside is None and AuditCheckpoint.objects.exists():
        return VerifyResult(
            False, checked, None, "checkpoints exist but their copy outside the database is missing"
        )
    if (
        outside is not None
        and not AuditCheckpoint.objects.filter(
            entry_id=outside["entry_id"],
            entry_hash=outside["entry_hash"],
            signature=outside["signature"],
        ).exists()
    ):
        return VerifyResult(
            False,
            checked,
            outside["entry_id"],
            "the newest checkpoint kept outside the database is missing from it",
        )
    for cp in AuditCheckpoint.objects.order_by("entry_id"):
        if not signature_valid(
            cp.key_id, checkpoint_message(cp.entry_id, cp.entry_hash), cp.signature
        ):
            return VerifyResult(
                False, checked, cp.entry_id, f"checkpoint #{cp.pk} has no valid signature"
            )
        if cp.entry_id not in hashes:
            return VerifyResult(
                False, checked, cp.entry_id, f"entry sealed by checkpoint #{cp.pk} is missing"
            )
        if hashes[cp.entry_id] != cp.entry_hash:
            return VerifyResult(
                False, checked, cp.entry_id, f"entry differs from checkpoint #{cp.pk}"
            )
    return VerifyResult(True, checked, last=(last_id, prev) if checked else None)


def audit_checkpoint(result: VerifyResult) -> AuditCheckpoint | None:
    """Seal the newest entry a successful check has seen with the server's signature."""
    if not result.ok or result.last is None:
        return None
    entry_id, entry_hash = result.last
    existing = AuditCheckpoint.objects.filter(entry_id=entry_id).first()
    if existing is not None:
        return existing
    key, signature = sign(checkpoint_message(entry_id, entry_hash))
    checkpoint = AuditCheckpoint.objects.create(
        entry_id=entry_id, entry_hash=entry_hash, key_id=key, signature=signature
    )
    _record_outside(checkpoint)
    return checkpoint


def _outside_log() -> Path:
    return Path(
        getattr(settings, "QORGAU_AUDIT_CHECKPOINT_LOG", "")
        or settings.VAR_DIR / "audit-checkpoints.log"
    )


def _record_outside(checkpoint: AuditCheckpoint) -> None:
    """Keep each checkpoint in an append-only file too, beside the signing key.

    Deleting the newest entries together with their checkpoint row leaves the
    database consistent; this copy outside it is what exposes that.
    """
    line = {
        "entry_id": checkpoint.entry_id,
        "entry_hash": checkpoint.entry_hash,
        "signature": checkpoint.signature,
        "at": checkpoint.at.isoformat(),
    }
    path = _outside_log()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")


def _newest_outside_checkpoint() -> dict | None:
    path = _outside_log()
    if not path.exists():
        return None
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return json.loads(lines[-1]) if lines else None
