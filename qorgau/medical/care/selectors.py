"""Reads of screening, beds, equipment and staffing, always through the user's medical scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, PopulationCount
from qorgau.people.models import CustodyStatus, Person

from ..choices import ExaminationKind
from ..models import Examination
from .choices import EquipmentState, ScreeningOutcome, ScreeningStatus, Specialty
from .models import (
    Bed,
    BedStay,
    EquipmentItem,
    MedicalUnit,
    ScreeningResult,
    ScreeningTest,
    StaffPosition,
)

# ---------------------------------------------------------------- scope


def _with_headcount(qs: QuerySet) -> QuerySet:
    """Annotate the latest population count: people held (men + women, as facilities counts)."""
    latest = PopulationCount.objects.filter(facility=OuterRef("pk")).order_by("-date")
    return qs.annotate(
        headcount=Subquery(latest.annotate(held=F("men") + F("women")).values("held")[:1]),
        headcount_date=Subquery(latest.values("date")[:1]),
    )


def facilities_for_user(*, user: Any, capability: str = Cap.MEDICAL_VIEW) -> QuerySet:
    """Facilities in the user's medical scope, with their latest headcount annotated."""
    qs = scope_filter(Facility.objects.select_related("region"), user, capability, "")
    return _with_headcount(qs).order_by("region__name_ru", "name_ru")


def facility_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW) -> Facility:
    """One facility in the user's medical scope, with its latest headcount, or 404."""
    return get_in_scope_or_404(
        _with_headcount(Facility.objects.select_related("region")), user, capability, "", uuid=uuid
    )


def can_record_at(user: Any, facility: Facility) -> bool:
    return scope_for(user, Cap.MEDICAL_RECORD).covers(facility)


def can_configure_screening(user: Any) -> bool:
    """The screening list is national: only a national medical scope changes it."""
    return scope_for(user, Cap.MEDICAL_RECORD).national


def held_in_scope(*, user: Any, capability: str = Cap.MEDICAL_VIEW) -> QuerySet:
    """People held today at a place in the user's medical scope."""
    return scope_filter(
        Person.objects.filter(status=CustodyStatus.HELD), user, capability, "current_facility"
    )


# ---------------------------------------------------------------- screening rules


def screening_tests(*, active_only: bool = True) -> QuerySet:
    qs = ScreeningTest.objects.prefetch_related("requirements")
    return qs.filter(active=True) if active_only else qs


def screening_test_get(*, uuid: Any) -> ScreeningTest:
    """A test of the (national, not facility-bound) screening list, or 404."""
    return get_object_or_404(ScreeningTest, uuid=uuid)


def programme_tests() -> list[ScreeningTest]:
    """The tests every person held needs: the active ones required at admission."""
    return list(
        ScreeningTest.objects.filter(
            active=True, requirements__examination_kind=ExaminationKind.ADMISSION
        ).order_by("order", "code")
    )


def tests_for_examination(examination: Examination) -> list[ScreeningTest]:
    return list(
        ScreeningTest.objects.filter(
            active=True, requirements__examination_kind=examination.kind
        ).order_by("order", "code")
    )


def _fresh(tests: list[ScreeningTest], now: datetime) -> Q:
    """Results still within their test's re-test interval (no interval: valid throughout)."""
    return reduce(
        or_,
        (
            Q(test_id=t.pk)
            if t.interval_days is None
            else Q(test_id=t.pk, taken_at__gte=now - timedelta(days=t.interval_days))
            for t in tests
        ),
        Q(pk__in=[]),
    )


def latest_results(*, tests: list[ScreeningTest], now: datetime | None = None) -> QuerySet:
    """Each person's latest result per test, with the status it gives them.

    The one place the screening rule lives: a positive result stands (care
    follows, not re-testing); a negative one until its interval passes; a
    pending sample or a refusal holds off a new offer as long; anything else,
    or nothing at all, is due.
    """
    fresh = _fresh(tests, now or timezone.now())
    outcome = ScreeningOutcome
    return ScreeningResult.objects.filter(is_latest=True, test__in=tests).annotate(
        status=Case(
            When(Q(result=outcome.POSITIVE), then=Value(ScreeningStatus.UP_TO_DATE.value)),
            When(Q(result=outcome.NEGATIVE) & fresh, then=Value(ScreeningStatus.UP_TO_DATE.value)),
            When(Q(result=outcome.PENDING) & fresh, then=Value(ScreeningStatus.PENDING.value)),
            When(Q(result=outcome.REFUSED) & fresh, then=Value(ScreeningStatus.REFUSED.value)),
            default=Value(ScreeningStatus.DUE.value),
        )
    )


def people_due(
    *, user: Any, facility: Facility | None = None, test: ScreeningTest | None = None
) -> QuerySet:
    """People held in scope who still need a test of the programme, by facility.

    Each person carries `due_<test pk>` flags; `due_tests(person, tests)` lists them.
    """
    tests = [test] if test is not None else programme_tests()
    people = held_in_scope(user=user)
    if facility is not None:
        people = people.filter(current_facility=facility)
    settled = latest_results(tests=tests).exclude(status=ScreeningStatus.DUE)
    flags = {f"due_{t.pk}": ~Exists(settled.filter(person=OuterRef("pk"), test=t)) for t in tests}
    any_due = reduce(or_, (Q(**{name: True}) for name in flags), Q(pk__in=[]))
    return (
        people.annotate(**flags)
        .filter(any_due)
        .select_related("current_facility")
        .order_by("current_facility__name_ru", "surname", "given_name", "id")
    )


def due_tests(person: Person, tests: list[ScreeningTest]) -> list[ScreeningTest]:
    return [t for t in tests if getattr(person, f"due_{t.pk}", False)]


@dataclass(frozen=True)
class TestStatus:
    test: ScreeningTest
    status: str
    latest: ScreeningResult | None
    at_examination: ScreeningResult | None = None

    @property
    def status_label(self) -> str:
        return ScreeningStatus(self.status).label


def person_screening(
    *, person: Person, tests: list[ScreeningTest], examination: Examination | None = None
) -> list[TestStatus]:
    """Where the person stands on each test: status, latest result, and the examination's."""
    latest = {r.test_id: r for r in latest_results(tests=tests).filter(person=person)}
    at_exam = {r.test_id: r for r in examination.screening_results.all()} if examination else {}
    due = ScreeningStatus.DUE.value
    return [
        TestStatus(
            t,
            latest[t.pk].status if t.pk in latest else due,
            latest.get(t.pk),
            at_exam.get(t.pk),
        )
        for t in tests
    ]


def screening_person_get_for_user(
    *, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW
) -> Person:
    """A person held (or last held) in the user's medical scope, or 404; the read is audited."""
    person = get_in_scope_or_404(
        Person.objects.select_related("current_facility"),
        user,
        capability,
        "current_facility",
        uuid=uuid,
    )
    audit_record(actor=user, action="medical.read", obj=person, details={"part": "screening"})
    return person


def person_results(*, person: Person) -> QuerySet:
    return ScreeningResult.objects.filter(person=person).select_related(
        "test", "facility", "examination", "recorded_by"
    )


def examination_for_screening(
    *, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW
) -> Examination:
    """An examination in the user's medical scope for its screening panel; the read is audited."""
    examination = get_in_scope_or_404(
        Examination.objects.select_related("person", "facility"),
        user,
        capability,
        "facility",
        uuid=uuid,
    )
    audit_record(actor=user, action="medical.read", obj=examination, details={"part": "screening"})
    return examination


# ---------------------------------------------------------------- coverage


@dataclass
class CoverageRow:
    """People held at one facility, and how many are up to date on each test."""

    facility: Facility
    held: int
    covered: dict[int, int] = field(default_factory=dict)

    def cells(self, tests: list[ScreeningTest]) -> list[tuple[int, float | None]]:
        return [
            (self.covered.get(t.pk, 0), share(self.covered.get(t.pk, 0), self.held)) for t in tests
        ]


def share(part: int | Decimal, whole: int | Decimal | None) -> float | None:
    """`part` as a percentage of `whole`, one decimal; None when there is no whole."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


def screening_coverage(
    *, user: Any, tests: list[ScreeningTest], facility: Facility | None = None
) -> list[CoverageRow]:
    """Per facility in scope: people held, and those up to date on each test (two queries)."""
    held = held_in_scope(user=user)
    if facility is not None:
        held = held.filter(current_facility=facility)
    counts = dict(
        held.order_by()
        .values("current_facility")
        .annotate(n=Count("pk"))
        .values_list("current_facility", "n")
    )
    rows = {
        f.pk: CoverageRow(f, counts[f.pk])
        for f in Facility.objects.filter(pk__in=counts).order_by("name_ru")
    }
    covered = (
        latest_results(tests=tests)
        .filter(status=ScreeningStatus.UP_TO_DATE, person__in=held)
        .order_by()
        .values_list("person__current_facility", "test")
        .annotate(n=Count("pk"))
    )
    for facility_id, test_id, n in covered:
        rows[facility_id].covered[test_id] = n
    return list(rows.values())


def coverage_totals(
    rows: list[CoverageRow], tests: list[ScreeningTest]
) -> list[tuple[ScreeningTest, int, int]]:
    """(test, people up to date, people held) over all the rows."""
    held = sum(r.held for r in rows)
    return [(t, sum(r.covered.get(t.pk, 0) for r in rows), held) for t in tests]


# ---------------------------------------------------------------- beds


def units_with_beds(*, facility: Facility) -> list[MedicalUnit]:
    """The facility's units, each with its beds and who is in them now (one query each)."""
    open_stays = BedStay.objects.filter(discharged_at__isnull=True).select_related("person")
    units = list(MedicalUnit.objects.filter(facility=facility).order_by("name"))
    beds = Bed.objects.filter(unit__facility=facility).order_by("code")
    by_unit: dict[int, list[Bed]] = defaultdict(list)
    stays = {s.bed_id: s for s in open_stays.filter(bed__unit__facility=facility)}
    for bed in beds:
        bed.current_stay = stays.get(bed.pk)  # type: ignore[attr-defined]
        by_unit[bed.unit_id].append(bed)
    for unit in units:
        unit.bed_list = by_unit[unit.pk]  # type: ignore[attr-defined]
    return units


def beds_page_read(*, user: Any, facility: Facility) -> None:
    """Who lies in which bed is medical secrecy: reading the page is audited."""
    audit_record(actor=user, action="medical.read", obj=facility, details={"part": "beds"})


def stay_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_RECORD) -> BedStay:
    return get_in_scope_or_404(
        BedStay.objects.select_related("bed__unit__facility", "person"),
        user,
        capability,
        "bed__unit__facility",
        uuid=uuid,
    )


def bed_get_for_user(*, user: Any, uuid: Any, capability: str = Cap.MEDICAL_RECORD) -> Bed:
    return get_in_scope_or_404(
        Bed.objects.select_related("unit__facility"), user, capability, "unit__facility", uuid=uuid
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def stays_in_period(*, facility: Facility, start: date, end: date) -> QuerySet:
    """Stays at the facility that overlap the days from `start` to `end` inclusive."""
    return (
        BedStay.objects.filter(
            bed__unit__facility=facility, admitted_at__lt=_day_start(end + timedelta(days=1))
        )
        .filter(Q(discharged_at__isnull=True) | Q(discharged_at__gt=_day_start(start)))
        .select_related("bed__unit", "person")
        .order_by("-admitted_at")
    )


@dataclass(frozen=True)
class DayOccupancy:
    date: date
    occupied: int
    beds: int
    admissions: int
    discharges: int

    # The names facilities.charts.population_chart draws.
    @property
    def total(self) -> int:
        return self.occupied

    @property
    def capacity(self) -> int:
        return self.beds

    @property
    def rate(self) -> float | None:
        return share(self.occupied, self.beds)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def occupancy_by_day(*, facility: Facility, start: date, end: date) -> list[DayOccupancy]:
    """Beds used on each day (someone lay in it at any time of the day), with the day's moves.

    One query for the period's stays; days are counted in Python because a
    calendar of days is not portable SQL (SQLite and PostgreSQL differ).
    """
    days = _days(start, end)
    index = {d: i for i, d in enumerate(days)}
    used: list[set[int]] = [set() for _ in days]
    admissions, discharges = [0] * len(days), [0] * len(days)
    spans = stays_in_period(facility=facility, start=start, end=end).values_list(
        "bed_id", "admitted_at", "discharged_at"
    )
    for bed_id, admitted_at, discharged_at in spans:
        first = max(timezone.localdate(admitted_at), start)
        last = min(timezone.localdate(discharged_at) if discharged_at else end, end)
        for day in _days(first, last):
            used[index[day]].add(bed_id)
        if timezone.localdate(admitted_at) in index:
            admissions[index[timezone.localdate(admitted_at)]] += 1
        if discharged_at and timezone.localdate(discharged_at) in index:
            discharges[index[timezone.localdate(discharged_at)]] += 1
    beds = Bed.objects.filter(unit__facility=facility, active=True).count()
    return [
        DayOccupancy(d, len(used[i]), beds, admissions[i], discharges[i])
        for i, d in enumerate(days)
    ]


def beds_summary(*, user: Any) -> QuerySet:
    """Facilities in scope that have beds: beds in use and occupied now (one query)."""
    return (
        scope_filter(Facility.objects.all(), user, Cap.MEDICAL_VIEW, "")
        .annotate(
            beds=Count(
                "medical_units__beds",
                filter=Q(medical_units__beds__active=True),
                distinct=True,
            ),
            occupied=Count(
                "medical_units__beds__stays",
                filter=Q(medical_units__beds__stays__discharged_at__isnull=True),
                distinct=True,
            ),
        )
        .filter(beds__gt=0)
        .order_by("name_ru")
    )


# ---------------------------------------------------------------- equipment


def overdue_q(today: date | None = None) -> Q:
    """Items whose check is overdue: a written-off item needs none."""
    return Q(next_check_due__lt=today or timezone.localdate()) & ~Q(
        state=EquipmentState.WRITTEN_OFF
    )


def equipment_for_user(
    *, user: Any, facility: Facility | None = None, state: str = "", overdue: bool = False
) -> QuerySet:
    """Equipment in the user's medical scope, with an `overdue` flag; overdue first."""
    qs = scope_filter(
        EquipmentItem.objects.select_related("facility", "unit"), user, Cap.MEDICAL_VIEW, "facility"
    )
    if facility is not None:
        qs = qs.filter(facility=facility)
    if state:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(overdue_q())
    return qs.annotate(
        overdue=Case(When(overdue_q(), then=Value(True)), default=Value(False))
    ).order_by("-overdue", "facility__name_ru", "next_check_due", "inventory_number")


def equipment_get_for_user(
    *, user: Any, uuid: Any, capability: str = Cap.MEDICAL_VIEW
) -> EquipmentItem:
    return get_in_scope_or_404(
        EquipmentItem.objects.select_related("facility", "unit").annotate(
            overdue=Case(When(overdue_q(), then=Value(True)), default=Value(False))
        ),
        user,
        capability,
        "facility",
        uuid=uuid,
    )


# ---------------------------------------------------------------- staffing


def per_100(posts: Decimal | int | None, headcount: int | None) -> Decimal | None:
    """Posts per 100 people held, two decimals; None without a headcount."""
    if not headcount or posts is None:
        return None
    return (Decimal(posts) * 100 / headcount).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class StaffLine:
    """Authorised, filled and vacant posts, per 100 people held where the headcount is known."""

    label: Any
    authorised: Decimal
    filled: Decimal
    headcount: int | None
    facility: Any = None

    @property
    def vacant(self) -> Decimal:
        return self.authorised - self.filled

    @property
    def vacancy_rate(self) -> float | None:
        return share(self.vacant, self.authorised)

    @property
    def authorised_per_100(self) -> Decimal | None:
        return per_100(self.authorised, self.headcount)

    @property
    def filled_per_100(self) -> Decimal | None:
        return per_100(self.filled, self.headcount)


ZERO = Decimal("0")


def staffing_for_facility(*, facility: Any) -> list[StaffLine]:
    """One line per specialty on the facility's establishment, in the order of the choices."""
    headcount = facility.headcount
    positions = {p.specialty: p for p in facility.medical_positions.all()}
    return [
        StaffLine(label, positions[s].authorised, positions[s].filled, headcount)
        for s, label in Specialty.choices
        if s in positions
    ]


def staffing_summary(*, user: Any) -> list[StaffLine]:
    """One line per facility in scope with posts on record (one query)."""
    facilities = (
        facilities_for_user(user=user)
        .annotate(
            authorised=Sum("medical_positions__authorised"),
            filled=Sum("medical_positions__filled"),
        )
        .filter(authorised__isnull=False)
    )
    return [
        StaffLine(f.name, f.authorised or ZERO, f.filled or ZERO, f.headcount, f)
        for f in facilities
    ]


def staffing_by_specialty(*, user: Any) -> list[StaffLine]:
    """Posts per specialty across the facilities in scope (one query); no headcount."""
    rows = (
        scope_filter(StaffPosition.objects.all(), user, Cap.MEDICAL_VIEW, "facility")
        .order_by()
        .values("specialty")
        .annotate(authorised=Sum("authorised"), filled=Sum("filled"))
    )
    by = {r["specialty"]: r for r in rows}
    return [
        StaffLine(label, by[s]["authorised"], by[s]["filled"], None)
        for s, label in Specialty.choices
        if s in by
    ]


def staffing_total(lines: list[StaffLine], label: Any, headcount: int | None) -> StaffLine | None:
    """The sum of the lines' posts, per 100 of `headcount`."""
    if not lines:
        return None
    return StaffLine(
        label,
        sum((line.authorised for line in lines), ZERO),
        sum((line.filled for line in lines), ZERO),
        headcount,
    )


def places_headcount(lines: list[StaffLine]) -> int | None:
    """People held at all the places of the lines; unknown if one place has no count."""
    counts = [line.headcount for line in lines]
    return None if None in counts else sum(c for c in counts if c is not None)


# ---------------------------------------------------------------- overview


def care_headlines(*, user: Any) -> dict[str, Any]:
    """The overview's figures for the user's scope: a handful of counting queries."""
    beds = scope_filter(Bed.objects.filter(active=True), user, Cap.MEDICAL_VIEW, "unit__facility")
    in_bed = BedStay.objects.filter(discharged_at__isnull=True)
    lines = staffing_summary(user=user)
    staff = staffing_total(lines, "", places_headcount(lines))
    return {
        "held": held_in_scope(user=user).count(),
        "due": people_due(user=user).count(),
        "beds": beds.count(),
        "occupied": scope_filter(in_bed, user, Cap.MEDICAL_VIEW, "bed__unit__facility").count(),
        "equipment_overdue": equipment_for_user(user=user, overdue=True).count(),
        "vacant": staff.vacant if staff else None,
        "authorised": staff.authorised if staff else None,
    }
