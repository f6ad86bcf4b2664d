"""Access-matrix rows for viewing (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap

# No role holds it: the authorize endpoint answers only to the gateway's shared secret
# (tests/test_authorize.py); everyone else gets 403, or 401 when not signed in.
GATEWAY_ONLY = "gateway-secret"


def camera_for_matrix(facility, code="CAM-1"):
    from qorgau.surveillance.models import Camera

    return Camera.objects.get_or_create(
        facility=facility,
        code=code,
        defaults={"vms_id": f"vms-{code}", "stream_path": f"{code.lower()}/main"},
    )[0]


def grant_for_matrix(user, camera):
    from datetime import timedelta

    from django.utils import timezone

    from qorgau.surveillance.models import ViewingGrant

    grant = ViewingGrant.objects.filter(user=user, cameras=camera).first()
    if grant is None:
        grant = ViewingGrant.objects.create(
            user=user,
            purpose="routine",
            reason="Плановая проверка",
            mode="live",
            expires_at=timezone.now() + timedelta(minutes=15),
        )
        grant.cameras.set([camera])
    return grant


def _prosecutor_b(w):
    from qorgau.accounts.models import User
    from qorgau.accounts.roles import Role, ScopeKind
    from qorgau.testing.factories import UserFactory, grant

    user = User.objects.filter(username="prosecutor_b").first()
    if user is None:
        user = UserFactory(username="prosecutor_b")
        grant(user, Role.PROSECUTOR, ScopeKind.JURISDICTION, region=w.region_b)
    return user


def pages(w):
    from qorgau.accounts.roles import Role

    ca, cb = camera_for_matrix(w.facility_a), camera_for_matrix(w.facility_b)
    ga = grant_for_matrix(w.users[Role.PROSECUTOR], ca)
    gb = grant_for_matrix(_prosecutor_b(w), cb)
    a, b = f"/surveillance/viewing/{ga.uuid}", f"/surveillance/viewing/{gb.uuid}"
    return [
        ("surveillance:viewing_list", "get", "/surveillance/viewing/", Cap.VIDEO_WATCH, None, None),
        (
            "surveillance:viewing_new",
            "post",
            f"/surveillance/viewing/new/?facility={w.facility_a.uuid}",
            Cap.VIDEO_WATCH,
            None,
            {
                "cameras": [str(ca.uuid)],
                "mode": "live",
                "purpose": "routine",
                "reason": "Плановая проверка ШИЗО",
            },
        ),
        (
            "surveillance:viewing_log",
            "get",
            "/surveillance/viewing/log/",
            Cap.VIDEO_WATCH,
            None,
            None,
        ),
        ("surveillance:viewing_watch", "get", f"{a}/", Cap.VIDEO_WATCH, f"{b}/", None),
        ("surveillance:viewing_revoke", "post", f"{a}/end/", Cap.VIDEO_WATCH, f"{b}/end/", {}),
    ]


def endpoints(w):
    return [
        (
            "api:surveillance_authorize",
            "get",
            "/api/v1/surveillance/authorize",
            GATEWAY_ONLY,
            None,
            None,
        ),
    ]
