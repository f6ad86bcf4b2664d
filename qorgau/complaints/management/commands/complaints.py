"""`qorgau complaints remind [--enqueue]`: record deadline reminders, now or through the worker."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Complaint housekeeping: remind (record reminders of deadlines near or past)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        remind = sub.add_parser("remind", help="Record deadline reminders for assignees.")
        remind.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the task for `qorgau worker` instead of running it here.",
        )

    def handle(self, *args, action=None, enqueue=False, **options):
        if action != "remind":
            raise CommandError("Usage: qorgau complaints remind [--enqueue]")
        if enqueue:
            from qorgau.complaints.tasks import complaint_reminders_task

            result = complaint_reminders_task.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        from qorgau.complaints.reminders import reminders_record

        self.stdout.write(f"reminders recorded: {reminders_record()}")
