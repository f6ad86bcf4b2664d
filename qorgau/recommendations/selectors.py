"""Reads of recommendations, and the one access helper of this app.

Who reaches which recommendation:
- coordinators and Ombudsman staff: those of the places in their scope (`visit.view`);
- NPM participants: those of the visits of teams they belong to;
- the visited authority (facility administration, API keys): those of its places,
  and only once the visit's report has been sent to it.

Out of reach is 404; in reach but not allowed to act is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from qorgau.accounts.access import Scope, has_capability, scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Agency

from .choices import CLOSED, Status, Theme
from .models import Evidence, Recommendation


def _sent_q() -> Q:
    from qorgau.visits.choices import REPORT_SENT

    return Q(visit__report__status__in=REPORT_SENT)


def recommendations_for(user: Any) -> QuerySet[Recommendation]:
    """The recommendations `user` may read (texts included)."""
    qs = Recommendation.objects.select_related("facility", "facility__region", "visit")
    if not (
        has_capability(user, Cap.RECOMMENDATION_VIEW)
        or has_capability(user, Cap.RECOMMENDATION_ANSWER)
    ):
        return qs.none()
    viewer = has_capability(user, Cap.RECOMMENDATION_VIEW)
    # Participants hold no visit.view: they read their teams' recommendations only.
    staff = scope_for(user, Cap.VISIT_VIEW) if viewer else Scope()
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


def to_verify_on(visit: Any) -> QuerySet[Recommendation]:
    """Open recommendations of the place from its earlier visits: the team verifies them."""
    qs = open_for_facility(visit.facility).exclude(visit=visit).prefetch_related("findings")
    if visit.start_date is not None:
        # Not those of a later visit: a visit verifies what came before it.
        qs = qs.exclude(visit__start_date__gt=visit.start_date)
    return qs


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


@dataclass(frozen=True)
class Filters:
    status: str = ""
    theme: str = ""
    agency: str = ""
    region: Any = None
    facility: Any = None
    overdue: bool = False


def recommendations_filtered(user: Any, filters: Filters | None) -> QuerySet[Recommendation]:
    """The list page: what `user` may read, narrowed by the filters."""
    qs = recommendations_for(user)
    if filters is None:
        return qs.order_by("-created_at")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    if filters.agency:
        qs = qs.filter(addressee_agency=filters.agency)
    if filters.region is not None:
        qs = qs.filter(facility__region=filters.region)
    if filters.facility is not None:
        qs = qs.filter(facility=filters.facility)
    if filters.overdue:
        qs = qs.filter(overdue_q())
    return qs.order_by("-created_at")


def history_of(recommendation: Recommendation) -> QuerySet:
    return recommendation.status_changes.select_related("by", "verified_on")


def responses_of(recommendation: Recommendation) -> QuerySet:
    return recommendation.responses.select_related("by").prefetch_related("evidence")


# ---------------------------------------------------------------- implementation rates

# The buckets the rates count, in the order of the bars.
BUCKETS = (
    ("implemented", (Status.IMPLEMENTED,)),
    ("partly", (Status.PARTLY,)),
    ("in_progress", (Status.IN_PROGRESS,)),
    ("not_implemented", (Status.NOT_IMPLEMENTED, Status.REJECTED)),
    ("not_started", (Status.NOT_STARTED,)),
    ("not_relevant", (Status.NOT_RELEVANT,)),
)

GROUPINGS = {
    "facility": ("facility__uuid", "facility__name_ru"),
    "agency": ("addressee_agency", None),
    "region": ("facility__region__code", "facility__region__name_ru"),
    "theme": ("theme", None),
}


@dataclass
class RateRow:
    key: str
    label: str
    total: int
    counts: dict[str, int]
    overdue: int

    def share(self, bucket: str) -> float:
        return 100.0 * self.counts.get(bucket, 0) / self.total if self.total else 0.0

    @property
    def shares(self) -> dict[str, float]:
        return {name: self.share(name) for name, _ in BUCKETS}

    @property
    def overdue_share(self) -> float:
        return 100.0 * self.overdue / self.total if self.total else 0.0


def stats_queryset(user: Any, year: int | None) -> QuerySet[Recommendation]:
    """Recommendations counted in the rates: in the stats scope, issued in `year`."""
    qs = Recommendation.objects.filter(scope_for(user, Cap.RECOMMENDATION_STATS).q("facility"))
    if not has_capability(user, Cap.RECOMMENDATION_STATS):
        return qs.none()
    if year:
        qs = qs.filter(created_at__year=year)
    return qs


def years_of_issue(user: Any) -> list[int]:
    return sorted(
        {d.year for d in stats_queryset(user, None).dates("created_at", "year")}, reverse=True
    )


def implementation_rates(user: Any, year: int | None, by: str) -> list[RateRow]:
    """Counts and shares of each status bucket per facility, agency, region or theme."""
    key, label_field = GROUPINGS[by]
    fields = [key] + ([label_field] if label_field else [])
    aggregates = {name: Count("pk", filter=Q(status__in=statuses)) for name, statuses in BUCKETS}
    rows = (
        stats_queryset(user, year)
        .values(*fields)
        .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue_q()), **aggregates)
        .order_by(key)
    )
    labels = {"agency": dict(Agency.choices), "theme": dict(Theme.choices)}.get(by, {})
    out = []
    for r in rows:
        raw = r[key]
        label = r[label_field] if label_field else labels.get(raw, raw)
        out.append(
            RateRow(
                key=str(raw or ""),
                label=str(label or "—"),
                total=r["total"],
                counts={name: r[name] for name, _ in BUCKETS},
                overdue=r["overdue"],
            )
        )
    out.sort(key=lambda row: (-row.total, row.label))
    return out


def rates_total(rows: list[RateRow]) -> RateRow:
    counts = {name: sum(r.counts[name] for r in rows) for name, _ in BUCKETS}
    return RateRow(
        key="",
        label="",
        total=sum(r.total for r in rows),
        counts=counts,
        overdue=sum(r.overdue for r in rows),
    )


def dashboard_counts(user: Any) -> dict | None:
    """The dashboard's figures: open recommendations past their deadline; for the
    authority, those it has not answered yet."""
    if not (
        has_capability(user, Cap.RECOMMENDATION_VIEW)
        or has_capability(user, Cap.RECOMMENDATION_ANSWER)
    ):
        return None
    readable = recommendations_for(user)
    counts = {"overdue": readable.filter(overdue_q()).count()}
    if has_capability(user, Cap.RECOMMENDATION_ANSWER):
        counts["unanswered"] = (
            readable.exclude(status__in=CLOSED).filter(responses__isnull=True).count()
        )
    return counts
