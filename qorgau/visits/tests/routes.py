"""Access-matrix rows for NPM visits (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body). The rows
of each area live in its own tests/routes.py. `visit_for_matrix` gives each facility of
the test world one visit: the participant of the world is on the team of facility A's
visit only, so that "their teams' visits" and "in scope" coincide for the matrix.
"""

from __future__ import annotations

from qorgau.visits.funding.tests import routes as funding
from qorgau.visits.onsite.tests import routes as onsite
from qorgau.visits.planning.tests import routes as planning
from qorgau.visits.reports.tests import routes as reports

AREAS = (planning, onsite, reports, funding)


def participant_for_matrix(user=None, name="Участник Тестов"):
    from datetime import date

    from qorgau.visits.models import Participant

    participant, _ = Participant.objects.get_or_create(
        user=user,
        full_name=name,
        defaults={"gender": "f", "active_from": date(2020, 1, 1), "expertise": ["lawyer"]},
    )
    return participant


def visit_for_matrix(w, facility):
    """One visit per facility; the world's participant on A's team, others on B's."""
    from datetime import date

    from qorgau.accounts.roles import Role
    from qorgau.visits.models import TeamMember, Visit

    a = facility == w.facility_a
    visit, created = Visit.objects.get_or_create(
        number="VIS-2026-9001" if a else "VIS-2026-9002",
        defaults={
            "kind": "planned",
            "facility": facility,
            "status": "in_progress",
            "start_date": date(2026, 3, 2),
            "end_date": date(2026, 3, 3),
        },
    )
    if created:
        members = [
            participant_for_matrix(w.users[Role.NPM_PARTICIPANT]) if a else None,
            participant_for_matrix(name="Второй Участник"),
            participant_for_matrix(name="Третий Участник"),
        ]
        for i, p in enumerate(m for m in members if m):
            TeamMember.objects.create(
                visit=visit, participant=p, role="leader" if i == 0 else "member"
            )
    return visit


def visit_pages(w):
    return [row for area in AREAS for row in area.pages(w)]


def visit_endpoints(w):
    return [row for area in AREAS for row in area.endpoints(w)]
