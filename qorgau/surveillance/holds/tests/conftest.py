"""Holds' fixtures: a few cameras at facility A (the ShIZO, its corridor, a yard), one at B,
a connector for facility A, and helpers to open case files and report clips."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Cap, Role, ScopeKind
from qorgau.accounts.services import apiclient_issue
from qorgau.surveillance.models import Camera
from qorgau.testing.factories import ZoneFactory


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def cams(world):
    """ShIZO (zone A) with two cameras, its corridor with one, a yard with one; one camera at B."""
    corridor = ZoneFactory(facility=world.facility_a, name="Коридор ШИЗО", kind="corridor")
    yard = ZoneFactory(facility=world.facility_a, name="Двор", kind="yard")

    def cam(facility, zone, code, **extra):
        return Camera.objects.create(
            facility=facility, zone=zone, code=code, vms_id=f"vms-{code}", **extra
        )

    return {
        "cell1": cam(world.facility_a, world.zone_a, "SH-1"),
        "cell2": cam(world.facility_a, world.zone_a, "SH-2", retention_days=14),
        "corridor": cam(world.facility_a, corridor, "CO-1"),
        "yard": cam(world.facility_a, yard, "YA-1"),
        "b": cam(world.facility_b, world.zone_b, "SH-B"),
        "corridor_zone": corridor,
    }


@pytest.fixture
def staff(world):
    return world.users[Role.OMBUDSMAN_STAFF]


@pytest.fixture
def open_case(world, staff):
    """Open a case file at facility A, by default in the ShIZO two hours ago for ten minutes."""
    from qorgau.allegations.services import case_open

    def _open(**overrides):
        start = timezone.now() - timedelta(hours=2)
        data = {
            "actor": staff,
            "facility": world.facility_a,
            "zone": world.zone_a,
            "summary": "Избиение в ШИЗО",
            "event_from": start,
            "event_to": start + timedelta(minutes=10),
        }
        data.update(overrides)
        return case_open(**data)

    return _open


@pytest.fixture
def connector(world):
    """The video system of facility A: (client, headers)."""
    client, key = apiclient_issue(
        actor=world.users[Role.SYSADMIN],
        name="VMS A",
        capabilities=[Cap.SURVEILLANCE_FEED],
        scope=ScopeKind.FACILITY,
        facilities=[world.facility_a],
    )
    return client, {"HTTP_X_API_KEY": key}


@pytest.fixture
def report():
    """Clip reports covering the hold's whole window for the given cameras."""
    from qorgau.surveillance.holds.services import ClipReport

    def _report(hold, *cameras, start=None, end=None, tag=""):
        return [
            ClipReport(
                camera=c.vms_id,
                window_from=start or hold.window_from,
                window_to=end or hold.window_to,
                sha256=sha(f"{hold.number}{c.code}{tag}"),
                size=1_000_000,
                location="archive-1",
            )
            for c in cameras
        ]

    return _report
