"""Pages of funding and of the annual report: who gets them, the CSV for accounting."""

from __future__ import annotations

import csv
import io
import re

import pytest

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.models import AuditEntry
from qorgau.testing.factories import UserFactory, grant
from qorgau.visits.funding.tests.routes import reimbursement_for_matrix
from qorgau.visits.models import Budget, CouncilDecision, Reimbursement
from qorgau.visits.tests.routes import visit_for_matrix

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = [r for r in Role if r != Role.NPM_COORDINATOR]


def _national(world):
    user = UserFactory(username="national.coordinator")
    grant(user, Role.NPM_COORDINATOR, ScopeKind.NATIONAL)
    return user


def test_coordinator_computes_approves_and_pays_through_the_tab(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/visits/{visit.uuid}/reimbursements/compute/")
    assert r.status_code == 302
    page = client.get(f"/visits/{visit.uuid}/reimbursements/")
    assert page.status_code == 200 and "Участник Тестов" in page.content.decode()
    row = Reimbursement.objects.filter(visit=visit).first()
    assert client.post(f"/visits/reimbursements/{row.uuid}/approve/").status_code == 302
    assert client.post(f"/visits/reimbursements/{row.uuid}/paid/").status_code == 302
    row.refresh_from_db()
    assert row.status == "paid"


def test_bad_travel_is_refused_and_changes_nothing(world, login, client):
    row = reimbursement_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/visits/reimbursements/{row.uuid}/travel/", {"travel": "-3"})
    assert r.status_code == 400
    before = row.total
    row.refresh_from_db()
    assert row.total == before


@pytest.mark.parametrize("role", NOT_COORDINATORS)
def test_only_coordinators_reach_funding(world, login, client, role):
    visit = visit_for_matrix(world, world.facility_a)
    row = reimbursement_for_matrix(world, world.facility_a)
    login(world.users[role])
    for url in (
        f"/visits/{visit.uuid}/reimbursements/",
        "/visits/funding/",
        "/visits/funding/2026/export.csv",
        "/visits/annual/2026/",
        "/visits/annual/2026/pdf/",
        "/visits/annual/2026/docx/",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"/visits/reimbursements/{row.uuid}/approve/").status_code in (403, 404)
    row.refresh_from_db()
    assert row.status == "pending"


def test_participant_on_the_team_is_refused_with_403(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_PARTICIPANT])
    assert client.get(f"/visits/{visit.uuid}/reimbursements/").status_code == 403


def test_coordinator_out_of_scope_gets_404(world, login, client):
    visit = visit_for_matrix(world, world.facility_b)
    row = reimbursement_for_matrix(world, world.facility_b)
    login(world.users[Role.NPM_COORDINATOR])
    assert client.get(f"/visits/{visit.uuid}/reimbursements/").status_code == 404
    assert client.post(f"/visits/reimbursements/{row.uuid}/approve/").status_code == 404


def test_regional_coordinator_cannot_set_the_budget_or_adopt(world, login, client):
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post("/visits/funding/budget/", {"year": 2026, "amount": "100"})
    assert r.status_code == 403 and not Budget.objects.exists()
    r = client.post(
        "/visits/annual/2025/adopt/", {"number": "1", "decided_on": "2026-01-20", "text": ""}
    )
    assert r.status_code == 403 and not CouncilDecision.objects.exists()


def test_national_coordinator_sets_the_budget(world, login, client):
    login(_national(world))
    r = client.post("/visits/funding/budget/", {"year": 2026, "amount": "150000000"})
    assert r.status_code == 302 and Budget.objects.get(year=2026).amount == 150000000
    assert client.post("/visits/funding/budget/", {"year": 2026, "amount": "0"}).status_code == 400
    page = client.get("/visits/funding/?year=2026")
    assert page.status_code == 200 and "<svg" in page.content.decode()


def test_export_is_excel_csv_one_row_per_reimbursement_without_iin(world, login, client):
    ra = reimbursement_for_matrix(world, world.facility_a)
    reimbursement_for_matrix(world, world.facility_b)  # out of the coordinator's region
    login(world.users[Role.NPM_COORDINATOR])
    r = client.get("/visits/funding/2026/export.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    raw = r.content
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "participant",
        "organisation",
        "visit",
        "visit_type",
        "place",
        "region",
        "first_day",
        "last_day",
        "days",
        "daily_rate",
        "travel",
        "extras_mci",
        "mci",
        "extras_tenge",
        "total",
        "status",
    ]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["participant"] == ra.participant.full_name
    assert row["visit"] == "VIS-2026-9001" and row["first_day"] == "2026-03-02"
    assert row["total"] == f"{ra.total:.2f}".replace(".", ",")
    # No identification number of anybody (12 digits) anywhere in the file.
    assert not re.search(r"\d{12}", text)
    assert AuditEntry.objects.filter(action="visit.funding_export").count() == 1


def test_annual_page_pdf_and_docx_download(world, login, client):
    visit_for_matrix(world, world.facility_a)
    login(_national(world))
    page = client.get("/visits/annual/2026/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "Record the council" in body
    pdf = client.get("/visits/annual/2026/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get("/visits/annual/2026/docx/")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert client.get("/visits/annual/1800/").status_code == 404
    assert client.get("/visits/annual/").status_code == 302


def test_annual_report_in_kazakh_when_the_ui_is_kazakh(world, login, client):
    from django.utils import translation

    from qorgau.visits.funding import documents

    with translation.override("kk"):
        assert documents.document_language() == "kk"
    with translation.override("en"):
        assert documents.document_language() == "ru"


def test_adoption_through_the_page(world, login, client):
    visit_for_matrix(world, world.facility_a)
    login(_national(world))
    r = client.post("/visits/annual/2026/adopt/", {"number": "", "decided_on": "2026-11-20"})
    assert r.status_code == 400 and not CouncilDecision.objects.exists()
    r = client.post("/visits/annual/2026/adopt/", {"number": "7", "decided_on": "2026-11-20"})
    assert r.status_code == 302
    decision = CouncilDecision.objects.get(kind="annual_report")
    assert decision.year == 2026 and "1 visits" in decision.text
