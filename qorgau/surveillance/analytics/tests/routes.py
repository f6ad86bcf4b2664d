"""Access-matrix rows for analytics (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap


def pages(w):
    a, b = w.facility_a.uuid, w.facility_b.uuid
    # The red flag needs both capabilities; only Ombudsman staff hold ALLEGATION_VIEW, and
    # they hold SURVEILLANCE_VIEW too (test_access.py checks the pair).
    return [
        (
            "surveillance:coverage",
            "get",
            "/surveillance/coverage/",
            Cap.SURVEILLANCE_VIEW,
            None,
            None,
        ),
        ("surveillance:uptime", "get", "/surveillance/uptime/", Cap.SURVEILLANCE_VIEW, None, None),
        (
            "surveillance:uptime_facility",
            "get",
            f"/surveillance/uptime/{a}/",
            Cap.SURVEILLANCE_VIEW,
            f"/surveillance/uptime/{b}/",
            None,
        ),
        (
            "surveillance:outages",
            "get",
            "/surveillance/outages/",
            Cap.SURVEILLANCE_VIEW,
            None,
            None,
        ),
        (
            "surveillance:red_flags",
            "get",
            "/surveillance/red-flags/",
            Cap.ALLEGATION_VIEW,
            None,
            None,
        ),
        ("surveillance:damage", "get", "/surveillance/damage/", Cap.SURVEILLANCE_VIEW, None, None),
    ]


def endpoints(w):
    return []
