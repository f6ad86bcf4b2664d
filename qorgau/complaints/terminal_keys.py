"""Which Ombudsman key each kiosk seals to, and moving kiosks to a new key after rotation.

A kiosk pins the Ombudsman key it receives at pairing. After `qorgau keys rotate`
the server offers the new key in the signed configuration exchange, together
with a handover: the key the kiosk pinned vouches for the new one (a crypto_box
from the old private key to a key the kiosk made for that one request). The
kiosk re-pins only on that proof. See docs/decisions/0012-remote-re-pin-after-key-rotation.md.

Kiosks report the id of the key they seal to with each configuration request
and heartbeat; a change is an audit entry `terminal.key`, and the latest of
those is what the Terminals page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from qorgau.core.audit import audit_record
from qorgau.core.models import AuditEntry

from . import keys
from .models import Terminal
from .protocol import handover_seal

ACTION = "terminal.key"


def handover_for(*, terminal: Terminal, data: dict, current: keys.PublicInfo) -> str:
    """The proof a kiosk needs to move from the key it pinned to `current`; "" if none."""
    pinned, ephemeral = data.get("key_id"), data.get("ephemeral")
    if not isinstance(pinned, str) or pinned == current.key_id or not isinstance(ephemeral, str):
        return ""
    old = keys.private_key(pinned)
    if old is None:
        return ""  # not a key of ours: the kiosk keeps its warning, the page shows the stranger
    try:
        ephemeral_public = bytes.fromhex(ephemeral)
    except ValueError:
        return ""
    if len(ephemeral_public) != 32:
        return ""
    return handover_seal(
        terminal=str(terminal.uuid),
        old=old,
        new_public=bytes.fromhex(current.public_hex),
        ephemeral_public=ephemeral_public,
    )


@dataclass(frozen=True)
class KeyReport:
    """The key a kiosk last said it seals to, as the server sees it."""

    key_id: str
    fingerprint: str  # empty when the server does not hold that key
    current: bool

    @property
    def known(self) -> bool:
        return bool(self.fingerprint)


def _latest(terminal_uuids: Iterable[str]) -> dict[str, str]:
    """terminal uuid → the key id of its latest `terminal.key` entry."""
    rows = (
        AuditEntry.objects.filter(
            action=ACTION, object_type="complaints.terminal", object_id__in=list(terminal_uuids)
        )
        .order_by("object_id", "-id")
        .values_list("object_id", "details")
    )
    latest: dict[str, str] = {}
    for object_id, details in rows:
        latest.setdefault(object_id, str(details.get("key_id", "")))
    return latest


def key_report_note(*, terminal: Terminal, data: dict) -> None:
    """Record, once per change, the key id a kiosk reports in a signed request."""
    reported = data.get("key_id")
    if not isinstance(reported, str) or not reported.isalnum() or len(reported) > 64:
        return
    previous = _latest([str(terminal.uuid)]).get(str(terminal.uuid))
    if previous == reported:
        return
    info = keys.public_info(reported)
    try:
        current = keys.current_public().key_id
    except keys.NoKey:
        current = ""
    with transaction.atomic():
        audit_record(
            actor=None,
            action=ACTION,
            obj=terminal,
            details={
                "key_id": reported,
                "previous": previous,
                "fingerprint": info.fingerprint if info else "",
                "current": reported == current,
            },
        )


def key_reports(terminals: Iterable[Terminal]) -> dict[str, KeyReport]:
    """terminal uuid → the key it last reported, for the Terminals page (one query)."""
    try:
        current = keys.current_public().key_id
    except keys.NoKey:
        current = ""
    reports = {}
    for uuid, kid in _latest(str(t.uuid) for t in terminals).items():
        info = keys.public_info(kid)
        reports[uuid] = KeyReport(kid, info.fingerprint if info else "", kid == current)
    return reports
