from __future__ import annotations

import random
from itertools import pairwise

import pytest
from django.db.models import F
from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.core.audit import audit_verify
from qorgau.demo.care import load_care
from qorgau.demo.data import DEMO_REGION
from qorgau.demo.load import load_population, load_users
from qorgau.demo.people import load_people
from qorgau.demo.places import load_facilities, load_regions
from qorgau.medical.care import selectors
from qorgau.medical.care.models import (
    Bed,
    BedStay,
    EquipmentCheck,
    EquipmentItem,
    MedicalUnit,
    ScreeningResult,
    StaffPosition,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_base():
    regions = load_regions()
    facilities = load_facilities(random.Random(1), regions)
    load_people(random.Random(2), facilities, 400, lambda _m: None)
    load_population(random.Random(3), facilities)
    load_users(facilities, regions)


def _counts():
    return [
        m.objects.count()
        for m in (
            MedicalUnit,
            Bed,
            BedStay,
            EquipmentItem,
            EquipmentCheck,
            StaffPosition,
            ScreeningResult,
        )
    ]


def test_the_demo_care_data_is_idempotent_and_keeps_the_rules(demo_base):
    created = load_care(random.Random(7))
    first = _counts()
    assert all(first) and created == sum(first)
    assert load_care(random.Random(7)) == 0 and _counts() == first
    assert set(MedicalUnit.objects.values_list("facility__region__code", flat=True)) == {
        DEMO_REGION
    }
    for bed_id in BedStay.objects.values_list("bed", flat=True).distinct():
        stays = list(BedStay.objects.filter(bed=bed_id).order_by("admitted_at"))
        for a, b in pairwise(stays):
            assert a.discharged_at is not None and a.discharged_at <= b.admitted_at
    people = BedStay.objects.values_list("person", flat=True)
    assert len(people) == len(set(people))
    for stay in BedStay.objects.select_related("person", "bed__unit"):
        assert stay.person.current_facility_id == stay.bed.unit.facility_id
    assert not StaffPosition.objects.filter(filled__gt=F("authorised")).exists()
    assert audit_verify().ok


def test_the_demo_doctor_sees_gaps_to_work_on(demo_base):
    load_care(random.Random(7))
    doctor = User.objects.get(username="doctor")
    tests = selectors.programme_tests()
    rows = selectors.screening_coverage(user=doctor, tests=tests)
    assert rows, "the doctor's place holds people"
    shares = [pct for _t, n, held, pct in _with_share(selectors.coverage_totals(rows, tests))]
    assert any(0 < s < 100 for s in shares if s is not None)
    assert selectors.people_due(user=doctor).exists()
    [facility] = selectors.facilities_for_user(user=doctor)
    today = timezone.localdate()
    days = selectors.occupancy_by_day(facility=facility, start=today.replace(day=1), end=today)
    assert any(d.occupied for d in days)
    region_items = EquipmentItem.objects.filter(facility__region__code=DEMO_REGION)
    assert region_items.filter(selectors.overdue_q()).exists()
    lines = selectors.staffing_summary(user=User.objects.get(username="ombudsman"))
    assert lines == []  # no medical access, no staffing figures
    vacant = selectors.staffing_for_facility(facility=facility)
    assert sum(line.vacant for line in vacant) > 0


def _with_share(totals):
    return [(t, n, held, selectors.share(n, held)) for t, n, held in totals]
