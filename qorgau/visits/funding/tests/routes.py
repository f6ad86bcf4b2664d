"""Access-matrix rows of this area (see qorgau/visits/tests/routes.py).

Funding is the coordinators' (visit.coordinate); the budget and the adoption of the annual
report are national acts ("national:visit.coordinate"), which no role of the test world
holds: every role must be refused them.
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap

YEAR = 2026


def reimbursement_for_matrix(w, facility):
    """A pending reimbursement of the matrix visit at `facility`, for its first member."""
    from qorgau.visits.funding.services import current_rates, reimbursement_amount
    from qorgau.visits.models import Reimbursement
    from qorgau.visits.tests.routes import visit_for_matrix

    visit = visit_for_matrix(w, facility)
    member = visit.team.order_by("pk").first()
    rates = current_rates()
    row, _ = Reimbursement.objects.get_or_create(
        visit=visit,
        participant=member.participant,
        defaults={
            "days": member.days,
            "daily_rate": rates.daily_rate,
            "travel": rates.travel,
            "extras_mci": rates.extras_mci,
            "mci": rates.mci,
            "total": reimbursement_amount(
                days=member.days,
                daily_rate=rates.daily_rate,
                travel=rates.travel,
                extras_mci=rates.extras_mci,
                mci=rates.mci,
            ),
        },
    )
    return row


def pages(w) -> list:
    from qorgau.visits.tests.routes import visit_for_matrix

    va, vb = visit_for_matrix(w, w.facility_a), visit_for_matrix(w, w.facility_b)
    ra, rb = reimbursement_for_matrix(w, w.facility_a), reimbursement_for_matrix(w, w.facility_b)
    national = "national:" + Cap.VISIT_COORDINATE
    return [
        (
            "visits:reimbursements",
            "get",
            f"/visits/{va.uuid}/reimbursements/",
            Cap.VISIT_COORDINATE,
            f"/visits/{vb.uuid}/reimbursements/",
            None,
        ),
        (
            "visits:reimbursements_compute",
            "post",
            f"/visits/{va.uuid}/reimbursements/compute/",
            Cap.VISIT_COORDINATE,
            f"/visits/{vb.uuid}/reimbursements/compute/",
            {},
        ),
        (
            "visits:reimbursement_travel",
            "post",
            f"/visits/reimbursements/{ra.uuid}/travel/",
            Cap.VISIT_COORDINATE,
            f"/visits/reimbursements/{rb.uuid}/travel/",
            {"travel": "31000"},
        ),
        (
            "visits:reimbursement_approve",
            "post",
            f"/visits/reimbursements/{ra.uuid}/approve/",
            Cap.VISIT_COORDINATE,
            f"/visits/reimbursements/{rb.uuid}/approve/",
            {},
        ),
        (
            "visits:reimbursement_paid",
            "post",
            f"/visits/reimbursements/{ra.uuid}/paid/",
            Cap.VISIT_COORDINATE,
            f"/visits/reimbursements/{rb.uuid}/paid/",
            {},
        ),
        ("visits:funding", "get", "/visits/funding/", Cap.VISIT_COORDINATE, None, None),
        (
            "visits:budget_set",
            "post",
            "/visits/funding/budget/",
            national,
            None,
            {"year": YEAR, "amount": "150000000"},
        ),
        (
            "visits:funding_export",
            "get",
            f"/visits/funding/{YEAR}/export.csv",
            Cap.VISIT_COORDINATE,
            None,
            None,
        ),
        ("visits:annual_index", "get", "/visits/annual/", Cap.VISIT_COORDINATE, None, None),
        ("visits:annual", "get", f"/visits/annual/{YEAR}/", Cap.VISIT_COORDINATE, None, None),
        (
            "visits:annual_pdf",
            "get",
            f"/visits/annual/{YEAR}/pdf/",
            Cap.VISIT_COORDINATE,
            None,
            None,
        ),
        (
            "visits:annual_docx",
            "get",
            f"/visits/annual/{YEAR}/docx/",
            Cap.VISIT_COORDINATE,
            None,
            None,
        ),
        (
            "visits:annual_adopt",
            "post",
            f"/visits/annual/{YEAR}/adopt/",
            national,
            None,
            {"number": "7", "decided_on": "2026-11-20", "text": ""},
        ),
    ]


def endpoints(w) -> list:
    return []
