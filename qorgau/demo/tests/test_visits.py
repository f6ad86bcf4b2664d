"""The demo's year of NPM visits, at the small scale: consistent with the rules."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count, Q

from qorgau.demo.data import TODAY
from qorgau.demo.load import SEED, load_users
from qorgau.demo.places import load_facilities, load_regions
from qorgau.demo.visits import YEAR, load_visits
from qorgau.recommendations.models import Recommendation, StatusChange
from qorgau.visits.choices import ReportStatus
from qorgau.visits.funding.services import reimbursement_amount
from qorgau.visits.models import (
    AnnualPlan,
    Budget,
    ConflictDeclaration,
    CouncilDecision,
    Participant,
    Reimbursement,
    Report,
    TeamMember,
    Visit,
)
from qorgau.visits.selectors import visits_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    regions = load_regions()
    load_users(load_facilities(random.Random(SEED), regions), regions)
    counts = load_visits(random.Random(SEED + 10), national=False)
    return counts


def test_small_demo_year_keeps_the_rules_and_is_idempotent(loaded):
    assert loaded["visits"] > 40 and loaded["recommendations"] > 200
    assert load_visits(random.Random(SEED + 10), national=False) == {}
    assert Visit.objects.filter(start_date__year=YEAR).count() == 46
    # Teams of three to five with exactly one leader.
    teams = Visit.objects.annotate(
        n=Count("team"), leaders=Count("team", filter=Q(team__role="leader"))
    )
    assert not teams.filter(Q(n__lt=3) | Q(n__gt=5) | ~Q(leaders=1)).exists()
    # Nobody on a team at a place they declared a conflict with.
    for c in ConflictDeclaration.objects.all():
        assert not TeamMember.objects.filter(
            participant=c.participant, visit__facility=c.facility
        ).exists()
    # Nobody on two teams on the same day.
    days = Counter()
    for m in TeamMember.objects.select_related("visit"):
        d = m.visit.start_date
        while d <= m.visit.end_date:
            days[(m.participant_id, d)] += 1
            d += timedelta(days=1)
    assert max(days.values()) == 1
    # Follow-ups follow an earlier visit to the same place.
    for v in Visit.objects.filter(kind="follow_up").select_related("follows"):
        assert v.follows.facility_id == v.facility_id and v.follows.end_date < v.start_date
    assert AnnualPlan.objects.get(year=YEAR).decision.kind == "annual_plan"
    kinds = set(CouncilDecision.objects.values_list("kind", flat=True))
    assert {"admission", "annual_plan", "report_adoption"} <= kinds


def test_small_demo_reports_recommendations_and_money_are_consistent(loaded):
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    for report in Report.objects.filter(status__in=["adopted", "sent", "final", "published"]):
        assert report.adopted_by.kind == "report_adoption"
        assert report.adopted_by.date > report.visit.end_date
        assert report.versions.count() == ReportStatus.values.index(report.status) + 1
    recs = Recommendation.objects.filter(visit__start_date__year=YEAR)
    implemented = recs.filter(status="implemented").count() / recs.count()
    assert 0.25 < implemented < 0.55
    # Only sent reports' recommendations have moved; each status is the last of its history.
    assert (
        not recs.exclude(visit__report__status__in=["sent", "commented", "final", "published"])
        .exclude(status="not_started")
        .exists()
    )
    for rec in recs.order_by("?")[:50]:
        history = list(rec.status_changes.all())
        assert history[0].status == "not_started" and history[-1].status == rec.status
        assert all(a.at <= b.at for a, b in zip(history, history[1:], strict=False))
        assert rec.findings.filter(visit=rec.visit).exists()
    assert not StatusChange.objects.filter(at__date__gt=TODAY).exists()
    assert (
        StatusChange.objects.exclude(verified_on=None)
        .filter(verified_on__kind="follow_up")
        .exists()
    )
    for r in Reimbursement.objects.all()[:100]:
        assert r.total == reimbursement_amount(
            days=r.days,
            daily_rate=r.daily_rate,
            travel=r.travel,
            extras_mci=r.extras_mci,
            mci=r.mci,
        )
        assert r.visit.team.filter(participant=r.participant).exists()
    assert set(Reimbursement.objects.values_list("status", flat=True)) == {
        "pending",
        "approved",
        "paid",
    }
    assert Budget.objects.filter(year=YEAR).exists()
    # The default checklist (a data migration) is filled in on the demo participant's visits.
    from qorgau.visits.models import Answer

    answers = Answer.objects.all()
    assert answers.exists()
    assert not answers.exclude(visit__team__participant__user__username="npm").exists()


def test_demo_users_are_participants_and_npm_reaches_its_teams(loaded):
    from qorgau.accounts.models import User

    npm = User.objects.get(username="npm")
    assert Participant.objects.get(user=npm).full_name
    assert Participant.objects.filter(user__username="npm.coordinator").exists()
    teams = Visit.objects.filter(team__participant__user=npm)
    assert 3 <= teams.count() <= 8
    assert teams.filter(status="in_progress").exists()
    assert set(teams) <= set(visits_for(npm))


def test_demo_year_opens_in_the_pages_of_every_area(loaded, login, client):
    from qorgau.accounts.models import User
    from qorgau.visits.reports import documents

    login(User.objects.get(username="npm.coordinator"))
    report = Report.objects.filter(status="published").select_related("visit").first()
    version = report.versions.order_by("-number").first()
    assert documents.report_pdf(version.content).startswith(b"%PDF")
    visit = report.visit
    for url in (
        f"/visits/{visit.uuid}/",
        f"/visits/{visit.uuid}/report/",
        f"/visits/{visit.uuid}/reimbursements/",
        f"/visits/funding/?year={YEAR}",
        f"/visits/annual/{YEAR}/",
        f"/recommendations/visit/{visit.uuid}/",
    ):
        assert client.get(url).status_code == 200, url
