"""Background work of the health feed, run by `qorgau worker`."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django_tasks import task


@task()
def alerts_raise_task() -> list[int]:
    """Alerts of outages that grew long while their cameras sent nothing (every few minutes)."""
    from .services import alerts_raise

    return list(alerts_raise())


@task()
def uptime_rollup_task(day: str | None = None) -> list[int]:
    """One day's uptime rollups (ISO date); yesterday when none is given (nightly)."""
    from .services import uptime_rollup

    when = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return list(uptime_rollup(day=when))
