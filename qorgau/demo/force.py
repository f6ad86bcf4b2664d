"""Demo uses of force: three years in the demo region's penitentiary places, recorded through
the service, most followed in time by the examination they require, a few left overdue."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.facilities.models import Facility, FacilityType, Zone, ZoneKind
from qorgau.force import services
from qorgau.force.choices import RESTRAINTS, SpecialMeans, Technique
from qorgau.force.models import ForceSubject, UseOfForce
from qorgau.medical.choices import ExaminationKind
from qorgau.medical.models import Examination
from qorgau.people.models import CustodyStatus, Person

from .data import DEMO_REGION

DAYS = 3 * 365
# Uses of force per place over the three years.
PER_FACILITY = (10, 24)
# Of the persons force was used on: examined in time, examined late, never examined.
EXAMINED_IN_TIME, EXAMINED_LATE = 0.86, 0.06

ZONES = [
    ZoneKind.DISCIPLINARY_CELL,
    ZoneKind.CELL_TYPE_PREMISES,
    ZoneKind.ADMISSION,
    ZoneKind.SEARCH_ROOM,
    ZoneKind.CELL,
    ZoneKind.YARD,
    ZoneKind.CORRIDOR,
]
STAFF = [
    "Младший инспектор отдела безопасности, ст. сержант Касымов А.",
    "Дежурный помощник начальника учреждения, капитан Ермеков Н.",
    "Инспектор отдела режима, лейтенант Смагулов Д.",
    "Начальник отряда, майор Петров В.; младший инспектор Оспанов Е.",
    "Сотрудники дежурной смены (3 человека), старший — капитан Ахметов Р.",
]
GROUNDS = [
    "Нападение на сотрудника во время обыска.",
    "Отказ выполнить законное требование покинуть камеру, активное сопротивление.",
    "Драка между осуждёнными, пресечение.",
    "Попытка причинить вред себе, предотвращение.",
    "Неповиновение при водворении в ШИЗО.",
]
INJURIES = ["", "", "Ссадина на предплечье.", "Покраснение кожи на запястьях.", "Жалоб нет."]


def load_force(rng: random.Random) -> int:
    """Record uses of force in the demo region's penitentiary places; idempotent."""
    if UseOfForce.objects.exists():
        return 0
    actor = User.objects.filter(username="facility.admin").first()
    doctor = User.objects.filter(username="doctor").first()
    facilities = Facility.objects.filter(
        region__code=DEMO_REGION, type__in=FacilityType.penitentiary()
    ).order_by("code")
    total = 0
    for facility in facilities:
        held = list(
            Person.objects.filter(current_facility=facility, status=CustodyStatus.HELD)
            .exclude(iin=None)
            .order_by("id")
            .values_list("iin", flat=True)[:300]
        )
        if not held:
            continue
        zones = list(Zone.objects.filter(facility=facility, kind__in=ZONES))
        starts = sorted(_start(rng) for _ in range(rng.randint(*PER_FACILITY)))
        for started_at in starts:
            use = _record(rng, actor, facility, zones, held, started_at)
            if doctor is not None:
                _examine(rng, doctor, use)
            total += 1
    return total


def _start(rng: random.Random) -> datetime:
    now = timezone.now()
    return now - timedelta(days=rng.uniform(0.2, DAYS), minutes=rng.randint(0, 600))


def _record(rng, actor, facility, zones, held, started_at) -> UseOfForce:
    means = rng.sample(SpecialMeans.values[:-1], k=rng.choice([0, 1, 1, 2]))
    techniques = rng.sample(Technique.values, k=1 if means else rng.randint(1, 2))
    zone = rng.choice(zones) if zones and rng.random() < 0.9 else None
    return services.force_record(
        actor=actor,
        facility=facility,
        zone=zone,
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=rng.randint(2, 25)),
        iins=rng.sample(held, k=min(len(held), rng.choice([1, 1, 1, 2, 3]))),
        staff_involved=rng.choice(STAFF),
        grounds=rng.choice(GROUNDS),
        techniques=techniques,
        special_means=means,
        restraint_minutes=rng.randint(15, 180) if RESTRAINTS & set(means) else None,
        injuries_seen=rng.choice(INJURIES),
        cameras=[f"CAM-{facility.code}-{rng.randint(1, 60):02d}"] if zone else [],
        body_cameras=[f"BWC-{rng.randint(100, 140)}"] if rng.random() < 0.6 else [],
    )


def _exam_time(rng: random.Random, subject: ForceSubject, ended_at: datetime) -> datetime | None:
    roll = rng.random()
    if roll < EXAMINED_IN_TIME:
        return ended_at + (subject.exam_due_at - ended_at) * rng.uniform(0.05, 0.95)
    if roll < EXAMINED_IN_TIME + EXAMINED_LATE:
        return subject.exam_due_at + timedelta(hours=rng.uniform(2, 72))
    return None  # never examined: overdue once the due time has passed


def _examine(rng: random.Random, doctor: User, use: UseOfForce) -> None:
    """The doctor's examination of each person, written as a medical record and linked."""
    for subject in use.subjects.select_related("person"):
        examined_at = _exam_time(rng, subject, use.ended_at)
        if examined_at is None or examined_at > timezone.now():
            continue
        examination = Examination.objects.create(
            person=subject.person,
            facility=use.facility,
            kind=ExaminationKind.AFTER_FORCE,
            examined_at=examined_at,
            examiner=doctor,
            findings="Осмотр после применения физической силы.",
        )
        services.subject_link_examination(actor=doctor, examination=examination)
