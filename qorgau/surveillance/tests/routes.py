"""Access-matrix rows for video surveillance (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations


def surveillance_pages(w):
    return []


def surveillance_endpoints(w):
    return []
