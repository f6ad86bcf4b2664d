"""Who reaches which visit: the one access helper of this app.

- Coordinators, and Ombudsman staff for reading, reach the visits of the places in
  their scope (`visit.view`).
- A participant (`visit.conduct` without a scope over the place) reaches only the
  visits of teams they belong to, whatever their membership's scope.
- Work on site (checklist, interviews…) is for the team and the coordinators of
  the place; Ombudsman staff read the visit, never the interview notes.

Out of reach is 404; in reach but not allowed to act is 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from qorgau.accounts.access import has_capability, scope_for
from qorgau.accounts.roles import Cap

from .choices import ReportStatus, VisitStatus
from .models import Participant, TeamMember, Visit


def participant_of(user: Any) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(user=user).first()


def _team_visits(user: Any) -> QuerySet:
    return TeamMember.objects.filter(participant__user=user).values("visit")


def visits_for(user: Any) -> QuerySet[Visit]:
    """The visits `user` may read."""
    qs = Visit.objects.select_related("facility", "facility__region")
    scope = scope_for(user, Cap.VISIT_VIEW)
    if scope.national:
        return qs
    # Q() would match everything when OR-ed: start from nothing.
    cond = Q(pk__in=[])
    if not scope.empty:
        cond |= scope.q("facility")
    if has_capability(user, Cap.VISIT_CONDUCT):
        cond |= Q(pk__in=_team_visits(user))
    return qs.filter(cond)


def visit_for_user_or_404(user: Any, uuid: Any) -> Visit:
    try:
        return visits_for(user).get(uuid=uuid)
    except (Visit.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def is_on_team(user: Any, visit: Visit) -> bool:
    return TeamMember.objects.filter(visit=visit, participant__user=user).exists()


def can_coordinate(user: Any, visit: Visit) -> bool:
    return scope_for(user, Cap.VISIT_COORDINATE).covers(visit.facility)


def can_conduct(user: Any, visit: Visit) -> bool:
    """Work on site and read interview notes: the team and the place's coordinators."""
    if can_coordinate(user, visit):
        return True
    return has_capability(user, Cap.VISIT_CONDUCT) and is_on_team(user, visit)


def require_conduct(user: Any, visit: Visit) -> None:
    if not can_conduct(user, visit):
        raise PermissionDenied


def require_coordinate(user: Any, visit: Visit) -> None:
    if not can_coordinate(user, visit):
        raise PermissionDenied


def dashboard_counts(user: Any) -> dict | None:
    """The dashboard's figures of NPM visits: under way, and reports waiting for review."""
    if not (has_capability(user, Cap.VISIT_VIEW) or has_capability(user, Cap.VISIT_CONDUCT)):
        return None
    visits = visits_for(user)
    counts = {"on_site": visits.filter(status=VisitStatus.IN_PROGRESS).count()}
    counts["planned"] = visits.filter(status=VisitStatus.PLANNED).count()
    if has_capability(user, Cap.VISIT_COORDINATE):
        reviewable = visits.filter(scope_for(user, Cap.VISIT_COORDINATE).q("facility"))
        counts["review"] = reviewable.filter(report__status=ReportStatus.REVIEW).count()
    return counts
