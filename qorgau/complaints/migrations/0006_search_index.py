"""An index for searching the words of complaints, one per database (docs/decisions/0014-complaint-search.md).

PostgreSQL: a trigram GIN index on `search_text`, which serves the
`LIKE '%word%'` the register's search sends. SQLite: an FTS5 table with the
trigram tokenizer over the same column, kept in step by triggers. Any other
database gets nothing and searches by scanning.
"""

from django.db import migrations

from qorgau.complaints import search


def forwards(apps, schema_editor):
    search.index_install(schema_editor.connection)


def backwards(apps, schema_editor):
    search.index_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_merge_attachments_reminders")]

    # CREATE INDEX CONCURRENTLY is not needed: the table is small when this runs,
    # and SQLite's virtual table must be created inside the migration's transaction.
    operations = [migrations.RunPython(forwards, backwards)]
