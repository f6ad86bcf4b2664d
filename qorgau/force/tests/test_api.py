from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.force.models import UseOfForce

API = "/api/v1/force/"


def _body(world, **overrides):
    ended = timezone.now() - timedelta(hours=1)
    body = {
        "facility": str(world.facility_a.uuid),
        "zone": str(world.zone_a.uuid),
        "started_at": (ended - timedelta(minutes=5)).isoformat(),
        "ended_at": ended.isoformat(),
        "iins": [world.person_a.iin],
        "staff_involved": "Инспектор Смагулов Д.",
        "grounds": "Отказ покинуть камеру",
        "techniques": ["physical_force"],
    }
    body.update(overrides)
    return body


def _post(client, body):
    return client.post(API, body, content_type="application/json")


def test_a_use_of_force_is_recorded_listed_and_read_through_the_api(world, login, client, admin):
    login(admin)
    r = _post(client, _body(world))
    assert r.status_code == 201, r.content
    created = r.json()
    assert created["number"].startswith("UOF-") and created["footage_status"] == "hold_requested"
    [person] = created["persons"]
    assert person["person"] == str(world.person_a.uuid) and person["exam_status"] == "due"
    assert person["examined_at"] is None
    listing = client.get(API).json()
    assert [u["number"] for u in listing] == [created["number"]]
    assert client.get(f"{API}?overdue=true").json() == []
    detail = client.get(f"{API}{created['number']}")
    assert detail.status_code == 200 and detail.json()["persons"] == created["persons"]
    assert AuditEntry.objects.filter(action="force.read").count() == 1


def test_the_api_refuses_what_the_page_refuses_and_changes_nothing(world, login, client, admin):
    login(admin)
    for body in (
        _body(world, iins=[world.person_b.iin]),
        _body(world, zone=str(world.zone_b.uuid)),
        _body(world, techniques=["chokehold"]),
        _body(world, special_means=["handcuffs"]),  # no duration
    ):
        r = _post(client, body)
        assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    r = _post(client, _body(world, facility=str(world.facility_b.uuid)))
    assert r.status_code == 404
    assert not UseOfForce.objects.exists()


def test_readers_cannot_record_and_see_only_their_scope(world, login, client, record):
    record()
    login(world.users[Role.PROSECUTOR])
    assert len(client.get(API).json()) == 1
    assert _post(client, _body(world)).status_code == 403
    login(world.users[Role.SOCIAL_WORKER])
    assert client.get(API).status_code == 403
