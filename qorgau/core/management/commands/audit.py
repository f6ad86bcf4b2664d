from django.core.management.base import BaseCommand, CommandError

from qorgau.core.audit import audit_verify


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` walks the hash chain and names the first broken entry."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        result = audit_verify(progress=lambda n: self.stderr.write(f"… {n} entries checked"))
        if not result.ok:
            raise CommandError(
                f"audit chain BROKEN at entry #{result.broken_id}: {result.reason} "
                f"({result.checked} entries before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result.checked} entries"))
