"""The register as CSV: facts about complaints, never who complained nor what they wrote.

An export leaves the system, where nobody logs who reads it. So it carries
what a register needs for counting and follow-up (numbers, dates, places,
categories, status, deadlines) and never the identity, the account, the
injuries, the witnesses or the answers: those stay on each complaint's page,
where every read is audited. One audit entry per export records the filters
and the number of rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from qorgau.core.audit import audit_record

from .selectors import ComplaintFilters, complaint_list_for_user, overdue_flags

COLUMNS = [
    "number",
    "received_at",
    "channel",
    "facility_code",
    "facility",
    "region",
    "categories",
    "status",
    "urgent",
    "event_date",
    "assigned_to",
    "forward_due",
    "first_answer_due",
    "first_answered_at",
    "final_answer_due",
    "overdue",
    "merged_into",
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A spreadsheet runs a cell starting with = + - @ as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _row(c: Any) -> list[str]:
    overdue = [k for k, late in overdue_flags(c).items() if late]
    facility = c.facility
    values = [
        c.number,
        c.received_at,
        c.channel,
        facility.code if facility else "",
        facility.name if facility else "",
        facility.region.code if facility else "",
        " ".join(c.categories),
        c.status,
        "yes" if c.urgent else "no",
        c.event_date,
        c.assigned_to.username if c.assigned_to else "",
        c.forward_due,
        c.first_answer_due,
        c.first_answered_at,
        c.final_answer_due,
        " ".join(overdue),
        c.merged_into.number if c.merged_into_id else "",
    ]
    return [_cell(v) for v in values]


class _Echo:
    """A file-like object whose write returns the line: csv.writer feeds the stream."""

    def write(self, value: str) -> str:
        return value


def rows(qs: QuerySet) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read UTF-8 Kazakh and Russian
    yield writer.writerow(COLUMNS)
    # iterator(): rows are fetched in chunks, never all held in memory.
    for c in qs.select_related("merged_into").iterator(chunk_size=2000):
        yield writer.writerow(_row(c))


def complaint_export(*, user: Any, filters: ComplaintFilters | None) -> Iterable[str]:
    """Lines of CSV for the filtered register in the user's scope; the export is audited."""
    qs = complaint_list_for_user(user=user, filters=filters)
    f = filters or ComplaintFilters()
    audit_record(
        actor=user,
        action="complaint.export",
        details={
            "rows": qs.count(),
            "filters": {
                "q": f.q[:100],
                "status": f.status,
                "category": f.category,
                "facility": f.facility,
                "received_from": f.received_from,
                "received_to": f.received_to,
            },
        },
    )
    return rows(qs)


def filename() -> str:
    return f"complaints-{timezone.localdate():%Y-%m-%d}.csv"
