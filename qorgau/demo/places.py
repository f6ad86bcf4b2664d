"""Demo places of detention: regions, 78 penitentiary institutions and other places, zones."""

from __future__ import annotations

import random

from qorgau.facilities.models import (
    DEFAULT_ZONE_RISK,
    Agency,
    Facility,
    FacilityType,
    Region,
    RiskLevel,
    SecurityRegime,
    Zone,
    ZoneKind,
)

from . import data

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
