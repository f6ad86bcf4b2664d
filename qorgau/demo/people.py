"""Demo people held, with placement histories (synthetic names, valid IINs)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from qorgau.facilities.models import (
    Facility,
    FacilityType,
    Zone,
    ZoneKind,
)
from qorgau.people.models import CustodyStatus, Person, Placement, PlacementKind, search_key
from qorgau.people.validators import iin_check_digit

from . import data
from .data import TODAY


def _iin(rng: random.Random, born: date, female: bool, used: set[str]) -> str:
    century_digit = (4 if female else 3) if born.year < 2000 else (6 if female else 5)
    while True:
        first11 = f"{born:%y%m%d}{century_digit}{rng.randint(0, 9999):04d}"
        check = iin_check_digit(first11)
        if check is not None and (iin := first11 + str(check)) not in used:
            used.add(iin)
            return iin


def _person(rng: random.Random, used: set[str], *, female: bool, juvenile: bool) -> Person:
    age_days = (
        rng.randint(14 * 365 + 100, 17 * 365 + 300)
        if juvenile
        else rng.randint(18 * 365 + 30, 68 * 365)
    )
    born = TODAY - timedelta(days=age_days)
    surname = rng.choice(data.SURNAMES_M)
    if female:
        surname, given = data.feminine(surname), rng.choice(data.GIVEN_F)
    else:
        given = rng.choice(data.GIVEN_M)
    father = rng.choice(data.GIVEN_M)
    patronymic = data.patronymic(father, female)
    kazakh = surname.endswith(("ов", "ова", "ев", "ева")) and surname[:3] not in (
        "Ива",
        "Пет",
        "Смирн",
    )
    langs = ["kk", "ru"] if kazakh else ["ru"]
    p = Person(
        surname=surname,
        given_name=given,
        patronymic=patronymic,
        surname_latin=data.translit(surname).upper(),
        given_name_latin=data.translit(given).upper(),
        birth_date=born,
        iin=_iin(rng, born, female, used),
        sex="f" if female else "m",
        languages=langs,
        status=CustodyStatus.HELD,
    )
    p.search_cyrillic = search_key(p.surname, p.given_name, p.patronymic)
    p.search_latin = search_key(p.surname_latin, p.given_name_latin)
    return p


def _at(d: date, rng: random.Random) -> datetime:
    return datetime(d.year, d.month, d.day, rng.randint(6, 20), rng.randint(0, 59), tzinfo=UTC)


@transaction.atomic
def load_people(
    rng: random.Random, facilities: list[Facility], total: int, progress: Callable[[str], None]
) -> int:
    """People held in the penitentiary institutions with their placement histories."""
    sizos = [f for f in facilities if f.type == FacilityType.SIZO]
    colonies = [f for f in facilities if f.type in (FacilityType.COLONY, FacilityType.PRISON)]
    zones = defaultdict(list)
    for z in Zone.objects.filter(facility__in=sizos + colonies):
        zones[(z.facility_id, z.kind)].append(z)
    remand_n = round(total * 5 / 37)
    used: set[str] = set()
    people: list[Person] = []
    plans: list[list[tuple]] = []
    # Fill places in proportion to capacity, with some places well over it.
    load = {f.pk: rng.uniform(0.7, 1.2) * f.capacity for f in sizos + colonies}

    def pick(pool):
        return rng.choices(pool, [load[f.pk] for f in pool])[0]

    for i in range(total):
        remand = i < remand_n
        female = rng.random() < 0.07
        juvenile = rng.random() < 0.01
        person = _person(rng, used, female=female, juvenile=juvenile)
        admitted = TODAY - timedelta(
            days=rng.randint(3, 150) if remand else rng.randint(120, 6 * 365)
        )
        sizo = pick(sizos)
        events = [
            (
                PlacementKind.ADMISSION,
                admitted,
                sizo,
                rng.choice(zones[(sizo.pk, ZoneKind.ADMISSION)]),
                None,
            )
        ]
        home = sizo
        if not remand:
            moved = admitted + timedelta(days=rng.randint(60, 110))
            colony = pick(colonies)
            events.append(
                (
                    PlacementKind.TRANSFER,
                    moved,
                    colony,
                    rng.choice(zones[(colony.pk, ZoneKind.ADMISSION)]),
                    sizo,
                )
            )
            home = colony
            dorm = zones[(colony.pk, ZoneKind.DORMITORY)]
            events.append(
                (
                    PlacementKind.ZONE_MOVE,
                    moved + timedelta(days=14),
                    colony,
                    rng.choice(dorm),
                    None,
                )
            )
            if rng.random() < 0.12:  # a stay in the disciplinary cell
                shizo = zones[(colony.pk, ZoneKind.DISCIPLINARY_CELL)][0]
                start = moved + timedelta(days=rng.randint(30, 90))
                if start < TODAY - timedelta(days=20):
                    events.append((PlacementKind.ZONE_MOVE, start, colony, shizo, None))
                    events.append(
                        (
                            PlacementKind.ZONE_MOVE,
                            start + timedelta(days=rng.randint(3, 15)),
                            colony,
                            rng.choice(dorm),
                            None,
                        )
                    )
        events.sort(key=lambda e: e[1])
        last_zone = events[-1][3]
        person.current_facility = home
        person.current_zone = last_zone
        if not remand and rng.random() < 0.04 and events[-1][1] < TODAY - timedelta(days=10):
            events.append(
                (PlacementKind.RELEASE, TODAY - timedelta(days=rng.randint(1, 9)), home, None, None)
            )
            person.status = CustodyStatus.RELEASED
            person.current_zone = None
        people.append(person)
        plans.append(events)
    progress(f"people: writing {len(people)} records")
    Person.objects.bulk_create(people, batch_size=2000)
    placements = [
        Placement(person=p, kind=kind, at=_at(d, rng), facility=f, zone=z, from_facility=src)
        for p, events in zip(people, plans, strict=True)
        for kind, d, f, z, src in events
    ]
    progress(f"people: writing {len(placements)} placement events")
    Placement.objects.bulk_create(placements, batch_size=4000)
    return len(people)
