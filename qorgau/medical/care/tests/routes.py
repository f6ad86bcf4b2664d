"""Access-matrix rows for screening, beds, equipment and staffing (core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations


def care_pages(w):
    return []


def care_endpoints(w):
    return []
