"""`qorgau surveillance-holds take-up|expire|escalate [--enqueue]`: the clocks of footage holds."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from qorgau.surveillance.holds.tasks import ACTIONS

HELP = {
    "take-up": "Request holds for footage asked for before holds existed (uses of force, "
    "case files with a time).",
    "expire": "Record as lost the footage still waiting at a hold's deadline.",
    "escalate": "Mark the holds near their deadline and still waiting as escalated.",
}


class Command(BaseCommand):
    help = "Footage holds: take-up, expire, escalate."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        for action in ACTIONS:
            p = sub.add_parser(action, help=HELP[action])
            p.add_argument(
                "--enqueue",
                action="store_true",
                help="Queue the task for `qorgau worker` instead of running it here.",
            )

    def handle(self, *args, action=None, enqueue=False, **options):
        if action not in ACTIONS:
            raise CommandError(f"Usage: qorgau surveillance-holds {'|'.join(ACTIONS)} [--enqueue]")
        if enqueue:
            from qorgau.surveillance.holds.tasks import holds_task

            self.stdout.write(f"queued: {holds_task.enqueue(action).id}")
            return
        from qorgau.surveillance.holds.tasks import holds_run

        self.stdout.write(f"{action}: {holds_run(action)}")
