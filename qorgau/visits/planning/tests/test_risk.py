"""Risk ranking: each part of the score on a small fixture, and a constant number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.complaints.models import Complaint
from qorgau.recommendations.models import Recommendation
from qorgau.testing.factories import FacilityFactory, PopulationCountFactory, UserFactory, grant
from qorgau.visits.planning.risk import WEIGHTS, risk_ranking

from .makers import case_file, visit

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 1)


@pytest.fixture
def national(world):
    user = UserFactory(username="national-coordinator")
    grant(user, Role.NPM_COORDINATOR, ScopeKind.NATIONAL)
    return user


def _complaints(facility, n):
    for i in range(n):
        Complaint.objects.create(
            number=f"CMP-T-{facility.code}-{i}",
            channel="terminal",
            received_at=timezone.now() - timedelta(days=10),
            facility=facility,
            categories=["torture"],
            description="—",
        )


def _rec(v, n, *, deadline, status="not_started"):
    return Recommendation.objects.create(
        number=f"REC-T-{n}",
        visit=v,
        facility=v.facility,
        action="Сделать",
        addressee_agency="penitentiary",
        indicator="Сделано",
        deadline=deadline,
        theme="health",
        status=status,
    )


def _parts(ranked, facility):
    row = next(r for r in ranked if r.facility == facility)
    return row, {p.key: p for p in row.parts}


def test_every_part_of_the_score(world, national):
    a, b = world.facility_a, world.facility_b
    last = visit(a, status="done", start=date(2026, 5, 1), end=date(2026, 5, 5))
    _complaints(a, 9)  # 450 held (world's headcount): 2 per 100
    # An old complaint, outside the 12 months, is not counted.
    Complaint.objects.create(
        number="CMP-T-OLD",
        channel="terminal",
        received_at=timezone.now() - timedelta(days=400),
        facility=a,
        categories=["torture"],
        description="—",
    )
    case_file(a, 1)
    closed = case_file(a, 2)
    closed.status = "closed"
    closed.save()
    _rec(last, 1, deadline=date(2026, 10, 1))
    _rec(last, 2, deadline=date(2026, 9, 1), status="partly")
    _rec(last, 3, deadline=date(2026, 9, 1), status="implemented")
    _rec(last, 4, deadline=date(2026, 12, 1))
    # B: never visited, silent, 600 held for 500 places (the latest count wins).
    PopulationCountFactory(facility=b, date=date(2026, 10, 20), men=600, capacity=500)

    ranked = risk_ranking(user=national, today=TODAY)
    row_a, pa = _parts(ranked, a)
    assert pa["last_visit"].points == Decimal("6.0")  # 180 days / 30
    assert "180 days" in pa["last_visit"].raw
    assert pa["complaints"].points == Decimal("4.0") and pa["complaints"].raw.startswith("2.00")
    assert "silence" not in pa and not row_a.silent
    assert pa["open_cases"].raw == "1" and pa["open_cases"].points == Decimal("8.0")
    assert pa["overdue"].raw == "2" and pa["overdue"].points == Decimal("4.0")
    assert pa["overcrowding"].points == 0  # 450 of 500
    assert row_a.score == Decimal("22.0")

    row_b, pb = _parts(ranked, b)
    assert pb["last_visit"].points == WEIGHTS["last_visit_cap"]
    assert row_b.silent and pb["silence"].points == WEIGHTS["silence_points"]
    assert pb["complaints"].points == 0
    assert pb["overcrowding"].points == Decimal("10.0")  # 120 %: 20 points above × 0.5
    assert row_b.score == Decimal("50.0")
    assert ranked[0].facility == b  # highest first


def test_caps_and_small_places_are_not_called_silent(world, national):
    small = FacilityFactory(region=world.region_a, capacity=20)
    PopulationCountFactory(facility=small, men=10, capacity=20)
    for n in range(10):
        case_file(world.facility_a, 10 + n)
    ranked = risk_ranking(user=national, today=TODAY)
    _, pa = _parts(ranked, world.facility_a)
    assert pa["open_cases"].points == WEIGHTS["open_case_cap"]
    row, ps = _parts(ranked, small)
    assert not row.silent and "silence" not in ps


def test_scope_of_the_coordinator(world):
    ranked = risk_ranking(user=world.users[Role.NPM_COORDINATOR], today=TODAY)
    assert [r.facility for r in ranked] == [world.facility_a]


def test_queries_do_not_grow_with_places(world, national):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            risk_ranking(user=national, today=TODAY)
        return len(ctx.captured_queries)

    count()  # the user's memberships are read once, then cached on the user
    before = count()
    for _ in range(20):
        f = FacilityFactory(region=world.region_b)
        PopulationCountFactory(facility=f)
        visit(f, status="done")
    assert count() == before <= 8


def test_risk_page_links_to_plan_a_visit(world, login):
    client = login(world.users[Role.NPM_COORDINATOR])
    page = client.get("/visits/planning/risk/").content.decode()
    assert f"/visits/new/?facility={world.facility_a.uuid}" in page
    assert world.facility_b.name not in page
