"""Reads of uses of force, always through the user's force.view scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from .models import ForceSubject, UseOfForce


@dataclass(frozen=True)
class ForceFilters:
    facility: Any = None
    overdue: bool = False


def _overdue_q(prefix: str = "") -> Q:
    # No examination linked and the due time passed.
    return Q(**{f"{prefix}examination__isnull": True, f"{prefix}exam_due_at__lt": timezone.now()})


def uses_of_force_for_user(*, user: Any, filters: ForceFilters | None = None) -> QuerySet:
    """Uses of force in scope, newest first, with their counts of persons and overdue exams."""
    f = filters or ForceFilters()
    qs = scope_filter(
        UseOfForce.objects.select_related("facility", "zone"), user, Cap.FORCE_VIEW, "facility"
    )
    if f.facility is not None:
        qs = qs.filter(facility=f.facility)
    qs = qs.annotate(
        subject_count=Count("subjects", distinct=True),
        overdue_count=Count("subjects", filter=_overdue_q("subjects__"), distinct=True),
    )
    if f.overdue:
        qs = qs.filter(overdue_count__gt=0)
    return qs.order_by("-started_at")


def use_of_force_get_for_user(
    *, user: Any, number: str, capability: str = Cap.FORCE_VIEW
) -> UseOfForce:
    """One use of force in the user's scope, or 404; every read is audited."""
    use = get_in_scope_or_404(
        UseOfForce.objects.select_related("facility", "zone", "recorded_by"),
        user,
        capability,
        "facility",
        number=number,
    )
    audit_record(actor=user, action="force.read", obj=use)
    return use


def subjects_of(use_of_force: UseOfForce) -> QuerySet:
    """The persons of a use of force (callers hold the record through its access helper)."""
    return use_of_force.subjects.select_related("person").order_by("id")


def overdue_subjects_for_user(*, user: Any) -> QuerySet:
    """Persons whose examination after use of force is past due, in scope, most overdue first."""
    return scope_filter(
        ForceSubject.objects.filter(_overdue_q()).select_related("use_of_force"),
        user,
        Cap.FORCE_VIEW,
        "use_of_force__facility",
    ).order_by("exam_due_at")


def overdue_count(*, user: Any) -> int:
    """What the dashboard counts: examinations after use of force overdue, in scope."""
    return overdue_subjects_for_user(user=user).count()
