"""The report compiled from the visit's structured data, in the standard structure.

Summary with all the visit's recommendations; the visit (type, dates, team,
first or follow-up, cooperation); the place (type, agency, capacity, occupancy);
changes since the last visit (the previous visit done at the place and the
current status of its recommendations); findings by theme with the checklist's
figures; good practice. Interviews are never read here: their notes stay with
the team, and the report speaks of what was found, not of who said it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from qorgau.facilities.models import Agency, PopulationCount
from qorgau.recommendations.choices import Priority, Status, Theme
from qorgau.recommendations.models import Recommendation

from ..choices import AnswerChoice, InformationSource, SectionKey, VisitStatus
from ..models import Answer, Finding, Visit
from .sanitize import sanitize_html

LANGUAGES = ("kk", "ru")


def report_language(language: str | None) -> str:
    """Reports are written in Kazakh or Russian; anything else falls back to Russian."""
    language = (language or "ru")[:2]
    return language if language in LANGUAGES else "ru"


def agency_label(code: str) -> str:
    try:
        return str(Agency(code).label)
    except ValueError:
        return code


@dataclass
class ThemeFindings:
    theme: str
    label: str
    findings: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # AnswerChoice value -> count


def recommendations_of(visit: Visit) -> list[Recommendation]:
    return list(Recommendation.objects.filter(visit=visit).order_by("order", "number"))


def recommendation_rows(visit: Visit) -> list[dict]:
    """The visit's recommendations as plain data (kept in each version of the report)."""
    return [
        {
            "number": r.number,
            "action": r.action,
            "addressee": agency_label(r.addressee_agency),
            "unit": r.responsible_unit,
            "indicator": r.indicator,
            "deadline": r.deadline.isoformat(),
            "priority": r.priority,
            "priority_label": str(Priority(r.priority).label),
            "theme": r.theme,
            "theme_label": str(Theme(r.theme).label),
            "status": r.status,
        }
        for r in recommendations_of(visit)
    ]


def previous_visit(visit: Visit) -> Visit | None:
    """The visit this one follows, or the last one done at the place before it."""
    if visit.follows_id:
        return visit.follows
    before = visit.start_date or date.today()
    return (
        Visit.objects.filter(facility_id=visit.facility_id, status=VisitStatus.DONE)
        .exclude(pk=visit.pk)
        .filter(end_date__lt=before)
        .order_by("-end_date", "-pk")
        .first()
    )


def latest_population(visit: Visit) -> PopulationCount | None:
    counts = PopulationCount.objects.filter(facility_id=visit.facility_id)
    if visit.end_date:
        on_visit = counts.filter(date__lte=visit.end_date).order_by("-date").first()
        if on_visit:
            return on_visit
    return counts.order_by("-date").first()


def answer_figures(visit: Visit) -> dict[str, dict[str, int]]:
    """Checklist answers by theme: {theme: {yes: n, no: n, partly: n, na: n}}."""
    figures: dict[str, Counter] = {}
    rows = (
        Answer.objects.filter(visit=visit)
        .exclude(choice="")
        .values_list("question__section__theme", "choice")
    )
    for theme, choice in rows:
        figures.setdefault(theme, Counter())[choice] += 1
    return {t: dict(c) for t, c in figures.items()}


def findings_by_theme(visit: Visit, *, good_practice: bool) -> list[ThemeFindings]:
    figures = answer_figures(visit) if not good_practice else {}
    groups: dict[str, ThemeFindings] = {}
    qs = Finding.objects.filter(visit=visit, good_practice=good_practice)
    for f in qs.order_by("theme", "order", "created_at"):
        group = groups.setdefault(f.theme, ThemeFindings(f.theme, str(Theme(f.theme).label)))
        labels = []
        for s in f.sources:
            try:
                labels.append(str(InformationSource(s).label))
            except ValueError:
                continue
        group.findings.append({"title": f.title, "text": f.text, "sources": labels})
    ordered = [groups[t] for t in Theme.values if t in groups]
    for g in ordered:
        g.answers = figures.get(g.theme, {})
    return ordered


def changes_since(visit: Visit) -> dict | None:
    previous = previous_visit(visit)
    if previous is None:
        return None
    recs = recommendations_of(previous)
    counts = Counter(r.status for r in recs)
    return {
        "visit": previous,
        "recommendations": [
            {
                "number": r.number,
                "action": r.action,
                "status": r.status,
                "status_label": str(Status(r.status).label),
            }
            for r in recs
        ],
        "counts": [(str(s.label), counts[s.value]) for s in Status if counts[s.value]],
        "implemented": counts[Status.IMPLEMENTED],
        "total": len(recs),
    }


def context(visit: Visit) -> dict:
    """Everything the sections are compiled from (no interview is read)."""
    population = latest_population(visit)
    team = [
        {
            "name": m.participant.full_name,
            "role": m.get_role_display(),
            "organisation": m.participant.organisation,
        }
        for m in visit.team.select_related("participant").order_by("role", "participant")
    ]
    previous = previous_visit(visit)
    return {
        "visit": visit,
        "facility": visit.facility,
        "team": team,
        "first_visit": previous is None,
        "previous": previous,
        "population": population,
        "recommendations": recommendation_rows(visit),
        "themes": findings_by_theme(visit, good_practice=False),
        "good_practice": findings_by_theme(visit, good_practice=True),
        "changes": changes_since(visit),
        "choices": [(c.value, str(c.label)) for c in AnswerChoice],
    }


def compiled_sections(visit: Visit, language: str) -> dict[str, str]:
    """The HTML of each section as compiled now, sanitised like an edit would be."""
    with translation.override(report_language(language)):
        ctx = context(visit)
        return {
            key: sanitize_html(render_to_string(f"visits/reports/sections/{key}.html", ctx))
            for key in SectionKey.values
        }
