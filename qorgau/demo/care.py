"""Demo medical units of the demo region: beds with a year of stays, equipment with checks,
staff posts, and screening results for part of the people held, so that coverage has gaps.

Rows are bulk-created (a year of a region's stays and results would be thousands of audited
service calls); one audit entry records the load. The rules the services enforce still hold:
one person per bed at a time, one bed per person, checks in order, filled within authorised.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, FacilityType
from qorgau.medical.care.choices import BedKind, EquipmentKind, EquipmentState, Specialty
from qorgau.medical.care.models import (
    Bed,
    BedStay,
    EquipmentCheck,
    EquipmentItem,
    MedicalUnit,
    ScreeningResult,
    ScreeningTest,
    StaffPosition,
)
from qorgau.people.models import CustodyStatus, Person

from .data import DEMO_REGION

REASONS = [
    "Наблюдение",
    "Лечение после травмы",
    "Инфекционная изоляция",
    "Обострение хронического заболевания",
    "Наблюдение после голодовки",
    "Психиатрическое наблюдение",
]
CHECK_NOTES = ["", "", "Плановое техобслуживание", "Поверка", "Замена расходных материалов"]
# For people screened only in part: the chance that each test was taken.
SCREENED = {
    "tb": 0.8,
    "hiv": 0.6,
    "hbv": 0.45,
    "hcv": 0.5,
    "syphilis": 0.55,
    "mental": 0.35,
    "substance": 0.25,
}
# Posts per 100 people held that the establishment allows, and how many are filled.
ESTABLISHMENT = {
    Specialty.GENERAL_PRACTITIONER: 0.6,
    Specialty.PHTHISIATRICIAN: 0.25,
    Specialty.PSYCHIATRIST: 0.2,
    Specialty.DENTIST: 0.2,
    Specialty.FELDSHER: 0.5,
    Specialty.NURSE: 1.5,
}


def load_care(rng: random.Random) -> int:
    """Medical units, beds, stays, equipment, posts and screening for the demo region; idempotent.

    Returns the number of rows created (0 when the region has its units already).
    """
    facilities = list(
        Facility.objects.filter(
            region__code=DEMO_REGION,
            type__in=[FacilityType.COLONY, FacilityType.PRISON, FacilityType.SIZO],
        ).order_by("code")
    )
    if not facilities or MedicalUnit.objects.filter(facility__in=facilities).exists():
        return 0
    doctor = User.objects.get(username="doctor")
    now = timezone.now()
    with transaction.atomic():
        held = _held_by_facility(facilities)
        created = sum(_facility(rng, f, held.get(f.pk, []), doctor, now) for f in facilities)
        created += _screening(rng, [p for people in held.values() for p in people], doctor, now)
        audit_record(
            actor=None, action="demo.care", details={"places": len(facilities), "rows": created}
        )
    return created


def _held_by_facility(facilities: list[Facility]) -> dict[int, list[Person]]:
    held: dict[int, list[Person]] = {}
    for person in Person.objects.filter(
        current_facility__in=facilities, status=CustodyStatus.HELD
    ).order_by("id"):
        held.setdefault(person.current_facility_id, []).append(person)
    return held


def _facility(
    rng: random.Random, facility: Facility, people: list[Person], doctor: User, now: datetime
) -> int:
    unit = MedicalUnit.objects.create(facility=facility, name="Медицинская часть")
    units = [unit]
    if facility.type != FacilityType.SIZO:
        units.append(MedicalUnit.objects.create(facility=facility, name="Туберкулёзное отделение"))
    beds = _beds(rng, units)
    stays = _stays(rng, beds, people, doctor, now)
    items, checks = _equipment(rng, facility, units, doctor, now)
    posts = _posts(rng, facility, len(people))
    return len(units) + len(beds) + stays + items + checks + posts


def _beds(rng: random.Random, units: list[MedicalUnit]) -> list[Bed]:
    rows = []
    for unit in units:
        tb_ward = unit.name.startswith("Туберкулёз")
        for n in range(1, rng.randint(4, 8) + 1):
            if tb_ward:
                kind = BedKind.ISOLATION
            else:
                kind = rng.choice(
                    [BedKind.GENERAL] * 4 + [BedKind.OBSERVATION, BedKind.PSYCHIATRIC]
                )
            rows.append(
                Bed(unit=unit, code=f"{n:02d}", kind=kind, active=n != 1 or rng.random() > 0.2)
            )
    return Bed.objects.bulk_create(rows)


def _stays(
    rng: random.Random, beds: list[Bed], people: list[Person], doctor: User, now: datetime
) -> int:
    """A year of stays per bed, back from today; each person lies in a bed once at most.

    The most recent stays get people first, so a small register still fills today's beds.
    """
    year_ago = now - timedelta(days=365)
    slots: list[tuple[Bed, datetime, datetime | None]] = []
    for bed in (b for b in beds if b.active):
        # Still in bed today, or discharged in the last three days.
        end = None if rng.random() < 0.6 else now - timedelta(hours=rng.randint(1, 72))
        start = (end or now) - timedelta(hours=rng.randint(24, 24 * 21))
        while start > year_ago:
            slots.append((bed, start, end))
            end = start - timedelta(hours=rng.randint(2, 24 * 12))
            start = end - timedelta(hours=rng.randint(24, 24 * 21))
    slots.sort(key=lambda slot: slot[1], reverse=True)
    pool = people[:]
    rng.shuffle(pool)
    rows = [
        BedStay(
            bed=bed,
            person=person,
            admitted_at=start,
            discharged_at=end,
            reason=rng.choice(REASONS),
            admitted_by=doctor,
            discharged_by=doctor if end else None,
        )
        for (bed, start, end), person in zip(slots, pool, strict=False)
    ]
    BedStay.objects.bulk_create(rows)
    return len(rows)


def _equipment(
    rng: random.Random, facility: Facility, units: list[MedicalUnit], doctor: User, now: datetime
) -> tuple[int, int]:
    today = timezone.localdate(now)
    kinds = [k for k in EquipmentKind.values if k != EquipmentKind.OTHER]
    items, checks = [], []
    for n, kind in enumerate(rng.sample(kinds, rng.randint(6, len(kinds))), start=1):
        interval = rng.choice([180, 365, 365])
        # Most checks on time; some items overdue by weeks or months.
        last = today - timedelta(days=rng.randint(10, interval + 120))
        history = [last - timedelta(days=interval * k) for k in range(rng.randint(1, 3))][::-1]
        state = rng.choices(
            [EquipmentState.WORKING, EquipmentState.NEEDS_REPAIR, EquipmentState.OUT_OF_ORDER],
            [8, 2, 1],
        )[0]
        item = EquipmentItem(
            facility=facility,
            unit=rng.choice(units),
            kind=kind,
            inventory_number=f"{facility.code}-MED-{n:03d}",
            state=state,
            check_interval_days=interval,
            last_checked_on=last,
            next_check_due=last + timedelta(days=interval),
        )
        items.append(item)
        for i, on in enumerate(history):
            result = state if i == len(history) - 1 else EquipmentState.WORKING
            checks.append((item, on, result))
    if rng.random() < 0.5:
        items[-1].state = EquipmentState.WRITTEN_OFF
    EquipmentItem.objects.bulk_create(items)
    EquipmentCheck.objects.bulk_create(
        EquipmentCheck(
            item=item, checked_on=on, result=result, note=rng.choice(CHECK_NOTES), checked_by=doctor
        )
        for item, on, result in checks
    )
    return len(items), len(checks)


def _posts(rng: random.Random, facility: Facility, held: int) -> int:
    base = max(held, facility.capacity // 2)
    rows = []
    for specialty, per_100 in ESTABLISHMENT.items():
        authorised = Decimal(max(1, round(base * per_100 / 100 * 4) / 4)).quantize(Decimal("0.25"))
        filled = (authorised * Decimal(rng.uniform(0.5, 1.0)) * 4).to_integral_value() / 4
        rows.append(
            StaffPosition(
                facility=facility, specialty=specialty, authorised=authorised, filled=filled
            )
        )
    StaffPosition.objects.bulk_create(rows)
    return len(rows)


def _screening(rng: random.Random, people: list[Person], doctor: User, now: datetime) -> int:
    """Most people were screened on one day (admission or a periodic round), some only in part,
    some never; a yearly test taken over a year ago is due again."""
    tests = list(ScreeningTest.objects.filter(code__in=SCREENED, active=True))
    rows = []
    for person in people:
        kind = rng.random()
        if kind > 0.85:
            continue  # never screened
        taken_at = now - timedelta(days=rng.randint(1, 450), hours=rng.randint(0, 10))
        for test in tests:
            share = 0.97 if kind < 0.6 else SCREENED[test.code]
            if rng.random() > share:
                continue
            result = rng.choices(
                ["negative", "positive", "indeterminate", "refused", "pending"],
                [85, 3, 2, 6, 4],
            )[0]
            rows.append(
                ScreeningResult(
                    person=person,
                    test=test,
                    facility=person.current_facility,
                    taken_at=taken_at,
                    result=result,
                    is_latest=True,
                    recorded_by=doctor,
                )
            )
    ScreeningResult.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
