"""Health feed fixtures: cameras at facility A (two in the high-risk ShIZO, one in a
medium-risk yard), one at facility B, the connector of facility A and a way to post."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.surveillance.models import Camera
from qorgau.testing.factories import ZoneFactory

from .support import URL, issue


@pytest.fixture
def cams(world):
    yard = ZoneFactory(facility=world.facility_a, name="Двор", kind="yard", risk_level="medium")

    def cam(facility, zone, code):
        return Camera.objects.create(facility=facility, zone=zone, code=code, vms_id=f"vms-{code}")

    return {
        "cell1": cam(world.facility_a, world.zone_a, "SH-1"),
        "cell2": cam(world.facility_a, world.zone_a, "SH-2"),
        "yard": cam(world.facility_a, yard, "YA-1"),
        "b": cam(world.facility_b, world.zone_b, "SH-B"),
    }


@pytest.fixture
def connector(world):
    """The video system of facility A: (api client, its key)."""
    return issue(world)


@pytest.fixture
def t0():
    """A whole minute an hour ago: events are placed relative to it."""
    return timezone.now().replace(second=0, microsecond=0) - timedelta(hours=1)


@pytest.fixture
def feed(client, connector):
    """POST a batch with the connector's key (or another); returns the response."""

    def _feed(events, key=None):
        return client.post(
            URL,
            data=json.dumps({"events": events}),
            content_type="application/json",
            HTTP_X_API_KEY=key or connector[1],
        )

    return _feed
