"""Checkpoints are append-only too, by the same triggers as the audit entries."""

from django.db import migrations

TABLE = "core_auditcheckpoint"


def _statements(vendor: str, reverse: bool) -> list[str]:
    if vendor == "sqlite":
        if reverse:
            return [f"DROP TRIGGER IF EXISTS {TABLE}_no_{op}" for op in ("update", "delete")]
        return [
            f"CREATE TRIGGER {TABLE}_no_{op} BEFORE {op.upper()} ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
            for op in ("update", "delete")
        ]
    if vendor == "postgresql":
        if reverse:
            return [
                f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
                f"DROP TRIGGER IF EXISTS {TABLE}_no_update ON {TABLE}",
            ]
        return [
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION core_auditentry_refuse()",
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_refuse()",
        ]
    raise RuntimeError(f"no audit triggers for {vendor}")


def forward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, reverse=False):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, reverse=True):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_checkpoints_and_verifications")]

    operations = [migrations.RunPython(forward, backward)]
