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


def camera_for_matrix(facility, n: int):
    from qorgau.surveillance.models import Camera

    return Camera.objects.get_or_create(
        facility=facility, code=f"M-{n}", defaults={"vms_id": f"m-{n}", "stream_path": f"m/{n}"}
    )[0]


def registry_pages(w):
    from qorgau.accounts.roles import Cap

    ca, cb = camera_for_matrix(w.facility_a, 1), camera_for_matrix(w.facility_b, 2)
    return [
        (
            "surveillance:cameras",
            "get",
            "/surveillance/cameras/",
            Cap.SURVEILLANCE_VIEW,
            None,
            None,
        ),
        (
            "surveillance:camera_import",
            "get",
            "/surveillance/cameras/import/",
            Cap.SURVEILLANCE_MANAGE,
            None,
            None,
        ),
        (
            "surveillance:camera",
            "get",
            f"/surveillance/cameras/{ca.uuid}/",
            Cap.SURVEILLANCE_VIEW,
            f"/surveillance/cameras/{cb.uuid}/",
            None,
        ),
    ]


def surveillance_pages(w):
    return [*registry_pages(w), *(row for area in AREAS for row in area.pages(w))]


def surveillance_endpoints(w):
    return [row for area in AREAS for row in area.endpoints(w)]
