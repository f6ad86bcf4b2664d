"""Background work of footage holds, run by `qorgau worker`."""

from __future__ import annotations

from django_tasks import task

ACTIONS = ("take-up", "expire", "escalate")


def holds_run(action: str) -> int:
    """Run one of the holds' clocks; the number of holds or records it acted on."""
    from . import services

    runs = {
        "take-up": services.requests_take_up,
        "expire": services.holds_expire,
        "escalate": services.holds_escalate,
    }
    return runs[action]()


@task()
def holds_task(action: str) -> int:
    return holds_run(action)
