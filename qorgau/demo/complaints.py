"""Demo complaints and complaint terminals: synthetic, deterministic, in Russian and Kazakh."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from qorgau.complaints.choices import Category, Channel, Status
from qorgau.complaints.models import (
    ComplainantIdentity,
    Complaint,
    NumberSequence,
    Receipt,
    Terminal,
    TerminalStatus,
)
from qorgau.complaints.protocol import CODE_ALPHABET, pairing_code
from qorgau.complaints.receipts import secret_hash
from qorgau.complaints.services import deadlines_for
from qorgau.facilities.models import Facility, FacilityType
from qorgau.people.models import CustodyStatus, Person, search_key

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)

ACCOUNTS = {
    "ru": {
        Category.TORTURE: "Сотрудники избили меня в {zone}, били дубинками по спине и ногам.",
        Category.THREATS: "Мне угрожают переводом в ШИЗО, если я буду писать жалобы.",
        Category.FORCE: "При обыске применили наручники и держали на коленях больше часа.",
        Category.MEDICAL: "Третью неделю не дают лекарства, врач не осматривает.",
        Category.CONDITIONS: "В камере холодно, нет горячей воды, 12 человек на 8 мест.",
        Category.DISCIPLINE: "Меня держат в одиночной камере больше 15 суток без прогулок.",
        Category.FAMILY: "Не дают свидание с семьёй уже два месяца.",
        Category.LAWYER: "Адвоката не пускают, встречи отменяют без причины.",
        Category.CORRESPONDENCE: "Мои письма родным не отправляют.",
        Category.EDUCATION: "Не записывают на учёбу в колледж.",
        Category.BENEFITS: "Не назначают пособие по инвалидности.",
        Category.OTHER: "Прошу проверить условия в отряде.",
    },
    "kk": {
        Category.TORTURE: (
            "Қызметкерлер мені {zone} ұрып-соқты, арқамнан және аяғымнан таяқпен ұрды."
        ),
        Category.THREATS: "Шағым жазсам, айыппұл изоляторына ауыстырамыз деп қорқытады.",
        Category.FORCE: "Тінту кезінде кісен салып, бір сағаттан астам тізерлетіп ұстады.",
        Category.MEDICAL: "Үш апта бойы дәрі бермейді, дәрігер қарамайды.",
        Category.CONDITIONS: "Камерада суық, ыстық су жоқ, 8 орынға 12 адам.",
        Category.DISCIPLINE: "Мені 15 тәуліктен астам серуенсіз жалғыз камерада ұстап отыр.",
        Category.FAMILY: "Екі айдан бері отбасыммен кездесуге рұқсат бермейді.",
        Category.LAWYER: "Адвокатты кіргізбейді, кездесулерді себепсіз тоқтатады.",
        Category.CORRESPONDENCE: "Туыстарыма жазған хаттарым жіберілмейді.",
        Category.EDUCATION: "Колледжге оқуға жазбайды.",
        Category.BENEFITS: "Мүгедектік бойынша жәрдемақы тағайындамайды.",
        Category.OTHER: "Жасақтағы жағдайды тексеруді сұраймын.",
    },
}
CATEGORY_WEIGHTS = [
    (Category.TORTURE, 8),
    (Category.THREATS, 6),
    (Category.FORCE, 6),
    (Category.MEDICAL, 18),
    (Category.CONDITIONS, 16),
    (Category.DISCIPLINE, 8),
    (Category.FAMILY, 10),
    (Category.LAWYER, 6),
    (Category.CORRESPONDENCE, 6),
    (Category.EDUCATION, 3),
    (Category.BENEFITS, 5),
    (Category.OTHER, 8),
]
STATUS_BY_AGE = [  # older complaints are further along
    (30, [Status.REGISTERED, Status.TRIAGED, Status.FORWARDED]),
    (120, [Status.IN_PROGRESS, Status.FORWARDED, Status.ANSWERED]),
    (10_000, [Status.ANSWERED, Status.CLOSED, Status.CLOSED, Status.INADMISSIBLE]),
]
ANSWERS = {
    "ru": {
        Status.ANSWERED: "Жалоба направлена прокурору области; о результатах проверки сообщим.",
        Status.CLOSED: "По жалобе проведена проверка, нарушения устранены. Жалоба закрыта.",
        Status.INADMISSIBLE: (
            "Жалоба не относится к компетенции Уполномоченного; разъясняем порядок обращения в суд."
        ),
    },
    "kk": {
        Status.ANSWERED: "Шағымыңыз облыс прокурорына жіберілді; тексеру нәтижесін хабарлаймыз.",
        Status.CLOSED: "Шағым бойынша тексеру жүргізілді, бұзушылықтар жойылды. Шағым жабылды.",
        Status.INADMISSIBLE: (
            "Шағым Уәкілдің құзыретіне жатпайды; сотқа жүгіну тәртібін түсіндіреміз."
        ),
    },
}
DEMO_RECEIPT = ("DEM2Q-RCPT2", "20262026")  # printed by `qorgau demo` to try the status pages


def _code(rng: random.Random) -> str:
    raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def load_complaints(rng: random.Random, total: int = 900) -> int:
    """Complaints over three years from the penitentiary facilities, most through terminals."""
    if Complaint.objects.exists():
        return 0
    facilities = list(
        Facility.objects.filter(type__in=FacilityType.penitentiary()).prefetch_related("zones")
    )
    held = {}
    for p in Person.objects.filter(status=CustodyStatus.HELD).only(
        "id", "current_facility_id", "surname", "given_name", "birth_date", "iin"
    )[:20000]:
        held.setdefault(p.current_facility_id, []).append(p)
    unusable = "!"  # no secret opens these: only the printed demo receipt works
    complaints, identities, receipts = [], [], []
    for _ in range(total):
        received = NOW - timedelta(
            days=rng.triangular(0, 3 * 365, 60), minutes=rng.randint(0, 1440)
        )
        facility = rng.choice(facilities)
        zone = rng.choice(list(facility.zones.all()))
        cats = [rng.choices([c for c, _ in CATEGORY_WEIGHTS], [w for _, w in CATEGORY_WEIGHTS])[0]]
        if rng.random() < 0.25:
            extra = rng.choice([c for c, _ in CATEGORY_WEIGHTS])
            if extra not in cats:
                cats.append(extra)
        lang = "kk" if rng.random() < 0.35 else "ru"
        text = " ".join(ACCOUNTS[lang][c].format(zone=zone.name) for c in cats)
        age = (NOW - received).days
        status = rng.choice(next(s for limit, s in STATUS_BY_AGE if age <= limit))
        anonymous = rng.random() < 0.4
        channel = (
            Channel.TERMINAL
            if rng.random() < 0.8
            else rng.choice([Channel.WEB, Channel.PAPER, Channel.EMAIL])
        )
        answered = status in (Status.ANSWERED, Status.CLOSED, Status.INADMISSIBLE)
        c = Complaint(
            **deadlines_for(received),
            first_answered_at=received + timedelta(days=rng.randint(1, 6)) if answered else None,
            number="",
            channel=channel,
            received_at=received,
            facility=facility,
            zone=zone,
            about="self",
            categories=[str(x) for x in cats],
            description=text,
            event_date=(received - timedelta(days=rng.randint(0, 10))).date(),
            language=lang,
            consent_prosecutor=rng.random() < 0.5,
            consent_facility=rng.random() < 0.1,
            anonymous=anonymous,
            status=status,
            injuries="Синяки и ссадины." if Category.TORTURE in cats else "",
            search_text=search_key(text),
        )
        complaints.append(c)
    # Numbers follow the order of arrival within each year.
    complaints.sort(key=lambda c: c.received_at)
    counters: dict[int, int] = {}
    for c in complaints:
        counters[c.received_at.year] = counters.get(c.received_at.year, 0) + 1
        c.number = f"CMP-{c.received_at.year}-{counters[c.received_at.year]:06d}"
    Complaint.objects.bulk_create(complaints, batch_size=500)
    # The printed demo receipt belongs to the newest answered complaint.
    demo = max((c for c in complaints if c.status == Status.ANSWERED), key=lambda c: c.received_at)
    for c in complaints:
        code, stored = (
            (DEMO_RECEIPT[0], secret_hash(*DEMO_RECEIPT)) if c is demo else (_code(rng), unusable)
        )
        answer = ANSWERS[c.language][c.status] if c.first_answered_at else ""
        receipts.append(
            Receipt(
                complaint=c,
                code=code,
                secret_hash=stored,
                answer=answer,
                answered_at=c.first_answered_at,
            )
        )
        if not c.anonymous and held.get(c.facility_id):
            p = rng.choice(held[c.facility_id])
            identities.append(
                ComplainantIdentity(
                    complaint=c,
                    full_name=f"{p.surname} {p.given_name}",
                    birth_date=p.birth_date,
                    iin=p.iin or "",
                    person=p,
                )
            )
    Receipt.objects.bulk_create(receipts, batch_size=500)
    ComplainantIdentity.objects.bulk_create(identities, batch_size=500)
    for year, last in counters.items():
        NumberSequence.objects.update_or_create(prefix="CMP", year=year, defaults={"last": last})
    return len(complaints)


@transaction.atomic
def load_terminals(rng: random.Random, total: int = 243) -> int:
    """About 243 kiosks across the penitentiary facilities; a few have fallen silent."""
    if Terminal.objects.exists():
        return 0
    facilities = list(
        Facility.objects.filter(type__in=FacilityType.penitentiary()).order_by("code")
    )
    terminals = []
    for i in range(total):
        facility = facilities[i % len(facilities)]
        key = hashlib.sha256(f"demo-terminal-{i}".encode()).hexdigest()
        silent = rng.random() < 0.05
        # Health is relative to today: a fresh demo shows only the few silent kiosks.
        seen = timezone.now() - (
            timedelta(days=rng.randint(1, 20)) if silent else timedelta(minutes=rng.randint(0, 20))
        )
        terminals.append(
            Terminal(
                verify_key=key,
                pairing_code=pairing_code(bytes.fromhex(key)),
                facility=facility,
                label=f"Терминал {i // len(facilities) + 1}",
                status=TerminalStatus.ACTIVE,
                paired_at=NOW - timedelta(days=rng.randint(200, 900)),
                last_seen_at=seen,
                last_delivery_at=seen - timedelta(hours=rng.randint(1, 72)),
                outbox_depth=rng.randint(1, 9) if silent else 0,
                software="qorgau-terminal 1",
            )
        )
    Terminal.objects.bulk_create(terminals)
    return len(terminals)
