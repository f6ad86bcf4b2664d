"""Incidents of damage to cameras (damaged, tampered with, obstructed) per month and place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility

from ...models import DamageIncident
from .common import local_range


def months_between(start: date, end: date) -> list[date]:
    """The first day of each month from `start`'s to `end`'s."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


@dataclass(frozen=True)
class DamageRow:
    facility: Facility
    counts: list[int]  # one per month of the table

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DamageTable:
    months: list[date]
    rows: list[DamageRow]  # places with incidents, most first
    totals: list[int]  # per month, all places in scope

    @property
    def total(self) -> int:
        return sum(self.totals)


def damage_by_month(*, user: Any, start: date, end: date) -> DamageTable:
    """Incidents in scope during the period, counted per place and local month in the database."""
    since, until = local_range(start, end)
    incidents = scope_filter(
        DamageIncident.objects.filter(at__gte=since, at__lt=until),
        user,
        Cap.SURVEILLANCE_VIEW,
        "facility",
    )
    counted = (
        incidents.annotate(month=TruncMonth("at", output_field=DateField()))
        .values("facility_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    months = months_between(start, end)
    column = {m: i for i, m in enumerate(months)}
    by_place: dict[int, list[int]] = defaultdict(lambda: [0] * len(months))
    for r in counted:
        by_place[r["facility_id"]][column[r["month"]]] += r["n"]
    places = Facility.objects.in_bulk(list(by_place))
    rows = [DamageRow(places[fid], counts) for fid, counts in by_place.items()]
    rows.sort(key=lambda r: (-r.total, r.facility.name))
    totals = [sum(r.counts[i] for r in rows) for i in range(len(months))]
    return DamageTable(months, rows, totals)
