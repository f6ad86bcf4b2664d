"""Cameras' pages half empty on PostgreSQL, so that heartbeats update them in place.

Every batch of the health feed rewrites the last event of a thousand cameras. On
PostgreSQL an UPDATE writes a new version of the row; when the page has room and
no indexed column changes (`last_event_at` is in no index), the new version stays
on the page and no index is touched (a HOT update). Full pages, as a bulk import
leaves them, send each version to another page and into all seven indexes of the
table: five times the work. A batch rewrites every row of the pages it touches,
so a page needs room for a second version of each: a fill factor of 50.

Applies to pages written from now on; `VACUUM FULL surveillance_camera` rewrites
the existing ones (docs/surveillance.md). SQLite updates rows in place: nothing to do.
"""

from django.db import migrations


def _alter(clause: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE surveillance_camera {clause}")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("surveillance", "0004_analytics_camera_covering_index"),
    ]

    operations = [
        migrations.RunPython(_alter("SET (fillfactor = 50)"), _alter("RESET (fillfactor)")),
    ]
