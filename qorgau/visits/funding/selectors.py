"""Reads of funding: who reaches which reimbursement, the year's budget against spending.

Funding is the coordinators' (visit.coordinate): a coordinator reaches the reimbursements of
visits to the places in their scope; the budget is national, so only a coordinator with
national scope sets it. Participants never see each other's reimbursements here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.http import Http404

from qorgau.accounts.access import has_capability, scope_for
from qorgau.accounts.roles import Cap
from qorgau.visits.choices import ReimbursementStatus
from qorgau.visits.models import Budget, Reimbursement
from qorgau.visits.selectors import require_coordinate, visits_for

SPENT = (ReimbursementStatus.APPROVED, ReimbursementStatus.PAID)


def require_funding(user: Any) -> None:
    """Funding pages are for coordinators (403 for everyone else)."""
    if not has_capability(user, Cap.VISIT_COORDINATE):
        raise PermissionDenied


def is_national_coordinator(user: Any) -> bool:
    return scope_for(user, Cap.VISIT_COORDINATE).national


def require_national(user: Any) -> None:
    """The budget and the annual report's adoption are national acts."""
    if not is_national_coordinator(user):
        raise PermissionDenied


def reimbursements_for(user: Any) -> QuerySet[Reimbursement]:
    """Reimbursements of visits to the places where `user` coordinates."""
    return Reimbursement.objects.filter(
        scope_for(user, Cap.VISIT_COORDINATE).q("visit__facility")
    ).select_related("visit", "visit__facility", "visit__facility__region", "participant")


def reimbursement_for_user_or_404(user: Any, uuid: Any) -> Reimbursement:
    """The row if its visit is in reach (else 404) and `user` coordinates it (else 403)."""
    try:
        row = (
            Reimbursement.objects.select_related("visit", "visit__facility", "participant")
            .filter(visit__in=visits_for(user))
            .get(uuid=uuid)
        )
    except (Reimbursement.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    require_coordinate(user, row.visit)
    return row


def visit_reimbursements(visit: Any) -> list[Reimbursement]:
    return list(visit.reimbursements.select_related("participant", "approved_by"))


def _year_rows(user: Any, year: int) -> QuerySet[Reimbursement]:
    # A reimbursement belongs to the year of its visit's first day.
    return reimbursements_for(user).filter(visit__start_date__year=year)


@dataclass
class YearFunding:
    year: int
    national: bool
    budget: Decimal | None
    pending: Decimal = Decimal(0)
    approved: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    rows: int = 0
    visits: int = 0
    participants: int = 0
    by_month: list[tuple[int, Decimal]] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        """Approved and paid: what the year's budget is committed to."""
        return self.approved + self.paid

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent

    @property
    def used_percent(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.spent * 100 / self.budget).quantize(Decimal("0.1"))


def year_funding(*, user: Any, year: int) -> YearFunding:
    """The year's budget against spending (approved + paid) of the visits in `user`'s scope."""
    budget = Budget.objects.filter(year=year).values_list("amount", flat=True).first()
    out = YearFunding(year=year, national=is_national_coordinator(user), budget=budget)
    rows = _year_rows(user, year)
    for status, total in rows.values_list("status").annotate(s=Sum("total")).order_by():
        setattr(out, str(status), total or Decimal(0))
    out.rows = rows.count()
    out.visits = rows.values("visit").distinct().count()
    out.participants = rows.values("participant").distinct().count()
    months: dict[int, Decimal] = defaultdict(Decimal)
    spent = rows.filter(status__in=SPENT).values_list("visit__start_date", "total")
    for start, total in spent:
        months[start.month] += total
    out.by_month = [(m, months.get(m, Decimal(0))) for m in range(1, 13)]
    return out


def export_rows(*, user: Any, year: int) -> QuerySet[Reimbursement]:
    """The rows accounting receives for the year, in visit order."""
    return _year_rows(user, year).order_by("visit__start_date", "visit__number", "participant")


def years_with_data(user: Any) -> list[int]:
    years = set(
        reimbursements_for(user)
        .exclude(visit__start_date=None)
        .values_list("visit__start_date__year", flat=True)
        .distinct()
    )
    years.update(Budget.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)
