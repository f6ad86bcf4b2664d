"""Access-matrix rows for health (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
The feed is for video-system connectors only: no role's session reaches it (403).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap


def pages(w):
    return [
        (
            "surveillance:health_alerts",
            "get",
            "/surveillance/health/alerts/",
            Cap.SURVEILLANCE_VIEW,
            None,
            None,
        ),
        (
            "surveillance:health_alerts",
            "get",
            f"/surveillance/health/alerts/?facility={w.facility_a.uuid}&closed=on",
            Cap.SURVEILLANCE_VIEW,
            None,
            None,
        ),
    ]


def endpoints(w):
    from django.utils import timezone

    body = {
        "events": [
            {
                "facility": w.facility_a.code,
                "camera": "vms-matrix",
                "status": "online",
                "at": timezone.now().isoformat(),
            }
        ]
    }
    return [
        (
            "api:surveillance_health",
            "post",
            "/api/v1/surveillance/health",
            Cap.SURVEILLANCE_FEED,
            None,
            body,
        ),
    ]
