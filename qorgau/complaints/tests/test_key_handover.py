"""The server's side of a key rotation: handovers to paired kiosks, and which key each uses."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from nacl.public import PrivateKey

from qorgau.accounts.roles import Role
from qorgau.complaints import keys
from qorgau.complaints.intake import terminal_pair
from qorgau.complaints.protocol import ProtocolError, handover_open

from .kiosk import Kiosk, payload

URL = "/api/v1/terminal"


@pytest.fixture
def kiosk(world, client):
    keys.keys_init()
    k = Kiosk()
    r = client.post(
        f"{URL}/enrol", data={"verify_key": k.verify_hex}, content_type="application/json"
    )
    k.terminal = r.json()["terminal"]
    terminal_pair(actor=None, code=r.json()["pairing_code"], facility=world.facility_a, label="1")
    return k


def _config(client, kiosk, **data) -> dict:
    r = client.post(
        f"{URL}/config", data=json.dumps(kiosk.signed(**data)), content_type="application/json"
    )
    assert r.status_code == 200, r.content
    return r.json()


def test_after_a_rotation_the_old_key_vouches_for_the_new_one(client, kiosk):
    old = keys.current_public()
    new = keys.keys_rotate()
    ephemeral = PrivateKey.generate()
    data = _config(client, kiosk, key_id=old.key_id, ephemeral=bytes(ephemeral.public_key).hex())
    assert data["ombudsman_key"] == new.public_hex and data["handover"]
    vouched = handover_open(
        data["handover"],
        terminal=kiosk.terminal,
        pinned_public=bytes.fromhex(old.public_hex),
        ephemeral=ephemeral,
    )
    assert vouched.hex() == new.public_hex
    # The same proof names this kiosk: another kiosk cannot use it.
    with pytest.raises(ProtocolError):
        handover_open(
            data["handover"],
            terminal="another-kiosk",
            pinned_public=bytes.fromhex(old.public_hex),
            ephemeral=ephemeral,
        )


@pytest.mark.parametrize(
    "report",
    [
        {},  # a kiosk that says nothing of its key
        {"key_id": "current"},  # already on the current key
        {"key_id": "0" * 16, "ephemeral": "ab" * 32},  # a key the server never held
        {"key_id": "old", "ephemeral": "not hex"},
        {"key_id": "old", "ephemeral": "ab" * 8},
        {"key_id": "old"},
    ],
)
def test_no_handover_without_a_key_of_ours_to_vouch_and_a_key_to_answer_to(client, kiosk, report):
    old = keys.current_public().key_id
    current = keys.keys_rotate().key_id
    names = {"current": current, "old": old}
    report = {k: names.get(v, v) for k, v in report.items()}
    assert _config(client, kiosk, **report)["handover"] == ""


def test_the_terminals_page_shows_which_key_each_kiosk_seals_to(world, login, client, kiosk):
    old = keys.current_public()
    login(world.users[Role.SYSADMIN])
    assert "unknown key" not in client.get("/complaints/terminals/").content.decode()
    _config(client, kiosk, key_id=old.key_id)
    page = client.get("/complaints/terminals/").content.decode()
    assert old.fingerprint in page and "earlier key" not in page
    new = keys.keys_rotate()
    page = client.get("/complaints/terminals/").content.decode()
    assert old.fingerprint in page and "earlier key" in page and new.fingerprint in page
    _config(client, kiosk, key_id=new.key_id)
    page = client.get("/complaints/terminals/").content.decode()
    assert "earlier key" not in page
    _config(client, kiosk, key_id="abcdef0123456789")
    assert "unknown key" in client.get("/complaints/terminals/").content.decode()


def test_complaints_sealed_to_the_old_key_still_open_after_rotation(client, kiosk):
    old = keys.current_public()
    keys.keys_rotate()
    body = kiosk.deliver_body(payload(), old.public_hex, old.key_id)
    r = client.post(f"{URL}/messages", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "stored"


def test_keys_command_names_both_keys_on_rotation_and_lists_what_it_holds(settings, tmp_path):
    settings.QORGAU_KEYS_DIR = str(tmp_path / "keys")
    out = StringIO()
    call_command("keys", "init", stdout=out)
    first = keys.current_public()
    call_command("keys", "rotate", stdout=out)
    second = keys.current_public()
    assert f"replaces {first.fingerprint}" in out.getvalue()
    assert f"fingerprint: {second.fingerprint}" in out.getvalue()
    listing = StringIO()
    call_command("keys", "list", stdout=listing)
    assert listing.getvalue().splitlines() == [
        f"{first.key_id}  {first.fingerprint}  earlier",
        f"{second.key_id}  {second.fingerprint}  current",
    ]
