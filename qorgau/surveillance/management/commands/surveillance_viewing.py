"""`qorgau surveillance_viewing gateway-config | public-key`: the video gateway's side.

gateway-config writes the gateway's two nginx files from deploy/nginx/*.template with
this server's gateway secret; public-key prints the key that checks viewing tokens.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qorgau.surveillance.viewing.gateway import gateway_config
from qorgau.surveillance.viewing.tokens import signing_key


class Command(BaseCommand):
    help = "The video gateway: its nginx files (gateway-config) and the token key (public-key)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        config = sub.add_parser("gateway-config", help="Write the gateway's nginx files.")
        config.add_argument(
            "--out", required=True, type=Path, help="Directory to write the files into."
        )
        config.add_argument(
            "--qorgau", default="127.0.0.1:8000", help="Address of `qorgau serve` (host:port)."
        )
        config.add_argument(
            "--origin", required=True, help="The video system's HLS server (host:port)."
        )
        config.add_argument(
            "--access-log",
            default="/var/log/nginx/qorgau-video.access.log",
            help="nginx access log of /video/ (format qorgau_video: no query, no token).",
        )
        sub.add_parser("public-key", help="Print the Ed25519 key that checks viewing tokens.")

    def handle(self, *args, action: str, **options):
        if action == "public-key":
            self.stdout.write(bytes(signing_key().verify_key).hex())
            return
        try:
            files = gateway_config(
                qorgau=options["qorgau"], origin=options["origin"], access_log=options["access_log"]
            )
        except (ValueError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            path = out / name
            # The locations file holds the gateway's secret: root (nginx's master) reads it.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(text)
            os.chmod(path, 0o600)
            self.stdout.write(f"wrote {path}")
