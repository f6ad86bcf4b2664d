"""Demo allegation case files: opened from the demo's torture complaints through the services,
so that safeguards, referral letters, the prosecutor's records and reprisal flags are real."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from qorgau.accounts.models import User
from qorgau.allegations import services
from qorgau.allegations.choices import Classification, PerpetratorRole, UpdateKind
from qorgau.allegations.models import CaseFile
from qorgau.complaints.choices import Category, Status
from qorgau.complaints.models import Complaint
from qorgau.people.models import CustodyStatus, Person, SanctionKind
from qorgau.people.services import sanction_record

from .data import DEMO_REGION

# Referral letters are rendered to PDF: a few are enough to show the workflow.
REFERRALS = 8


def load_allegations(rng: random.Random, total: int = 30) -> int:
    """Open case files for the most recent triaged torture complaints; idempotent."""
    if CaseFile.objects.exists():
        return 0
    staff = User.objects.get(username="ombudsman")
    prosecutor = User.objects.get(username="prosecutor")
    candidates = [
        c
        for c in Complaint.objects.filter(facility__isnull=False)
        .exclude(status__in=[Status.REGISTERED, Status.MERGED])
        .select_related("facility__region", "identity")
        .order_by("-received_at")
        if Category.TORTURE in c.categories
    ]
    # The demo prosecutor's region first, so that their referrals list is not empty.
    candidates.sort(key=lambda c: c.facility.region.code != DEMO_REGION)
    cases = []
    for complaint in candidates[:total]:
        case = services.case_open_from_complaint(actor=staff, complaint=complaint)
        services.case_update(
            actor=staff,
            case=case,
            summary=case.summary,
            classification=rng.choice(Classification.values[1:]),
            zone=case.zone,
            event_from=case.event_from,
            event_to=case.event_to,
        )
        for _ in range(rng.randint(1, 2)):
            services.perpetrator_add(
                actor=staff,
                case=case,
                role=rng.choice(PerpetratorRole.values),
                count=rng.randint(1, 3),
            )
        cases.append(case)
    for i, case in enumerate(cases):
        if i < REFERRALS:
            _refer(rng, case, staff, prosecutor)
        _safeguards(rng, case, staff)
    _reprisals(rng, cases[:3], staff)
    return len(cases)


def _refer(rng: random.Random, case: CaseFile, staff: User, prosecutor: User) -> None:
    referral = services.referral_send(actor=staff, case=case)
    if case.facility.region.code != DEMO_REGION or rng.random() < 0.3:
        return  # left for the prosecutor to confirm
    services.referral_record(actor=prosecutor, referral=referral, kind=UpdateKind.RECEIPT)
    if rng.random() < 0.7:
        services.referral_record(
            actor=prosecutor,
            referral=referral,
            kind=UpdateKind.REGISTRATION,
            criminal_case_number=f"2615{rng.randrange(10**10, 10**11)}",
            registered_on=timezone.localdate(),
        )


def _safeguards(rng: random.Random, case: CaseFile, staff: User) -> None:
    """Older files have most safeguards recorded; the newest keep some overdue."""
    old = case.known_at < timezone.now() - timedelta(days=20)
    for safeguard in case.safeguards.exclude(kind__in=["referral", "reprisal_watch"]):
        if not old and rng.random() < 0.6:
            continue
        if safeguard.kind == "forensic" and rng.random() < 0.25:
            services.safeguard_complete(
                actor=staff,
                safeguard=safeguard,
                status="failed",
                note="Осмотр проведён через 3 недели, следы не зафиксированы.",
            )
        else:
            services.safeguard_complete(actor=staff, safeguard=safeguard, status="done", note="")


def _reprisals(rng: random.Random, cases: list[CaseFile], staff: User) -> None:
    """A person held of the place joins each file as a victim; a sanction follows."""
    for case in cases:
        person = (
            Person.objects.filter(current_facility=case.facility, status=CustodyStatus.HELD)
            .order_by("id")
            .first()
        )
        if person is None or case.victims.filter(person=person).exists():
            continue
        services.victim_add(actor=staff, case=case, person=person, consent_prosecutor=False)
        sanction_record(
            actor=None,
            person=person,
            kind=rng.choice([SanctionKind.DISCIPLINARY_CELL, SanctionKind.LOSS_OF_PRIVILEGES]),
            at=timezone.now() - timedelta(days=rng.randint(1, 5)),
            reason="Нарушение распорядка дня",
            days=10,
        )
