from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from qorgau.complaints import keys
from qorgau.complaints.intake import terminal_pair
from qorgau.complaints.models import (
    ComplainantIdentity,
    Complaint,
    Receipt,
    Terminal,
    TerminalMessage,
)
from qorgau.core.models import AuditEntry

from .kiosk import Kiosk, payload

URL = "/api/v1/terminal"


@pytest.fixture
def ombudsman_key(settings, tmp_path):
    settings.QORGAU_KEYS_DIR = str(tmp_path / "keys")
    info, created = keys.keys_init()
    assert created
    return info


@pytest.fixture
def kiosk(world, client, ombudsman_key):
    k = Kiosk()
    r = client.post(
        f"{URL}/enrol", data={"verify_key": k.verify_hex}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "pending"
    k.terminal = r.json()["terminal"]
    terminal_pair(
        actor=None,
        code=r.json()["pairing_code"],
        facility=world.facility_a,
        label="Колония А, блок 1",
    )
    return k


def _post(client, path, body):
    return client.post(f"{URL}/{path}", data=json.dumps(body), content_type="application/json")


def test_paired_kiosk_gets_the_key_to_pin_and_the_zones(client, kiosk, ombudsman_key, world):
    r = _post(client, "config", kiosk.signed())
    data = r.json()
    assert r.status_code == 200 and data["status"] == "active"
    assert (
        data["ombudsman_key"] == ombudsman_key.public_hex
        and data["fingerprint"] == ombudsman_key.fingerprint
    )
    assert {z["name"] for z in data["zones"]} == {world.zone_a.name}


def test_unpaired_kiosk_learns_it_waits(client, world, ombudsman_key):
    k = Kiosk()
    k.terminal = _post(client, "enrol", {"verify_key": k.verify_hex}).json()["terminal"]
    data = _post(client, "config", k.signed()).json()
    assert data["status"] == "pending" and data["ombudsman_key"] == ""


def test_sealed_complaint_is_stored_once_with_identity_apart(client, kiosk, ombudsman_key, world):
    body = kiosk.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id)
    first = _post(client, "messages", body)
    assert first.status_code == 200 and first.json()["status"] == "stored"
    again = _post(client, "messages", body)
    assert again.json() == first.json()
    complaint = Complaint.objects.get()
    assert complaint.number.startswith("CMP-") and complaint.facility == world.facility_a
    assert complaint.channel == "terminal" and complaint.categories == ["torture"]
    assert complaint.consent_prosecutor and not complaint.consent_facility
    assert ComplainantIdentity.objects.get(complaint=complaint).full_name == "Сейтов Нурлан"
    assert "Сейтов" not in complaint.description
    assert TerminalMessage.objects.count() == 1 and Receipt.objects.get().code == "ABCDE-FGH23"
    # The audit trail knows a complaint arrived, not what it says.
    entry = AuditEntry.objects.get(action="complaint.receive")
    assert (
        "MARKER" not in json.dumps(entry.details, ensure_ascii=False)
        and "MARKER" not in entry.object_repr
    )


def test_a_resend_after_hours_is_re_signed_and_still_stored_once(client, kiosk, ombudsman_key):
    mid = str(uuid.uuid4())
    data = payload()
    _post(
        client,
        "messages",
        kiosk.deliver_body(data, ombudsman_key.public_hex, ombudsman_key.key_id, message_id=mid),
    )
    r = _post(
        client,
        "messages",
        kiosk.deliver_body(data, ombudsman_key.public_hex, ombudsman_key.key_id, message_id=mid),
    )
    assert r.status_code == 200 and Complaint.objects.count() == 1


def _refused(r, status, code):
    assert r.status_code == status, r.content
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["type"] == f"urn:qorgau:terminal:{code}"
    assert not Complaint.objects.exists() and not TerminalMessage.objects.exists()
    assert AuditEntry.objects.filter(action="terminal.refused", details__reason=code).exists()


def test_unknown_terminal_is_refused(client, world, ombudsman_key):
    stranger = Kiosk(terminal=str(uuid.uuid4()))
    _refused(
        _post(
            client,
            "messages",
            stranger.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id),
        ),
        403,
        "unknown_terminal",
    )


def test_retired_terminal_is_refused(client, kiosk, ombudsman_key):
    Terminal.objects.update(status="retired")
    _refused(
        _post(
            client,
            "messages",
            kiosk.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id),
        ),
        403,
        "unknown_terminal",
    )


def test_bad_signature_is_refused(client, kiosk, ombudsman_key):
    impostor = Kiosk(terminal=kiosk.terminal)  # claims the terminal, signs with another key
    _refused(
        _post(
            client,
            "messages",
            impostor.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id),
        ),
        401,
        "bad_signature",
    )


def test_tampered_envelope_is_refused(client, kiosk, ombudsman_key):
    body = kiosk.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id)
    import base64

    env = json.loads(base64.b64decode(body["envelope"]))
    env["terminal"] = kiosk.terminal
    env["sent_at"] = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    body["envelope"] = base64.b64encode(json.dumps(env).encode()).decode()
    _refused(_post(client, "messages", body), 401, "bad_signature")


@pytest.mark.parametrize("shift", [timedelta(minutes=-30), timedelta(minutes=30)])
def test_replay_outside_the_window_is_refused(client, kiosk, ombudsman_key, shift):
    body = kiosk.deliver_body(
        payload(), ombudsman_key.public_hex, ombudsman_key.key_id, sent_at=datetime.now(UTC) + shift
    )
    _refused(_post(client, "messages", body), 401, "stale")


def test_payload_sealed_to_another_key_is_refused(client, kiosk, ombudsman_key):
    from nacl.public import PrivateKey

    other = bytes(PrivateKey.generate().public_key).hex()
    _refused(
        _post(client, "messages", kiosk.deliver_body(payload(), other, ombudsman_key.key_id)),
        422,
        "undecryptable",
    )
    _refused(
        _post(
            client, "messages", kiosk.deliver_body(payload(), ombudsman_key.public_hex, "0" * 16)
        ),
        422,
        "undecryptable",
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"categories": []},
        {"categories": ["nonsense"]},
        {"description": ""},
        {"receipt": {"code": "x", "secret": "1"}},
    ],
)
def test_malformed_payload_is_refused_without_leaking_content(client, kiosk, ombudsman_key, bad):
    r = _post(
        client,
        "messages",
        kiosk.deliver_body(payload(**bad), ombudsman_key.public_hex, ombudsman_key.key_id),
    )
    _refused(r, 422, "malformed")
    entry = AuditEntry.objects.get(action="terminal.refused")
    assert (
        "MARKER" not in json.dumps(entry.details, ensure_ascii=False)
        and "MARKER" not in r.content.decode()
    )


def test_garbage_body_is_refused(client, kiosk):
    _refused(
        _post(client, "messages", {"envelope": "not base64!", "signature": "zz"}), 422, "malformed"
    )


def test_status_by_receipt_and_same_answer_for_wrong_and_missing(client, kiosk, ombudsman_key):
    _post(
        client,
        "messages",
        kiosk.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id),
    )
    ok = _post(client, "status", kiosk.signed(code="ABCDE-FGH23", secret="472913"))
    assert ok.status_code == 200 and ok.json()["status"] == "registered"
    wrong = _post(client, "status", kiosk.signed(code="ABCDE-FGH23", secret="000000"))
    missing = _post(client, "status", kiosk.signed(code="ZZZZZ-ZZZZZ", secret="472913"))
    assert wrong.status_code == missing.status_code == 404
    assert wrong.json() == missing.json()


def test_status_guessing_is_rate_limited(client, kiosk, ombudsman_key):
    codes = [
        _post(client, "status", kiosk.signed(code="ABCDE-FGH23", secret=f"{i:06d}")).status_code
        for i in range(7)
    ]
    assert codes[:5] == [404] * 5 and codes[-1] == 429


def test_heartbeat_records_outbox_depth(client, kiosk):
    assert (
        _post(
            client, "heartbeat", kiosk.signed(outbox_depth=3, software="qorgau-terminal 0.1")
        ).status_code
        == 200
    )
    t = Terminal.objects.get()
    assert t.outbox_depth == 3 and t.last_seen_at is not None


def test_messages_from_another_terminal_with_a_taken_id_conflict(
    client, kiosk, ombudsman_key, world
):
    mid = str(uuid.uuid4())
    _post(
        client,
        "messages",
        kiosk.deliver_body(
            payload(), ombudsman_key.public_hex, ombudsman_key.key_id, message_id=mid
        ),
    )
    other = Kiosk()
    enrol = _post(client, "enrol", {"verify_key": other.verify_hex}).json()
    other.terminal = enrol["terminal"]
    terminal_pair(actor=None, code=enrol["pairing_code"], facility=world.facility_b, label="B")
    r = _post(
        client,
        "messages",
        other.deliver_body(
            payload(receipt={"code": "QQQQQ-QQQQQ", "secret": "123456"}),
            ombudsman_key.public_hex,
            ombudsman_key.key_id,
            message_id=mid,
        ),
    )
    assert r.status_code == 409 and Complaint.objects.count() == 1


def test_a_flood_of_refusals_cannot_bury_the_audit_chain(client, world, ombudsman_key):
    stranger = Kiosk(terminal=str(uuid.uuid4()))
    body = stranger.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id)
    for _ in range(105):
        assert _post(client, "messages", body).status_code == 403
    assert AuditEntry.objects.filter(action="terminal.refused").count() == 100


# --- the delivery path stays lean and exact -------------------------------------


def test_a_delivery_reads_once_and_writes_once_per_row(
    client, kiosk, ombudsman_key, django_assert_max_num_queries
):
    first = kiosk.deliver_body(payload(), ombudsman_key.public_hex, ombudsman_key.key_id)
    assert _post(client, "messages", first).status_code == 200
    second = kiosk.deliver_body(
        payload(receipt={"code": "QQQQQ-QQQQQ", "secret": "123456"}),
        ombudsman_key.public_hex,
        ombudsman_key.key_id,
    )
    # Terminal, facility and ledger in one read; the number in one statement; then
    # complaint, identity, receipt, audit (last hash and entry) and ledger; health
    # not again within the minute. Two more: the transaction's savepoint and release;
    # on PostgreSQL one more, the audit chain's lock.
    with django_assert_max_num_queries(10 + (connection.vendor == "postgresql")):
        assert _post(client, "messages", second).status_code == 200
    numbers = sorted(Complaint.objects.values_list("number", flat=True))
    assert [n[-6:] for n in numbers] == ["000001", "000002"]


def test_numbers_continue_across_deliveries_and_start_again_each_year(world):
    from qorgau.complaints.services import number_next

    assert [number_next(prefix="CMP", year=2031) for _ in range(3)] == [
        "CMP-2031-000001",
        "CMP-2031-000002",
        "CMP-2031-000003",
    ]
    assert number_next(prefix="CMP", year=2032) == "CMP-2032-000001"


def test_terminal_health_is_written_at_most_once_a_minute(kiosk, ombudsman_key):
    from qorgau.complaints.intake import terminal_deliver

    def deliver(at, code):
        body = kiosk.deliver_body(
            payload(receipt={"code": code, "secret": "123456"}),
            ombudsman_key.public_hex,
            ombudsman_key.key_id,
            sent_at=at,
        )
        terminal_deliver(body=body, now=at)
        return Terminal.objects.get().last_delivery_at

    start = datetime.now(UTC)
    assert deliver(start, "AAAAA-AAAAA") == start
    assert deliver(start + timedelta(seconds=30), "BBBBB-BBBBB") == start
    later = start + timedelta(seconds=61)
    assert deliver(later, "CCCCC-CCCCC") == later


def test_the_audit_chain_holds_after_deliveries_and_refusals(client, kiosk, ombudsman_key):
    from qorgau.core.audit import audit_verify

    for code in ("AAAAA-AAAAA", "BBBBB-BBBBB"):
        body = kiosk.deliver_body(
            payload(receipt={"code": code, "secret": "123456"}),
            ombudsman_key.public_hex,
            ombudsman_key.key_id,
        )
        assert _post(client, "messages", body).status_code == 200
    _post(client, "messages", {"envelope": "not base64!", "signature": "zz"})
    result = audit_verify()
    assert result.ok and result.checked == AuditEntry.objects.count()
