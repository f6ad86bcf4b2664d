from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.force import services


@pytest.fixture
def admin(world):
    """Facility administration of facility A."""
    return world.users[Role.FACILITY_ADMIN]


@pytest.fixture
def doctor(world):
    """The medical officer of facility A."""
    return world.users[Role.MEDICAL_OFFICER]


@pytest.fixture
def record(world, admin):
    """Record a use of force at facility A on person A, ended an hour ago unless told."""

    def _record(**overrides):
        ended_at = overrides.pop("ended_at", timezone.now() - timedelta(hours=1))
        data = {
            "actor": admin,
            "facility": world.facility_a,
            "zone": world.zone_a,
            "started_at": ended_at - timedelta(minutes=15),
            "ended_at": ended_at,
            "iins": [world.person_a.iin],
            "staff_involved": "Младший инспектор Касымов А.",
            "grounds": "Нападение на сотрудника во время обыска.",
            "techniques": ["physical_force"],
            "special_means": ["handcuffs"],
            "restraint_minutes": 40,
            "cameras": ["CAM-07"],
            "body_cameras": ["BWC-112"],
        }
        data.update(overrides)
        return services.force_record(**data)

    return _record


@pytest.fixture
def examine(world, doctor):
    """Record an examination through the medical service (which sends the signal)."""
    from qorgau.medical.services import examination_record

    def _examine(*, at, person=None, facility=None, kind="after_force", **extra):
        return examination_record(
            actor=doctor,
            person=person or world.person_a,
            facility=facility or world.facility_a,
            kind=kind,
            examined_at=at,
            **extra,
        )

    return _examine
