"""Writes to complaints: registration from every channel, numbering, receipts."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.people.models import search_key

from .models import ComplainantIdentity, Complaint, NumberSequence, Receipt
from .schemas import ComplaintPayload


def number_next(*, prefix: str, year: int) -> str:
    """The next human number of the year, e.g. CMP-2026-000123 (inside a transaction)."""
    seq, _ = NumberSequence.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"{prefix}-{year}-{seq.last:06d}"


def _search_text(*parts: str) -> str:
    # One lower-cased, ё-folded string per complaint: what the search compares against.
    return search_key(re.sub(r"\s+", " ", " ".join(p for p in parts if p)))


@transaction.atomic
def complaint_register(
    *,
    actor: Any,
    channel: str,
    payload: ComplaintPayload,
    facility: Facility | None,
    received_at: datetime | None = None,
    contact: str = "",
) -> Complaint:
    """Store a complaint from any channel: content, identity apart, and its receipt."""
    received_at = received_at or timezone.now()
    zone = None
    if payload.zone and facility is not None:
        zone = Zone.objects.filter(uuid=payload.zone, facility=facility).first()
    complaint = Complaint.objects.create(
        number=number_next(prefix="CMP", year=timezone.localtime(received_at).year),
        channel=channel,
        received_at=received_at,
        facility=facility,
        zone=zone,
        about=payload.about,
        categories=[str(c) for c in payload.categories],
        description=payload.description,
        event_date=payload.event_date,
        event_time=payload.event_time,
        injuries=payload.injuries,
        witnesses=payload.witnesses,
        told_already=payload.told_already,
        language=payload.language,
        consent_prosecutor=payload.consent_prosecutor,
        consent_facility=payload.consent_facility,
        anonymous=payload.anonymous or payload.identity is None,
        search_text=_search_text(payload.description, payload.injuries, payload.witnesses),
    )
    identity = payload.identity
    if (identity and not payload.anonymous) or payload.victim_name or contact:
        ComplainantIdentity.objects.create(
            complaint=complaint,
            full_name=identity.full_name if identity and not payload.anonymous else "",
            birth_date=identity.birth_date if identity and not payload.anonymous else None,
            iin=identity.iin if identity and not payload.anonymous else "",
            victim_name=payload.victim_name,
            contact=contact,
        )
    Receipt.objects.create(
        complaint=complaint,
        code=payload.receipt.code,
        secret_hash=make_password(payload.receipt.secret),
    )
    # The audit trail names the complaint, never its content.
    audit_record(
        actor=actor,
        action="complaint.receive",
        obj=complaint,
        details={"channel": channel, "facility": str(facility.uuid) if facility else None},
    )
    return complaint
