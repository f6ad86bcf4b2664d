from django.core.management.base import BaseCommand, CommandError

from qorgau.core.audit import audit_checkpoint, audit_verify


class Command(BaseCommand):
    help = (
        "Audit log tools. `audit verify` walks the hash chain and the signed checkpoints and "
        "names the first broken entry; `audit checkpoint` verifies, then seals the chain with "
        "a signed checkpoint (run it regularly, e.g. from a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args, action: str, **options):
        result = audit_verify(progress=lambda n: self.stderr.write(f"… {n} entries checked"))
        if not result.ok:
            raise CommandError(
                f"audit chain BROKEN at entry #{result.broken_id}: {result.reason} "
                f"({result.checked} entries before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result.checked} entries"))
        if action == "checkpoint":
            cp = audit_checkpoint(result)
            if cp is not None:
                self.stdout.write(f"sealed entry #{cp.entry_id} with key {cp.key_id}")
