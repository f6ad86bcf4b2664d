from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Cap, ScopeKind
from qorgau.accounts.services import apiclient_issue
from qorgau.allegations import services
from qorgau.core.models import AuditEntry


@pytest.fixture
def referral(make_complaint, staff):
    case = services.case_open_from_complaint(actor=staff, complaint=make_complaint())
    return services.referral_send(actor=staff, case=case)


def _register(world, region):
    """The prosecutor's register, as an API client with a jurisdiction."""
    return apiclient_issue(
        actor=world.users["sysadmin"],
        name="Prosecutor's register",
        capabilities=[Cap.REFERRAL_VIEW, Cap.REFERRAL_HANDLE],
        scope=ScopeKind.REGION,
        region=region,
    )


def test_the_prosecutors_register_syncs_referrals_and_records(world, client, referral):
    _client, key = _register(world, world.region_a)
    h = {"HTTP_X_API_KEY": key}
    listing = client.get("/api/v1/referrals/", **h).json()
    assert [r["number"] for r in listing] == [referral.number]
    assert listing[0]["status"] == "sent" and listing[0]["region"] == "KZ-A"
    letter = client.get(f"/api/v1/referrals/{referral.uuid}/letter", **h)
    assert letter["Content-Type"] == "application/pdf"
    assert hashlib.sha256(letter.content).hexdigest() == listing[0]["letter_sha256"]

    url = f"/api/v1/referrals/{referral.uuid}/records"
    r = client.post(url, {"kind": "registration"}, content_type="application/json", **h)
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    r = client.post(url, {"kind": "receipt"}, content_type="application/json", **h)
    assert r.status_code == 201 and r.json()["recorded_by"] == "api:Prosecutor's register"
    body = {
        "kind": "registration",
        "criminal_case_number": "261500031000999",
        "registered_on": timezone.localdate().isoformat(),
    }
    assert client.post(url, body, content_type="application/json", **h).status_code == 201
    detail = client.get(f"/api/v1/referrals/{referral.uuid}", **h).json()
    assert detail["criminal_case_number"] == "261500031000999"
    assert [u["kind"] for u in detail["updates"]] == ["receipt", "registration"]
    assert AuditEntry.objects.filter(action="referral.registration").exists()


def test_a_register_of_another_region_sees_nothing(world, client, referral):
    _client, key = _register(world, world.region_b)
    h = {"HTTP_X_API_KEY": key}
    assert client.get("/api/v1/referrals/", **h).json() == []
    assert client.get(f"/api/v1/referrals/{referral.uuid}", **h).status_code == 404
    r = client.post(
        f"/api/v1/referrals/{referral.uuid}/records",
        {"kind": "receipt"},
        content_type="application/json",
        **h,
    )
    assert r.status_code == 404
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_unknown_record_kinds_are_refused(world, client, referral):
    _client, key = _register(world, world.region_a)
    r = client.post(
        f"/api/v1/referrals/{referral.uuid}/records",
        {"kind": "verdict"},
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )
    assert r.status_code == 422
