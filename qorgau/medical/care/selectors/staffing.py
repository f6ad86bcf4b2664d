"""Reads of staff posts: vacancies, and posts per 100 people held."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap

from ..choices import Specialty
from ..models import StaffPosition
from .common import facilities_for_user, share

__all__ = [
    "StaffLine",
    "per_100",
    "places_headcount",
    "staffing_by_specialty",
    "staffing_for_facility",
    "staffing_summary",
    "staffing_total",
]


def per_100(posts: Decimal | int | None, headcount: int | None) -> Decimal | None:
    """Posts per 100 people held, two decimals; None without a headcount."""
    if not headcount or posts is None:
        return None
    return (Decimal(posts) * 100 / headcount).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class StaffLine:
    """Authorised, filled and vacant posts, per 100 people held where the headcount is known."""

    label: Any
    authorised: Decimal
    filled: Decimal
    headcount: int | None
    facility: Any = None

    @property
    def vacant(self) -> Decimal:
        return self.authorised - self.filled

    @property
    def vacancy_rate(self) -> float | None:
        return share(self.vacant, self.authorised)

    @property
    def authorised_per_100(self) -> Decimal | None:
        return per_100(self.authorised, self.headcount)

    @property
    def filled_per_100(self) -> Decimal | None:
        return per_100(self.filled, self.headcount)


ZERO = Decimal("0")


def staffing_for_facility(*, facility: Any) -> list[StaffLine]:
    """One line per specialty on the facility's establishment, in the order of the choices."""
    headcount = facility.headcount
    positions = {p.specialty: p for p in facility.medical_positions.all()}
    return [
        StaffLine(label, positions[s].authorised, positions[s].filled, headcount)
        for s, label in Specialty.choices
        if s in positions
    ]


def staffing_summary(*, user: Any) -> list[StaffLine]:
    """One line per facility in scope with posts on record (one query)."""
    facilities = (
        facilities_for_user(user=user)
        .annotate(
            authorised=Sum("medical_positions__authorised"),
            filled=Sum("medical_positions__filled"),
        )
        .filter(authorised__isnull=False)
    )
    return [
        StaffLine(f.name, f.authorised or ZERO, f.filled or ZERO, f.headcount, f)
        for f in facilities
    ]


def staffing_by_specialty(*, user: Any, headcount: int | None = None) -> list[StaffLine]:
    """Posts per specialty across the facilities in scope (one query), per 100 of `headcount`."""
    rows = (
        scope_filter(StaffPosition.objects.all(), user, Cap.MEDICAL_VIEW, "facility")
        .order_by()
        .values("specialty")
        .annotate(authorised=Sum("authorised"), filled=Sum("filled"))
    )
    by = {r["specialty"]: r for r in rows}
    return [
        StaffLine(label, by[s]["authorised"], by[s]["filled"], headcount)
        for s, label in Specialty.choices
        if s in by
    ]


def staffing_total(lines: list[StaffLine], label: Any, headcount: int | None) -> StaffLine | None:
    """The sum of the lines' posts, per 100 of `headcount`."""
    if not lines:
        return None
    return StaffLine(
        label,
        sum((line.authorised for line in lines), ZERO),
        sum((line.filled for line in lines), ZERO),
        headcount,
    )


def places_headcount(lines: list[StaffLine]) -> int | None:
    """People held at all the places of the lines; unknown if one place has no count."""
    counts = [line.headcount for line in lines]
    return None if None in counts else sum(c for c in counts if c is not None)
