from django.core.management.base import BaseCommand

from qorgau.complaints import keys


class Command(BaseCommand):
    help = (
        "The Ombudsman's keys for sealed complaints. `keys init` creates the first one, "
        "`keys show` prints the current public key and fingerprint, `keys rotate` adds a new "
        "current key and keeps the old ones to open what was sealed to them."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init", "show", "rotate"])

    def handle(self, *args, action: str, **options):
        if action == "init":
            info, created = keys.keys_init()
            self.stdout.write("created a new key" if created else "a key exists already")
        elif action == "rotate":
            info = keys.keys_rotate()
            self.stdout.write(
                "rotated: kiosks paired from now on pin the new key; kiosks paired before keep "
                "the key they pinned until it is reset on site (docs/operations.md)"
            )
        else:
            info = keys.current_public()
        self.stdout.write(f"key id:      {info.key_id}")
        self.stdout.write(f"public key:  {info.public_hex}")
        self.stdout.write(f"fingerprint: {info.fingerprint}")
        self.stdout.write(f"stored in:   {keys.keys_dir()}")
