"""Reads of medical examinations, always through the user's medical scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.allegations import selectors as allegation_selectors
from qorgau.core.audit import audit_record

from .models import Examination


def _in_scope(user: Any) -> QuerySet:
    return scope_filter(Examination.objects.all(), user, Cap.MEDICAL_VIEW, "facility")


# Findings that require a notification to the prosecutor, not yet sent.
NOTIFICATION_PENDING = ~Q(case_reference="") & Q(notification_reference="")


def examinations_for_user(
    *, user: Any, facility: Any = None, kind: str = "", notification_due: bool = False
) -> QuerySet:
    """Examinations in the user's medical scope, newest first, with their injury counts."""
    qs = _in_scope(user).select_related("person", "facility", "examiner")
    if facility is not None:
        qs = qs.filter(facility=facility)
    if kind:
        qs = qs.filter(kind=kind)
    if notification_due:
        qs = qs.filter(NOTIFICATION_PENDING)
    return qs.annotate(injury_count=Count("injuries")).order_by("-examined_at")


def examination_get_for_user(
    *, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW
) -> Examination:
    """One examination in the user's medical scope, or 404; every read is audited."""
    examination = get_in_scope_or_404(
        Examination.objects.select_related("person", "facility", "examiner"),
        user,
        capability,
        "facility",
        uuid=uuid,
    )
    audit_record(actor=user, action="medical.read", obj=examination)
    return examination


def report_examination_for_user(*, user: Any, uuid: Any) -> Examination:
    """The examination whose report the user may read, or 404; every read is audited with its basis.

    Medical staff read it under medical scope. The Ombudsman reads the report of an
    examination joined to a case file in their allegation scope: medical secrecy
    gives way to the case, on the record.
    """
    related = ("person", "facility", "examiner")
    if has_capability(user, Cap.MEDICAL_VIEW):
        examination = get_in_scope_or_404(
            Examination.objects.select_related(*related),
            user,
            Cap.MEDICAL_VIEW,
            "facility",
            uuid=uuid,
        )
        basis = "medical"
    elif has_capability(user, Cap.ALLEGATION_VIEW):
        examination = Examination.objects.select_related(*related).filter(uuid=uuid).first()
        if examination is None or not (
            examination.case_reference
            and allegation_selectors.case_in_scope(user=user, number=examination.case_reference)
        ):
            raise Http404
        basis = examination.case_reference
    else:
        raise Http404
    audit_record(
        actor=user, action="medical.report.read", obj=examination, details={"basis": basis}
    )
    return examination


def examinations_seen_from_outside(*, person: Any, limit: int = 20) -> list[tuple[Any, Any]]:
    """(uuid, time) of the person's latest examinations: that one took place and when, no more.

    What the facility administration (and anyone who may see the person) learns of
    medical records; the kind, findings and examiner stay behind medical secrecy.
    """
    return list(
        Examination.objects.filter(person=person)
        .order_by("-examined_at")
        .values_list("uuid", "examined_at")[:limit]
    )


def notification_counts(*, user: Any) -> dict[str, int]:
    """The dashboard's notifications to the prosecutor not yet sent, and those past due."""
    pending = _in_scope(user).filter(NOTIFICATION_PENDING)
    return {
        "due": pending.count(),
        "overdue": pending.filter(notification_due_at__lt=timezone.now()).count(),
    }
