"""Access-matrix rows for holds (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations


def pages(w):
    return []


def endpoints(w):
    return []
