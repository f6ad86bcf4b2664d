from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate and load deterministic demo data (idempotent), then print one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=37000, help="people held to generate")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, people: int, no_migrate: bool, **options):
        from qorgau.demo.load import load

        if not no_migrate:
            call_command("migrate", verbosity=0)
        logins = load(people=people, progress=lambda msg: self.stdout.write(f"  {msg}"))
        from qorgau.complaints.keys import keys_init

        info, _created = keys_init()
        self.stdout.write(f"  Ombudsman key for complaint terminals: {info.fingerprint}")
        from qorgau.demo.complaints import DEMO_RECEIPT

        self.stdout.write(
            f"  A demo receipt for /complain/status/: {DEMO_RECEIPT[0]} / {DEMO_RECEIPT[1]}"
        )
        width = max(len(u) for u, _p, _r in logins)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {logins[0][1]}):"))
        for username, _password, role in logins:
            self.stdout.write(f"  {username.ljust(width)}  {role}")
