"""Background work of the complaints, run by `qorgau worker`."""

from django_tasks import task


@task()
def complaint_reminders_task() -> int:
    from .reminders import reminders_record

    return reminders_record()
