"""Deadline reminders: recorded by the worker for the staff member a complaint is assigned to."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qorgau.core.audit import audit_record

from .models import Complaint, ComplaintReminder
from .selectors import DEADLINES


@transaction.atomic
def reminders_record(*, now: datetime | None = None) -> int:
    """Record one reminder per assigned complaint and deadline that is near or past; idempotent.

    "Near" is within `QORGAU_COMPLAINT_REMINDER_HOURS`. A deadline that no longer
    binds the complaint (it was forwarded, answered, closed, merged) gets none.
    Running it again, or twice at once, adds nothing: the database keeps one
    reminder per complaint and deadline.
    """
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.QORGAU_COMPLAINT_REMINDER_HOURS)
    assigned = Complaint.objects.filter(assigned_to__isnull=False)
    new = []
    counts: dict[str, int] = {}
    for kind, (field, binds) in DEADLINES.items():
        due = (
            assigned.filter(binds, **{f"{field}__lte": horizon})
            .exclude(reminders__kind=kind)
            .values_list("pk", field, "assigned_to_id")
        )
        rows = [
            ComplaintReminder(
                complaint_id=pk, kind=kind, due_at=due_at, assignee_id=user_id, created_at=now
            )
            for pk, due_at, user_id in due
        ]
        counts[str(kind)] = len(rows)
        new.extend(rows)
    ComplaintReminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    if new:
        audit_record(actor=None, action="complaint.remind", details=counts)
    return len(new)
