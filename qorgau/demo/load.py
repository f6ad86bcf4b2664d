"""Deterministic, idempotent demo data at national scale.

Running it twice gives the same database as running it once: reference data is
upserted by code, and the people register (the bulk) is created in one
transaction only when no demo person exists yet.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from qorgau.accounts.models import Membership, User
from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.audit import audit_record
from qorgau.facilities.models import (
    DEFAULT_ZONE_RISK,
    Agency,
    Facility,
    FacilityType,
    PopulationCount,
    Region,
    RiskLevel,
    SecurityRegime,
    Zone,
    ZoneKind,
)
from qorgau.people.models import CustodyStatus, Person, Placement, PlacementKind, search_key
from qorgau.people.validators import iin_check_digit

from . import data
from .complaints import load_complaints, load_terminals

SEED = 2026
DEMO_PASSWORD = "qorgau-demo"  # noqa: S105 - printed for the demo, never used elsewhere
TODAY = date(2026, 11, 1)  # fixed so that every run builds the same history
MONTHS = 36


@dataclass(frozen=True)
class PlaceSpec:
    type: str
    agency: str
    regime: str
    ru: str
    kk: str
    en: str
    capacity: tuple[int, int]


COLONY_REGIMES = [
    SecurityRegime.MINIMUM,
    SecurityRegime.MEDIUM,
    SecurityRegime.MEDIUM,
    SecurityRegime.MAXIMUM,
    SecurityRegime.MIXED,
]
REGIME_WORDS = {
    SecurityRegime.MINIMUM: (
        "минимальной безопасности",
        "қауіпсіздігі барынша төмен",
        "minimum security",
    ),
    SecurityRegime.MEDIUM: ("средней безопасности", "қауіпсіздігі орташа", "medium security"),
    SecurityRegime.MAXIMUM: (
        "максимальной безопасности",
        "қауіпсіздігі барынша жоғары",
        "maximum security",
    ),
    SecurityRegime.MIXED: ("смешанной безопасности", "аралас қауіпсіздік", "mixed security"),
    SecurityRegime.SPECIAL: (
        "чрезвычайной безопасности",
        "төтенше қауіпсіздік",
        "special security",
    ),
}

ZONES_BY_TYPE = {
    "colony": [
        (ZoneKind.ADMISSION, "Карантинное отделение"),
        (ZoneKind.DORMITORY, "Отряд 1"),
        (ZoneKind.DORMITORY, "Отряд 2"),
        (ZoneKind.DORMITORY, "Отряд 3"),
        (ZoneKind.DISCIPLINARY_CELL, "ШИЗО"),
        (ZoneKind.CELL_TYPE_PREMISES, "ПКТ"),
        (ZoneKind.SOLITARY, "Одиночные камеры"),
        (ZoneKind.SEARCH_ROOM, "Комната обыска"),
        (ZoneKind.DUTY_UNIT, "Дежурная часть"),
        (ZoneKind.YARD, "Прогулочный двор"),
        (ZoneKind.MEDICAL_UNIT, "Медицинская часть"),
        (ZoneKind.VISITING_ROOM, "Комната свиданий"),
        (ZoneKind.WORKSHOP, "Производственный цех"),
        (ZoneKind.CORRIDOR, "Коридоры и лестницы"),
    ],
    "sizo": [
        (ZoneKind.ADMISSION, "Сборное отделение"),
        (ZoneKind.CELL, "Корпус 1"),
        (ZoneKind.CELL, "Корпус 2"),
        (ZoneKind.DISCIPLINARY_CELL, "Карцер"),
        (ZoneKind.SEARCH_ROOM, "Комната обыска"),
        (ZoneKind.INTERROGATION_ROOM, "Следственные кабинеты"),
        (ZoneKind.TRANSIT, "Конвойное помещение"),
        (ZoneKind.YARD, "Прогулочные дворики"),
        (ZoneKind.MEDICAL_UNIT, "Медицинская часть"),
        (ZoneKind.VISITING_ROOM, "Комната свиданий"),
        (ZoneKind.CORRIDOR, "Коридоры и лестницы"),
    ],
    "police": [
        (ZoneKind.ADMISSION, "Приёмное помещение"),
        (ZoneKind.CELL, "Камеры"),
        (ZoneKind.INTERROGATION_ROOM, "Кабинет допроса"),
        (ZoneKind.DUTY_UNIT, "Дежурная часть"),
        (ZoneKind.YARD, "Прогулочный двор"),
        (ZoneKind.CORRIDOR, "Коридор"),
    ],
    "care": [
        (ZoneKind.ADMISSION, "Приёмное отделение"),
        (ZoneKind.DORMITORY, "Жилые комнаты"),
        (ZoneKind.SOLITARY, "Изолятор"),
        (ZoneKind.MEDICAL_UNIT, "Медицинский пост"),
        (ZoneKind.YARD, "Двор"),
        (ZoneKind.VISITING_ROOM, "Комната посещений"),
    ],
}
_ZONE_SET = {
    FacilityType.COLONY: "colony",
    FacilityType.PRISON: "colony",
    FacilityType.SIZO: "sizo",
    FacilityType.SIZO_KNB: "sizo",
    FacilityType.IVS: "police",
    FacilityType.SPECIAL_RECEPTION: "police",
    FacilityType.ALLOCATION: "police",
    FacilityType.MILITARY_GUARDHOUSE: "police",
}

# Other places the NPM visits: (type, agency, ru, kk, en, capacity range, how many)
OTHER_PLACES = [
    (
        FacilityType.IVS,
        Agency.POLICE,
        "Изолятор временного содержания",
        "Уақытша ұстау изоляторы",
        "Temporary detention facility",
        (20, 80),
        40,
    ),
    (
        FacilityType.SPECIAL_RECEPTION,
        Agency.POLICE,
        "Специальный приёмник",
        "Арнаулы қабылдау орны",
        "Special reception centre",
        (20, 60),
        20,
    ),
    (
        FacilityType.ALLOCATION,
        Agency.POLICE,
        "Центр временного размещения",
        "Уақытша орналастыру орталығы",
        "Allocation centre",
        (30, 100),
        5,
    ),
    (
        FacilityType.JUVENILE_ADAPTATION,
        Agency.POLICE,
        "Центр адаптации несовершеннолетних",
        "Кәмелетке толмағандарды бейімдеу орталығы",
        "Juvenile adaptation centre",
        (20, 50),
        6,
    ),
    (
        FacilityType.SIZO_KNB,
        Agency.KNB,
        "Следственный изолятор КНБ",
        "ҰҚК тергеу изоляторы",
        "NSC pre-trial detention centre",
        (40, 120),
        3,
    ),
    (
        FacilityType.MILITARY_GUARDHOUSE,
        Agency.DEFENCE,
        "Гауптвахта",
        "Гауптвахта",
        "Military guardhouse",
        (10, 40),
        5,
    ),
    (
        FacilityType.PSYCHIATRIC,
        Agency.HEALTH,
        "Центр психического здоровья",
        "Психикалық денсаулық орталығы",
        "Mental health centre",
        (100, 600),
        10,
    ),
    (
        FacilityType.SOCIAL_CARE,
        Agency.LABOUR,
        "Центр оказания специальных социальных услуг",
        "Арнаулы әлеуметтік қызметтер көрсету орталығы",
        "Special social services centre",
        (80, 400),
        15,
    ),
    (
        FacilityType.ORPHANAGE,
        Agency.EDUCATION,
        "Детский дом",
        "Балалар үйі",
        "Children's home",
        (40, 150),
        6,
    ),
    (
        FacilityType.SPECIAL_SCHOOL,
        Agency.EDUCATION,
        "Специальная организация образования",
        "Арнаулы білім беру ұйымы",
        "Special school",
        (60, 200),
        4,
    ),
]

DEMO_USERS = [
    # username, role, scope, full name
    ("ombudsman", Role.OMBUDSMAN_STAFF, ScopeKind.NATIONAL, "Айгерим Сапарова"),
    ("custodian", Role.IDENTITY_CUSTODIAN, ScopeKind.NATIONAL, "Марат Ермеков"),
    ("npm", Role.NPM_PARTICIPANT, ScopeKind.ASSIGNMENT, "Жанар Бекова"),
    ("npm.coordinator", Role.NPM_COORDINATOR, ScopeKind.NATIONAL, "Ольга Ким"),
    ("prosecutor", Role.PROSECUTOR, ScopeKind.JURISDICTION, "Ерлан Тулегенов"),
    ("facility.admin", Role.FACILITY_ADMIN, ScopeKind.FACILITY, "Серик Абенов"),
    ("doctor", Role.MEDICAL_OFFICER, ScopeKind.FACILITY, "Динара Касымова"),
    ("social", Role.SOCIAL_WORKER, ScopeKind.REGION, "Асель Муратова"),
    ("teacher", Role.EDUCATION_OFFICER, ScopeKind.FACILITY, "Наталья Петрова"),
    ("analyst", Role.ANALYST, ScopeKind.NATIONAL, "Данияр Исмаилов"),
    ("sysadmin", Role.SYSADMIN, ScopeKind.NATIONAL, "Тимур Пак"),
]
DEMO_REGION = "KZ-35"  # Karaganda: the regional users' area of work


def _months_back(n: int) -> list[date]:
    out, y, m = [], TODAY.year, TODAY.month
    for _ in range(n):
        out.append(date(y, m, 1))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def load_regions() -> dict[str, Region]:
    regions = {}
    for code, kk, ru, en, is_city in data.REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "is_city": is_city}
        )
    return regions


def _facility_specs(rng: random.Random) -> list[dict]:
    """78 penitentiary institutions (62 colonies and prisons, 16 SIZO) and ~115 other places."""
    codes = [r[0] for r in data.REGIONS]
    specs: list[dict] = []
    # SIZO: one per region in 16 regions.
    for n, code in enumerate(codes[:16], start=1):
        kk, ru, en = data.TOWNS[code]
        specs.append(
            dict(
                code=f"SIZO-{n:02d}",
                type=FacilityType.SIZO,
                agency=Agency.PENITENTIARY,
                regime=SecurityRegime.REMAND,
                region=code,
                name_ru=f"Следственный изолятор №{n} ({ru})",
                name_kk=f"№{n} тергеу изоляторы ({kk})",
                name_en=f"Pre-trial detention centre No. {n} ({en})",
                address=f"{ru}, ул. Промышленная, {10 + n}",
                capacity=rng.randint(220, 420),
            )
        )
    # 62 colonies and prisons spread over the regions, more in the historical penal regions.
    weights = [
        3
        if c in ("KZ-35", "KZ-55", "KZ-63", "KZ-11", "KZ-39")
        else 2
        if not c.endswith(("71", "75", "79"))
        else 1
        for c in codes
    ]
    for n in range(1, 63):
        code = rng.choices(codes, weights)[0]
        kk, ru, en = data.TOWNS[code]
        if n <= 3:
            ftype, regime = FacilityType.PRISON, SecurityRegime.SPECIAL
            wru, wkk, wen = (
                "Учреждение полной безопасности",
                "Толық қауіпсіздік мекемесі",
                "Full-security institution",
            )
        else:
            ftype, regime = FacilityType.COLONY, rng.choice(COLONY_REGIMES)
            rw = REGIME_WORDS[regime]
            wru, wkk, wen = (
                f"Учреждение {rw[0]}",
                f"{rw[1].capitalize()} мекеме",
                f"Institution of {rw[2]}",
            )
        specs.append(
            dict(
                code=f"UG-{n:03d}",
                type=ftype,
                agency=Agency.PENITENTIARY,
                regime=regime,
                region=code,
                name_ru=f"{wru} №{n} ({ru})",
                name_kk=f"№{n} {wkk[0].lower() + wkk[1:]} ({kk})",
                name_en=f"{wen} No. {n} ({en})",
                address=f"{ru} обл., промзона, уч. {n}",
                capacity=rng.randint(380, 800),
            )
        )
    for ftype, agency, ru_w, kk_w, en_w, (lo, hi), count in OTHER_PLACES:
        for i in range(count):
            code = codes[i % len(codes)] if count >= len(codes) // 2 else rng.choice(codes)
            kk, ru, en = data.TOWNS[code]
            specs.append(
                dict(
                    code=f"{ftype.upper()}-{i + 1:03d}",
                    type=ftype,
                    agency=agency,
                    regime="",
                    region=code,
                    name_ru=f"{ru_w} №{i + 1} ({ru})",
                    name_kk=f"№{i + 1} {kk_w[0].lower() + kk_w[1:]} ({kk})",
                    name_en=f"{en_w} No. {i + 1} ({en})",
                    address=f"{ru}, ул. Центральная, {i + 3}",
                    capacity=rng.randint(lo, hi),
                )
            )
    return specs


def load_facilities(rng: random.Random, regions: dict[str, Region]) -> list[Facility]:
    facilities = []
    for spec in _facility_specs(rng):
        spec = dict(spec)
        code = spec.pop("code")
        spec["region"] = regions[spec["region"]]
        facility, _ = Facility.objects.update_or_create(code=code, defaults=spec)
        facilities.append(facility)
        if not facility.zones.exists():
            kind_set = ZONES_BY_TYPE[_ZONE_SET.get(facility.type, "care")]
            Zone.objects.bulk_create(
                Zone(
                    facility=facility,
                    kind=k,
                    name=name,
                    risk_level=DEFAULT_ZONE_RISK.get(k, RiskLevel.LOW),
                )
                for k, name in kind_set
            )
    return facilities


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


def load_population(rng: random.Random, facilities: list[Facility]) -> int:
    """Monthly headcounts for three years; the last month matches the register if any."""
    held = defaultdict(lambda: {"m": 0, "f": 0, "juv": 0})
    for fid, sex, born in Person.objects.filter(status=CustodyStatus.HELD).values_list(
        "current_facility_id", "sex", "birth_date"
    ):
        held[fid][sex] += 1
        if (TODAY - born).days < 18 * 365:
            held[fid]["juv"] += 1
    months = _months_back(MONTHS)
    rows = []
    for f in facilities:
        h = held.get(f.pk)
        if h:
            men, women, juv = h["m"], h["f"], h["juv"]
        else:
            total = int(f.capacity * rng.uniform(0.4, 1.05))
            women = int(total * rng.uniform(0.0, 0.15))
            men, juv = total - women, 0
            if f.type == FacilityType.JUVENILE_ADAPTATION:
                juv = total
        remand_share = (
            1.0 if f.type in (FacilityType.SIZO, FacilityType.SIZO_KNB, FacilityType.IVS) else 0.0
        )
        for back, month in enumerate(reversed(months)):
            drift = 1 + 0.004 * back + rng.uniform(-0.03, 0.03) if back else 1
            m, w = max(0, round(men * drift)), max(0, round(women * drift))
            remand = round((m + w) * remand_share)
            rows.append(
                PopulationCount(
                    facility=f,
                    date=month,
                    men=m,
                    women=w,
                    juveniles=min(m + w, round(juv * drift)),
                    convicted=m + w - remand,
                    remand=remand,
                    capacity=f.capacity,
                )
            )
    PopulationCount.objects.bulk_create(rows, batch_size=4000, ignore_conflicts=True)
    return len(rows)


def load_users(
    facilities: list[Facility], regions: dict[str, Region]
) -> list[tuple[str, str, str]]:
    region = regions[DEMO_REGION]
    home = next(f for f in facilities if f.region_id == region.pk and f.type == FacilityType.COLONY)
    npm_places = [
        home,
        *[f for f in facilities if f.region_id == region.pk and f.type != FacilityType.COLONY][:2],
    ]
    logins = []
    for username, role, scope, full_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "organisation": "Demo"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.SYSADMIN
            user.is_superuser = role == Role.SYSADMIN
            user.save()
        if not user.memberships.exists():
            m = Membership.objects.create(
                user=user,
                role=role,
                scope=scope,
                region=region if scope in (ScopeKind.REGION, ScopeKind.JURISDICTION) else None,
            )
            if scope == ScopeKind.FACILITY:
                m.facilities.set([home])
            elif scope == ScopeKind.ASSIGNMENT:
                m.facilities.set(npm_places)
        logins.append((username, DEMO_PASSWORD, str(Role(role).label)))
    return logins


def load(
    *, people: int = 37000, progress: Callable[[str], None] = print
) -> list[tuple[str, str, str]]:
    """Load everything; return the demo logins (username, password, role)."""
    rng = random.Random(SEED)
    with transaction.atomic():
        regions = load_regions()
        facilities = load_facilities(rng, regions)
        progress(f"places: {len(regions)} regions, {len(facilities)} places of detention")
    if not Person.objects.filter(current_facility__code__startswith="SIZO-").exists():
        n = load_people(random.Random(SEED + 1), facilities, people, progress)
        progress(f"people: {n} people held")
    else:
        progress("people: already loaded")
    with transaction.atomic():
        rows = load_population(random.Random(SEED + 2), facilities)
        progress(f"population: {rows} monthly counts")
        logins = load_users(facilities, regions)
        n_complaints = load_complaints(random.Random(SEED + 3))
        n_terminals = load_terminals(random.Random(SEED + 4))
        progress(f"complaints: {n_complaints} new; terminals: {n_terminals} new")
        audit_record(
            actor=None, action="demo.load", details={"places": len(facilities), "people": people}
        )
    return logins
