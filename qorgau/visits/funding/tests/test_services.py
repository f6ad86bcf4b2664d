"""Rules of funding: rates frozen on the row, totals, transitions, the budget."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.visits.funding import services
from qorgau.visits.funding.selectors import year_funding
from qorgau.visits.models import Budget, Reimbursement, TeamMember
from qorgau.visits.tests.routes import visit_for_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    settings.QORGAU_NPM_DAILY_RATE = "20000"
    settings.QORGAU_NPM_TRAVEL = "25000"
    settings.QORGAU_NPM_EXTRA_MCI = "5"
    settings.QORGAU_MCI = "4325"


@pytest.fixture
def visit(world):
    v = visit_for_matrix(world, world.facility_a)
    TeamMember.objects.filter(visit=v).update(days=2)
    return v


def test_amount_is_days_at_the_daily_rate_plus_travel_plus_extras_in_mci():
    total = services.reimbursement_amount(
        days=3,
        daily_rate=Decimal("20000"),
        travel=Decimal("25000"),
        extras_mci=Decimal("5"),
        mci=Decimal("4325"),
    )
    assert total == Decimal("106625.00")


def test_compute_gives_each_member_a_row_at_the_rates_in_force(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    rows = services.reimbursements_compute(actor=coordinator, visit=visit)
    assert len(rows) == visit.team.count() == 3
    for row in rows:
        assert row.days == 2
        assert (row.daily_rate, row.travel, row.extras_mci, row.mci) == (
            Decimal("20000"),
            Decimal("25000"),
            Decimal("5"),
            Decimal("4325"),
        )
        assert row.total == Decimal("86625.00")
    assert AuditEntry.objects.filter(action="visit.reimbursements_compute").count() == 1


def test_rates_are_frozen_on_the_row_when_settings_change(world, visit, rates, settings):
    coordinator = world.users[Role.NPM_COORDINATOR]
    services.reimbursements_compute(actor=coordinator, visit=visit)
    settings.QORGAU_MCI = "5000"
    settings.QORGAU_NPM_DAILY_RATE = "30000"
    TeamMember.objects.filter(visit=visit).update(days=3)
    rows = services.reimbursements_compute(actor=coordinator, visit=visit)
    # Days follow the team on a pending row; its rates stay those of the first computation.
    assert {(r.days, r.daily_rate, r.mci, r.total) for r in rows} == {
        (3, Decimal("20000"), Decimal("4325"), Decimal("106625.00"))
    }


def test_approved_and_paid_rows_never_change(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    row = services.reimbursements_compute(actor=coordinator, visit=visit)[0]
    services.reimbursement_approve(actor=coordinator, reimbursement=row)
    with pytest.raises(ValidationError):
        services.reimbursement_set_travel(actor=coordinator, reimbursement=row, travel=Decimal("1"))
    TeamMember.objects.filter(visit=visit).update(days=5)
    services.reimbursements_compute(actor=coordinator, visit=visit)
    row.refresh_from_db()
    assert row.days == 2 and row.total == Decimal("86625.00")
    assert row.approved_by == coordinator
    services.reimbursement_mark_paid(actor=coordinator, reimbursement=row)
    row.refresh_from_db()
    assert row.status == "paid"
    with pytest.raises(ValidationError):
        services.reimbursement_approve(actor=coordinator, reimbursement=row)
    assert AuditEntry.objects.filter(action="visit.reimbursement_paid").count() == 1


def test_paid_needs_approval_first(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    row = services.reimbursements_compute(actor=coordinator, visit=visit)[0]
    with pytest.raises(ValidationError):
        services.reimbursement_mark_paid(actor=coordinator, reimbursement=row)
    row.refresh_from_db()
    assert row.status == "pending"


def test_travel_changes_the_total_and_refuses_a_negative_amount(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    row = services.reimbursements_compute(actor=coordinator, visit=visit)[0]
    row = services.reimbursement_set_travel(
        actor=coordinator, reimbursement=row, travel=Decimal("41000.50")
    )
    assert row.total == Decimal("102625.50")
    with pytest.raises(ValidationError):
        services.reimbursement_set_travel(
            actor=coordinator, reimbursement=row, travel=Decimal("-1")
        )
    row.refresh_from_db()
    assert row.travel == Decimal("41000.50")


def test_member_left_the_team_loses_a_pending_row_only(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    rows = services.reimbursements_compute(actor=coordinator, visit=visit)
    services.reimbursement_approve(actor=coordinator, reimbursement=rows[0])
    TeamMember.objects.filter(visit=visit).delete()
    services.reimbursements_compute(actor=coordinator, visit=visit)
    assert list(Reimbursement.objects.filter(visit=visit)) == [rows[0]]


def test_planned_or_cancelled_visit_is_not_computed(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    for status in ("planned", "cancelled"):
        visit.status = status
        visit.save()
        with pytest.raises(ValidationError):
            services.reimbursements_compute(actor=coordinator, visit=visit)
    assert not Reimbursement.objects.exists()


def test_budget_against_spending_counts_approved_and_paid(world, visit, rates):
    coordinator = world.users[Role.NPM_COORDINATOR]
    a, b, c = services.reimbursements_compute(actor=coordinator, visit=visit)
    services.reimbursement_approve(actor=coordinator, reimbursement=a)
    services.reimbursement_approve(actor=coordinator, reimbursement=b)
    services.reimbursement_mark_paid(actor=coordinator, reimbursement=b)
    services.budget_set(actor=coordinator, year=2026, amount=Decimal("1000000"))
    f = year_funding(user=coordinator, year=2026)
    assert f.budget == Decimal("1000000.00")
    assert (f.pending, f.approved, f.paid) == (a.total, a.total, b.total)
    assert f.spent == a.total + b.total == Decimal("173250.00")
    assert f.remaining == Decimal("826750.00")
    assert f.used_percent == Decimal("17.3")
    assert dict(f.by_month)[3] == Decimal("173250.00")  # the visit began in March
    assert f.rows == 3 and f.visits == 1 and f.participants == 3


def test_budget_is_replaced_audited_and_refuses_nonsense(world):
    coordinator = world.users[Role.NPM_COORDINATOR]
    services.budget_set(actor=coordinator, year=2026, amount=Decimal("100"))
    services.budget_set(actor=coordinator, year=2026, amount=Decimal("200"))
    assert Budget.objects.get(year=2026).amount == Decimal("200")
    for year, amount in ((2026, Decimal("0")), (2026, Decimal("-5")), (1900, Decimal("5"))):
        with pytest.raises(ValidationError):
            services.budget_set(actor=coordinator, year=year, amount=amount)
    assert Budget.objects.get(year=2026).amount == Decimal("200")
    assert AuditEntry.objects.filter(action="visit.budget_set").count() == 2
