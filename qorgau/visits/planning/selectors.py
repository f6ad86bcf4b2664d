"""Reads of planning: the register, the council, the plan's grid, the visits list, team help."""

from __future__ import annotations

import uuid as uuid_
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility, Region

from ..choices import MEDICAL_EXPERTISE, Expertise, TeamRole, VisitKind, VisitStatus
from ..models import AnnualPlan, ConflictDeclaration, CouncilDecision, Participant, Visit
from ..selectors import visits_for
from .services import team_problems


def participants_list(
    *, q: str = "", expertise: str = "", region: Any = None, active_on: date | None = None
) -> QuerySet[Participant]:
    """The register, filtered by name or organisation, expertise, region and active date."""
    qs = Participant.objects.select_related("admitted_by").prefetch_related("regions")
    if q:
        qs = qs.filter(Q(full_name__icontains=q) | Q(organisation__icontains=q))
    if expertise:
        # JSON lists: a portable "contains" is the quoted value inside the list's text.
        qs = qs.annotate(exp_text=Cast("expertise", TextField()))
        qs = qs.filter(exp_text__contains=f'"{expertise}"')
    if region is not None:
        qs = qs.filter(regions=region)
    if active_on is not None:
        qs = qs.filter(active_from__lte=active_on).filter(
            Q(active_until__isnull=True) | Q(active_until__gte=active_on)
        )
    return qs


def participant_get_or_404(uuid: Any) -> Participant:
    try:
        return Participant.objects.select_related("admitted_by", "user").get(uuid=uuid)
    except (Participant.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def conflicts_of(participant: Participant) -> QuerySet[ConflictDeclaration]:
    return participant.conflicts.select_related("facility").order_by("-declared_on")


def decisions_list(*, kind: str = "") -> QuerySet[CouncilDecision]:
    qs = CouncilDecision.objects.annotate(n_admitted=Count("admitted")).order_by("-date", "-number")
    return qs.filter(kind=kind) if kind else qs


def coordinated_facilities(user: Any) -> QuerySet[Facility]:
    """Places whose visits `user` may plan and coordinate."""
    return scope_filter(
        Facility.objects.select_related("region").order_by("region__name_ru", "name_ru"),
        user,
        Cap.VISIT_COORDINATE,
        "",
    )


@dataclass
class GridRow:
    region: Region
    cells: list[int]
    total: int


def plan_grid(*, plan: AnnualPlan, user: Any) -> tuple[list[GridRow], list[int], int]:
    """Planned visits by region (rows) and quarter (columns) in the user's scope, with totals."""
    counts = (
        visits_for(user)
        .filter(plan=plan)
        .exclude(status=VisitStatus.CANCELLED)
        .values("facility__region_id", "quarter")
        .annotate(n=Count("id"))
    )
    by: dict[int, list[int]] = {}
    for row in counts:
        by.setdefault(row["facility__region_id"], [0, 0, 0, 0])[(row["quarter"] or 1) - 1] += row[
            "n"
        ]
    region_ids = set(by) | set(coordinated_facilities(user).values_list("region_id", flat=True))
    rows = [
        GridRow(region=r, cells=by.get(r.pk, [0, 0, 0, 0]), total=sum(by.get(r.pk, [0])))
        for r in Region.objects.filter(pk__in=region_ids).order_by("name_ru")
    ]
    totals = [sum(r.cells[q] for r in rows) for q in range(4)]
    return rows, totals, sum(totals)


@dataclass
class VisitFilters:
    year: int | None = None
    kind: str = ""
    status: str = ""
    region: Any = None


def visits_list(*, user: Any, filters: VisitFilters | None = None) -> QuerySet[Visit]:
    """The visits `user` may read, filtered."""
    qs = visits_for(user).select_related("plan", "case_file").annotate(n_team=Count("team"))
    f = filters or VisitFilters()
    if f.year:
        qs = qs.filter(Q(start_date__year=f.year) | Q(start_date__isnull=True, plan__year=f.year))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.region is not None:
        qs = qs.filter(facility__region=f.region)
    return qs.order_by("-start_date", "-number")


def visit_counts(qs: QuerySet[Visit]) -> dict[str, dict[str, int]]:
    """Counts by kind and by status of a list of visits (one query each)."""
    kinds = dict(qs.order_by().values_list("kind").annotate(n=Count("id")))
    statuses = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    return {
        "kind": {str(label): kinds.get(value, 0) for value, label in VisitKind.choices},
        "status": {str(label): statuses.get(value, 0) for value, label in VisitStatus.choices},
        "total": sum(kinds.values()),
    }


@dataclass
class TeamSummary:
    members: list
    leader: Any
    female: int
    male: int
    has_medical: bool
    problems: list[str]


def team_summary(visit: Visit) -> TeamSummary:
    """The team with its leader, gender balance, medical expertise and what stops the start."""
    members = list(visit.team.select_related("participant").order_by("role", "participant"))
    for m in members:
        with_expertise_labels(m.participant)
    leader = next((m for m in members if m.role == TeamRole.LEADER), None)
    return TeamSummary(
        members=members,
        leader=leader,
        female=sum(1 for m in members if m.participant.gender == "f"),
        male=sum(1 for m in members if m.participant.gender == "m"),
        has_medical=any(MEDICAL_EXPERTISE & set(m.participant.expertise) for m in members),
        problems=team_problems(visit),
    )


def available_participants(visit: Visit, *, medical: bool = False) -> list[Participant]:
    """Participants who may join the team: active on its dates, not conflicted, not on it.

    Those of the place's region come first. `medical` keeps doctors and psychiatrists.
    """
    start = visit.start_date or timezone.localdate()
    end = visit.end_date or start
    conflicted = ConflictDeclaration.objects.filter(
        facility_id=visit.facility_id, declared_on__lte=start
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
    qs = (
        Participant.objects.filter(active_from__lte=start)
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=end))
        .exclude(pk__in=visit.team.values("participant"))
        .exclude(pk__in=conflicted.values("participant"))
        .prefetch_related("regions")
    )
    people = [with_expertise_labels(p) for p in qs]
    if medical:
        people = [p for p in people if MEDICAL_EXPERTISE & set(p.expertise)]
    region_id = visit.facility.region_id
    people.sort(key=lambda p: (region_id not in {r.pk for r in p.regions.all()}, p.full_name))
    return people


def with_expertise_labels(p: Participant) -> Participant:
    # For the pages: the expertise in words, not its codes.
    p.expertise_display = ", ".join(expertise_labels(p.expertise))
    return p


def expertise_labels(values: list[str]) -> list[str]:
    labels = dict(Expertise.choices)
    return [str(labels.get(v, v)) for v in values]


def visits_for_user_of(user: Any, qs: QuerySet[Visit]) -> QuerySet[Visit]:
    """Narrow any queryset of visits to those `user` may read."""
    return qs.filter(pk__in=visits_for(user).values("pk")).select_related("facility")


def _uuid_or_none(value: Any) -> uuid_.UUID | None:
    try:
        return uuid_.UUID(str(value)) if value else None
    except ValueError:
        return None


def visit_new_initial(user: Any, params: Any) -> dict:
    """What the new-visit form starts from: ?kind, ?facility, ?year, ?quarter, ?case, ?follows."""
    initial: dict[str, Any] = {"kind": VisitKind.PLANNED, "year": timezone.localdate().year}
    if params.get("kind") in VisitKind.values:
        initial["kind"] = params["kind"]
    for key in ("facility", "case", "follows"):
        if value := _uuid_or_none(params.get(key)):
            initial[key] = value
    if str(params.get("quarter", "")) in {"1", "2", "3", "4"}:
        initial["quarter"] = int(params["quarter"])
    if str(params.get("year", "")).isdigit():
        initial["year"] = int(params["year"])
    if "case" in initial:
        initial["kind"] = VisitKind.SPECIAL
    if "follows" in initial:
        initial["kind"] = VisitKind.FOLLOW_UP
    return initial


def visit_new_source(user: Any, data: Any) -> dict:
    """The case file or earlier visit a new visit comes from, if in the user's reach (else 404).

    The case file's content is not read here: only its number and place are shown.
    """
    from qorgau.allegations.models import CaseFile

    case_file = follows = None
    if case_uuid := _uuid_or_none(data.get("case")):
        try:
            case_file = coordinated_case_files(user).get(uuid=case_uuid)
        except CaseFile.DoesNotExist as exc:
            raise Http404 from exc
    if follows_uuid := _uuid_or_none(data.get("follows")):
        try:
            follows = (
                visits_for(user)
                .filter(facility__in=coordinated_facilities(user))
                .get(uuid=follows_uuid)
            )
        except Visit.DoesNotExist as exc:
            raise Http404 from exc
    return {"case_file": case_file, "follows": follows}


def coordinated_case_files(user: Any) -> QuerySet:
    """Case files of the places whose visits `user` coordinates (for special visits only)."""
    from qorgau.allegations.models import CaseFile

    return scope_filter(
        CaseFile.objects.select_related("facility", "facility__region"),
        user,
        Cap.VISIT_COORDINATE,
        "facility",
    )
