"""The referral to the prosecutor: the letter fixed as sent, and the prosecutor's records."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.complaints.services import number_next
from qorgau.core.audit import audit_record

from ..choices import (
    CaseStatus,
    ReferralKind,
    ReferralStatus,
    SafeguardKind,
    SafeguardStatus,
    UpdateKind,
)
from ..models import (
    CaseFile,
    Referral,
    ReferralUpdate,
)

# What a prosecutor may record, from which status, and where it leads.
_UPDATE_FLOW = {
    UpdateKind.RECEIPT: ({ReferralStatus.SENT}, ReferralStatus.RECEIVED),
    UpdateKind.REGISTRATION: ({ReferralStatus.RECEIVED}, ReferralStatus.REGISTERED),
    UpdateKind.DECISION: (
        {ReferralStatus.RECEIVED, ReferralStatus.REGISTERED, ReferralStatus.DECIDED},
        ReferralStatus.DECIDED,
    ),
    UpdateKind.OUTCOME: (
        {ReferralStatus.RECEIVED, ReferralStatus.REGISTERED, ReferralStatus.DECIDED},
        ReferralStatus.CLOSED,
    ),
}


# Renders a referral's letter given its number and time: (as sent, the sender's copy, names anyone).
Render = Callable[..., tuple[bytes, bytes, bool]]


def _refer(
    *, actor: Any, case: CaseFile, kind: str, render: Render, source_reference: str = ""
) -> Referral:
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Reopen the case file before referring it."))
    now = timezone.now()
    number = number_next(prefix="REF", year=timezone.localtime(now).year)
    pdf, copy, carries_identity = render(number=number, sent_at=now)
    referral = Referral.objects.create(
        case=case,
        number=number,
        kind=kind,
        source_reference=source_reference,
        sent_at=now,
        sent_by=actor,
        carries_identity=carries_identity,
        letter_pdf=pdf,
        letter_sha256=hashlib.sha256(pdf).hexdigest(),
        copy_pdf=copy,
    )
    # Whichever reaches the prosecutor first, letter or medical notification, does the safeguard.
    case.safeguards.filter(kind=SafeguardKind.REFERRAL, status=SafeguardStatus.PENDING).update(
        status=SafeguardStatus.DONE,
        completed_at=now,
        completed_by=actor,
        note=number,
        updated_at=now,
    )
    audit_record(
        actor=actor,
        action="allegation.refer",
        obj=case,
        details={
            "referral": number,
            "kind": kind,
            "identity": carries_identity,
            "sha256": referral.letter_sha256,
        },
    )
    return referral


@transaction.atomic
def referral_send(*, actor: Any, case: CaseFile) -> Referral:
    """Refer the case file to the prosecutor: the letter is fixed as sent, identity per consent."""
    from .. import documents

    if case.referrals.filter(kind=ReferralKind.LETTER).exists():
        raise ValidationError(_("This case file has been referred already."))
    return _refer(
        actor=actor,
        case=case,
        kind=ReferralKind.LETTER,
        render=lambda **when: documents.referral_pdfs(case=case, **when),
    )


@transaction.atomic
def referral_notify(
    *, actor: Any, case: CaseFile, source_reference: str, render: Render
) -> Referral:
    """A doctor's notification of injuries on the case file: its letter is the medical report."""
    if case.referrals.filter(kind=ReferralKind.MEDICAL, source_reference=source_reference).exists():
        raise ValidationError(_("The prosecutor has been notified of this examination already."))
    return _refer(
        actor=actor,
        case=case,
        kind=ReferralKind.MEDICAL,
        render=render,
        source_reference=source_reference,
    )


def referral_next_kinds(referral: Referral) -> list[str]:
    """What the prosecutor may record next on this referral, in the order of the flow."""
    return [kind for kind, (allowed, _to) in _UPDATE_FLOW.items() if referral.status in allowed]


@transaction.atomic
def referral_record(
    *,
    actor: Any,
    referral: Referral,
    kind: str,
    text: str = "",
    criminal_case_number: str = "",
    registered_on: Any = None,
) -> ReferralUpdate:
    """The prosecutor's record on a referral: receipt, registration, decision or outcome."""
    if kind not in _UPDATE_FLOW:
        raise ValidationError({"kind": _("Choose what to record.")})
    allowed_from, to = _UPDATE_FLOW[kind]
    if referral.status not in allowed_from:
        raise ValidationError(
            _("A referral that is “%(status)s” cannot take this record.")
            % {"status": referral.get_status_display()}
        )
    now = timezone.now()
    fields = ["status", "updated_at"]
    if kind == UpdateKind.RECEIPT:
        referral.received_at = now
        fields.append("received_at")
    elif kind == UpdateKind.REGISTRATION:
        if not criminal_case_number.strip() or registered_on is None:
            raise ValidationError(
                {"criminal_case_number": _("Give the registration number and its date.")}
            )
        if registered_on > timezone.localdate(now):
            raise ValidationError({"registered_on": _("The date cannot be in the future.")})
        referral.criminal_case_number = criminal_case_number.strip()
        referral.registered_on = registered_on
        fields += ["criminal_case_number", "registered_on"]
        text = text or criminal_case_number.strip()
    elif not text.strip():
        raise ValidationError({"text": _("Write the decision or outcome.")})
    if kind == UpdateKind.OUTCOME:
        referral.outcome = text.strip()
        fields.append("outcome")
    referral.status = to
    referral.save(update_fields=fields)
    update = ReferralUpdate.objects.create(
        referral=referral,
        kind=kind,
        at=now,
        actor=user_or_none(actor),
        actor_label=getattr(actor, "audit_label", str(actor)),
        text=text.strip(),
    )
    audit_record(
        actor=actor,
        action=f"referral.{kind}",
        obj=referral.case,
        details={"referral": referral.number, "status": to},
    )
    return update


def referral_updates_seen(*, case: CaseFile) -> int:
    """Mark the prosecutor's updates on a case file as seen by the Ombudsman."""
    return ReferralUpdate.objects.filter(referral__case=case, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
