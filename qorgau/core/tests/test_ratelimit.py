from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.core.models import RateBucket
from qorgau.core.ratelimit import rate_allow

pytestmark = pytest.mark.django_db


def test_the_hit_over_the_limit_is_refused_and_keys_count_apart():
    assert [rate_allow(key="a", limit=2, window_seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert rate_allow(key="b", limit=2, window_seconds=60)
    assert sorted(RateBucket.objects.values_list("hits", flat=True)) == [1, 3]


def test_a_new_window_starts_the_count_again():
    for _ in range(3):
        rate_allow(key="a", limit=2, window_seconds=60)
    RateBucket.objects.update(window_start=timezone.now() - timedelta(seconds=61))
    assert rate_allow(key="a", limit=2, window_seconds=60)
    bucket = RateBucket.objects.get()
    assert bucket.hits == 1
    assert timezone.now() - bucket.window_start < timedelta(seconds=5)


def test_within_the_window_the_start_stays():
    rate_allow(key="a", limit=5, window_seconds=60)
    started = timezone.now() - timedelta(seconds=30)
    RateBucket.objects.update(window_start=started)
    rate_allow(key="a", limit=5, window_seconds=60)
    bucket = RateBucket.objects.get()
    assert (bucket.hits, bucket.window_start) == (2, started)


def test_the_key_is_stored_hashed():
    rate_allow(key="10.0.0.1", limit=5, window_seconds=60)
    assert "10.0.0.1" not in RateBucket.objects.get().key
