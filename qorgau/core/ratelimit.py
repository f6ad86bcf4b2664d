"""A fixed-window rate limiter kept in the database, so all web processes share it."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import RateBucket


def rate_allow(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit on `key`; False once `limit` hits fell in the current window.

    Keys are hashed: they may contain addresses or receipt codes.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        bucket, _ = RateBucket.objects.select_for_update().get_or_create(
            key=digest, defaults={"window_start": now, "hits": 0}
        )
        if now - bucket.window_start >= timedelta(seconds=window_seconds):
            bucket.window_start, bucket.hits = now, 0
        bucket.hits += 1
        bucket.save(update_fields=["window_start", "hits"])
        return bucket.hits <= limit
