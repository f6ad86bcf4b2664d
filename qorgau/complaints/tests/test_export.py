from __future__ import annotations

import csv
import io
import re

import pytest
from django.http import StreamingHttpResponse

from qorgau.accounts.roles import Role
from qorgau.complaints.export import COLUMNS
from qorgau.complaints.merging import complaint_merge
from qorgau.core.models import AuditEntry

from .casework import register


@pytest.fixture
def complaints(world):
    a = register(world.facility_a, 1, categories=["torture", "force"])
    b = register(world.facility_a, 2, categories=["medical"], description="=HYPERLINK(1)")
    c = register(world.facility_b, 3)
    return a, b, c


def _rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_export_streams_the_register_in_scope_without_identity_or_content(
    world, login, client, complaints
):
    a, b, c = complaints
    login(world.users[Role.OMBUDSMAN_STAFF])  # region A
    r = client.post("/complaints/export/", {})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    # The name carries the date only: nothing about the filters or the people.
    assert re.fullmatch(
        r'attachment; filename="complaints-\d{4}-\d{2}-\d{2}\.csv"', r["Content-Disposition"]
    )
    rows = _rows(r)
    assert [row["number"] for row in rows] == [b.number, a.number]
    assert list(rows[0]) == COLUMNS
    row_a = rows[1]
    assert row_a["facility_code"] == "FA" and row_a["categories"] == "torture force"
    assert row_a["status"] == "registered" and row_a["forward_due"]
    flat = str(rows)
    for secret in ("Сейтов", "MARKER-PHRASE-7731", "синяки", "HYPERLINK"):
        assert secret not in flat


def test_export_follows_the_filters_sent_in_the_body(world, login, client, complaints):
    a, b, _c = complaints
    login(world.users[Role.OMBUDSMAN_STAFF])
    rows = _rows(client.post("/complaints/export/", {"category": "medical"}))
    assert [row["number"] for row in rows] == [b.number]
    rows = _rows(client.post("/complaints/export/", {"q": "избили"}))
    assert [row["number"] for row in rows] == [a.number]


def test_each_export_is_audited_with_filters_and_count(world, login, client, complaints):
    login(world.users[Role.OMBUDSMAN_STAFF])
    _rows(client.post("/complaints/export/", {"status": "registered"}))
    entry = AuditEntry.objects.get(action="complaint.export")
    assert entry.actor_label == "ombudsman_staff" and entry.details["rows"] == 2
    assert entry.details["filters"]["status"] == "registered"


def test_merged_complaints_name_their_main_one(world, login, client, complaints):
    a, b, _c = complaints
    staff = world.users[Role.OMBUDSMAN_STAFF]
    complaint_merge(actor=staff, duplicate=b, main=a)
    login(staff)
    rows = {row["number"]: row for row in _rows(client.post("/complaints/export/", {}))}
    assert rows[b.number]["status"] == "merged" and rows[b.number]["merged_into"] == a.number


def test_bad_filters_are_refused_with_the_reason(world, login, client, complaints):
    login(world.users[Role.OMBUDSMAN_STAFF])
    r = client.post("/complaints/export/", {"received_from": "yesterday"})
    assert r.status_code == 400 and "Enter a valid date" in r.content.decode()
    assert not AuditEntry.objects.filter(action="complaint.export").exists()


def test_export_is_post_only(world, login, client):
    login(world.users[Role.OMBUDSMAN_STAFF])
    assert client.get("/complaints/export/?q=Сейтов").status_code == 405


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OMBUDSMAN_STAFF])
def test_no_other_role_exports(world, login, client, complaints, role):
    login(world.users[role])
    r = client.post("/complaints/export/", {})
    assert r.status_code == 403
    assert not AuditEntry.objects.filter(action="complaint.export").exists()
