from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.medical.care.models import ScreeningRequirement, ScreeningTest
from qorgau.testing.factories import PersonFactory, UserFactory, grant


@pytest.fixture
def doctor(world):
    return world.users[Role.MEDICAL_OFFICER]


@pytest.fixture
def national_doctor(world):
    user = UserFactory(username="chief_doctor")
    grant(user, Role.MEDICAL_OFFICER, ScopeKind.NATIONAL)
    return user


def ago(**delta):
    return timezone.now() - timedelta(**delta)


@pytest.fixture
def programme(db):
    """A screening list of two tests instead of the shipped one: yearly X and once-only Y."""
    ScreeningTest.objects.update(active=False)
    yearly = ScreeningTest.objects.create(
        code="x", name_kk="X", name_ru="X", name_en="Test X", interval_days=365, order=1
    )
    once = ScreeningTest.objects.create(
        code="y", name_kk="Y", name_ru="Y", name_en="Test Y", interval_days=None, order=2
    )
    for test in (yearly, once):
        ScreeningRequirement.objects.create(test=test, examination_kind="admission")
    ScreeningRequirement.objects.create(test=yearly, examination_kind="periodic")
    return yearly, once


@pytest.fixture
def held_at(world):
    """Make another person held at a facility (A by default)."""

    def _make(facility=None, **kw):
        return PersonFactory(current_facility=facility or world.facility_a, iin=None, **kw)

    return _make
