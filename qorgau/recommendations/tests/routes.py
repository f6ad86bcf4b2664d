"""Access-matrix rows for recommendations (qorgau/core/tests/test_access_matrix.py)."""

from __future__ import annotations


def recommendation_pages(w) -> list:
    return []


def recommendation_endpoints(w) -> list:
    return []
