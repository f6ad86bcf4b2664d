"""Writes of the core: audit verification runs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .audit import audit_checkpoint, audit_record, audit_verify
from .models import AuditEntry, AuditVerification, VerificationStatus


@transaction.atomic
def audit_verification_request(*, actor: Any) -> AuditVerification:
    """Queue a check of the whole chain for the worker; the page follows its progress."""
    from .tasks import audit_verification_task

    run = AuditVerification.objects.create(
        requested_by=getattr(actor, "audit_label", "system"),
        total=AuditEntry.objects.count(),
    )
    audit_record(actor=actor, action="audit.verify.request", details={"run": str(run.uuid)})
    transaction.on_commit(lambda: audit_verification_task.enqueue(run.pk))
    return run


def audit_verification_run(*, run_id: int) -> AuditVerification:
    """Do the check, reporting progress; seal the chain with a checkpoint if intact."""
    run = AuditVerification.objects.get(pk=run_id)
    AuditVerification.objects.filter(pk=run_id).update(status=VerificationStatus.RUNNING)

    def progress(n: int) -> None:
        AuditVerification.objects.filter(pk=run_id).update(checked=n)

    try:
        result = audit_verify(progress=progress)
    except Exception as exc:
        AuditVerification.objects.filter(pk=run_id).update(
            status=VerificationStatus.FAILED, reason=type(exc).__name__, finished_at=timezone.now()
        )
        raise
    run.status = VerificationStatus.INTACT if result.ok else VerificationStatus.BROKEN
    run.checked, run.broken_id, run.reason = result.checked, result.broken_id, result.reason
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        audit_record(
            actor=None,
            action="audit.verify",
            details={
                "run": str(run.uuid),
                "ok": result.ok,
                "checked": result.checked,
                "broken": result.broken_id,
                "reason": result.reason,
            },
        )
        audit_checkpoint(result)
    return run
