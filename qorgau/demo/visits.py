"""Demo NPM at national scale for one year: the council, about 60 participants, the annual
plan, about 460 visits to the places of the register, their teams, findings, over 3,000
recommendations followed over time, reports in every step of their workflow, reimbursements
and the budget.

The year is the one before the demo's TODAY, so that its recommendations have had time to be
answered and verified (about 40% implemented, as in 2023). A few visits of TODAY's year are
planned or under way, so that the participant "npm" has current work. Places: the NPM visits
far more than the penitentiary system, so at national scale the register grows to about 475
places (more police cells, care homes, hospitals) before the visits are drawn.

Everything is written with bulk_create; the rules of the planning service hold (teams of
three to five with one leader, nobody on a team at a place they declared a conflict with,
nobody on two teams on the same day).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import translation

from qorgau.accounts.models import User
from qorgau.complaints.models import NumberSequence
from qorgau.facilities.models import (
    DEFAULT_ZONE_RISK,
    Agency,
    Facility,
    FacilityType,
    PopulationCount,
    Region,
    RiskLevel,
    Zone,
)
from qorgau.recommendations.choices import Priority, Status, Theme
from qorgau.recommendations.models import Recommendation, StatusChange
from qorgau.visits.choices import ReportStatus, SectionKey
from qorgau.visits.funding.services import current_rates, reimbursement_amount
from qorgau.visits.models import (
    AnnualPlan,
    Answer,
    Budget,
    ChecklistQuestion,
    ChecklistTemplate,
    ConflictDeclaration,
    CouncilDecision,
    Finding,
    Participant,
    Reimbursement,
    Report,
    ReportSection,
    ReportVersion,
    TeamMember,
    Visit,
)

from . import data
from .data import DEMO_REGION, TODAY
from .places import _ZONE_SET, OTHER_PLACES, ZONES_BY_TYPE

YEAR = TODAY.year - 1
MCI_OF_YEAR = Decimal("3932")  # the MCI in force in the demo's year: frozen on its rows
# Places the NPM visits beyond the 192 of places.py: (type, agency, first number, how many).
EXTRA_PLACES = [
    (FacilityType.IVS, 41, 120),
    (FacilityType.SPECIAL_RECEPTION, 21, 20),
    (FacilityType.PSYCHIATRIC, 11, 25),
    (FacilityType.HEALTH, 1, 30),
    (FacilityType.SOCIAL_CARE, 16, 60),
    (FacilityType.ORPHANAGE, 7, 14),
    (FacilityType.SPECIAL_SCHOOL, 5, 6),
    (FacilityType.MILITARY_GUARDHOUSE, 6, 8),
]
HEALTH_WORDS = (
    FacilityType.HEALTH,
    Agency.HEALTH,
    "Центр наркологической помощи",
    "Наркологиялық көмек орталығы",
    "Addiction treatment centre",
    (40, 160),
)
EXPERTISE = ["doctor", "psychiatrist", "lawyer", "psychologist", "social_worker", "human_rights"]
EXPERTISE_W = [15, 6, 30, 14, 10, 22]
ORGANISATIONS = [
    "ОО «Хартия за права человека»",
    "ОФ «Казахстанское бюро по правам человека»",
    "ОО «Дети Казахстана»",
    "Коллегия адвокатов",
    "ОФ «Сана Сезим»",
    "ОО «Общественный контроль»",
    "Ассоциация психологов",
    "ОО «Правовой диалог»",
]
THEME_W = {
    "material": 18,
    "health": 16,
    "discipline": 10,
    "dignity": 8,
    "complaints": 8,
    "contact": 8,
    "legal": 7,
    "staff": 6,
    "activities": 6,
    "vulnerable": 6,
    "restrictions": 5,
    "investigation": 2,
}
FINDINGS = {
    "material": ["Камеры переполнены", "Нет естественного освещения", "Сырость и плесень"],
    "health": ["Нет врача в ночное время", "Осмотр при поступлении не проводится"],
    "discipline": [
        "Помещение в ШИЗО без медицинского заключения",
        "Одиночное содержание >15 суток",
    ],
    "dignity": ["Обыски с полным раздеванием при других", "Оскорбительное обращение персонала"],
    "complaints": ["Ящик для жалоб под контролем администрации", "Жалобы не регистрируются"],
    "contact": ["Ограничены телефонные звонки", "Нет комнаты для длительных свиданий"],
    "legal": ["Задержанные не уведомлены о правах", "Адвокат допускается с задержкой"],
    "staff": ["Нехватка персонала в ночную смену", "Персонал не обучен Стамбульскому протоколу"],
    "activities": ["Нет занятий и обучения", "Прогулка меньше часа в день"],
    "vulnerable": ["Нет пандуса для людей с инвалидностью", "Несовершеннолетние со взрослыми"],
    "restrictions": ["Наручники применяются без записи", "Спецсредства без учёта"],
    "investigation": ["Смерть не расследована независимо", "Травмы не сообщены прокурору"],
}
GOOD = ["Видеозвонки родственникам", "Отдельная комната для бесед с адвокатом"]
ACTIONS = {
    "material": ("Привести наполняемость камер в соответствие с лимитом", "Наполняемость ≤ 100%"),
    "health": ("Обеспечить круглосуточное дежурство врача", "Дежурства в графике за 3 месяца"),
    "discipline": ("Помещать в ШИЗО только после осмотра врача", "Заключения в каждом деле"),
    "dignity": ("Проводить обыски в отдельном помещении", "Журнал обысков без замечаний"),
    "complaints": ("Передать ключ от ящика прокурору", "Вскрытие ящика только прокурором"),
    "contact": ("Разрешить ежедневный телефонный звонок", "Журнал звонков"),
    "legal": ("Вручать памятку о правах при задержании", "Подписи в 100% протоколов"),
    "staff": ("Укомплектовать ночную смену", "Штат заполнен на 95%"),
    "activities": ("Обеспечить прогулку не менее часа", "Журнал прогулок"),
    "vulnerable": ("Оборудовать пандус и санузел", "Акт приёмки работ"),
    "restrictions": ("Вести журнал применения спецсредств", "Журнал проверен прокурором"),
    "investigation": ("Сообщать о каждой травме прокурору в 24 часа", "Уведомления в срок"),
}
STANDARDS = {
    "material": "Mandela Rules 12–17",
    "health": "Mandela Rules 24–35",
    "discipline": "Mandela Rules 36–46",
    "dignity": "Mandela Rules 1, 50–52",
    "complaints": "Mandela Rules 54–57",
    "contact": "Mandela Rules 58–63",
    "legal": "Mandela Rules 61, 119",
    "staff": "Mandela Rules 74–82",
    "activities": "Mandela Rules 4, 23, 96–104",
    "vulnerable": "Mandela Rules 2, 5",
    "restrictions": "Mandela Rules 47–53",
    "investigation": "Mandela Rules 71–72",
}
# Where the recommendations of sent reports stand as of TODAY: about 40% implemented overall.
STATUS_W = {
    Status.IMPLEMENTED: 0.445,
    Status.PARTLY: 0.14,
    Status.IN_PROGRESS: 0.17,
    Status.NOT_STARTED: 0.07,
    Status.NOT_IMPLEMENTED: 0.09,
    Status.REJECTED: 0.05,
    Status.NOT_RELEVANT: 0.035,
}
NOTES = {
    Status.NOT_IMPLEMENTED: "Повторный визит: не выполнено.",
    Status.REJECTED: "Ведомство не согласилось с рекомендацией.",
    Status.NOT_RELEVANT: "Помещение закрыто на реконструкцию.",
}
SENT = {ReportStatus.SENT, ReportStatus.COMMENTED, ReportStatus.FINAL, ReportStatus.PUBLISHED}
FLOW = [s.value for s in ReportStatus]


def _at(d: date, hour: int = 10) -> datetime:
    return datetime.combine(d, time(hour - 5)).replace(tzinfo=UTC)  # Astana is UTC+5


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def load_extra_places(rng: random.Random) -> int:
    """More police cells, care homes and hospitals, so the register holds about 475 places."""
    words = {spec[0]: spec[:6] for spec in OTHER_PLACES} | {FacilityType.HEALTH: HEALTH_WORDS}
    codes = [r[0] for r in data.REGIONS]
    regions = {r.code: r for r in Region.objects.all()}
    new = []
    for ftype, first, count in EXTRA_PLACES:
        _t, agency, ru_w, kk_w, en_w, (lo, hi) = words[ftype]
        for i in range(first, first + count):
            code = codes[(i * 7) % len(codes)]
            kk, ru, en = data.TOWNS[code]
            new.append(
                Facility(
                    code=f"{ftype.upper()}-{i:03d}",
                    type=ftype,
                    agency=agency,
                    regime="",
                    region=regions[code],
                    name_ru=f"{ru_w} №{i} ({ru})",
                    name_kk=f"№{i} {kk_w[0].lower() + kk_w[1:]} ({kk})",
                    name_en=f"{en_w} No. {i} ({en})",
                    address=f"{ru}, ул. Абая, {i}",
                    capacity=rng.randint(lo, hi),
                )
            )
    existing = set(Facility.objects.filter(code__in=[f.code for f in new]).values_list("code"))
    new = [f for f in new if (f.code,) not in existing]
    Facility.objects.bulk_create(new)
    made = list(Facility.objects.filter(code__in=[f.code for f in new]))
    Zone.objects.bulk_create(
        Zone(facility=f, kind=k, name=n, risk_level=DEFAULT_ZONE_RISK.get(k, RiskLevel.LOW))
        for f in made
        for k, n in ZONES_BY_TYPE[_ZONE_SET.get(f.type, "care")]
    )
    month = TODAY.replace(day=1)
    counts = []
    for f in made:
        total = int(f.capacity * rng.uniform(0.4, 1.0))
        women = int(total * rng.uniform(0.0, 0.4))
        counts.append(
            PopulationCount(
                facility=f,
                date=month,
                men=total - women,
                women=women,
                convicted=0,
                remand=0,
                juveniles=total
                if f.type in (FacilityType.ORPHANAGE, FacilityType.SPECIAL_SCHOOL)
                else 0,
                capacity=f.capacity,
            )
        )
    PopulationCount.objects.bulk_create(counts, ignore_conflicts=True)
    return len(made)


def _decision(n: int, d: date, kind: str, title: str, year: int | None = None):
    return CouncilDecision(number=f"{n}/{d.year}", date=d, kind=kind, title=title, year=year)


def _participants(rng, n: int, regions: list[Region], admissions: list) -> list[Participant]:
    users = {u.username: u for u in User.objects.filter(username__in=["npm", "npm.coordinator"])}
    home = next(r for r in regions if r.code == DEMO_REGION)
    people = []
    if "npm" in users:
        people.append(("Бекова Жанар", "f", ["lawyer"], users["npm"], home))
    if "npm.coordinator" in users:
        people.append(("Ким Ольга", "f", ["human_rights"], users["npm.coordinator"], home))
    while len(people) < n:
        female = rng.random() < 0.55
        surname = rng.choice(data.SURNAMES_M)
        if female:
            name = f"{data.feminine(surname)} {rng.choice(data.GIVEN_F)}"
        else:
            name = f"{surname} {rng.choice(data.GIVEN_M)}"
        skills = [rng.choices(EXPERTISE, EXPERTISE_W)[0]]
        if rng.random() < 0.15:
            skills.append(rng.choice([e for e in EXPERTISE if e != skills[0]]))
        people.append((name, "f" if female else "m", skills, None, rng.choice(regions)))
    rows, homes = [], []
    for i, (name, gender, skills, user, region) in enumerate(people):
        decision = admissions[0] if i < n * 0.6 else admissions[1 if i < n * 0.85 else 2]
        langs = rng.choices([["kk", "ru"], ["ru"], ["kk", "ru", "en"]], [70, 20, 10])[0]
        rows.append(
            Participant(
                user=user,
                full_name=name,
                gender=gender,
                organisation=rng.choice(ORGANISATIONS),
                expertise=skills,
                languages=langs,
                active_from=decision.date,
                admitted_by=decision,
                phone=f"+7 701 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            )
        )
        homes.append(region)
    Participant.objects.bulk_create(rows)
    through = Participant.regions.through
    links = []
    for p, region in zip(rows, homes, strict=True):
        picks = {region, *rng.sample(regions, rng.choice([0, 0, 1, 2]))}
        links += [through(participant_id=p.pk, region_id=r.pk) for r in picks]
    through.objects.bulk_create(links)
    p_regions = defaultdict(set)
    for link in links:
        p_regions[link.participant_id].add(link.region_id)
    for p in rows:
        p.region_ids = p_regions[p.pk]  # type: ignore[attr-defined] - used while drawing teams
    return rows


class _Teams:
    """Draws teams that keep the planning rules."""

    def __init__(self, rng, participants, conflicts, pinned):
        self.rng, self.people, self.conflicts = rng, participants, conflicts
        self.pinned = pinned  # participant to put on some visits (the demo user "npm")
        self.busy: dict[int, set[date]] = defaultdict(set)

    def draw(self, visit: Visit, days: list[date], pin: bool = False) -> list[TeamMember]:
        rng, fac = self.rng, visit.facility
        free = [
            p
            for p in self.people
            if p.active_from <= days[0]
            and p is not self.pinned
            and (p.pk, fac.pk) not in self.conflicts
            and not self.busy[p.pk] & set(days)
        ]
        size = rng.choices([3, 4, 5], [40, 40, 20])[0]
        team: list[Participant] = []
        if pin and self.pinned is not None and not self.busy[self.pinned.pk] & set(days):
            team.append(self.pinned)
        medics = [p for p in free if {"doctor", "psychiatrist"} & set(p.expertise)]
        if medics and rng.random() < 0.82:
            team.append(rng.choice(medics))
        weights = [6 if fac.region_id in p.region_ids else 1 for p in free]
        while len(team) < size and len(team) < len(free):
            p = rng.choices(free, weights)[0]
            if p not in team:
                team.append(p)
        for p in team:
            self.busy[p.pk].update(days)
        lead = 0 if pin and team and team[0] is self.pinned else rng.randrange(len(team))
        return [
            TeamMember(
                visit=visit,
                participant=p,
                role="leader" if i == lead else "member",
                days=len(days) if rng.random() < 0.85 else max(1, len(days) - 1),
            )
            for i, p in enumerate(team)
        ]


def _dates(rng, start: date) -> list[date]:
    n = rng.choices([1, 2, 3], [45, 40, 15])[0]
    return [start + timedelta(days=k) for k in range(n)]


def load_visits(rng: random.Random, *, national: bool = True) -> dict[str, int]:
    """The year's NPM (idempotent: nothing is added when the year's visits exist)."""
    if Visit.objects.filter(number__startswith=f"VIS-{YEAR}-").exists():
        return {}
    places = load_extra_places(rng) if national else 0
    n_visits, n_people = (461, 60) if national else (46, 14)
    coordinator = User.objects.filter(username="npm.coordinator").first()
    regions = list(Region.objects.all())
    facilities = list(Facility.objects.select_related("region").order_by("code"))

    # The council: admissions, the plans, monthly adoptions of visit reports.
    admissions = [
        _decision(1, date(YEAR - 2, 2, 15), "admission", "Допуск участников НПМ"),
        _decision(2, date(YEAR - 1, 3, 12), "admission", "Допуск участников НПМ"),
        _decision(1, date(YEAR, 1, 28), "admission", "Допуск участников НПМ"),
    ]
    plan_dec = _decision(9, date(YEAR - 1, 12, 20), "annual_plan", f"План посещений {YEAR}", YEAR)
    next_dec = _decision(14, date(YEAR, 12, 18), "annual_plan", f"План посещений {YEAR + 1}")
    next_dec.year = YEAR + 1
    adoptions = [
        _decision(
            20 + m,
            date(YEAR + (m > 12), (m - 1) % 12 + 1, 25),
            "report_adoption",
            "Принятие отчётов о посещениях",
        )
        for m in range(2, 23)
        if date(YEAR + (m > 12), (m - 1) % 12 + 1, 25) < TODAY
    ]
    CouncilDecision.objects.bulk_create([*admissions, plan_dec, next_dec, *adoptions])
    plan = AnnualPlan.objects.create(year=YEAR, status="approved", decision=plan_dec)
    plan_next = AnnualPlan.objects.create(year=YEAR + 1, status="approved", decision=next_dec)

    people = _participants(rng, n_people, regions, admissions)
    pinned = next((p for p in people if p.user and p.user.username == "npm"), None)
    conflicts = set()
    declarations = []
    for p in rng.sample(people[2:], min(8, len(people) - 2)):
        f = rng.choice(facilities)
        conflicts.add((p.pk, f.pk))
        declarations.append(
            ConflictDeclaration(
                participant=p,
                facility=f,
                reason="Родственник работает в учреждении",
                declared_on=p.active_from,
            )
        )
    ConflictDeclaration.objects.bulk_create(declarations)
    checklist = ChecklistTemplate.objects.filter(status="published").order_by("-version").first()

    # Visits: planned and special ones to distinct places, follow-ups of earlier ones.
    n_follow, n_special = round(n_visits * 0.14), round(n_visits * 0.2)
    n_first = n_visits - n_follow
    chosen = rng.sample(facilities, min(n_first, len(facilities)))
    while len(chosen) < n_first:
        chosen.append(rng.choice(facilities))
    first = []
    for i, fac in enumerate(chosen):
        special = i < n_special
        start = _weekday(date(YEAR, 1, 13) + timedelta(days=rng.randint(0, 335)))
        first.append((fac, "special" if special else "planned", start, None))
    early = sorted((v for v in first if v[2] < date(YEAR, 9, 20)), key=lambda v: v[2])
    follow = []
    for prior in rng.sample(early, min(n_follow, len(early))):
        start = _weekday(prior[2] + timedelta(days=rng.randint(60, 100)))
        follow.append((prior[0], "follow_up", min(start, date(YEAR, 12, 19)), prior))
    drafts = sorted(first + follow, key=lambda v: v[2])
    teams = _Teams(rng, people, conflicts, pinned)
    pin_at = set(rng.sample(range(len(drafts)), min(5, len(drafts))))
    visits, members, by_draft = [], [], {}
    for n, draft in enumerate(drafts, start=1):
        fac, kind, start, prior = draft
        days = _dates(rng, start)
        cancelled = n % 97 == 0
        v = Visit(
            number=f"VIS-{YEAR}-{n:06d}",
            kind=kind,
            facility=fac,
            plan=plan if kind == "planned" else None,
            quarter=(start.month - 1) // 3 + 1 if kind == "planned" else None,
            status="cancelled" if cancelled else "done",
            start_date=days[0],
            end_date=days[-1],
            follows=by_draft.get(id(prior)) if prior else None,
            purpose="Проверка условий содержания и обращения"
            if kind != "special"
            else "Реагирование на сообщение о ненадлежащем обращении",
            announced=kind == "planned" and rng.random() < 0.25,
            cooperation=""
            if cancelled
            else rng.choices(["full", "partial", "obstructed"], [74, 21, 5])[0],
            checklist=checklist,
            created_by=coordinator,
        )
        by_draft[id(draft)] = v
        visits.append((v, days))
    # Follow-ups point at visits of the same year: those are written first.
    Visit.objects.bulk_create([v for v, _d in visits if v.follows is None])
    Visit.objects.bulk_create([v for v, _d in visits if v.follows is not None])
    for i, (v, days) in enumerate(visits):
        members += teams.draw(v, days, pin=i in pin_at)
    TeamMember.objects.bulk_create(members, batch_size=2000)
    done = [v for v, _d in visits if v.status == "done"]
    if checklist is not None and pinned is not None:
        answered = [v for i, (v, _d) in enumerate(visits) if i in pin_at and v.status == "done"]
        _answers(rng, checklist, answered, pinned.user)

    # Findings, reports, recommendations and their history, reimbursements.
    findings = []
    themes_w = (list(THEME_W), list(THEME_W.values()))
    for v in done:
        for k in range(rng.randint(3, 8)):
            good = rng.random() < 0.08
            theme = rng.choices(*themes_w)[0]
            findings.append(
                Finding(
                    visit=v,
                    theme=theme,
                    order=k,
                    good_practice=good,
                    by=coordinator,
                    title=rng.choice(GOOD if good else FINDINGS[theme]),
                    text="Подтверждено беседами и наблюдением группы.",
                    sources=rng.sample(["authorities", "detainees", "others"], rng.randint(1, 3))
                    + ["observation"],
                    created_at=_at(v.end_date, 17),
                )
            )
    Finding.objects.bulk_create(findings)
    per_visit = defaultdict(list)
    for f in findings:
        per_visit[f.visit_id].append(f)

    ordered = sorted(done, key=lambda v: v.end_date)
    reports, status_of = [], {}
    for i, v in enumerate(ordered):
        p = i / max(1, len(ordered) - 1)
        status = (
            "draft"
            if p > 0.965
            else "review"
            if p > 0.93
            else "adopted"
            if p > 0.88
            else "commented"
            if p > 0.80
            else "sent"
            if p > 0.70
            else rng.choices(["final", "published"], [40, 60])[0]
        )
        status_of[v.pk] = status
        adopted = next((d for d in adoptions if d.date >= v.end_date + timedelta(days=21)), None)
        if FLOW.index(status) >= FLOW.index("adopted") and adopted is None:
            status = status_of[v.pk] = "review"
        sent = adopted.date + timedelta(days=5) if adopted and status in SENT else None
        reports.append(
            Report(
                visit=v,
                status=status,
                language=rng.choices(["ru", "kk"], [75, 25])[0],
                adopted_by=adopted if FLOW.index(status) >= FLOW.index("adopted") else None,
                sent_at=_at(sent) if sent else None,
                published_at=_at(min(sent + timedelta(days=60), TODAY - timedelta(days=1)))
                if status == "published"
                else None,
                created_at=_at(v.end_date, 18),
            )
        )
    Report.objects.bulk_create(reports)

    recs, links, changes = [], [], []
    follow_of = {v.follows_id: v for v in done if v.follows_id}
    through = Recommendation.findings.through
    n_rec = 0
    status_w = (list(STATUS_W), list(STATUS_W.values()))
    for rep in reports:
        v = rep.visit
        problems = [f for f in per_visit[v.pk] if not f.good_practice] or per_visit[v.pk]
        for k in range(rng.randint(4, 10)):
            n_rec += 1
            f = problems[k % len(problems)]
            action, indicator = ACTIONS[f.theme]
            agency = v.facility.agency if rng.random() < 0.85 or f.theme != "health" else "health"
            issued = v.end_date + timedelta(days=3)
            rec = Recommendation(
                number=f"REC-{YEAR}-{n_rec:06d}",
                visit=v,
                facility=v.facility,
                action=action,
                addressee_agency=agency,
                responsible_unit="Руководство учреждения",
                indicator=indicator,
                deadline=issued + timedelta(days=rng.choice([90, 180, 365])),
                priority=rng.choices(["high", "medium", "low"], [30, 50, 20])[0],
                theme=f.theme,
                standards=STANDARDS[f.theme],
                order=k + 1,
                created_by=coordinator,
                created_at=_at(issued),
            )
            history = [(Status.NOT_STARTED, issued, "", None)]
            if rep.sent_at:
                final = rng.choices(*status_w)[0]
                sent = rep.sent_at.date()
                t1 = min(sent + timedelta(days=rng.randint(20, 80)), TODAY - timedelta(days=2))
                later = follow_of.get(v.pk)
                if final in (Status.REJECTED, Status.NOT_RELEVANT):
                    history.append((final, t1, NOTES[final], None))
                elif final != Status.NOT_STARTED:
                    history.append((Status.IN_PROGRESS, t1, "", None))
                    if final != Status.IN_PROGRESS:
                        span = max(1, (TODAY - t1).days - 1)
                        t2, seen = t1 + timedelta(days=rng.randint(1, span)), None
                        if later and later.end_date > t1:
                            t2, seen = later.end_date, later
                        history.append((final, t2, NOTES.get(final, ""), seen))
            rec.status, last, _n, _s = history[-1]
            rec.status_at = _at(last, 12)
            recs.append(rec)
            for st, at, note, seen in history:
                changes.append((rec, st, at, note, seen))
            links.append((rec, f))
    Recommendation.objects.bulk_create(recs, batch_size=1000)
    through.objects.bulk_create(
        [through(recommendation_id=r.pk, finding_id=f.pk) for r, f in links], batch_size=2000
    )
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                recommendation=r,
                status=st,
                at=_at(at, 12),
                by=coordinator,
                note=note,
                verified_on=seen,
            )
            for r, st, at, note, seen in changes
        ],
        batch_size=2000,
    )
    _sections_and_versions(reports, per_visit, recs, coordinator)
    spent = _reimbursements(rng, members, visits)
    Budget.objects.update_or_create(
        year=YEAR, defaults={"amount": (spent / Decimal("0.92")).quantize(Decimal("1E6"))}
    )
    Budget.objects.update_or_create(
        year=YEAR + 1, defaults={"amount": (spent * Decimal("1.08")).quantize(Decimal("1E6"))}
    )
    current = _current_visits(rng, facilities, plan_next, teams, coordinator, national)
    _sequences(len(visits), n_rec, current)
    return {
        "places": places,
        "participants": len(people),
        "visits": len(visits) + current,
        "findings": len(findings),
        "recommendations": len(recs),
    }


def _answers(rng, checklist, visits, by) -> None:
    """The checklist filled in on a few visits of the demo's participant (photos left out)."""
    questions = list(
        ChecklistQuestion.objects.filter(section__template=checklist).exclude(answer_type="photo")
    )
    rows = []
    for v in visits:
        for q in questions:
            a = Answer(visit=v, question=q, answered_by=by, created_at=_at(v.start_date, 14))
            if q.answer_type == "choice":
                a.choice = rng.choices(["yes", "partly", "no", "na"], [55, 20, 20, 5])[0]
            elif q.answer_type == "number":
                a.number = Decimal(rng.randint(0, 40))
            else:
                a.text = "Со слов администрации и по наблюдению группы."
            rows.append(a)
    Answer.objects.bulk_create(rows, batch_size=2000)


def _rec_rows(recs: list[Recommendation]) -> list[dict]:
    """Recommendations as a report's version keeps them (qorgau/visits/reports/compile.py)."""
    return [
        {
            "number": r.number,
            "action": r.action,
            "addressee": str(Agency(r.addressee_agency).label),
            "unit": r.responsible_unit,
            "indicator": r.indicator,
            "deadline": r.deadline.isoformat(),
            "priority": r.priority,
            "priority_label": str(Priority(r.priority).label),
            "theme": r.theme,
            "theme_label": str(Theme(r.theme).label),
            "status": Status.NOT_STARTED,  # as they stood when the report was written
        }
        for r in recs
    ]


def _content(rep: Report, html: dict, recs: list[Recommendation]) -> dict:
    """A version's content in the shape of the reports' own (`report_content`)."""
    v = rep.visit
    by_theme: dict[str, dict[str, int]] = {}
    for r in recs:
        by_theme.setdefault(r.theme, {p: 0 for p in Priority.values})[r.priority] += 1
    with translation.override(rep.language):
        return {
            "visit": v.number,
            "visit_uuid": str(v.uuid),
            "facility": v.facility.name,
            "start_date": v.start_date.isoformat(),
            "end_date": v.end_date.isoformat(),
            "language": rep.language,
            "status": rep.status,
            "sections": [
                {"key": k, "title": str(SectionKey(k).label), "html": html.get(k, "")}
                for k in SectionKey.values
            ],
            "recommendations": _rec_rows(recs),
            "charts": {
                "recommendations": [
                    {"label": str(Theme(t).label), **by_theme[t]}
                    for t in Theme.values
                    if t in by_theme
                ],
                "checklist": [],
            },
            "photos": [],
            "adopted_by": str(rep.adopted_by) if rep.adopted_by else "",
        }


def _sections_and_versions(reports, per_visit, recs, by) -> None:
    of_visit = defaultdict(list)
    for r in recs:
        of_visit[r.visit_id].append(r)
    sections, versions = [], []
    for rep in reports:
        v = rep.visit
        items = "".join(f"<li>{f.title}</li>" for f in per_visit[v.pk] if not f.good_practice)
        good = "".join(f"<li>{f.title}</li>" for f in per_visit[v.pk] if f.good_practice)
        html = {
            SectionKey.SUMMARY: f"<p>Рекомендаций: {len(of_visit[v.pk])}.</p>",
            SectionKey.FACTS: f"<p>{v.number}: {v.start_date:%d.%m.%Y}–{v.end_date:%d.%m.%Y}.</p>",
            SectionKey.PLACE: f"<p>{v.facility.name_ru}, лимит {v.facility.capacity}.</p>",
            SectionKey.CHANGES: "<p>Повторное посещение.</p>"
            if v.follows_id
            else "<p>Первое посещение в году.</p>",
            SectionKey.FINDINGS: f"<ul>{items}</ul>",
            SectionKey.GOOD_PRACTICE: f"<ul>{good}</ul>" if good else "",
        }
        sections += [
            ReportSection(report=rep, key=k, html=h, created_at=rep.created_at)
            for k, h in html.items()
        ]
        content = _content(rep, html, of_visit[v.pk])
        step_at = rep.created_at
        for n, status in enumerate(FLOW[: FLOW.index(rep.status) + 1], start=1):
            if status == "adopted":
                step_at = _at(rep.adopted_by.date, 15)
            elif status == "sent":
                step_at = rep.sent_at
            elif status == "published":
                step_at = rep.published_at
            else:
                step_at = step_at + timedelta(days=4)
            step = {
                **content,
                "status": status,
                "adopted_by": content["adopted_by"] if n >= 3 else "",
            }
            canonical = json.dumps(step, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            versions.append(
                ReportVersion(
                    report=rep,
                    number=n,
                    status=status,
                    content=step,
                    sha256=hashlib.sha256(canonical.encode()).hexdigest(),
                    at=step_at,
                    by=by,
                )
            )
    ReportSection.objects.bulk_create(sections, batch_size=2000)
    ReportVersion.objects.bulk_create(versions, batch_size=1000)


def _reimbursements(rng, members, visits) -> Decimal:
    """Each member of a visit carried out: paid for most of the year, the last ones pending."""
    rates = current_rates()
    ended = {v.pk: v for v, _d in visits if v.status == "done"}
    rows, spent = [], Decimal(0)
    for m in members:
        v = ended.get(m.visit.pk)
        if v is None:
            continue
        travel = Decimal(rng.randrange(8000, 60000, 500))
        total = reimbursement_amount(
            days=m.days,
            daily_rate=rates.daily_rate,
            travel=travel,
            extras_mci=rates.extras_mci,
            mci=MCI_OF_YEAR,
        )
        status = (
            "paid"
            if v.end_date < date(YEAR, 11, 15)
            else "approved"
            if v.end_date < date(YEAR, 12, 10)
            else "pending"
        )
        spent += total if status != "pending" else 0
        rows.append(
            Reimbursement(
                visit=v,
                participant=m.participant,
                days=m.days,
                daily_rate=rates.daily_rate,
                travel=travel,
                extras_mci=rates.extras_mci,
                mci=MCI_OF_YEAR,
                total=total,
                status=status,
                created_at=_at(v.end_date + timedelta(days=7)),
            )
        )
    Reimbursement.objects.bulk_create(rows, batch_size=2000)
    return spent


def _current_visits(rng, facilities, plan, teams, coordinator, national) -> int:
    """A few visits of TODAY's year: two under way, the rest planned for the weeks ahead."""
    n = 30 if national else 4
    home = [f for f in facilities if f.region.code == DEMO_REGION]
    visits, members = [], []
    for i in range(n):
        on_site = i < 2
        start = (
            TODAY - timedelta(days=2)
            if on_site
            else _weekday(TODAY + timedelta(days=7 + rng.randint(0, 50)))
        )
        fac = rng.choice(home) if i < 3 and home else rng.choice(facilities)
        v = Visit(
            number=f"VIS-{YEAR + 1}-{i + 1:06d}",
            kind="planned",
            facility=fac,
            plan=plan,
            quarter=(start.month - 1) // 3 + 1,
            status="in_progress" if on_site else "planned",
            start_date=start,
            end_date=start + timedelta(days=2),
            purpose="Проверка условий содержания и обращения",
            created_by=coordinator,
        )
        visits.append((v, [start + timedelta(days=k) for k in range(3)]))
    Visit.objects.bulk_create([v for v, _d in visits])
    for i, (v, days) in enumerate(visits):
        members += teams.draw(v, days, pin=i < 3)
    TeamMember.objects.bulk_create(members)
    return len(visits)


def _sequences(visits: int, recs: int, current: int) -> None:
    """Numbers given later by the services continue after the demo's."""
    for prefix, year, last in (
        ("VIS", YEAR, visits),
        ("REC", YEAR, recs),
        ("VIS", YEAR + 1, current),
    ):
        seq, _ = NumberSequence.objects.get_or_create(prefix=prefix, year=year)
        if seq.last < last:
            seq.last = last
            seq.save(update_fields=["last"])
