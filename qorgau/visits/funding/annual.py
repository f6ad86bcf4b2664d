"""The annual consolidated report: the year's figures, read from the visits' own records.

Everything is counted from the database when the report is built: visits carried out in
the year (on site or done; cancelled ones counted apart), their places, teams,
recommendations and their implementation as of today, findings by theme (titles only from
reports the council has adopted), cooperation of the authorities and the year's funding.
A coordinator with regional scope gets the figures of their region; the council adopts the
national report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count as DbCount
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Agency, Facility, FacilityType, Region
from qorgau.recommendations.choices import CLOSED, Priority, Status, Theme
from qorgau.recommendations.models import Recommendation
from qorgau.visits.choices import (
    Cooperation,
    DecisionKind,
    ReportStatus,
    TeamRole,
    VisitKind,
    VisitStatus,
)
from qorgau.visits.models import CouncilDecision, Finding, Report, TeamMember, Visit

from . import charts
from .selectors import YearFunding, year_funding

CARRIED_OUT = (VisitStatus.IN_PROGRESS, VisitStatus.DONE)
# Reports whose findings the council has adopted: the annual report quotes only these.
ADOPTED = (
    ReportStatus.ADOPTED,
    ReportStatus.SENT,
    ReportStatus.COMMENTED,
    ReportStatus.FINAL,
    ReportStatus.PUBLISHED,
)
TITLES_PER_THEME = 3


@dataclass(frozen=True)
class Line:
    """One labelled figure with its share of the whole, in percent."""

    label: str
    value: int
    share: Decimal | None = None


@dataclass(frozen=True)
class Rate:
    """Recommendations of one group and how many were implemented."""

    label: str
    total: int
    implemented: int
    overdue: int

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.implemented, self.total)


@dataclass(frozen=True)
class ThemeFindings:
    theme: str
    label: str
    findings: int
    good_practice: int
    titles: list[str]
    recommendations: int
    implemented: int

    @property
    def percent(self) -> Decimal | None:
        return _percent(self.implemented, self.recommendations)


@dataclass(frozen=True)
class Place:
    name: str
    region: str
    type: str
    visits: int


@dataclass
class AnnualReport:
    year: int
    national: bool
    generated_at: Any
    today: date
    visits: int = 0
    cancelled: int = 0
    by_kind: list[Line] = field(default_factory=list)
    by_region: list[Line] = field(default_factory=list)
    by_agency: list[Line] = field(default_factory=list)
    by_type: list[Line] = field(default_factory=list)
    by_month: list[Line] = field(default_factory=list)
    places_visited: int = 0
    places_in_scope: int = 0
    places: list[Place] = field(default_factory=list)
    participants: int = 0
    team_size: Decimal | None = None
    medical_share: Decimal | None = None
    recommendations: int = 0
    implemented: int = 0
    overdue: int = 0
    rec_by_status: list[Line] = field(default_factory=list)
    rec_by_agency: list[Rate] = field(default_factory=list)
    rec_by_priority: list[Rate] = field(default_factory=list)
    findings: int = 0
    good_practice: int = 0
    themes: list[ThemeFindings] = field(default_factory=list)
    cooperation: list[Line] = field(default_factory=list)
    reports: list[Line] = field(default_factory=list)
    funding: YearFunding | None = None
    adoption: CouncilDecision | None = None
    charts: dict[str, SafeString] = field(default_factory=dict)

    @property
    def implemented_percent(self) -> Decimal | None:
        return _percent(self.implemented, self.recommendations)

    @property
    def title(self) -> str:
        return _("Annual consolidated report of the National Preventive Mechanism for %(year)s") % {
            "year": self.year
        }


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _lines(counter: Counter, labels: dict[str, str], *, order: list[str] | None = None) -> list:
    whole = sum(counter.values())
    keys = order if order is not None else [k for k, _n in counter.most_common()]
    return [
        Line(labels.get(k, k) or "—", counter[k], _percent(counter[k], whole))
        for k in keys
        if counter[k] or order is not None
    ]


def annual_report(*, user: Any, year: int, today: date | None = None) -> AnnualReport:
    """Every figure of the year's report, for the places where `user` coordinates."""
    today = today or timezone.localdate()
    scope = scope_for(user, Cap.VISIT_COORDINATE)
    out = AnnualReport(year=year, national=scope.national, generated_at=timezone.now(), today=today)
    in_scope = Visit.objects.filter(scope.q("facility"), start_date__year=year)
    out.cancelled = in_scope.filter(status=VisitStatus.CANCELLED).count()
    visits = in_scope.filter(status__in=CARRIED_OUT)
    rows = list(
        visits.values_list(
            "id",
            "kind",
            "start_date",
            "cooperation",
            "facility_id",
            "facility__region_id",
            "facility__agency",
            "facility__type",
        )
    )
    out.visits = len(rows)
    _visits_part(out, rows)
    _places_part(out, rows, scope)
    _team_part(out, visits)
    recs = _recommendations_part(out, visits, today)
    _findings_part(out, visits, recs)
    reports = Counter(
        Report.objects.filter(visit__in=visits).values_list("status", flat=True).order_by()
    )
    out.reports = _lines(reports, dict(ReportStatus.choices), order=[s.value for s in ReportStatus])
    out.funding = year_funding(user=user, year=year)
    out.adoption = CouncilDecision.objects.filter(
        kind=DecisionKind.ANNUAL_REPORT, year=year
    ).first()
    out.charts = _charts(out)
    return out


def _visits_part(out: AnnualReport, rows: list[tuple]) -> None:
    out.by_kind = _lines(
        Counter(r[1] for r in rows), dict(VisitKind.choices), order=[k.value for k in VisitKind]
    )
    regions = {r.pk: r.name for r in Region.objects.all()}
    by_region = Counter(regions.get(r[5], "—") for r in rows)
    out.by_region = sorted(_lines(by_region, {}), key=lambda line: (-line.value, line.label))
    out.by_agency = _lines(Counter(r[6] for r in rows), dict(Agency.choices))
    out.by_type = _lines(Counter(r[7] for r in rows), dict(FacilityType.choices))
    months = Counter(r[2].month for r in rows)
    out.by_month = [Line(date_format(date(out.year, m, 1), "M"), months[m]) for m in range(1, 13)]
    coop_labels = dict(Cooperation.choices)
    out.cooperation = _lines(
        Counter(r[3] for r in rows),
        {k: str(v) for k, v in coop_labels.items()},
        order=[c.value for c in Cooperation if c.value] + [""],
    )


def _places_part(out: AnnualReport, rows: list[tuple], scope: Any) -> None:
    per_place = Counter(r[4] for r in rows)
    out.places_visited = len(per_place)
    out.places_in_scope = Facility.objects.filter(scope.q()).count()
    facilities = Facility.objects.filter(pk__in=list(per_place)).select_related("region")
    types = dict(FacilityType.choices)
    out.places = sorted(
        (
            Place(f.name, f.region.name, str(types.get(f.type, f.type)), per_place[f.pk])
            for f in facilities
        ),
        key=lambda p: (p.region, p.name),
    )


def _team_part(out: AnnualReport, visits: Any) -> None:
    members = list(
        TeamMember.objects.filter(visit__in=visits)
        .exclude(role=TeamRole.EXPERT)
        .values_list("visit_id", "participant_id", "participant__expertise")
    )
    out.participants = len({m[1] for m in members})
    if out.visits:
        out.team_size = (Decimal(len(members)) / out.visits).quantize(Decimal("0.1"))
        medical = {m[0] for m in members if {"doctor", "psychiatrist"} & set(m[2] or [])}
        out.medical_share = _percent(len(medical), out.visits)


def _recommendations_part(out: AnnualReport, visits: Any, today: date) -> list[tuple]:
    recs = list(
        Recommendation.objects.filter(visit__in=visits).values_list(
            "status", "deadline", "theme", "addressee_agency", "priority"
        )
    )
    out.recommendations = len(recs)
    out.implemented = sum(1 for r in recs if r[0] == Status.IMPLEMENTED)
    out.overdue = sum(1 for r in recs if r[0] not in CLOSED and r[1] < today)
    out.rec_by_status = _lines(
        Counter(r[0] for r in recs), dict(Status.choices), order=[s.value for s in Status]
    )

    def rates(index: int, labels: dict) -> list[Rate]:
        groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in recs:
            g = groups[r[index]]
            g[0] += 1
            g[1] += r[0] == Status.IMPLEMENTED
            g[2] += r[0] not in CLOSED and r[1] < today
        return sorted(
            (Rate(str(labels.get(k, k)), *v) for k, v in groups.items()),
            key=lambda rate: -rate.total,
        )

    out.rec_by_agency = rates(3, dict(Agency.choices))
    out.rec_by_priority = rates(4, dict(Priority.choices))
    return recs


def _findings_part(out: AnnualReport, visits: Any, recs: list[tuple]) -> None:
    rows = list(
        Finding.objects.filter(visit__in=visits).values_list(
            "theme", "good_practice", "title", "visit__report__status"
        )
    )
    out.findings = len(rows)
    out.good_practice = sum(1 for r in rows if r[1])
    per_theme = Counter(r[0] for r in rows)
    good = Counter(r[0] for r in rows if r[1])
    titles: dict[str, Counter] = defaultdict(Counter)
    for theme, good_practice, title, status in rows:
        if status in ADOPTED and not good_practice:
            titles[theme][title.strip()] += 1
    rec_theme = Counter(r[2] for r in recs)
    rec_done = Counter(r[2] for r in recs if r[0] == Status.IMPLEMENTED)
    labels = dict(Theme.choices)
    themes = [
        ThemeFindings(
            theme=t,
            label=str(labels[t]),
            findings=per_theme[t],
            good_practice=good[t],
            titles=[title for title, _n in titles[t].most_common(TITLES_PER_THEME)],
            recommendations=rec_theme[t],
            implemented=rec_done[t],
        )
        for t in Theme.values
        if per_theme[t] or rec_theme[t]
    ]
    out.themes = sorted(themes, key=lambda t: -t.findings)


def _charts(out: AnnualReport) -> dict[str, SafeString]:
    return {
        "kind": charts.bars(
            [(str(line.label), line.value) for line in out.by_kind], title=_("Visits by type")
        ),
        "month": charts.columns(
            [(line.label, line.value) for line in out.by_month], title=_("Visits by month")
        ),
        "region": charts.bars(
            [(line.label, line.value) for line in out.by_region], title=_("Visits by region")
        ),
        "agency": charts.bars(
            [(str(line.label), line.value) for line in out.by_agency],
            title=_("Visits by agency"),
            left=300,
        ),
        "status": charts.bars(
            [(str(line.label), line.value) for line in out.rec_by_status],
            title=_("Recommendations by status"),
        ),
        "themes": charts.bars(
            [(t.label, t.findings) for t in out.themes],
            title=_("Findings by theme"),
            left=300,
        ),
        "theme_rates": charts.bars(
            [(t.label, t.percent or 0) for t in out.themes if t.recommendations],
            title=_("Recommendations implemented, by theme"),
            left=300,
            suffix=" %",
        ),
    }


def visits_per_year(user: Any) -> list[tuple[int, int]]:
    """Years with visits carried out in `user`'s scope, newest first, with their counts."""
    scope = scope_for(user, Cap.VISIT_COORDINATE)
    rows = (
        Visit.objects.filter(scope.q("facility"), status__in=CARRIED_OUT)
        .exclude(start_date=None)
        .values_list("start_date__year")
        .annotate(n=DbCount("id"))
        .order_by("-start_date__year")
    )
    return list(rows)


def figures_text(report: AnnualReport) -> str:
    """The figures the council adopts, kept in the decision's text."""
    return _(
        "Figures adopted: %(visits)s visits to %(places)s places; %(recs)s recommendations, "
        "%(implemented)s implemented (%(percent)s %%); %(findings)s findings."
    ) % {
        "visits": report.visits,
        "places": report.places_visited,
        "recs": report.recommendations,
        "implemented": report.implemented,
        "percent": report.implemented_percent if report.implemented_percent is not None else 0,
        "findings": report.findings,
    }
