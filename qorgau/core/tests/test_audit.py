from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from qorgau.core.audit import GENESIS_HASH, audit_read, audit_record, audit_verify
from qorgau.core.models import AuditEntry
from qorgau.testing.factories import FacilityFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _drop_triggers():
    """What an attacker with database rights would do first (rolled back with the test)."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER core_auditentry_no_update")
            cur.execute("DROP TRIGGER core_auditentry_no_delete")
        else:
            cur.execute("DROP TRIGGER core_auditentry_no_update ON core_auditentry")


def test_entries_chain_each_to_the_previous():
    user = UserFactory()
    first = audit_record(actor=user, action="test.one", details={"n": 1})
    second = audit_record(actor=None, action="test.two", obj=FacilityFactory())
    assert (
        first.prev_hash == GENESIS_HASH or AuditEntry.objects.filter(hash=first.prev_hash).exists()
    )
    assert second.prev_hash == first.hash
    assert second.actor_label == "system" and first.actor_label == user.username
    assert audit_verify().ok


def test_read_of_a_person_keeps_the_name_out_of_the_log():
    person = PersonFactory(surname="Секретов")
    entry = audit_read(actor=UserFactory(), obj=person)
    assert entry.action == "read" and entry.object_id == str(person.uuid)
    assert "Секретов" not in entry.object_repr


@pytest.mark.parametrize(
    "sql", ["UPDATE core_auditentry SET action = 'x'", "DELETE FROM core_auditentry"]
)
def test_database_refuses_update_and_delete(sql):
    audit_record(actor=None, action="test.keep")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(sql)
    assert AuditEntry.objects.filter(action="test.keep").exists()


def test_verify_names_the_first_altered_entry():
    entries = [audit_record(actor=None, action=f"test.{i}", details={"i": i}) for i in range(5)]
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE core_auditentry SET details = %s WHERE id = %s", ['{"i": 99}', entries[2].id]
        )
    result = audit_verify()
    assert not result.ok
    assert result.broken_id == entries[2].id
    with pytest.raises(CommandError, match=f"#{entries[2].id}"):
        call_command("audit", "verify")


def test_verify_detects_a_removed_entry():
    entries = [audit_record(actor=None, action=f"test.{i}") for i in range(4)]
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].id])
    result = audit_verify()
    assert not result.ok and result.broken_id == entries[2].id


def test_verify_command_reports_an_intact_chain(capsys):
    audit_record(actor=None, action="test.ok")
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_audit_viewer_queues_a_check_and_shows_its_result(
    world, login, client, django_capture_on_commit_callbacks
):
    from qorgau.accounts.roles import Role
    from qorgau.core.models import AuditCheckpoint, AuditVerification

    login(world.users[Role.SYSADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/audit/verify/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and b"hx-trigger" in r.content  # polls while queued
    run = AuditVerification.objects.get()
    assert run.status == "intact" and run.requested_by == "sysadmin"
    status = client.get(f"/audit/verify/{run.uuid}/").content.decode()
    assert "The chain is intact" in status and "hx-trigger" not in status
    assert AuditEntry.objects.filter(action="audit.verify.request", actor_label="sysadmin").exists()
    assert AuditEntry.objects.filter(action="audit.verify", details__ok=True).exists()
    assert AuditCheckpoint.objects.count() == 1


def test_checkpoint_exposes_a_recomputed_chain_and_a_cut_tail():
    from qorgau.core.audit import _hash_of, audit_checkpoint
    from qorgau.core.models import AuditCheckpoint

    entries = [audit_record(actor=None, action=f"test.{i}") for i in range(4)]
    cp = audit_checkpoint(audit_verify())
    assert cp.entry_id == entries[-1].id and audit_verify().ok
    _drop_triggers()
    # An attacker rewrites entry 2 and recomputes every hash after it: the chain
    # itself fits again, but the signed checkpoint does not.
    rows = list(AuditEntry.objects.filter(id__gte=entries[1].id).order_by("id"))
    prev = AuditEntry.objects.get(id=entries[0].id).hash
    with connection.cursor() as cur:
        for row in rows:
            row.prev_hash = prev
            if row.id == entries[1].id:
                row.action = "test.forged"
            row.hash = _hash_of(row)
            cur.execute(
                "UPDATE core_auditentry SET action=%s, prev_hash=%s, hash=%s WHERE id=%s",
                [row.action, row.prev_hash, row.hash, row.id],
            )
            prev = row.hash
    result = audit_verify()
    assert not result.ok and result.broken_id == entries[-1].id and "differs" in result.reason
    # Cutting the sealed tail off is found as a missing entry.
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditentry WHERE id >= %s", [entries[2].id])
    assert "missing" in audit_verify().reason
    assert AuditCheckpoint.objects.count() == 1


def test_cutting_the_tail_with_its_checkpoint_is_found_from_the_copy_outside():
    from qorgau.core.audit import audit_checkpoint
    from qorgau.core.models import AuditCheckpoint

    audit_record(actor=None, action="test.one")
    audit_checkpoint(audit_verify())
    entries = [audit_record(actor=None, action=f"test.{i}") for i in range(3)]
    newest = audit_checkpoint(audit_verify())
    assert audit_verify().ok
    _drop_triggers()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER core_auditcheckpoint_no_update ON core_auditcheckpoint")
        else:
            cur.execute("DROP TRIGGER core_auditcheckpoint_no_delete")
        cur.execute("DELETE FROM core_auditcheckpoint WHERE id = %s", [newest.id])
        cur.execute("DELETE FROM core_auditentry WHERE id >= %s", [entries[0].id])
    result = audit_verify()
    assert not result.ok and "outside the database" in result.reason
    assert AuditCheckpoint.objects.count() == 1


def test_a_forged_checkpoint_is_refused():
    from qorgau.core.audit import audit_checkpoint
    from qorgau.core.models import AuditCheckpoint

    audit_record(actor=None, action="test.one")
    audit_checkpoint(audit_verify())
    entry = audit_record(actor=None, action="test.two")
    AuditCheckpoint.objects.create(
        entry_id=entry.id, entry_hash=entry.hash, key_id="0" * 16, signature="00" * 64
    )
    result = audit_verify()
    assert not result.ok and "signature" in result.reason


def test_checkpoint_command_seals_the_chain(capsys):
    from qorgau.core.models import AuditCheckpoint

    audit_record(actor=None, action="test.ok")
    call_command("audit", "checkpoint")
    assert "sealed entry" in capsys.readouterr().out
    assert AuditCheckpoint.objects.count() == 1


def test_a_missing_outside_copy_is_reported(settings):
    from pathlib import Path

    from qorgau.core.audit import audit_checkpoint

    audit_record(actor=None, action="test.one")
    audit_checkpoint(audit_verify())
    log = Path(settings.QORGAU_AUDIT_CHECKPOINT_LOG)
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    log.unlink()
    result = audit_verify()
    assert not result.ok and "copy outside the database is missing" in result.reason
