"""The dashboard's NPM figures: visits under way, reports to review, recommendations overdue
and waiting for the authority's answer — each only for the roles that may read them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from qorgau.recommendations import services
from qorgau.recommendations.models import Recommendation
from qorgau.visits.tests.routes import visit_for_matrix

from .helpers import recommendation, send_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def npm_world(world):
    """Facility A: a visit on site whose report is in review, with one overdue recommendation
    and one answered; facility B: the same, out of everyone's scope but national roles'."""
    for facility in (world.facility_a, world.facility_b):
        rec = recommendation(world, facility)
        Recommendation.objects.filter(pk=rec.pk).update(
            deadline=timezone.localdate() - timedelta(days=1)
        )
        send_report(visit_for_matrix(world, facility), status="review")
    return world


@pytest.mark.parametrize("role", list(Role))
def test_dashboard_shows_npm_figures_to_the_roles_that_read_them(client, login, npm_world, role):
    login(npm_world.users[role])
    r = client.get("/")
    assert r.status_code == 200
    caps = ROLE_CAPABILITIES[role]
    visits, recs = r.context["visits"], r.context["recommendations"]
    if not caps & {Cap.VISIT_VIEW, Cap.VISIT_CONDUCT}:
        assert visits is None
    else:
        # Facility A's visit: in scope of regional staff, on the participant's team.
        assert visits["on_site"] == 1
        assert ("review" in visits) == (Cap.VISIT_COORDINATE in caps)
        if Cap.VISIT_COORDINATE in caps:
            assert visits["review"] == 1
            assert b"reports waiting for your review" in r.content
    if not caps & {Cap.RECOMMENDATION_VIEW, Cap.RECOMMENDATION_ANSWER}:
        assert recs is None
        return
    # The facility reads recommendations only once the report is sent: not yet.
    expected = 0 if role == Role.FACILITY_ADMIN else 1
    assert recs["overdue"] == expected
    assert ("unanswered" in recs) == (Cap.RECOMMENDATION_ANSWER in caps)


def test_the_authority_sees_what_waits_for_its_answer(client, login, world):
    rec = recommendation(world)
    send_report(rec.visit)
    authority = world.users[Role.FACILITY_ADMIN]
    login(authority)
    assert client.get("/").context["recommendations"] == {"overdue": 0, "unanswered": 1}
    services.response_add(
        actor=authority,
        recommendation=rec,
        kind="action_plan",
        text="Buttons ordered",
        planned_by=timezone.localdate() + timedelta(days=20),
    )
    assert client.get("/").context["recommendations"] == {"overdue": 0, "unanswered": 0}
