from __future__ import annotations

import pytest

from qorgau.accounts.roles import Role
from qorgau.complaints import keys
from qorgau.complaints.intake import terminal_enrol
from qorgau.complaints.models import Terminal
from qorgau.core.models import AuditEntry


@pytest.fixture
def pending(world):
    return terminal_enrol(verify_key_hex="ab" * 32)


def test_sysadmin_pairs_a_terminal_by_its_code(world, login, client, pending):
    keys.keys_init()
    login(world.users[Role.SYSADMIN])
    page = client.get("/complaints/terminals/").content.decode()
    assert pending.pairing_code in page and keys.current_public().fingerprint in page
    r = client.post(
        "/complaints/terminals/",
        {
            "code": pending.pairing_code.lower().replace("-", ""),
            "facility": str(world.facility_a.uuid),
            "label": "Блок 2",
        },
    )
    assert r.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "active" and pending.facility == world.facility_a
    assert AuditEntry.objects.filter(action="terminal.pair").exists()


def test_a_wrong_code_pairs_nothing_and_says_why(world, login, client, pending):
    login(world.users[Role.SYSADMIN])
    r = client.post(
        "/complaints/terminals/",
        {"code": "ZZZZZ-ZZZZZ", "facility": str(world.facility_a.uuid), "label": "x"},
    )
    assert r.status_code == 400 and "No terminal waiting" in r.content.decode()
    assert Terminal.objects.get().status == "pending"


def test_missing_key_is_said_plainly(world, login, client):
    login(world.users[Role.SYSADMIN])
    assert "qorgau keys init" in client.get("/complaints/terminals/").content.decode()


def test_silent_terminals_are_flagged(world, login, client, pending, settings):
    from datetime import timedelta

    from django.utils import timezone

    Terminal.objects.update(
        status="active",
        facility=world.facility_a,
        label="Старый",
        last_seen_at=timezone.now() - timedelta(hours=5),
    )
    settings.QORGAU_TERMINAL_SILENT_MINUTES = 60
    login(world.users[Role.SYSADMIN])
    assert "1 terminal is silent" in client.get("/complaints/terminals/").content.decode()


def test_retired_terminal_is_refused_afterwards(world, login, client, pending):
    Terminal.objects.update(status="active", facility=world.facility_a)
    login(world.users[Role.SYSADMIN])
    assert client.post(f"/complaints/terminals/{pending.uuid}/retire/").status_code == 302
    pending.refresh_from_db()
    assert pending.status == "retired"
