"""Access-matrix rows for video surveillance (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body). The rows
of each area live in its own tests/routes.py.
"""

from __future__ import annotations

from qorgau.surveillance.analytics.tests import routes as analytics
from qorgau.surveillance.health.tests import routes as health
from qorgau.surveillance.holds.tests import routes as holds
from qorgau.surveillance.viewing.tests import routes as viewing

AREAS = (health, viewing, holds, analytics)


def registry_pages(w):
    return []


def surveillance_pages(w):
    return [*registry_pages(w), *(row for area in AREAS for row in area.pages(w))]


def surveillance_endpoints(w):
    return [row for area in AREAS for row in area.endpoints(w)]
