"""Who reads which report: the visit's readers, and the authority once the report is sent."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap

from ..choices import REPORT_SENT, ReportStatus
from ..models import Finding, Report, Visit
from ..selectors import visit_for_user_or_404, visits_for


def report_of(visit: Visit) -> Report | None:
    return Report.objects.filter(visit=visit).first()


def report_visit_for(user: Any, uuid: Any) -> tuple[Visit, bool]:
    """The visit whose report `user` may read, and whether they read it as the authority.

    The facility administration reads its places' reports once sent, and nothing
    else of the visit; before that, and for other places, the report does not exist
    for it (404).
    """
    try:
        return visits_for(user).get(uuid=uuid), False
    except (Visit.DoesNotExist, ValueError):
        pass
    scope = scope_for(user, Cap.VISIT_REPORT_RECEIVE)
    if scope.empty:
        raise Http404
    try:
        visit = Visit.objects.select_related("facility", "facility__region").get(uuid=uuid)
    except (Visit.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    report = report_of(visit)
    if report is None or report.status not in REPORT_SENT or not scope.covers(visit.facility):
        raise Http404
    return visit, True


def received_for(user: Any):
    """Reports of the places in the authority's scope, once sent to it."""
    scope = scope_for(user, Cap.VISIT_REPORT_RECEIVE)
    qs = Report.objects.select_related("visit", "visit__facility").filter(
        status__in=list(REPORT_SENT)
    )
    if scope.national:
        return qs.order_by("-sent_at")
    if scope.empty:
        return qs.none()
    return qs.filter(scope.q("visit__facility")).order_by("-sent_at")


def published_reports():
    """Reports on the public page."""
    return (
        Report.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("visit", "visit__facility", "visit__facility__region")
        .order_by("-published_at")
    )


def finding_for_visit_or_404(visit: Visit, uuid: Any) -> Finding:
    try:
        return Finding.objects.get(visit=visit, uuid=uuid)
    except (Finding.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


__all__ = [
    "finding_for_visit_or_404",
    "published_reports",
    "received_for",
    "report_of",
    "report_visit_for",
    "visit_for_user_or_404",
]
