"""Viewing fixtures: cameras at facility A (two in the ShIZO, one live-only in a yard) and
one at facility B, the prosecutor of region A, a case file referred there, and helpers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.surveillance.models import Camera
from qorgau.surveillance.viewing import services
from qorgau.testing.factories import ZoneFactory


@pytest.fixture
def cams(world):
    yard = ZoneFactory(facility=world.facility_a, name="Двор", kind="yard", risk_level="medium")

    def cam(facility, zone, code, **extra):
        return Camera.objects.create(
            facility=facility,
            zone=zone,
            code=code,
            vms_id=f"vms-{code}",
            stream_path=f"{facility.code.lower()}/{code.lower()}",
            **extra,
        )

    return {
        "cell1": cam(world.facility_a, world.zone_a, "SH-1"),
        "cell2": cam(world.facility_a, world.zone_a, "SH-2"),
        "yard": cam(world.facility_a, yard, "YA-1", recording="live_only"),
        "b": cam(world.facility_b, world.zone_b, "SH-B"),
    }


@pytest.fixture
def prosecutor(world):
    """The prosecutor whose jurisdiction is region A (facility A)."""
    return world.users[Role.PROSECUTOR]


@pytest.fixture
def referred_case(world):
    """A case file of facility A with a referral to the prosecutor (region A)."""
    from qorgau.allegations.tests.routes import case_for_matrix

    return case_for_matrix(world.facility_a, 0)


@pytest.fixture
def make_grant(world, prosecutor, cams):
    """A grant through the service: live on the ShIZO's first camera unless told."""

    def _make(actor=None, **overrides):
        data = {
            "facility": world.facility_a,
            "cameras": [cams["cell1"]],
            "purpose": "routine",
            "reason": "Плановая проверка ШИЗО",
        }
        data.update(overrides)
        return services.grant_create(
            actor=actor or prosecutor, request=services.GrantRequest(**data)
        )

    return _make


@pytest.fixture
def hour_ago():
    """An archive window: the hour that ended ten minutes ago, in whole seconds."""
    end = timezone.now().replace(microsecond=0) - timedelta(minutes=10)
    return end - timedelta(hours=1), end
