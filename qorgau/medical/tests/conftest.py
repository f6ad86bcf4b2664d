from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role


@pytest.fixture
def doctor(world):
    return world.users[Role.MEDICAL_OFFICER]


@pytest.fixture
def record(world, doctor):
    """Record an examination of person A at facility A, an hour ago, by the doctor."""
    from qorgau.medical.services import examination_record

    def _record(**overrides):
        data = {
            "actor": doctor,
            "person": world.person_a,
            "facility": world.facility_a,
            "kind": "admission",
            "examined_at": timezone.now() - timedelta(hours=1),
        }
        data.update(overrides)
        return examination_record(**data)

    return _record


BRUISE = {"body_region": "face", "side": "front", "kind": "bruise", "colour": "purple"}
