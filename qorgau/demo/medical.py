"""Demo medical examinations: three years of arrivals examined, periodic and on-request visits.

Every admission and transfer of the register in the last three years gets its
examination on arrival, most within 24 hours and a few late or missing, with two
places doing worse. Injuries on arrival are rare except from a few police units,
so that "where injuries come from" points at them. The most recent flagged
arrivals in the demo region go through the real service: they open case files,
and some notifications are sent to the prosecutor as PDF reports.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.facilities.models import Facility, FacilityType
from qorgau.medical.choices import BodyRegion, BodySide, Consistency, ExaminationKind, InjuryKind
from qorgau.medical.models import Examination, Injury
from qorgau.medical.services import examination_record, notification_send
from qorgau.people.models import CustodyStatus, Person, Placement, PlacementKind

from .data import DEMO_REGION, TODAY, TOWNS

YEARS = 3
# Police units whose arrivals come with injuries far more often than elsewhere.
HOT_UNITS = {"KZ-35": 2, "KZ-79": 1, "KZ-75": 4}
HOT_RATE, USUAL_RATE, TRANSFER_RATE = 0.3, 0.004, 0.002
# Through the service, with case files: the latest flagged arrivals in the demo region.
THROUGH_SERVICE, NOTIFIED = 6, 3
_BEATING = [
    (BodyRegion.FACE, BodySide.FRONT),
    (BodyRegion.HEAD, BodySide.BACK),
    (BodyRegion.BACK_UPPER, BodySide.BACK),
    (BodyRegion.BACK_LOWER, BodySide.BACK),
    (BodyRegion.CHEST, BodySide.FRONT),
    (BodyRegion.ARM_LEFT, BodySide.FRONT),
    (BodyRegion.ARM_RIGHT, BodySide.FRONT),
    (BodyRegion.LEG_LEFT, BodySide.FRONT),
    (BodyRegion.HAND_RIGHT, BodySide.FRONT),
]
_COLOURS = ["багрово-синюшный", "синюшный", "жёлто-зелёный", "красный"]


def _unit(code: str, n: int) -> str:
    return f"ОП №{n} УП г. {TOWNS[code][1]}"


def _source(rng: random.Random, code: str) -> tuple[str, bool]:
    """Where a person admitted to a SIZO came from, and whether that unit is a hot one."""
    if rng.random() < 0.3:
        return f"ИВС ДП г. {TOWNS[code][1]}", False
    n = rng.randint(1, 6)
    return _unit(code, n), HOT_UNITS.get(code) == n


def _when(rng: random.Random, at: datetime, late_share: float) -> datetime | None:
    roll = rng.random()
    if roll < late_share / 3:
        return None  # never examined
    if roll < late_share:
        return at + timedelta(hours=rng.uniform(25, 60))
    return at + timedelta(hours=rng.uniform(0.5, 20))


def _injuries(rng: random.Random, examination: Examination, hot: bool) -> list[Injury]:
    out = []
    for region, side in rng.sample(_BEATING, rng.randint(1, 4) if hot else 1):
        out.append(
            Injury(
                examination=examination,
                body_region=region,
                side=side,
                kind=rng.choice(
                    [InjuryKind.BRUISE] * 4 + [InjuryKind.ABRASION, InjuryKind.SWELLING]
                ),
                size_cm=round(rng.uniform(1, 9), 1),
                colour=rng.choice(_COLOURS),
                shape=rng.choice(["овальный", "полосовидный", "неправильной формы"]),
                estimated_age=rng.choice(["1–2 суток", "3–5 суток", "до суток"]),
                consistency=rng.choice([Consistency.CONSISTENT, Consistency.HIGHLY_CONSISTENT])
                if hot
                else Consistency.NONE,
            )
        )
    return out


def _arrival_exams(rng, doctor, since) -> tuple[list[Examination], list[tuple[int, bool]]]:
    """An examination for each arrival; and, by index, those with injuries (hot or not)."""
    poor = set(
        Facility.objects.filter(type=FacilityType.SIZO)
        .order_by("code")
        .values_list("pk", flat=True)[2:4]
    )
    exams, injured = [], []
    rows = Placement.objects.filter(
        kind__in=[PlacementKind.ADMISSION, PlacementKind.TRANSFER], at__date__gte=since
    ).values_list(
        "person_id", "facility_id", "facility__region__code", "kind", "at", "from_facility__name_ru"
    )
    for person_id, facility_id, code, kind, at, from_name in rows.iterator():
        when = _when(rng, at, 0.35 if facility_id in poor else 0.06)
        if when is None:
            continue
        if kind == PlacementKind.ADMISSION:
            arrived_from, hot = _source(rng, code)
            rate = HOT_RATE if hot else USUAL_RATE
        else:
            arrived_from, hot, rate = from_name or "", False, TRANSFER_RATE
        e = Examination(
            person_id=person_id,
            facility_id=facility_id,
            kind=ExaminationKind.ADMISSION
            if kind == PlacementKind.ADMISSION
            else ExaminationKind.TRANSFER,
            examined_at=min(when, timezone.now()),
            examiner=doctor,
            arrived_from=arrived_from,
            account="",
        )
        if rng.random() < rate:
            e.alleges_ill_treatment = hot and rng.random() < 0.6
            e.findings = "Телесные повреждения, см. карту тела."
            e.conclusion = rng.choice(
                [Consistency.CONSISTENT, Consistency.HIGHLY_CONSISTENT]
                if hot
                else [Consistency.NONE]
            )
            e.told_of_independent_exam = True
            injured.append((len(exams), hot))
        exams.append(e)
    return exams, injured


def _routine_exams(rng, doctor, since) -> list[Examination]:
    """Periodic check-ups (about yearly for part of those held) and visits on request."""
    exams = []
    held = Person.objects.filter(status=CustodyStatus.HELD).values_list("pk", "current_facility_id")
    days = (TODAY - since).days
    for person_id, facility_id in held.iterator():
        for kind, chance in ((ExaminationKind.PERIODIC, 0.35), (ExaminationKind.ON_REQUEST, 0.1)):
            if rng.random() < chance:
                day = TODAY - timedelta(days=rng.randint(1, min(days, 360)))
                at = datetime(
                    day.year,
                    day.month,
                    day.day,
                    rng.randint(9, 16),
                    tzinfo=timezone.get_current_timezone(),
                )
                exams.append(
                    Examination(
                        person_id=person_id,
                        facility_id=facility_id,
                        kind=kind,
                        examined_at=at,
                        examiner=doctor,
                        findings="Без особенностей." if kind == ExaminationKind.PERIODIC else "",
                    )
                )
    return exams


def _flagged_through_service(rng: random.Random, doctor: User) -> int:
    """The latest arrivals in the demo region, examined with findings: real case files."""
    people = (
        Person.objects.filter(
            status=CustodyStatus.HELD,
            current_facility__region__code=DEMO_REGION,
            current_facility__type=FacilityType.SIZO,
        )
        .select_related("current_facility")
        .order_by("-pk")[:THROUGH_SERVICE]
    )
    made = 0
    for i, person in enumerate(people):
        examination = examination_record(
            actor=doctor,
            person=person,
            facility=person.current_facility,
            kind=ExaminationKind.RETURN_FROM_POLICE,
            examined_at=timezone.now() - timedelta(hours=2 + 5 * i),
            account="Со слов: при допросе в отделе полиции били руками и ногами по спине и голове.",
            alleges_ill_treatment=True,
            findings="Кровоподтёки спины и головы, ссадина лица.",
            arrived_from=_unit(DEMO_REGION, HOT_UNITS[DEMO_REGION]),
            injuries_unexplained=True,
            conclusion=Consistency.HIGHLY_CONSISTENT,
            interpretation="Повреждения по локализации и давности соответствуют рассказу.",
            told_of_independent_exam=True,
            consent_disclosure=i % 2 == 0,
            psych_signs=["anxiety", "sleep"],
            injuries=[
                {
                    "body_region": r,
                    "side": s,
                    "kind": InjuryKind.BRUISE,
                    "size_cm": 4.0,
                    "colour": "синюшный",
                    "consistency": Consistency.HIGHLY_CONSISTENT,
                }
                for r, s in rng.sample(_BEATING, 2)
            ],
        )
        if i < NOTIFIED:
            notification_send(actor=doctor, examination=examination)
        made += 1
    return made


def load_medical(rng: random.Random) -> int:
    """Examinations for the register over three years; idempotent (none twice)."""
    if Examination.objects.exclude(kind=ExaminationKind.AFTER_FORCE).exists():
        return 0
    doctor = User.objects.get(username="doctor")
    since = TODAY - timedelta(days=365 * YEARS)
    exams, injured = _arrival_exams(rng, doctor, since)
    exams += _routine_exams(rng, doctor, since)
    Examination.objects.bulk_create(exams, batch_size=2000)
    injuries = [i for index, hot in injured for i in _injuries(rng, exams[index], hot)]
    Injury.objects.bulk_create(injuries, batch_size=4000)
    return len(exams) + _flagged_through_service(rng, doctor)
