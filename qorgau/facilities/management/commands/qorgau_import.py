from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qorgau.facilities.services import ImportRejected, facility_import_csv


class Command(BaseCommand):
    help = "Import reference data, all or nothing: `import facilities FILE.csv`."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["facilities"])
        parser.add_argument("file", type=Path)

    def handle(self, *args, kind: str, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        with file.open(newline="", encoding="utf-8-sig") as fh:
            try:
                report = facility_import_csv(actor=None, stream=fh)
            except ImportRejected as exc:
                for line, field, message in exc.report.errors:
                    self.stderr.write(f"{file}:{line}: {field}: {message}")
                raise CommandError(
                    f"nothing imported: {len(exc.report.errors)} error(s) "
                    f"in {exc.report.rows} row(s)"
                ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"imported {report.rows} row(s): {report.created} created, {report.updated} updated"
            )
        )
