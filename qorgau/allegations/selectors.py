"""Reads of allegation case files and referrals, always through the user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from .choices import CaseStatus, FlagStatus, SafeguardKind, SafeguardStatus
from .models import CaseFile, CaseSource, Referral, ReferralUpdate, ReprisalFlag, Safeguard


def case_get_for_user(*, user: Any, number: str, capability: str = Cap.ALLEGATION_VIEW) -> CaseFile:
    """One case file in the user's scope, or 404; every read is audited."""
    case = get_in_scope_or_404(
        CaseFile.objects.select_related("facility", "facility__region", "zone", "opened_by"),
        user,
        capability,
        "facility",
        number=number,
    )
    audit_record(actor=user, action="allegation.read", obj=case)
    return case


def case_for_source(*, kind: str, reference: str) -> CaseFile | None:
    """The case file a source record is linked to, if any (no scope: callers hold the source)."""
    link = CaseSource.objects.select_related("case").filter(kind=kind, reference=reference).first()
    return link.case if link else None


def case_by_number(*, number: str) -> CaseFile:
    """A case file by number (no scope: callers hold a record linked to it)."""
    return CaseFile.objects.select_related("facility", "facility__region").get(number=number)


def case_in_scope(*, user: Any, number: str, capability: str = Cap.ALLEGATION_VIEW) -> bool:
    """Whether the case file is in the user's scope for the capability (no audit: no read)."""
    return scope_filter(
        CaseFile.objects.filter(number=number), user, capability, "facility"
    ).exists()


def open_case_of_victim(*, person: Any, facility: Any, since: Any) -> CaseFile | None:
    """The latest open case file of this facility naming the person as a victim, known since."""
    return (
        CaseFile.objects.filter(
            status=CaseStatus.OPEN,
            facility=facility,
            victims__person=person,
            known_at__gte=since,
        )
        .order_by("-known_at")
        .first()
    )


@dataclass(frozen=True)
class CaseFilters:
    facility: Any = None
    status: str = ""
    overdue: bool = False
    since: date | None = None


def _overdue_q(prefix: str = "") -> Q:
    # A closed file's pending safeguards no longer nag; a watch is a period, never late.
    case = f"{prefix}case__" if prefix else "case__"
    return (
        Q(
            **{
                f"{prefix}status": SafeguardStatus.PENDING,
                f"{prefix}due_at__lt": timezone.now(),
            }
        )
        & ~Q(**{f"{prefix}kind": SafeguardKind.REPRISAL_WATCH})
        & ~Q(**{f"{case}status": CaseStatus.CLOSED})
    )


def cases_for_user(*, user: Any, filters: CaseFilters | None = None) -> QuerySet:
    """Case files in scope, with their counts of overdue safeguards and open reprisal flags."""
    f = filters or CaseFilters()
    qs = scope_filter(
        CaseFile.objects.select_related("facility", "zone"), user, Cap.ALLEGATION_VIEW, "facility"
    )
    if f.facility is not None:
        qs = qs.filter(facility=f.facility)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.since:
        qs = qs.filter(known_at__date__gte=f.since)
    qs = qs.annotate(
        overdue_count=Count("safeguards", filter=_overdue_q("safeguards__"), distinct=True),
        open_flags=Count(
            "reprisal_flags", filter=Q(reprisal_flags__status=FlagStatus.OPEN), distinct=True
        ),
    )
    if f.overdue:
        qs = qs.filter(overdue_count__gt=0)
    return qs.order_by("-known_at")


def overdue_safeguards_for_user(*, user: Any) -> QuerySet:
    """Pending safeguards past their due time, in scope, most overdue first."""
    return scope_filter(
        Safeguard.objects.filter(_overdue_q()).select_related("case", "case__facility"),
        user,
        Cap.ALLEGATION_VIEW,
        "case__facility",
    ).order_by("due_at")


def open_flags_for_user(*, user: Any) -> QuerySet:
    return scope_filter(
        ReprisalFlag.objects.filter(status=FlagStatus.OPEN).select_related("case"),
        user,
        Cap.ALLEGATION_VIEW,
        "case__facility",
    )


def unseen_updates_for_user(*, user: Any) -> QuerySet:
    """The prosecutor's records the Ombudsman has not looked at yet."""
    return scope_filter(
        ReferralUpdate.objects.filter(seen_at__isnull=True).select_related("referral__case"),
        user,
        Cap.ALLEGATION_VIEW,
        "referral__case__facility",
    )


def referrals_for_user(*, user: Any, status: str = "") -> QuerySet:
    """Referrals in the prosecutor's jurisdiction (or the Ombudsman's scope)."""
    qs = scope_filter(
        Referral.objects.select_related("case", "case__facility", "case__facility__region"),
        user,
        Cap.REFERRAL_VIEW,
        "case__facility",
    ).defer("letter_pdf")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-sent_at")


def referral_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.REFERRAL_VIEW) -> Referral:
    """One referral in the prosecutor's jurisdiction (or, with allegation.view, the
    Ombudsman's scope), or 404; every read is audited."""
    referral = get_in_scope_or_404(
        Referral.objects.select_related("case", "case__facility", "case__facility__region"),
        user,
        capability,
        "case__facility",
        uuid=uuid,
    )
    audit_record(
        actor=user, action="referral.read", obj=referral.case, details={"referral": referral.number}
    )
    return referral


def dashboard_counts(*, user: Any) -> dict:
    """What the Ombudsman's dashboard shows of case files."""
    return {
        "overdue": overdue_safeguards_for_user(user=user)[:10],
        "overdue_total": overdue_safeguards_for_user(user=user).count(),
        "flags": open_flags_for_user(user=user).count(),
        "updates": unseen_updates_for_user(user=user).count(),
    }


def referrals_waiting_count(*, user: Any) -> int:
    """Referrals whose receipt the prosecutor has not confirmed yet."""
    return referrals_for_user(user=user, status="sent").count()
