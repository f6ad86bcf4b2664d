from __future__ import annotations

import re

import pytest

from qorgau.complaints.models import ComplainantIdentity, Complaint
from qorgau.core.models import AuditEntry


def _form(world, **kw):
    data = {
        "facility": str(world.facility_a.uuid),
        "about": "other",
        "victim_name": "Ахметов Ерлан",
        "categories": ["torture", "medical"],
        "description": "Сына избили при этапировании.",
        "consent_prosecutor": "yes",
        "consent_facility": "no",
        "full_name": "Ахметова Сауле",
        "contact": "+7 700 000 00 00",
    }
    data.update(kw)
    return data


def _receipt(body: str) -> tuple[str, str]:
    code = re.search(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", body).group(0)
    secret = re.search(r'<code class="secret">(\d{8})</code>', body).group(1)
    return code, secret


def test_relative_files_without_an_account_and_follows_by_receipt(world, client):
    r = client.post("/complain/", _form(world))
    assert r.status_code == 200
    code, secret = _receipt(r.content.decode())
    c = Complaint.objects.get()
    assert (
        c.channel == "web"
        and c.facility == world.facility_a
        and c.categories == ["torture", "medical"]
    )
    identity = ComplainantIdentity.objects.get(complaint=c)
    assert identity.full_name == "Ахметова Сауле" and identity.contact.startswith("+7")
    assert identity.victim_name == "Ахметов Ерлан"
    assert AuditEntry.objects.filter(action="complaint.receive", actor_label="system").exists()
    status = client.post("/complain/status/", {"code": code.lower(), "secret": secret})
    assert status.status_code == 200 and "Registered" in status.content.decode()
    assert "избили" not in status.content.decode()


def test_wrong_and_missing_receipts_look_the_same(world, client):
    client.post("/complain/", _form(world))
    wrong = client.post("/complain/status/", {"code": "ZZZZZ-ZZZZZ", "secret": "12345678"})
    assert wrong.status_code == 404


def test_name_or_anonymity_is_required_and_nothing_is_stored(world, client):
    r = client.post("/complain/", _form(world, full_name=""))
    assert r.status_code == 400 and not Complaint.objects.exists()
    r = client.post("/complain/", _form(world, full_name="", anonymous="on", contact="x"))
    assert r.status_code == 200
    assert not ComplainantIdentity.objects.filter(complaint__anonymous=True, contact="x").exists()


def test_web_form_is_rate_limited_per_connection(world, client):
    codes = [client.post("/complain/", _form(world)).status_code for _ in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    assert Complaint.objects.count() == 5


@pytest.mark.parametrize("url", ["/complain/", "/complain/status/"])
def test_public_pages_need_no_account_and_are_not_cached(client, db, url):
    r = client.get(url)
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
