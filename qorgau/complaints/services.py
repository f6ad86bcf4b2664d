"""Writes to complaints: registration from every channel, numbering, receipts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.access import has_capability
from qorgau.accounts.models import user_or_none
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.people.models import search_key

from .choices import Category, Status
from .models import (
    ComplainantIdentity,
    Complaint,
    ComplaintEvent,
    IdentityReveal,
    NumberSequence,
    Receipt,
    RevealStatus,
)
from .receipts import secret_hash
from .schemas import ComplaintPayload


def number_next(*, prefix: str, year: int) -> str:
    """The next human number of the year, e.g. CMP-2026-000123 (inside a transaction)."""
    if connection.features.can_return_columns_from_insert:  # UPDATE … RETURNING too
        # One statement that increments and reads under the row's write lock, in
        # place of a locking read and a save; the first number of a year falls through.
        table = connection.ops.quote_name(NumberSequence._meta.db_table)
        with connection.cursor() as cur:
            cur.execute(
                f'UPDATE {table} SET "last" = "last" + 1 '  # noqa: S608 - values are parameters
                'WHERE prefix = %s AND year = %s RETURNING "last"',
                [prefix, year],
            )
            row = cur.fetchone()
        if row is not None:
            return f"{prefix}-{year}-{row[0]:06d}"
    seq, _created = NumberSequence.objects.select_for_update().get_or_create(
        prefix=prefix, year=year
    )
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"{prefix}-{year}-{seq.last:06d}"


def _search_text(*parts: str) -> str:
    # One lower-cased, ё-folded string per complaint: what the search compares against.
    return search_key(re.sub(r"\s+", " ", " ".join(p for p in parts if p)))


def deadlines_for(received_at: datetime) -> dict:
    """When a complaint must be forwarded and answered, from the settings."""
    return {
        "forward_due": received_at + timedelta(hours=settings.QORGAU_COMPLAINT_FORWARD_HOURS),
        "first_answer_due": received_at
        + timedelta(days=settings.QORGAU_COMPLAINT_FIRST_ANSWER_DAYS),
        "final_answer_due": received_at
        + timedelta(days=settings.QORGAU_COMPLAINT_FINAL_ANSWER_DAYS),
    }


@transaction.atomic(savepoint=False)
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
        **deadlines_for(received_at),
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
        secret_hash=secret_hash(payload.receipt.code, payload.receipt.secret),
    )
    # The audit trail names the complaint, never its content.
    audit_record(
        actor=actor,
        action="complaint.receive",
        obj=complaint,
        details={"channel": channel, "facility": str(facility.uuid) if facility else None},
    )
    return complaint


# Which status may follow which: every change goes through complaint_transition.
TRANSITIONS: dict[str, set[str]] = {
    # "Merged" is set only by merging a duplicate (merging.complaint_merge), never by hand.
    Status.REGISTERED: {Status.TRIAGED, Status.INADMISSIBLE},
    Status.TRIAGED: {Status.FORWARDED, Status.IN_PROGRESS, Status.ANSWERED, Status.INADMISSIBLE},
    Status.FORWARDED: {Status.IN_PROGRESS, Status.ANSWERED},
    Status.IN_PROGRESS: {Status.FORWARDED, Status.ANSWERED},
    Status.ANSWERED: {Status.IN_PROGRESS, Status.CLOSED},
    Status.INADMISSIBLE: {Status.CLOSED},
    Status.CLOSED: {Status.IN_PROGRESS},
    Status.MERGED: set(),
}


@transaction.atomic
def complaint_transition(*, actor: Any, complaint: Complaint, to: str, note: str = "") -> Complaint:
    """Move a complaint to `to`, refusing moves the workflow does not allow."""
    if to not in TRANSITIONS.get(complaint.status, set()):
        raise ValidationError(
            _("A complaint that is “%(from)s” cannot become “%(to)s”.")
            % {"from": complaint.get_status_display(), "to": Status(to).label}
        )
    before = complaint.status
    complaint.status = to
    complaint.save(update_fields=["status", "updated_at"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.STATUS,
        from_status=before,
        to_status=to,
        text=note,
    )
    audit_record(
        actor=actor, action="complaint.status", obj=complaint, details={"from": before, "to": to}
    )
    return complaint


@transaction.atomic
def complaint_triage(
    *,
    actor: Any,
    complaint: Complaint,
    categories: list[str],
    urgent: bool,
    assigned_to: Any = None,
) -> Complaint:
    """Confirm what the complaint is about, how urgent it is and who handles it."""
    complaint.categories = list(dict.fromkeys(categories))
    complaint.urgent = urgent
    complaint.assigned_to = assigned_to
    complaint.save(update_fields=["categories", "urgent", "assigned_to", "updated_at"])
    summary = [", ".join(complaint.category_labels)]
    if urgent:
        summary.append(_("Urgent"))
    if assigned_to is not None:
        summary.append(str(assigned_to))
    ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.TRIAGE,
        text=" · ".join(summary),
    )
    if complaint.status == Status.REGISTERED:
        complaint_transition(actor=actor, complaint=complaint, to=Status.TRIAGED)
    if (
        Category.TORTURE in complaint.categories
        and complaint.facility is not None
        and has_capability(actor, Cap.ALLEGATION_HANDLE)
    ):
        # An allegation of torture starts the safeguards at once, on the complaint's clock.
        from qorgau.allegations.services import case_open_from_complaint

        case_open_from_complaint(actor=actor, complaint=complaint)
    audit_record(
        actor=actor,
        action="complaint.triage",
        obj=complaint,
        details={
            "categories": complaint.categories,
            "urgent": urgent,
            "assigned_to": getattr(assigned_to, "username", None),
        },
    )
    return complaint


@transaction.atomic
def complaint_note(*, actor: Any, complaint: Complaint, text: str) -> ComplaintEvent:
    """An internal note: staff only, never shown to the complainant."""
    event = ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.NOTE,
        text=text,
    )
    audit_record(actor=actor, action="complaint.note", obj=complaint)
    return event


@transaction.atomic
def complaint_answer(*, actor: Any, complaint: Complaint, text: str) -> Complaint:
    """Answer the complainant: shown at the terminal or on the web status page."""
    if complaint.status == Status.MERGED:
        raise ValidationError(
            _("This complaint is merged into another one: answer there; its complainant reads it.")
        )
    if complaint.status == Status.REGISTERED:
        raise ValidationError(_("Triage the complaint before answering it."))
    if complaint.status == Status.CLOSED:
        raise ValidationError(_("Reopen the complaint (in progress) before answering it."))
    now = timezone.now()
    receipt = complaint.receipt
    receipt.answer, receipt.answered_at = text, now
    receipt.save(update_fields=["answer", "answered_at", "updated_at"])
    if complaint.first_answered_at is None:
        complaint.first_answered_at = now
        complaint.save(update_fields=["first_answered_at", "updated_at"])
    ComplaintEvent.objects.create(
        complaint=complaint,
        at=now,
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.ANSWER,
        text=text,
    )
    audit_record(actor=actor, action="complaint.answer", obj=complaint)
    # An inadmissible complaint is answered with the reason, and stays inadmissible.
    if complaint.status not in (Status.ANSWERED, Status.INADMISSIBLE):
        complaint_transition(actor=actor, complaint=complaint, to=Status.ANSWERED)
    return complaint


@transaction.atomic
def reveal_request(*, actor: Any, complaint: Complaint, reason: str) -> IdentityReveal:
    """Ask an identity custodian to let `actor` see who complained, with a reason."""
    if complaint.anonymous or not hasattr(complaint, "identity"):
        raise ValidationError(_("This complaint carries no identity to reveal."))
    if len(reason.strip()) < 20:
        raise ValidationError({"reason": _("Explain the reason in at least 20 characters.")})
    if IdentityReveal.objects.filter(
        complaint=complaint, requested_by=actor, status=RevealStatus.PENDING
    ).exists():
        raise ValidationError(_("You already asked; the request waits for a decision."))
    reveal = IdentityReveal.objects.create(
        complaint=complaint, requested_by=actor, requested_at=timezone.now(), reason=reason.strip()
    )
    audit_record(
        actor=actor, action="identity.request", obj=complaint, details={"request": reveal.pk}
    )
    return reveal


@transaction.atomic
def reveal_decide(
    *, actor: Any, reveal: IdentityReveal, approve: bool, note: str = ""
) -> IdentityReveal:
    """A custodian approves (for a limited time) or refuses; nobody decides on their own request."""
    if reveal.status != RevealStatus.PENDING:
        raise ValidationError(_("This request has been decided already."))
    if reveal.requested_by_id == getattr(actor, "pk", None):
        raise ValidationError(_("Nobody may decide on their own request."))
    now = timezone.now()
    reveal.status = RevealStatus.APPROVED if approve else RevealStatus.REFUSED
    reveal.decided_by, reveal.decided_at, reveal.decision_note = actor, now, note
    if approve:
        reveal.valid_until = now + timedelta(days=settings.QORGAU_IDENTITY_REVEAL_DAYS)
    reveal.save()
    audit_record(
        actor=actor,
        action=f"identity.{reveal.status}",
        obj=reveal.complaint,
        details={"request": reveal.pk, "requester": reveal.requested_by.username},
    )
    return reveal
