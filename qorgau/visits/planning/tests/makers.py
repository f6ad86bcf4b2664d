"""Small makers of planning records for the tests of this area."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from qorgau.visits.models import Participant, TeamMember, Visit

_n = iter(range(1, 10_000))


def participant(name=None, *, gender="f", expertise=("lawyer",), user=None, **kw) -> Participant:
    kw.setdefault("active_from", date(2020, 1, 1))
    return Participant.objects.create(
        full_name=name or f"Участник {next(_n)}",
        gender=gender,
        expertise=list(expertise),
        user=user,
        **kw,
    )


def visit(facility, *, status="planned", start=date(2026, 5, 4), end=date(2026, 5, 5), **kw):
    return Visit.objects.create(
        number=f"VIS-T-{next(_n):05d}",
        kind=kw.pop("kind", "special"),
        facility=facility,
        status=status,
        start_date=start,
        end_date=end,
        **kw,
    )


def team(v, *people, leader=True):
    for i, p in enumerate(people):
        TeamMember.objects.create(
            visit=v, participant=p, role="leader" if leader and i == 0 else "member"
        )
    return v


def case_file(facility, n=1):
    from qorgau.allegations.models import CaseFile

    return CaseFile.objects.create(
        number=f"ALG-T-{n:05d}", facility=facility, known_at=timezone.now(), summary="Избиение"
    )
