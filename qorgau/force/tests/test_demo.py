from __future__ import annotations

import random

import pytest

from qorgau.accounts.models import User
from qorgau.core.audit import audit_verify
from qorgau.demo.data import DEMO_REGION
from qorgau.demo.force import load_force
from qorgau.force.choices import ExamStatus
from qorgau.force.models import ForceSubject, UseOfForce
from qorgau.medical.models import Examination
from qorgau.testing.factories import FacilityFactory, PersonFactory, RegionFactory, ZoneFactory


@pytest.fixture
def demo_region(db):
    """Two colonies of the demo region with people held, a doctor and one outside place."""
    region = RegionFactory(code=DEMO_REGION)
    colonies = [FacilityFactory(code=f"UK-{n}", region=region, type="colony") for n in range(2)]
    for n, colony in enumerate(colonies):
        ZoneFactory(facility=colony, name="ШИЗО", kind="disciplinary_cell")
        for i in range(6):
            PersonFactory(current_facility=colony, surname=f"Тестов{n}{i}")
    PersonFactory(current_facility=FacilityFactory(code="UK-X", type="colony"))
    User.objects.create(username="doctor")
    return colonies


def test_demo_uses_of_force_are_in_the_region_mostly_examined_in_time_and_idempotent(
    demo_region,
):
    n = load_force(random.Random(7))
    assert n == UseOfForce.objects.count() >= 20
    assert set(UseOfForce.objects.values_list("facility__region__code", flat=True)) == {DEMO_REGION}
    subjects = list(ForceSubject.objects.select_related("use_of_force", "examination"))
    statuses = [s.exam_status for s in subjects]
    assert statuses.count(ExamStatus.EXAMINED) > 0.8 * len(subjects)
    assert ExamStatus.OVERDUE in statuses
    for s in subjects:
        if s.examination is not None:
            assert s.examination.kind == "after_force"
            assert s.examination.person_id == s.person_id
            assert s.examined_at >= s.use_of_force.started_at
    assert Examination.objects.filter(examiner__username="doctor").exists()

    assert load_force(random.Random(7)) == 0
    assert UseOfForce.objects.count() == n
    assert audit_verify().ok
