"""Writes of funding: reimbursements of participants per visit, their approval and payment,
the year's budget.

A reimbursement keeps the rates in force when it was computed: a later change of the
settings (a new MCI in January, a new daily rate) never changes what was already worked
out. Only a pending row changes (its travel, its days); approved and paid rows are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.core.audit import audit_record
from qorgau.visits.choices import DecisionKind, ReimbursementStatus, VisitStatus
from qorgau.visits.models import Budget, CouncilDecision, Reimbursement, Visit

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999")  # the budget field's 14 digits, 2 of them decimals


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rates:
    """The rates of the settings, read once per computation."""

    daily_rate: Decimal
    travel: Decimal
    extras_mci: Decimal
    mci: Decimal


def current_rates() -> Rates:
    """The reimbursement rates of the settings (QORGAU_NPM_* and QORGAU_MCI)."""
    return Rates(
        daily_rate=_decimal(settings.QORGAU_NPM_DAILY_RATE),
        travel=_decimal(settings.QORGAU_NPM_TRAVEL),
        extras_mci=_decimal(settings.QORGAU_NPM_EXTRA_MCI),
        mci=_decimal(settings.QORGAU_MCI),
    )


def reimbursement_amount(
    *, days: int, daily_rate: Decimal, travel: Decimal, extras_mci: Decimal, mci: Decimal
) -> Decimal:
    """Days at the daily rate, plus travel, plus the extra in MCI at the MCI's value."""
    total = Decimal(days) * daily_rate + travel + extras_mci * mci
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def _refresh_total(row: Reimbursement) -> None:
    row.total = reimbursement_amount(
        days=row.days,
        daily_rate=row.daily_rate,
        travel=row.travel,
        extras_mci=row.extras_mci,
        mci=row.mci,
    )


COMPUTABLE = frozenset({VisitStatus.IN_PROGRESS, VisitStatus.DONE})


@transaction.atomic
def reimbursements_compute(*, actor: Any, visit: Visit) -> list[Reimbursement]:
    """One row per team member: new rows at today's rates; pending rows follow the team's days.

    A pending row of someone no longer on the team is removed; approved and paid rows stay
    as they are.
    """
    if visit.status not in COMPUTABLE:
        raise ValidationError(
            _("Reimbursements are computed once the visit has begun, and not for a cancelled one.")
        )
    rates = current_rates()
    team = {m.participant_id: m for m in visit.team.select_related("participant")}
    rows = {
        r.participant_id: r for r in Reimbursement.objects.select_for_update().filter(visit=visit)
    }
    created, updated, removed = 0, 0, 0
    for pid, row in rows.items():
        if pid not in team and row.status == ReimbursementStatus.PENDING:
            row.delete()
            removed += 1
    for pid, member in team.items():
        row = rows.get(pid)
        if row is None:
            row = Reimbursement(
                visit=visit,
                participant=member.participant,
                days=member.days,
                daily_rate=rates.daily_rate,
                travel=rates.travel,
                extras_mci=rates.extras_mci,
                mci=rates.mci,
                total=Decimal(0),
            )
            _refresh_total(row)
            row.save()
            created += 1
        elif row.status == ReimbursementStatus.PENDING and row.days != member.days:
            row.days = member.days
            _refresh_total(row)
            row.save(update_fields=["days", "total", "updated_at"])
            updated += 1
    audit_record(
        actor=actor,
        action="visit.reimbursements_compute",
        obj=visit,
        details={"created": created, "updated": updated, "removed": removed},
    )
    return list(visit.reimbursements.select_related("participant").order_by("participant"))


def _locked(reimbursement: Reimbursement) -> Reimbursement:
    return Reimbursement.objects.select_for_update().get(pk=reimbursement.pk)


@transaction.atomic
def reimbursement_set_travel(
    *, actor: Any, reimbursement: Reimbursement, travel: Decimal
) -> Reimbursement:
    """Set the actual travel of a pending row and compute its total again."""
    row = _locked(reimbursement)
    if row.status != ReimbursementStatus.PENDING:
        raise ValidationError(_("Only a reimbursement still to be approved can be changed."))
    try:
        amount = _decimal(travel)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({"travel": _("Enter an amount in tenge.")}) from exc
    if amount < 0 or amount > MAX_AMOUNT:
        raise ValidationError({"travel": _("Enter an amount of zero or more.")})
    before = row.travel
    row.travel = amount
    _refresh_total(row)
    row.save(update_fields=["travel", "total", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.reimbursement_travel",
        obj=row,
        details={"visit": row.visit.number, "from": str(before), "to": str(amount)},
    )
    return row


def _move(*, actor: Any, reimbursement: Reimbursement, to: str, action: str) -> Reimbursement:
    allowed = {
        ReimbursementStatus.APPROVED: ReimbursementStatus.PENDING,
        ReimbursementStatus.PAID: ReimbursementStatus.APPROVED,
    }
    row = _locked(reimbursement)
    if row.status != allowed[to]:
        if to == ReimbursementStatus.APPROVED:
            raise ValidationError(_("Only a reimbursement still to be approved can be approved."))
        raise ValidationError(_("Only an approved reimbursement can be marked as paid."))
    row.status = to
    fields = ["status", "updated_at"]
    if to == ReimbursementStatus.APPROVED:
        row.approved_by = actor
        fields.append("approved_by")
    row.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=action,
        obj=row,
        details={"visit": row.visit.number, "total": str(row.total)},
    )
    return row


@transaction.atomic
def reimbursement_approve(*, actor: Any, reimbursement: Reimbursement) -> Reimbursement:
    """Approve a pending reimbursement: its amount is fixed from now on."""
    return _move(
        actor=actor,
        reimbursement=reimbursement,
        to=ReimbursementStatus.APPROVED,
        action="visit.reimbursement_approve",
    )


@transaction.atomic
def reimbursement_mark_paid(*, actor: Any, reimbursement: Reimbursement) -> Reimbursement:
    """Record that accounting paid an approved reimbursement."""
    return _move(
        actor=actor,
        reimbursement=reimbursement,
        to=ReimbursementStatus.PAID,
        action="visit.reimbursement_paid",
    )


@transaction.atomic
def budget_set(*, actor: Any, year: int, amount: Decimal) -> Budget:
    """Set the year's budget for reimbursements (a new figure replaces the old, audited)."""
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    try:
        value = _decimal(amount)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({"amount": _("Enter an amount in tenge.")}) from exc
    if value <= 0 or value > MAX_AMOUNT:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    budget = Budget.objects.select_for_update().filter(year=year).first()
    before = budget.amount if budget else None
    if budget is None:
        budget = Budget.objects.create(year=year, amount=value)
    else:
        budget.amount = value
        budget.save(update_fields=["amount", "updated_at"])
    audit_record(
        actor=actor,
        action="visit.budget_set",
        obj=budget,
        details={"year": int(year), "from": str(before) if before else None, "to": str(value)},
    )
    return budget


@transaction.atomic
def annual_report_adopt(
    *, actor: Any, year: int, number: str, decided_on: date, text: str = "", figures: str = ""
) -> CouncilDecision:
    """Record the council's adoption of the year's annual consolidated report (once a year)."""
    errors: dict[str, Any] = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = _("Enter the number of the council's decision.")
    today = timezone.localdate()
    if year > today.year:
        errors["year"] = _("A year still to come has no report to adopt.")
    if decided_on > today:
        errors["decided_on"] = _("The date of the decision cannot be in the future.")
    elif decided_on.year < year:
        errors["decided_on"] = _("The report is adopted once its year has begun.")
    if errors:
        raise ValidationError(errors)
    if CouncilDecision.objects.filter(number=number, date__year=decided_on.year).exists():
        raise ValidationError(
            {"number": _("A decision with this number is already recorded for that year.")}
        )
    if CouncilDecision.objects.filter(kind=DecisionKind.ANNUAL_REPORT, year=year).exists():
        raise ValidationError(_("The annual report for this year has already been adopted."))
    title = str(
        _("Adoption of the annual consolidated report of the NPM for %(year)s") % {"year": year}
    )
    body = "\n\n".join(part for part in ((text or "").strip(), figures) if part)
    decision = CouncilDecision.objects.create(
        number=number[:20],
        date=decided_on,
        kind=DecisionKind.ANNUAL_REPORT,
        title=title[:255],
        text=body,
        year=year,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="visit.annual_report_adopt",
        obj=decision,
        details={"year": year, "number": decision.number},
    )
    return decision
