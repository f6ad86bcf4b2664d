"""Access-matrix rows for use of force (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations


def force_pages(w):
    return []


def force_endpoints(w):
    return []
