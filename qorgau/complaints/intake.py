"""The server side of the terminal protocol: enrol, pair, deliver, heartbeat, status.

Every refusal is an audit entry of its own (written even though nothing else
is stored) and a ProtocolError that the API turns into a problem response.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from pydantic import ValidationError as PydanticError

from qorgau.core.audit import audit_record
from qorgau.core.ratelimit import rate_allow
from qorgau.facilities.models import Facility

from . import keys, terminal_keys
from .models import Channel, Receipt, Terminal, TerminalMessage, TerminalStatus
from .protocol import (
    ProtocolError,
    check_time,
    pairing_code,
    read_envelope,
    read_signed_request,
    unseal,
    verify_signature,
)
from .receipts import secret_hash, secret_matches
from .schemas import ComplaintPayload
from .services import complaint_register


def _window() -> int:
    return getattr(settings, "QORGAU_TERMINAL_WINDOW_SECONDS", 300)


def _refuse(code: str, detail: str, **context: Any) -> ProtocolError:
    # Refusals come from anyone on the network: at most 100 a minute per reason reach
    # the audit chain, so a flood cannot bury it (the refusal itself is still returned).
    if rate_allow(key=f"refusal-audit:{code}", limit=100, window_seconds=60):
        with transaction.atomic():
            audit_record(actor=None, action="terminal.refused", details={"reason": code, **context})
    return ProtocolError(code, detail)


def _terminal(terminal_id: str, *, active: bool = True) -> Terminal:
    try:
        terminal = Terminal.objects.select_related("facility").get(uuid=uuid.UUID(terminal_id))
    except (Terminal.DoesNotExist, ValueError):
        raise _refuse(
            "unknown_terminal", "this terminal is not registered", terminal=terminal_id
        ) from None
    if active and terminal.status != TerminalStatus.ACTIVE:
        raise _refuse(
            "unknown_terminal", "this terminal is not paired or was retired", terminal=terminal_id
        )
    return terminal


# --- enrolment and pairing ----------------------------------------------------


@transaction.atomic
def terminal_enrol(*, verify_key_hex: str, software: str = "") -> Terminal:
    """A kiosk announces its public key; it waits until an administrator pairs it."""
    terminal, created = Terminal.objects.get_or_create(
        verify_key=verify_key_hex,
        defaults={
            "pairing_code": pairing_code(bytes.fromhex(verify_key_hex)),
            "software": software,
        },
    )
    if created:
        audit_record(actor=None, action="terminal.enrol", obj=terminal)
    return terminal


@transaction.atomic
def terminal_pair(*, actor: Any, code: str, facility: Facility, label: str) -> Terminal:
    """Bind the kiosk showing `code` to a facility: from then on it may deliver."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 10:
        normalised = f"{normalised[:5]}-{normalised[5:]}"
    terminal = Terminal.objects.filter(
        pairing_code=normalised, status=TerminalStatus.PENDING
    ).first()
    if terminal is None:
        raise ValidationError({"code": _("No terminal waiting for pairing shows this code.")})
    terminal.facility = facility
    terminal.label = label
    terminal.status = TerminalStatus.ACTIVE
    terminal.paired_at = timezone.now()
    terminal.save()
    audit_record(
        actor=actor, action="terminal.pair", obj=terminal, details={"facility": str(facility.uuid)}
    )
    return terminal


@transaction.atomic
def terminal_retire(*, actor: Any, terminal: Terminal) -> Terminal:
    """A worn-out or lost kiosk: its key is refused from now on."""
    terminal.status = TerminalStatus.RETIRED
    terminal.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="terminal.retire", obj=terminal)
    return terminal


# --- signed requests ------------------------------------------------------------


def _signed(request: dict, *, active: bool = True) -> tuple[Terminal, dict]:
    try:
        data, raw, signature = read_signed_request(request)
    except ProtocolError as exc:
        raise _refuse(exc.code, exc.detail) from None
    terminal = _terminal(str(data["terminal"]), active=active)
    try:
        verify_signature(raw, signature, terminal.verify_key)
        check_time(str(data["sent_at"]), timezone.now(), _window())
    except ProtocolError as exc:
        raise _refuse(exc.code, exc.detail, terminal=str(terminal.uuid)) from None
    return terminal, data


def terminal_config(*, request: dict) -> dict:
    """What a paired kiosk needs: the Ombudsman's key (and its handover), facility, zones."""
    terminal, data = _signed(request, active=False)
    out = {"terminal": terminal.uuid, "status": terminal.status}
    if terminal.status == TerminalStatus.ACTIVE:
        info = keys.current_public()
        facility = terminal.facility
        terminal_keys.key_report_note(terminal=terminal, data=data)
        out.update(
            facility=facility.name_ru if facility else "",
            ombudsman_key=info.public_hex,
            key_id=info.key_id,
            fingerprint=info.fingerprint,
            handover=terminal_keys.handover_for(terminal=terminal, data=data, current=info),
            zones=[
                {"uuid": str(z.uuid), "name": z.name, "kind": z.kind} for z in facility.zones.all()
            ]
            if facility
            else [],
        )
    return out


def terminal_heartbeat(*, request: dict) -> Terminal:
    terminal, data = _signed(request)
    terminal_keys.key_report_note(terminal=terminal, data=data)
    depth = data.get("outbox_depth")
    Terminal.objects.filter(pk=terminal.pk).update(
        last_seen_at=timezone.now(),
        outbox_depth=depth if isinstance(depth, int) and depth >= 0 else terminal.outbox_depth,
        software=str(data.get("software", terminal.software))[:60],
    )
    return terminal


# --- delivery of sealed complaints -------------------------------------------------


# One plain read per delivery instead of three ORM queries (terminal, facility,
# ledger): composing those cost about 2 ms of CPU per complaint, running this one
# 0.05 ms (bench/README.md). Nothing is cached: a terminal retired a moment ago
# is refused.
_SENDER = f"""
SELECT t.id, t.verify_key, t.status, t.facility_id, f.uuid,
       (t.last_delivery_at IS NULL OR t.last_delivery_at < %s),
       (SELECT m.terminal_id FROM {TerminalMessage._meta.db_table} m WHERE m.message_id = %s)
  FROM {Terminal._meta.db_table} t
  LEFT JOIN {Facility._meta.db_table} f ON f.id = t.facility_id
 WHERE t.uuid = %s
"""  # noqa: S608 - table names from the models; every value is a parameter


@dataclass(frozen=True)
class _Sender:
    pk: int
    uuid: uuid.UUID
    verify_key: str
    facility: Facility | None
    health_due: bool  # no delivery recorded for a minute: write the terminal's health
    sent_before_by: int | None  # the terminal that already delivered this message id


def _sender(terminal_id: str, message_id: uuid.UUID, now: datetime) -> _Sender:
    """The active terminal that signed a delivery, as far as the delivery needs it."""
    try:
        wanted = uuid.UUID(terminal_id)
    except ValueError:
        row = None
    else:
        with connection.cursor() as cur:
            cur.execute(
                _SENDER,
                [
                    connection.ops.adapt_datetimefield_value(now - timedelta(seconds=60)),
                    TerminalMessage._meta.get_field("message_id").get_db_prep_value(
                        message_id, connection
                    ),
                    Terminal._meta.get_field("uuid").get_db_prep_value(wanted, connection),
                ],
            )
            row = cur.fetchone()
    if row is None:
        raise _refuse("unknown_terminal", "this terminal is not registered", terminal=terminal_id)
    pk, verify_key, status, facility_id, facility_uuid, health_due, sent_before_by = row
    if status != TerminalStatus.ACTIVE:
        raise _refuse(
            "unknown_terminal", "this terminal is not paired or was retired", terminal=terminal_id
        )
    # Only the facility's id and public id are loaded; any other field is read from
    # the database when asked for, so nothing handed on can be stale.
    facility = (
        Facility.from_db(
            connection.alias, ["id", "uuid"], [facility_id, uuid.UUID(str(facility_uuid))]
        )
        if facility_id is not None
        else None
    )
    return _Sender(pk, wanted, verify_key, facility, bool(health_due), sent_before_by)


def terminal_deliver(*, body: dict, now: datetime | None = None) -> uuid.UUID:
    """Verify, open and store one sealed complaint exactly once; return the message id."""
    now = now or timezone.now()
    try:
        envelope, raw, signature = read_envelope(body)
        message_id = uuid.UUID(envelope.message_id)
    except (ProtocolError, ValueError) as exc:
        code = exc.code if isinstance(exc, ProtocolError) else "malformed"
        raise _refuse(code, getattr(exc, "detail", "message_id is not a UUID")) from None
    sender = _sender(envelope.terminal, message_id, now)
    context = {"terminal": str(sender.uuid), "message_id": str(message_id)}
    try:
        verify_signature(raw, signature, sender.verify_key)
        check_time(envelope.sent_at, now, _window())
    except ProtocolError as exc:
        raise _refuse(exc.code, exc.detail, **context) from None
    if sender.sent_before_by is not None:
        if sender.sent_before_by != sender.pk:
            raise _refuse("conflict", "this message id belongs to another terminal", **context)
        return message_id  # delivered before: the same acknowledgement, nothing new
    private = keys.private_key(envelope.key_id)
    if private is None:
        raise _refuse("undecryptable", "the payload was sealed to an unknown key", **context)
    try:
        payload = ComplaintPayload.model_validate(unseal(envelope.sealed, private))
    except ProtocolError as exc:
        raise _refuse(exc.code, exc.detail, **context) from None
    except PydanticError as exc:
        # Field names only: the content of a complaint never reaches a log.
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
        raise _refuse("malformed", f"invalid fields: {', '.join(fields)}", **context) from None
    try:
        with transaction.atomic():
            complaint = complaint_register(
                actor=None,
                channel=Channel.TERMINAL,
                payload=payload,
                facility=sender.facility,
                received_at=now,
            )
            TerminalMessage.objects.create(
                terminal_id=sender.pk, message_id=message_id, received_at=now, complaint=complaint
            )
            if sender.health_due:  # health needs minutes, not every message
                Terminal.objects.filter(pk=sender.pk).update(last_delivery_at=now, last_seen_at=now)
    except IntegrityError:
        # The same message raced in on another connection and won: it is stored once.
        if TerminalMessage.objects.filter(message_id=message_id, terminal_id=sender.pk).exists():
            return message_id
        raise _refuse("conflict", "the receipt code is already in use", **context) from None
    return message_id


# --- status by receipt ------------------------------------------------------------


def receipt_status(*, code: str, secret: str) -> Receipt | None:
    """The receipt if code and secret match; None for wrong and missing alike."""
    receipt = Receipt.objects.select_related("complaint").filter(code=code.strip().upper()).first()
    if receipt is None:
        secret_hash(code, secret)  # the same work as a wrong secret: timing tells nothing
        return None
    return receipt if secret_matches(code, secret, receipt.secret_hash) else None


class RateLimited(Exception):
    """Too many receipt look-ups from one place or for one code."""


def receipt_status_limited(*, code: str, secret: str, source: str) -> Receipt | None:
    """Look a receipt up, at most 20 times per 5 min per source and 5 per 15 min per code."""
    code = code.strip().upper()
    if not (
        rate_allow(key=f"status-source:{source}", limit=20, window_seconds=300)
        and rate_allow(key=f"status-code:{code}", limit=5, window_seconds=900)
    ):
        raise RateLimited
    return receipt_status(code=code, secret=secret)


def terminal_status(*, request: dict) -> Receipt | None:
    """Status at the kiosk: signed by the terminal; guessing is limited per kiosk and per code."""
    terminal, data = _signed(request)
    try:
        return receipt_status_limited(
            code=str(data.get("code", "")),
            secret=str(data.get("secret", "")),
            source=f"terminal:{terminal.pk}",
        )
    except RateLimited:
        raise _refuse("rate_limited", "too many attempts", terminal=str(terminal.uuid)) from None
