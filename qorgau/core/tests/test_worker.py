"""The real database task backend and its worker, as `qorgau worker` runs it."""

import pytest
from django.core.management import call_command

from qorgau.core.models import AuditVerification
from qorgau.core.services import audit_verification_request


@pytest.mark.django_db
def test_worker_runs_a_queued_verification(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker recycles database connections between tasks; inside the test's
    # transaction that would close the very connection the test runs in.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        run = audit_verification_request(actor=None)
    run.refresh_from_db()
    assert run.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == "intact" and run.checked >= 1 and run.finished_at
    assert AuditVerification.objects.count() == 1
