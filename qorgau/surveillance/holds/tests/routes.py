"""Access-matrix rows for holds (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap

SHA = "ab" * 32


def hold_for_matrix(facility, n):
    """A hold at `facility` with one camera and one confirmed clip, made directly."""
    from datetime import timedelta

    from django.utils import timezone

    from qorgau.surveillance.models import Camera, FootageHold, PreservedClip

    start = timezone.now() - timedelta(hours=3)
    hold, created = FootageHold.objects.get_or_create(
        number=f"HLD-2026-90000{n}",
        defaults={
            "facility": facility,
            "window_from": start,
            "window_to": start + timedelta(hours=1),
            "keep_until": start + timedelta(days=30),
            "reason": "Проверка",
        },
    )
    if created:
        camera = Camera.objects.create(facility=facility, code=f"M-{n}", vms_id=f"m-{n}")
        hold.cameras.add(camera)
        PreservedClip.objects.create(
            hold=hold,
            camera=camera,
            window_from=hold.window_from,
            window_to=hold.window_to,
            sha256=SHA,
            size=10,
            confirmed_at=timezone.now(),
        )
    return hold


def _pair(w):
    return hold_for_matrix(w.facility_a, 0), hold_for_matrix(w.facility_b, 1)


def _custody(hold, api):
    from datetime import timedelta

    from django.utils import timezone

    at = timezone.localtime(hold.window_to + timedelta(minutes=5))
    body = {"action": "access", "at": at.strftime("%Y-%m-%dT%H:%M"), "sha256": SHA}
    if api:
        body.update(at=at.isoformat(), by="Оператор")
    return body


def pages(w):
    a, b = _pair(w)
    new = {
        "facility": str(w.facility_a.uuid),
        "window_from": "2026-01-01T10:00",
        "window_to": "2026-01-01T11:00",
        "reason": "Проверка по обращению адвоката",
    }
    custody = {**_custody(a, False), "clip": str(a.clips.get().uuid)}
    return [
        ("surveillance:holds", "get", "/surveillance/holds/", Cap.SURVEILLANCE_VIEW, None, None),
        ("surveillance:hold_new", "get", "/surveillance/holds/new/", Cap.FOOTAGE_HOLD, None, None),
        ("surveillance:hold_new", "post", "/surveillance/holds/new/", Cap.FOOTAGE_HOLD, None, new),
        (
            "surveillance:hold",
            "get",
            f"/surveillance/holds/{a.number}/",
            Cap.SURVEILLANCE_VIEW,
            f"/surveillance/holds/{b.number}/",
            None,
        ),
        (
            "surveillance:hold_custody",
            "post",
            f"/surveillance/holds/{a.number}/custody/",
            Cap.FOOTAGE_HOLD,
            f"/surveillance/holds/{b.number}/custody/",
            custody,
        ),
    ]


def endpoints(w):
    a, b = _pair(w)
    api = "/api/v1/surveillance"
    clip = {"camera": "m-0", "from": a.window_from.isoformat(), "to": a.window_to.isoformat()}
    clip.update(sha256=SHA, size=10)
    ca, cb = a.clips.get().uuid, b.clips.get().uuid
    return [
        ("api:surveillance_hold_list", "get", f"{api}/holds", Cap.SURVEILLANCE_FEED, None, None),
        (
            "api:surveillance_hold_clips",
            "post",
            f"{api}/holds/{a.number}/clips",
            Cap.SURVEILLANCE_FEED,
            f"{api}/holds/{b.number}/clips",
            {"clips": [clip]},
        ),
        (
            "api:surveillance_hold_lost",
            "post",
            f"{api}/holds/{a.number}/lost",
            Cap.SURVEILLANCE_FEED,
            f"{api}/holds/{b.number}/lost",
            {"cameras": ["m-0"], "reason": "Перезаписано"},
        ),
        (
            "api:surveillance_clip_custody",
            "post",
            f"{api}/clips/{ca}/custody",
            Cap.SURVEILLANCE_FEED,
            f"{api}/clips/{cb}/custody",
            _custody(a, True),
        ),
    ]
