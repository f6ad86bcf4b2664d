from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.complaints.choices import Channel
from qorgau.complaints.intake import receipt_status
from qorgau.complaints.models import Complaint, ComplaintEvent
from qorgau.complaints.schemas import ComplaintPayload
from qorgau.complaints.services import complaint_answer, complaint_register, complaint_transition
from qorgau.core.models import AuditEntry

from .kiosk import payload


@pytest.fixture
def complaint(world):
    return complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=world.facility_a,
        payload=ComplaintPayload.model_validate(payload()),
    )


def test_deadlines_follow_the_settings(world, settings):
    settings.QORGAU_COMPLAINT_FORWARD_HOURS = 24
    settings.QORGAU_COMPLAINT_FIRST_ANSWER_DAYS = 3
    c = complaint_register(
        actor=None,
        channel=Channel.WEB,
        facility=None,
        payload=ComplaintPayload.model_validate(payload()),
    )
    assert c.forward_due - c.received_at == timedelta(hours=24)
    assert c.first_answer_due - c.received_at == timedelta(days=3)


def test_only_allowed_moves_happen_and_each_is_recorded(complaint):
    with pytest.raises(ValidationError):
        complaint_transition(actor=None, complaint=complaint, to="closed")
    complaint.refresh_from_db()
    assert complaint.status == "registered"
    complaint_transition(actor=None, complaint=complaint, to="triaged", note="Пытки: срочно")
    complaint_transition(actor=None, complaint=complaint, to="forwarded")
    assert list(ComplaintEvent.objects.values_list("to_status", flat=True)) == [
        "triaged",
        "forwarded",
    ]
    assert AuditEntry.objects.filter(action="complaint.status").count() == 2


def test_answer_reaches_the_complainant_by_receipt(complaint):
    with pytest.raises(ValidationError):
        complaint_answer(actor=None, complaint=complaint, text="Рано")
    complaint_transition(actor=None, complaint=complaint, to="triaged")
    complaint_answer(actor=None, complaint=complaint, text="Направлено прокурору области.")
    receipt = receipt_status(code="ABCDE-FGH23", secret="472913")
    assert (
        receipt.answer == "Направлено прокурору области." and receipt.complaint.status == "answered"
    )
    complaint.refresh_from_db()
    assert complaint.first_answered_at is not None


def test_staff_triage_answer_and_note_through_the_page(world, login, client, complaint):
    login(world.users[Role.OMBUDSMAN_STAFF])
    url = complaint.get_absolute_url()
    r = client.post(
        f"{url}triage/",
        {"categories": ["torture", "force"], "urgent": "on", "assigned_to": "ombudsman_staff"},
    )
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert (
        complaint.status == "triaged"
        and complaint.urgent
        and complaint.categories == ["torture", "force"]
    )
    assert client.post(f"{url}note/", {"text": "Запросить видео"}).status_code == 302
    assert (
        client.post(f"{url}status/", {"to": "closed"}).status_code == 400
    )  # not allowed from triaged
    assert (
        client.post(f"{url}answer/", {"text": "Ваша жалоба направлена прокурору."}).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "Запросить видео" in page and "Internal note" in page


def test_staff_registers_a_paper_complaint_and_gets_a_receipt(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])
    r = client.post(
        "/complaints/new/",
        {
            "channel": "paper",
            "received_at": "2026-11-20T10:00",
            "facility": str(world.facility_a.uuid),
            "about": "self",
            "categories": ["conditions"],
            "description": "Письмо: холодно в камере.",
            "consent_prosecutor": "no",
            "consent_facility": "no",
            "full_name": "Иванов Иван",
        },
    )
    assert r.status_code == 200
    c = Complaint.objects.get(channel="paper")
    assert c.facility == world.facility_a and c.received_at.day == 20
    assert re.search(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", r.content.decode())


def test_staff_cannot_register_for_a_facility_out_of_scope(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    r = client.post(
        "/complaints/new/",
        {
            "channel": "paper",
            "received_at": "2026-11-20T10:00",
            "facility": str(world.facility_b.uuid),
            "about": "self",
            "categories": ["conditions"],
            "description": "x",
            "consent_prosecutor": "no",
            "consent_facility": "no",
            "anonymous": "on",
        },
    )
    assert r.status_code == 400 and not Complaint.objects.exists()


def test_dashboard_counts_overdue_complaints(world, login, client, complaint):
    Complaint.objects.update(
        received_at=timezone.now() - timedelta(days=5),
        forward_due=timezone.now() - timedelta(days=4),
        first_answer_due=timezone.now() - timedelta(days=2),
    )
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get("/").content.decode()
    assert "Complaints past their deadlines" in body
    assert re.search(r'stat-warn"><span class="stat-n">1</span><span>not forwarded in time', body)


def test_inadmissible_complaints_are_answered_with_the_reason(complaint):
    complaint_transition(actor=None, complaint=complaint, to="inadmissible")
    complaint_answer(actor=None, complaint=complaint, text="Не относится к компетенции.")
    complaint.refresh_from_db()
    assert complaint.status == "inadmissible" and complaint.receipt.answer.startswith(
        "Не относится"
    )


def test_triage_is_in_the_history_and_statuses_read_in_words(world, login, client, complaint):
    login(world.users[Role.OMBUDSMAN_STAFF])
    client.post(f"{complaint.get_absolute_url()}triage/", {"categories": ["force"], "urgent": "on"})
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "Use of force · Urgent" in page and "Registered → Triaged" in page
    assert "<title>CMP-" in page and "</title>" in page.split("<title>")[1][:40]


def test_regional_staff_must_name_the_place(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    r = client.post(
        "/complaints/new/",
        {
            "channel": "phone",
            "received_at": "2026-11-20T10:00",
            "about": "self",
            "categories": ["conditions"],
            "description": "Звонок",
            "consent_prosecutor": "no",
            "consent_facility": "no",
            "anonymous": "on",
        },
    )
    assert r.status_code == 400 and not Complaint.objects.exists()
    assert "no-store" in r["Cache-Control"]
