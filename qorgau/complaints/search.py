"""Searching the words of complaints, fast on both databases (ADR 0014: complaint search).

`Complaint.search_text` holds the account, injuries and witnesses lower-cased
and ё-folded (`people.models.search_key`). A query is split into words; a
complaint matches when its text contains every word (anywhere, so Kazakh and
Russian endings need no stemming).

- PostgreSQL: `search_text LIKE '%word%'` per word, served by a pg_trgm GIN index.
- SQLite: words of three letters or more go through an FTS5 table with the
  trigram tokenizer (the same substring match, from an index); shorter words
  fall back to LIKE on the rows that are left.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate

from qorgau.people.models import search_key

log = logging.getLogger(__name__)

FTS_TABLE = "complaints_search"
# Fixed SQL only (no value is ever formatted in): the names are spelt out.
_TRIGGERS = {
    "complaints_search_ai": """
        CREATE TRIGGER complaints_search_ai AFTER INSERT ON complaints_complaint BEGIN
          INSERT INTO complaints_search(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "complaints_search_ad": """
        CREATE TRIGGER complaints_search_ad AFTER DELETE ON complaints_complaint BEGIN
          INSERT INTO complaints_search(complaints_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "complaints_search_au": """
        CREATE TRIGGER complaints_search_au AFTER UPDATE OF search_text ON complaints_complaint
        BEGIN
          INSERT INTO complaints_search(complaints_search, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
          INSERT INTO complaints_search(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}
_FTS_CREATE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS complaints_search USING fts5(
      search_text, content='complaints_complaint', content_rowid='id', tokenize='trigram'
    )"""
_FTS_REBUILD = "INSERT INTO complaints_search(complaints_search) VALUES ('rebuild')"
_FTS_MATCH = "SELECT rowid FROM complaints_search WHERE complaints_search MATCH %s"
_PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS complaints_search_trgm ON complaints_complaint "
    "USING gin (search_text gin_trgm_ops)"
)
# Trigram matching needs at least three characters on both engines.
MIN_INDEXED = 3


def words(query: str) -> list[str]:
    """The distinct words of a query, in the form `search_text` keeps."""
    return list(dict.fromkeys(search_key(query).split()))


def text_filter(query: str) -> Q:
    """A filter for complaints whose text contains every word of `query`."""
    terms = words(query)
    if not terms:
        return Q()
    q = Q()
    indexed = [t for t in terms if len(t) >= MIN_INDEXED]
    if indexed and _fts_ready():
        match = " ".join('"{}"'.format(t.replace('"', '""')) for t in indexed)
        q &= Q(id__in=RawSQL(_FTS_MATCH, [match]))  # noqa: S611 - fixed SQL, the words a parameter
        terms = [t for t in terms if len(t) < MIN_INDEXED]
    for term in terms:
        q &= Q(search_text__contains=term)
    return q


_fts_checked: dict[str, bool] = {}


def _fts_ready() -> bool:
    """True on SQLite when the FTS5 table exists (checked once per database)."""
    if connection.vendor != "sqlite":
        return False
    key = connection.settings_dict["NAME"]
    if key not in _fts_checked:
        with connection.cursor() as cur:
            cur.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE])
            _fts_checked[key] = cur.fetchone() is not None
    return _fts_checked[key]


def index_install(conn) -> None:
    """Create the search index of this database (used by migration 0006)."""
    _fts_checked.clear()
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            # pg_trgm is a trusted extension: the database owner may create it.
            cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cur.execute(_PG_CREATE)
        elif conn.vendor == "sqlite":
            cur.execute(_FTS_CREATE)
            for sql in _TRIGGERS.values():
                cur.execute(sql)
            cur.execute(_FTS_REBUILD)


def index_remove(conn) -> None:
    _fts_checked.clear()
    with conn.cursor() as cur:
        if conn.vendor == "postgresql":
            cur.execute("DROP INDEX IF EXISTS complaints_search_trgm")
        elif conn.vendor == "sqlite":
            for name in _TRIGGERS:
                cur.execute(f"DROP TRIGGER IF EXISTS {name}")
            cur.execute("DROP TABLE IF EXISTS complaints_search")


def index_repair(conn) -> bool:
    """Put back SQLite triggers lost to a table rebuild, and re-index; True if it had to.

    Django's SQLite schema editor rebuilds a table (copy, drop, rename) for some
    column changes, and dropping the old table drops its triggers: a later
    migration of `Complaint` would silently stop the FTS index from following.
    """
    if conn.vendor != "sqlite":
        return False
    with conn.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cur.fetchall()}
        if FTS_TABLE not in present or set(_TRIGGERS) <= present:
            return False
        for name, sql in _TRIGGERS.items():
            if name not in present:
                cur.execute(sql)
        cur.execute(_FTS_REBUILD)
    log.warning("complaint search: triggers restored and index rebuilt after a table rebuild")
    return True


def _after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    index_repair(connections[using])


def connect_signals() -> None:
    post_migrate.connect(_after_migrate, dispatch_uid="complaints_search_repair")
