"""Reads of screening: the rule of status per test, people due, a person's results, coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility
from qorgau.people.models import Person

from ...choices import ExaminationKind
from ...models import Examination
from ..choices import ScreeningOutcome, ScreeningStatus
from ..models import ScreeningResult, ScreeningTest
from .common import held_in_scope, share

__all__ = [
    "CoverageRow",
    "TestStatus",
    "coverage_totals",
    "due_tests",
    "examination_for_screening",
    "latest_results",
    "people_due",
    "person_results",
    "person_screening",
    "programme_tests",
    "screening_coverage",
    "screening_person_get_for_user",
    "screening_test_get",
    "screening_tests",
    "tests_for_examination",
]


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
