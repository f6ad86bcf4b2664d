"""A fixed-window rate limiter kept in the database, so all web processes share it."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import connection
from django.utils import timezone

from .models import RateBucket


def rate_allow(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; False once `limit` hits fell in the current window.

    Keys are hashed: they may contain addresses or receipt codes. One statement
    (an upsert returning the count) counts the hit, starting a new window when the
    current one has passed: atomic on its own, and one round trip on the paths that
    call it for every request.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    start, passed = adapt(now), adapt(now - timedelta(seconds=window_seconds))
    table = connection.ops.quote_name(RateBucket._meta.db_table)
    # "key" quoted: a keyword in both SQLite and PostgreSQL.
    sql = (
        f'INSERT INTO {table} ("key", window_start, hits) VALUES (%s, %s, 1) '  # noqa: S608
        'ON CONFLICT ("key") DO UPDATE SET '
        f"hits = CASE WHEN {table}.window_start <= %s THEN 1 ELSE {table}.hits + 1 END, "
        f"window_start = CASE WHEN {table}.window_start <= %s "
        f"THEN excluded.window_start ELSE {table}.window_start END "
        "RETURNING hits"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [digest, start, passed, passed])
        (hits,) = cur.fetchone()
    return hits <= limit
