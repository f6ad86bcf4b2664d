"""`qorgau simulate-vms`: feed realistic camera events to a running server through its API.

qorgau simulate-vms [--url http://127.0.0.1:8000] [--key KEY] [--rate 100] [--duration 60]
                    [--batch 200] [--seed 1]

The key is a connector's (an API client with surveillance.feed); give it with --key or,
to keep it out of the process list, in the environment as QORGAU_VMS_KEY. The cameras
are those of the key's scope, read from this installation's database.
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap


class Command(BaseCommand):
    help = "Feed simulated camera status events to a running server through the health API."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The server.")
        parser.add_argument("--key", help="A connector's API key (else QORGAU_VMS_KEY).")
        parser.add_argument("--rate", type=float, default=100, help="Events a second.")
        parser.add_argument("--duration", type=float, default=60, help="Seconds to run.")
        parser.add_argument("--batch", type=int, default=200, help="Events per request.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same story.")

    def handle(self, *args, url, key, rate, duration, batch, seed, **options):
        from qorgau.accounts.services import apiclient_authenticate
        from qorgau.surveillance.health.services import MAX_EVENTS
        from qorgau.surveillance.health.simulator import run
        from qorgau.surveillance.models import Camera

        key = key or os.environ.get("QORGAU_VMS_KEY", "")
        client = apiclient_authenticate(key) if key else None
        if client is None or not has_capability(client, Cap.SURVEILLANCE_FEED):
            raise CommandError("Give the key of an active connector with surveillance.feed.")
        if not url.startswith(("http://", "https://")):
            raise CommandError("--url starts with http:// or https://.")
        if rate <= 0 or duration <= 0 or not 1 <= batch <= MAX_EVENTS:
            raise CommandError(f"--rate and --duration above 0, --batch from 1 to {MAX_EVENTS}.")
        cameras = list(
            scope_filter(
                Camera.objects.filter(active=True), client, Cap.SURVEILLANCE_FEED, "facility"
            )
            .order_by("facility__code", "code")
            .values_list("facility__code", "vms_id")
        )
        if not cameras:
            raise CommandError("The key's scope has no camera in service.")
        endpoint = url.rstrip("/") + "/api/v1/surveillance/health"
        self.stdout.write(
            f"{client.name}: {len(cameras)} cameras, about {rate:g} events/s for {duration:g} s "
            f"in batches of {batch} to {endpoint} (seed {seed})"
        )
        totals = run(
            url=endpoint,
            key=key,
            cameras=cameras,
            rate=rate,
            duration=duration,
            batch=batch,
            seed=seed,
            say=self.stdout.write,
        )
        self.stdout.write("total: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
