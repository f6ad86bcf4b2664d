from django.core.management.base import BaseCommand

from qorgau.complaints import keys


class Command(BaseCommand):
    help = (
        "The Ombudsman's keys for sealed complaints. `keys init` creates the first one, "
        "`keys show` prints the current public key and fingerprint, `keys rotate` adds a new "
        "current key and keeps the old ones to open what was sealed to them and to vouch for "
        "the new key to paired kiosks, `keys list` prints every key the server holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init", "show", "rotate", "list"])

    def handle(self, *args, action: str, **options):
        if action == "list":
            try:
                current = keys.current_public().key_id
            except keys.NoKey:
                current = ""
            for info in keys.held():
                mark = "current" if info.key_id == current else "earlier"
                self.stdout.write(f"{info.key_id}  {info.fingerprint}  {mark}")
            return
        if action == "init":
            info, created = keys.keys_init()
            self.stdout.write("created a new key" if created else "a key exists already")
        elif action == "rotate":
            try:
                old = keys.current_public().fingerprint
            except keys.NoKey:
                old = "no key"
            info = keys.keys_rotate()
            self.stdout.write(
                f"rotated: the new key replaces {old}. Paired kiosks move to it at their next "
                "configuration round (about a minute), on the old key's word; keep the old "
                "key files (docs/operations.md)"
            )
        else:
            info = keys.current_public()
        self.stdout.write(f"key id:      {info.key_id}")
        self.stdout.write(f"public key:  {info.public_hex}")
        self.stdout.write(f"fingerprint: {info.fingerprint}")
        self.stdout.write(f"stored in:   {keys.keys_dir()}")
