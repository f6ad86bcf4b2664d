from __future__ import annotations

import pytest

from qorgau.accounts.roles import Role
from qorgau.complaints.choices import Channel
from qorgau.complaints.schemas import ComplaintPayload
from qorgau.complaints.services import complaint_register
from qorgau.core.models import AuditEntry

from .kiosk import payload


@pytest.fixture
def complaints(world):
    a = complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=world.facility_a,
        payload=ComplaintPayload.model_validate(payload()),
    )
    b = complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=world.facility_b,
        payload=ComplaintPayload.model_validate(
            payload(
                categories=["medical"],
                description="Не дают лекарства от туберкулёза",
                receipt={"code": "QQQQQ-QQQQQ", "secret": "12345678"},
                anonymous=True,
                identity=None,
            )
        ),
    )
    return a, b


def test_numbers_are_human_and_sequential(complaints):
    a, b = complaints
    assert a.number.endswith("-000001") and b.number.endswith("-000002")


def test_regional_staff_sees_its_region_and_searches_text(world, login, client, complaints):
    a, b = complaints
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    page = client.get("/complaints/").content.decode()
    assert a.number in page and b.number not in page
    found = client.get("/complaints/", {"q": "избили"}).content.decode()
    assert a.number in found
    assert a.number not in client.get("/complaints/", {"q": "лекарства"}).content.decode()
    assert a.number in client.get("/complaints/", {"category": "torture"}).content.decode()
    assert a.number not in client.get("/complaints/", {"category": "medical"}).content.decode()


def test_opening_a_complaint_is_audited_and_shows_no_identity(world, login, client, complaints):
    a, _b = complaints
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get(a.get_absolute_url()).content.decode()
    assert "MARKER-PHRASE-7731" in body and "Сейтов" not in body
    assert "kept apart" in body
    assert AuditEntry.objects.filter(
        action="read", object_id=str(a.uuid), actor_label="ombudsman_staff"
    ).exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OMBUDSMAN_STAFF])
def test_no_other_role_reaches_complaint_content(world, login, client, complaints, role):
    a, _b = complaints
    login(world.users[role])
    assert client.get("/complaints/").status_code == 403
    assert client.get(a.get_absolute_url()).status_code == 403


def test_searching_complaint_text_is_audited(world, login, client, complaints):
    login(world.users[Role.OMBUDSMAN_STAFF])
    client.get("/complaints/", {"q": "избили"})
    assert AuditEntry.objects.filter(action="complaint.search", details__query="избили").exists()
