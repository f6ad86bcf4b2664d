"""The annual consolidated report on a small year: its numbers, PDF, DOCX and adoption."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.models import AuditEntry
from qorgau.recommendations.models import Recommendation
from qorgau.testing.factories import FacilityFactory, UserFactory, grant
from qorgau.visits.funding import services
from qorgau.visits.funding.annual import annual_report, figures_text
from qorgau.visits.funding.documents import annual_docx, annual_pdf
from qorgau.visits.models import CouncilDecision, Finding, Participant, Report, TeamMember, Visit

pytestmark = pytest.mark.django_db

YEAR = 2025
TODAY = date(2026, 11, 1)


def _visit(n, facility, kind, start, status="done", cooperation="full"):
    return Visit.objects.create(
        number=f"VIS-{YEAR}-{n:06d}",
        kind=kind,
        facility=facility,
        status=status,
        start_date=start,
        end_date=start + timedelta(days=1),
        cooperation=cooperation,
    )


def _rec(n, visit, status, deadline, theme="health", agency="penitentiary"):
    return Recommendation.objects.create(
        number=f"REC-{YEAR}-{n:06d}",
        visit=visit,
        facility=visit.facility,
        action="Act",
        addressee_agency=agency,
        indicator="Measured",
        deadline=deadline,
        theme=theme,
        status=status,
    )


@pytest.fixture
def year(world):
    """Three visits carried out in 2025 (two at A, one at B), one cancelled, one in 2024."""
    fa, fb = world.facility_a, world.facility_b
    police = FacilityFactory(code="IVS-T", region=world.region_a, agency="police", type="ivs")
    v1 = _visit(1, fa, "planned", date(YEAR, 3, 3))
    v2 = _visit(2, police, "special", date(YEAR, 3, 20), cooperation="partial")
    v3 = _visit(3, fb, "follow_up", date(YEAR, 9, 1))
    _visit(4, fa, "planned", date(YEAR, 10, 1), status="cancelled")
    _visit(5, fa, "planned", date(YEAR - 1, 10, 1))
    people = [
        Participant.objects.create(
            full_name=f"P{i}", gender="f", active_from=date(2020, 1, 1), expertise=[e]
        )
        for i, e in enumerate(["doctor", "lawyer", "psychologist", "lawyer"])
    ]
    for v in (v1, v2, v3):
        for i, p in enumerate(people[:3] if v != v2 else people[1:]):
            TeamMember.objects.create(visit=v, participant=p, role="leader" if i == 0 else "member")
    Report.objects.create(visit=v1, status="published")
    Report.objects.create(visit=v2, status="draft")
    Report.objects.create(visit=v3, status="sent")
    Finding.objects.create(visit=v1, theme="health", title="No doctor at night")
    Finding.objects.create(visit=v3, theme="health", title="No doctor at night")
    Finding.objects.create(visit=v2, theme="health", title="Draft-only finding")
    Finding.objects.create(visit=v1, theme="material", title="Good food", good_practice=True)
    past, future = TODAY - timedelta(days=10), TODAY + timedelta(days=60)
    _rec(1, v1, "implemented", past)
    _rec(2, v1, "in_progress", past)  # overdue
    _rec(3, v1, "not_started", future)
    _rec(4, v2, "implemented", past, theme="legal", agency="police")
    _rec(5, v3, "rejected", past, theme="material")  # closed: not overdue
    return v1, v2, v3


def _national_coordinator():
    user = UserFactory(username="national.coordinator")
    grant(user, Role.NPM_COORDINATOR, ScopeKind.NATIONAL)
    return user


def test_annual_numbers_on_a_small_year(world, year):
    r = annual_report(user=_national_coordinator(), year=YEAR, today=TODAY)
    assert r.national and r.visits == 3 and r.cancelled == 1
    assert {line.label: line.value for line in r.by_kind} == {
        "Planned": 1,
        "Special (reactive)": 1,
        "Follow-up": 1,
    }
    assert sorted(line.value for line in r.by_region) == [1, 2]
    assert {str(line.label): line.value for line in r.by_agency}[
        "Police (Ministry of Internal Affairs)"
    ] == 1
    assert [line.value for line in r.by_month][2] == 2  # March
    assert r.places_visited == 3
    assert r.participants == 4 and r.team_size == Decimal("3.0")
    assert r.medical_share == Decimal("66.7")  # the doctor was not on the special visit
    assert r.recommendations == 5 and r.implemented == 2
    assert r.implemented_percent == Decimal("40.0")
    assert r.overdue == 1
    assert {line.label: line.value for line in r.rec_by_status}["Rejected"] == 1
    health = next(t for t in r.themes if t.theme == "health")
    assert health.findings == 3 and health.recommendations == 3 and health.implemented == 1
    # Titles only from adopted reports (the special visit's report is a draft).
    assert health.titles == ["No doctor at night"]
    assert r.good_practice == 1
    assert {line.label: line.value for line in r.cooperation}["Partial: delays or refusals"] == 1
    assert {line.label: line.value for line in r.reports}["Published"] == 1
    assert "40.0" in figures_text(r)
    assert set(r.charts) >= {"kind", "region", "agency", "status", "themes", "month"}


def test_regional_coordinator_gets_the_figures_of_the_region(world, year):
    r = annual_report(user=world.users[Role.NPM_COORDINATOR], year=YEAR, today=TODAY)
    assert not r.national
    assert r.visits == 2 and r.places_visited == 2 and r.recommendations == 4


def test_pdf_opens_with_pages_and_the_figures(world, year):
    from pypdf import PdfReader

    r = annual_report(user=_national_coordinator(), year=YEAR, today=TODAY)
    reader = PdfReader(io.BytesIO(annual_pdf(r)))
    assert len(reader.pages) >= 5  # cover, contents, sections
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Recommendations by status" in text or "Recommendations" in text
    assert "No doctor at night" in text


def test_docx_opens_with_headings_and_tables(world, year):
    from docx import Document

    r = annual_report(user=_national_coordinator(), year=YEAR, today=TODAY)
    doc = Document(io.BytesIO(annual_docx(r)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "2. Visits" in headings and "4. Main findings by theme" in headings
    assert len(doc.tables) >= 10
    figures = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert figures["Visits carried out"] == "3" and figures["Recommendations issued"] == "5"


def test_adoption_is_recorded_once_as_a_council_decision(world, year):
    user = _national_coordinator()
    today = timezone.localdate()
    d = services.annual_report_adopt(
        actor=user, year=YEAR, number="12", decided_on=today, figures="Figures"
    )
    assert d.kind == "annual_report" and d.year == YEAR and d.text == "Figures"
    assert AuditEntry.objects.filter(action="visit.annual_report_adopt").count() == 1
    with pytest.raises(ValidationError):
        services.annual_report_adopt(actor=user, year=YEAR, number="13", decided_on=today)
    assert CouncilDecision.objects.filter(kind="annual_report").count() == 1
    assert annual_report(user=user, year=YEAR).adoption == d


def test_adoption_refuses_a_future_date_a_blank_number_and_a_year_to_come(world):
    user = _national_coordinator()
    today = timezone.localdate()
    bad = [
        {"year": YEAR, "number": "", "decided_on": today},
        {"year": YEAR, "number": "1", "decided_on": today + timedelta(days=1)},
        {"year": YEAR, "number": "1", "decided_on": date(YEAR - 1, 12, 1)},
        {"year": today.year + 1, "number": "1", "decided_on": today},
    ]
    for kwargs in bad:
        with pytest.raises(ValidationError):
            services.annual_report_adopt(actor=user, **kwargs)
    assert not CouncilDecision.objects.exists()


def test_documents_in_kazakh_and_russian(world, year):
    from django.utils import translation
    from pypdf import PdfReader

    user = _national_coordinator()
    for lang in ("kk", "ru"):
        with translation.override(lang):
            r = annual_report(user=user, year=YEAR, today=TODAY)
            assert PdfReader(io.BytesIO(annual_pdf(r))).pages
            assert annual_docx(r).startswith(b"PK")
