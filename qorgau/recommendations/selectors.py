"""Reads of recommendations, and the one access helper of this app.

Who reaches which recommendation:
- coordinators and Ombudsman staff: those of the places in their scope (`visit.view`);
- NPM participants: those of the visits of teams they belong to;
- the visited authority (facility administration, API keys): those of its places,
  and only once the visit's report has been sent to it.

Out of reach is 404; in reach but not allowed to act is 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qorgau.accounts.access import Scope, has_capability, scope_for
from qorgau.accounts.roles import Cap

from .choices import CLOSED
from .models import Evidence, Recommendation


def _sent_q() -> Q:
    from qorgau.visits.choices import REPORT_SENT

    return Q(visit__report__status__in=REPORT_SENT)


def _staff_scope(user: Any) -> Scope:
    """Where `user` reads visits as NPM staff: a participant's own grant does not count.

    A participant's membership may point at places (an assignment), yet they read only
    their teams' recommendations: only the other roles' grants widen the reach.
    """
    from qorgau.accounts.models import ApiClient
    from qorgau.accounts.roles import ROLE_CAPABILITIES, Role, ScopeKind

    if isinstance(user, ApiClient) or not getattr(user, "is_authenticated", False):
        return Scope()
    national, regions, facilities = False, set(), set()
    for m in user.active_memberships():
        if m.role == Role.NPM_PARTICIPANT:
            continue
        if Cap.VISIT_VIEW not in ROLE_CAPABILITIES.get(m.role, frozenset()):
            continue
        if m.scope == ScopeKind.NATIONAL:
            national = True
        if m.region_id is not None and m.scope in (ScopeKind.REGION, ScopeKind.JURISDICTION):
            regions.add(m.region_id)
        if m.scope in (ScopeKind.FACILITY, ScopeKind.ASSIGNMENT, ScopeKind.JURISDICTION):
            facilities.update(f.pk for f in m.facilities.all())
    return Scope(national, frozenset(regions), frozenset(facilities))


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    """The recommendations `user` may read (texts included)."""
    qs = Recommendation.objects.select_related("facility", "facility__region", "visit")
    if not (
        has_capability(user, Cap.RECOMMENDATION_VIEW)
        or has_capability(user, Cap.RECOMMENDATION_ANSWER)
    ):
        return qs.none()
    viewer = has_capability(user, Cap.RECOMMENDATION_VIEW)
    staff = _staff_scope(user) if viewer else Scope()
    if staff.national:
        return qs
    # Q() would match everything when OR-ed: start from nothing.
    cond = Q(pk__in=[])
    if not staff.empty:
        cond |= staff.q("facility")
    if viewer and has_capability(user, Cap.VISIT_CONDUCT):
        from qorgau.visits.models import TeamMember

        team_visits = TeamMember.objects.filter(participant__user=user).values("visit")
        cond |= Q(visit__in=team_visits)
    for cap in (Cap.VISIT_REPORT_RECEIVE, Cap.RECOMMENDATION_ANSWER):
        authority = scope_for(user, cap)
        if authority.national:
            cond |= _sent_q()
        elif not authority.empty:
            cond |= authority.q("facility") & _sent_q()
    return qs.filter(cond).distinct()


def recommendation_for_user_or_404(user: Any, uuid: Any) -> Recommendation:
    try:
        return recommendations_for(user).get(uuid=uuid)
    except (Recommendation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def can_answer(user: Any, recommendation: Recommendation) -> bool:
    """The authority answers for its places once the report has been sent."""
    from qorgau.visits.choices import REPORT_SENT

    if not scope_for(user, Cap.RECOMMENDATION_ANSWER).covers(recommendation.facility):
        return False
    visit = recommendation.visit
    if visit is None:
        return True
    report = getattr(visit, "report", None) if _has_report(visit) else None
    return report is not None and report.status in REPORT_SENT


def can_manage(user: Any, recommendation: Recommendation) -> bool:
    """The NPM's own status: coordinators of the place."""
    return scope_for(user, Cap.RECOMMENDATION_MANAGE).covers(recommendation.facility)


def _has_report(visit: Any) -> bool:
    from qorgau.visits.models import Report

    try:
        visit.report  # noqa: B018 - the reverse one-to-one raises when absent
    except Report.DoesNotExist:
        return False
    return True


def open_for_facility(facility: Any) -> QuerySet[Recommendation]:
    """The recommendations of a place still open (a follow-up visit checks these)."""
    return (
        Recommendation.objects.filter(facility=facility)
        .exclude(status__in=CLOSED)
        .select_related("visit")
        .order_by("deadline", "number")
    )


def overdue_q(today: Any = None) -> Q:
    """Open recommendations whose deadline has passed."""
    today = today or timezone.localdate()
    return Q(deadline__lt=today) & ~Q(status__in=CLOSED)


def evidence_for_user_or_404(user: Any, uuid: Any) -> Evidence:
    try:
        return Evidence.objects.select_related("response__recommendation").get(
            uuid=uuid, response__recommendation__in=recommendations_for(user)
        )
    except (Evidence.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
