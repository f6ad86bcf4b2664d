"""`qorgau surveillance-health rollup|alerts`: the health feed's periodic work.

rollup [--day YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--enqueue]
    recompute daily uptime rollups (default: yesterday); safe to repeat.
alerts [--enqueue]
    open the alerts of outages in high-risk zones that grew long while their
    cameras sent nothing, and close those whose outage ended.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

USAGE = (
    "Usage: qorgau surveillance-health rollup [--day YYYY-MM-DD | --from D --to D] [--enqueue]"
    " | alerts [--enqueue]"
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from exc


class Command(BaseCommand):
    help = "Camera health: rollup (daily uptime), alerts (long outages in high-risk zones)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        rollup = sub.add_parser(
            "rollup", help="Recompute daily uptime rollups (default: yesterday)."
        )
        rollup.add_argument("--day", help="One day, YYYY-MM-DD.")
        rollup.add_argument("--from", dest="first", help="First day of a range, YYYY-MM-DD.")
        rollup.add_argument("--to", dest="last", help="Last day of a range (default: yesterday).")
        alerts = sub.add_parser("alerts", help="Open and close camera alerts now.")
        for p in (rollup, alerts):
            p.add_argument(
                "--enqueue",
                action="store_true",
                help="Queue the task for `qorgau worker` instead of running it here.",
            )

    def handle(self, *args, action=None, enqueue=False, **options):
        if action == "rollup":
            self._rollup(options, enqueue)
        elif action == "alerts":
            self._alerts(enqueue)
        else:
            raise CommandError(USAGE)

    def _days(self, options) -> list[date]:
        yesterday = timezone.localdate() - timedelta(days=1)
        if options.get("day"):
            if options.get("first") or options.get("last"):
                raise CommandError("Give --day or --from/--to, not both.")
            return [_day(options["day"])]
        first = _day(options["first"]) if options.get("first") else yesterday
        last = _day(options["last"]) if options.get("last") else yesterday
        if last < first:
            raise CommandError("--to precedes --from.")
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def _rollup(self, options, enqueue: bool) -> None:
        from qorgau.surveillance.health.services import uptime_rollup
        from qorgau.surveillance.health.tasks import uptime_rollup_task

        for day in self._days(options):
            if enqueue:
                self.stdout.write(f"{day}: queued {uptime_rollup_task.enqueue(day.isoformat()).id}")
                continue
            cameras, zones = uptime_rollup(day=day)
            self.stdout.write(f"{day}: {cameras} cameras with downtime, {zones} facility zones")

    def _alerts(self, enqueue: bool) -> None:
        from qorgau.surveillance.health.services import alerts_raise
        from qorgau.surveillance.health.tasks import alerts_raise_task

        if enqueue:
            self.stdout.write(f"queued: {alerts_raise_task.enqueue().id}")
            return
        opened, closed = alerts_raise()
        self.stdout.write(f"alerts opened: {opened}, closed: {closed}")
