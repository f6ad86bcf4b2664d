"""Access-matrix rows for use of force (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap


def use_for_matrix(facility, person, n):
    """A use of force at `facility` on `person`, made directly (the rules are tested elsewhere)."""
    from datetime import timedelta

    from django.utils import timezone

    from qorgau.force.models import ForceSubject, UseOfForce

    started = timezone.now() - timedelta(hours=2)
    use, created = UseOfForce.objects.get_or_create(
        number=f"UOF-2026-90000{n}",
        defaults={
            "facility": facility,
            "started_at": started,
            "ended_at": started + timedelta(minutes=10),
            "staff_involved": "Дежурный помощник начальника колонии",
            "grounds": "Неповиновение",
            "techniques": ["physical_force"],
            "footage_from": started,
            "footage_to": started + timedelta(minutes=40),
            "footage_keep_until": started + timedelta(days=30),
        },
    )
    if created:
        ForceSubject.objects.create(
            use_of_force=use, person=person, exam_due_at=started + timedelta(hours=24)
        )
    return use


def _record_body(w, api):
    body = {
        "facility": str(w.facility_a.uuid),
        "started_at": "2026-11-02T10:00",
        "ended_at": "2026-11-02T10:15",
        "iins": w.person_a.iin,
        "staff_involved": "Младший инспектор Касымов",
        "grounds": "Нападение на сотрудника",
        "techniques": ["physical_force"],
        "special_means": ["handcuffs"],
        "restraint_minutes": 30,
    }
    if api:
        body.update(started_at="2026-11-02T10:00:00Z", ended_at="2026-11-02T10:15:00Z")
        body["iins"] = [w.person_a.iin]
    return body


def _pair(w):
    return (
        use_for_matrix(w.facility_a, w.person_a, 0).number,
        use_for_matrix(w.facility_b, w.person_b, 1).number,
    )


def force_pages(w):
    a, b = _pair(w)
    return [
        ("force:list", "get", "/force/", Cap.FORCE_VIEW, None, None),
        ("force:new", "get", "/force/new/", Cap.FORCE_RECORD, None, None),
        ("force:new", "post", "/force/new/", Cap.FORCE_RECORD, None, _record_body(w, False)),
        ("force:detail", "get", f"/force/{a}/", Cap.FORCE_VIEW, f"/force/{b}/", None),
    ]


def force_endpoints(w):
    a, b = _pair(w)
    api = "/api/v1/force"
    return [
        ("api:force_list", "get", f"{api}/", Cap.FORCE_VIEW, None, None),
        ("api:force_detail", "get", f"{api}/{a}", Cap.FORCE_VIEW, f"{api}/{b}", None),
        ("api:force_record", "post", f"{api}/", Cap.FORCE_RECORD, None, _record_body(w, True)),
    ]
