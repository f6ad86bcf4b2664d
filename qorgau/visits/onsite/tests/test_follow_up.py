"""A follow-up visit lists the place's open recommendations and records their verification."""

from __future__ import annotations

import pytest

from qorgau.recommendations.models import StatusChange
from qorgau.visits.onsite.tests.routes import earlier_recommendation


@pytest.fixture
def rec(site, world):
    return earlier_recommendation(world, site.a)


def test_open_recommendations_of_earlier_visits_are_listed(db, site, rec, login, client):
    login(site.participant)
    r = client.get(f"/visits/{site.a.uuid}/checklist/")
    assert rec.number.encode() in r.content
    rec.status = "implemented"
    rec.save()
    r = client.get(f"/visits/{site.a.uuid}/checklist/")
    assert rec.number.encode() not in r.content


def test_a_follow_up_visit_without_open_recommendations_says_so(db, site, login, client):
    site.a.kind = "follow_up"
    site.a.save()
    login(site.participant)
    r = client.get(f"/visits/{site.a.uuid}/checklist/")
    assert b"No open recommendations" in r.content


def test_verification_is_recorded_with_the_visit(db, site, rec, login, client):
    login(site.participant)
    url = f"/visits/{site.a.uuid}/checklist/recommendations/{rec.uuid}/"
    r = client.post(url, {"status": "partly", "note": "Навес только над одним двориком"})
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "partly"
    change = StatusChange.objects.get(recommendation=rec)
    assert change.verified_on == site.a and change.by == site.participant
    assert change.note.startswith("Навес")


def test_a_recommendation_of_another_place_cannot_be_verified(db, site, world, login, client):
    other = earlier_recommendation(world, site.b)
    login(site.coordinator)
    r = client.post(
        f"/visits/{site.a.uuid}/checklist/recommendations/{other.uuid}/", {"status": "partly"}
    )
    assert r.status_code == 404
    other.refresh_from_db()
    assert other.status == "not_started"


@pytest.mark.parametrize("who", ["staff", "facility", "outsider"])
def test_others_cannot_verify(db, site, rec, login, client, who):
    login(getattr(site, who))
    r = client.post(
        f"/visits/{site.a.uuid}/checklist/recommendations/{rec.uuid}/", {"status": "implemented"}
    )
    assert r.status_code in (403, 404)
    rec.refresh_from_db()
    assert rec.status == "not_started"


def test_recommendations_of_a_later_visit_are_not_listed(db, site, rec, login, client):
    rec.visit.start_date = site.a.start_date.replace(year=site.a.start_date.year + 1)
    rec.visit.save()
    login(site.participant)
    r = client.get(f"/visits/{site.a.uuid}/checklist/")
    assert rec.number.encode() not in r.content
    r = client.post(
        f"/visits/{site.a.uuid}/checklist/recommendations/{rec.uuid}/", {"status": "partly"}
    )
    assert r.status_code == 404
