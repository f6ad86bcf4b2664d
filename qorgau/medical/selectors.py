"""Reads of medical examinations, always through the user's medical scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from qorgau.accounts.access import get_in_scope_or_404, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from .models import Examination


def examinations_for_user(*, user: Any, facility: Any = None, kind: str = "") -> QuerySet:
    """Examinations in the user's medical scope, newest first, with their injury counts."""
    qs = scope_filter(
        Examination.objects.select_related("person", "facility", "examiner"),
        user,
        Cap.MEDICAL_VIEW,
        "facility",
    )
    if facility is not None:
        qs = qs.filter(facility=facility)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(injury_count=Count("injuries")).order_by("-examined_at")


def examination_get_for_user(*, user: Any, uuid: Any) -> Examination:
    """One examination in the user's medical scope, or 404; every read is audited."""
    examination = get_in_scope_or_404(
        Examination.objects.select_related("person", "facility", "examiner"),
        user,
        Cap.MEDICAL_VIEW,
        "facility",
        uuid=uuid,
    )
    audit_record(actor=user, action="medical.read", obj=examination)
    return examination
