from __future__ import annotations

import re

import pytest

from qorgau.accounts.models import ApiClient
from qorgau.accounts.roles import Cap, Role, ScopeKind
from qorgau.accounts.services import apiclient_issue, apiclient_revoke
from qorgau.core.models import AuditEntry


@pytest.fixture
def connector(world):
    client, key = apiclient_issue(
        actor=None,
        name="VMS connector",
        capabilities=[Cap.FACILITY_VIEW],
        scope=ScopeKind.FACILITY,
        facilities=[world.facility_a],
    )
    return client, key


def test_key_is_stored_hashed(connector):
    client, key = connector
    assert key not in client.key_hash and len(client.key_hash) == 64
    assert not ApiClient.objects.filter(key_hash__contains=key).exists()


def test_key_reaches_its_scope_and_nothing_else(world, client, connector):
    _c, key = connector
    r = client.get("/api/v1/facilities/", HTTP_X_API_KEY=key)
    assert r.status_code == 200
    assert [f["code"] for f in r.json()["items"]] == ["FA"]
    assert (
        client.get(f"/api/v1/facilities/{world.facility_b.uuid}", HTTP_X_API_KEY=key).status_code
        == 404
    )
    r = client.post(
        "/api/v1/people/search",
        data={"query": "Ахм"},
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )
    assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"


def test_wrong_or_revoked_key_gets_401(world, client, connector):
    api_client, key = connector
    assert client.get("/api/v1/facilities/", HTTP_X_API_KEY=key[:-2] + "xx").status_code == 401
    apiclient_revoke(actor=None, client=api_client)
    r = client.get("/api/v1/facilities/", HTTP_X_API_KEY=key)
    assert r.status_code == 401 and r.json()["status"] == 401


def test_sysadmin_issues_a_key_shown_once_and_revokes_it(world, login, client):
    login(world.users[Role.SYSADMIN])
    r = client.post(
        "/accounts/api-clients/",
        {
            "name": "Registry",
            "capabilities": [Cap.FACILITY_VIEW],
            "scope": ScopeKind.REGION,
            "region": world.region_a.code,
        },
    )
    assert r.status_code == 200
    key = re.search(r"qg_[0-9a-f]{8}_[\w-]+", r.content.decode()).group(0)
    assert client.get("/api/v1/facilities/", HTTP_X_API_KEY=key).status_code == 200
    assert key not in client.get("/accounts/api-clients/").content.decode()
    api_client = ApiClient.objects.get(name="Registry")
    assert client.post(f"/accounts/api-clients/{api_client.uuid}/revoke/").status_code == 302
    assert client.get("/api/v1/facilities/", HTTP_X_API_KEY=key).status_code == 401
    assert AuditEntry.objects.filter(action="apiclient.revoke").exists()


def test_issue_form_rejects_a_regional_key_without_region(world, login, client):
    login(world.users[Role.SYSADMIN])
    r = client.post(
        "/accounts/api-clients/",
        {
            "name": "Broken",
            "capabilities": [Cap.FACILITY_VIEW],
            "scope": ScopeKind.REGION,
        },
    )
    assert r.status_code == 400
    assert not ApiClient.objects.filter(name="Broken").exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSADMIN])
def test_only_sysadmin_may_revoke(world, login, client, connector, role):
    api_client, _key = connector
    login(world.users[role])
    assert client.post(f"/accounts/api-clients/{api_client.uuid}/revoke/").status_code == 403
    api_client.refresh_from_db()
    assert api_client.revoked_at is None


def test_the_prosecutors_register_gets_a_key_for_the_referrals_api(world, login, client):
    login(world.users[Role.SYSADMIN])
    r = client.post(
        "/accounts/api-clients/",
        {
            "name": "Prosecutor's register",
            "capabilities": [Cap.REFERRAL_VIEW, Cap.REFERRAL_HANDLE],
            "scope": ScopeKind.REGION,
            "region": world.region_a.code,
        },
    )
    key = re.search(r"qg_[0-9a-f]{8}_[\w-]+", r.content.decode()).group(0)
    assert client.get("/api/v1/referrals/", HTTP_X_API_KEY=key).status_code == 200
    assert client.get("/api/v1/facilities/", HTTP_X_API_KEY=key).status_code == 403
