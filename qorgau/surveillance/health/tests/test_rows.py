"""The health feed's bulk statements on their own: many places in one read, heartbeats
of many instants in one write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from qorgau.surveillance.health.services.rows import Db, cameras_beat, cameras_load
from qorgau.surveillance.models import Camera
from qorgau.testing.factories import FacilityFactory, RegionFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def test_cameras_of_more_than_a_hundred_places_are_read_at_once():
    region = RegionFactory()
    cameras = []
    for n in range(130):
        zone = ZoneFactory(
            facility=FacilityFactory(region=region), risk_level="high" if n % 2 else "medium"
        )
        cameras.append(
            Camera.objects.create(facility=zone.facility, zone=zone, code="C", vms_id=f"v{n}")
        )
    keys = {(c.facility_id, c.vms_id) for c in cameras}
    # A key that names a camera of another place is not a camera.
    wrong = (cameras[0].facility_id, cameras[1].vms_id)
    rows = cameras_load(keys | {wrong})
    assert rows.keys() == keys
    for n, c in enumerate(cameras):
        row = rows[(c.facility_id, c.vms_id)]
        assert (row[0], row[3], row[4]) == (c.pk, c.zone_id, "high" if n % 2 else "medium")


def test_heartbeats_of_many_instants_are_written_in_one_statement():
    zone = ZoneFactory()
    cameras = [
        Camera.objects.create(facility=zone.facility, zone=zone, code=f"C{n}", vms_id=f"v{n}")
        for n in range(6)
    ]
    t0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    db = Db()
    wanted = {c.pk: t0 + timedelta(seconds=n % 3) for n, c in enumerate(cameras[:5])}
    cameras_beat([(pk, db.to(at)) for pk, at in wanted.items()])
    stored = dict(Camera.objects.values_list("pk", "last_event_at"))
    assert stored == {**wanted, cameras[5].pk: None}
