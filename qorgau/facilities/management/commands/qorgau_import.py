from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from qorgau.facilities.services import ImportRejected, ImportReport, facility_import_csv


def _import(kind: str, file: Path) -> ImportReport:
    if kind == "cameras":
        from qorgau.surveillance.importing import cameras_import

        fmt = "json" if file.suffix.lower() == ".json" else "csv"
        return cameras_import(actor=None, data=file.read_bytes(), fmt=fmt)
    with file.open(newline="", encoding="utf-8-sig") as fh:
        return facility_import_csv(actor=None, stream=fh)


class Command(BaseCommand):
    help = (
        "Import reference data, all or nothing: `import facilities FILE.csv`, "
        "`import cameras FILE.csv|FILE.json` (a video system's export)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["facilities", "cameras"])
        parser.add_argument("file", type=Path)

    def handle(self, *args, kind: str, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            report = _import(kind, file)
        except ImportRejected as exc:
            for line, field, message in exc.report.errors:
                self.stderr.write(f"{file}:{line}: {field}: {message}")
            raise CommandError(
                f"nothing imported: {len(exc.report.errors)} error(s) in {exc.report.rows} row(s)"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"imported {report.rows} row(s): {report.created} created, {report.updated} updated"
            )
        )
