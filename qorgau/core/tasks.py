"""Background work of the core, run by `qorgau worker`."""

from django_tasks import task


@task()
def audit_verification_task(run_id: int) -> str:
    from .services import audit_verification_run

    return audit_verification_run(run_id=run_id).status
