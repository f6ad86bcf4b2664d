from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.surveillance.analytics import selectors
from qorgau.testing.factories import ZoneFactory

from .makers import ago, at, camera, outage

pytestmark = pytest.mark.django_db

START, END = date(2026, 10, 1), date(2026, 10, 10)


@pytest.fixture
def yard(world):
    return ZoneFactory(facility=world.facility_a, name="Двор", kind="yard", risk_level="low")


def test_the_list_holds_outages_of_high_risk_zones_in_the_period_open_ones_first(world, yard):
    cam = camera(world.facility_a, world.zone_a, code="SHIZO-1")
    older = outage(cam, at(START, 1), at(START, 2))
    newer = outage(cam, at(END, 10), at(END, 11))
    before = outage(cam, at(START - timedelta(days=3)), at(START - timedelta(days=2)))
    across = outage(cam, at(START - timedelta(days=1), 23), at(START, 0, 30))  # runs into it
    still = outage(camera(world.facility_a, world.zone_a), at(START - timedelta(days=20)))
    outage(camera(world.facility_a, yard), at(START, 5), at(START, 6))  # low risk
    rows = list(selectors.high_risk_outages(user=world.users[Role.SYSADMIN], start=START, end=END))
    assert rows == [still, newer, older, across]
    assert before not in rows


def test_the_list_holds_only_the_places_in_scope_and_the_place_chosen(world):
    a = outage(camera(world.facility_a, world.zone_a), at(START, 1), at(START, 2))
    b = outage(camera(world.facility_b, world.zone_b), at(START, 1), at(START, 2))
    by_role = {
        role: list(selectors.high_risk_outages(user=world.users[role], start=START, end=END))
        for role in (Role.PROSECUTOR, Role.FACILITY_ADMIN, Role.OMBUDSMAN_STAFF, Role.SYSADMIN)
    }
    assert by_role[Role.PROSECUTOR] == by_role[Role.FACILITY_ADMIN] == [a]
    assert by_role[Role.OMBUDSMAN_STAFF] == [a]
    assert set(by_role[Role.SYSADMIN]) == {a, b}
    chosen = selectors.high_risk_outages(
        user=world.users[Role.SYSADMIN], start=START, end=END, facility=world.facility_b
    )
    assert list(chosen) == [b]


def test_hours_down_are_cut_to_the_period_and_an_open_outage_runs_until_now(world):
    cam = camera(world.facility_a, world.zone_a)
    outage(cam, at(START - timedelta(days=1), 22), at(START, 2))  # 2 h inside
    outage(cam, at(END, 23), at(END + timedelta(days=1), 5))  # 1 h inside
    today = timezone.localdate()
    outage(camera(world.facility_a, world.zone_a), ago(hours=3))
    user = world.users[Role.SYSADMIN]
    [place] = selectors.hours_down_by_facility(user=user, start=START, end=END)
    assert (place.facility, place.outages, place.hours) == (world.facility_a, 2, pytest.approx(3))
    [now] = selectors.hours_down_by_facility(user=user, start=today, end=today)
    since_midnight = (timezone.now() - at(today)).total_seconds() / 3600
    assert now.outages == 1 and now.hours == pytest.approx(min(3, since_midnight), abs=0.01)


def test_the_outages_page_lists_and_charts_them(world, login, client):
    cam = camera(world.facility_a, world.zone_a, code="SHIZO-7")
    outage(cam, ago(hours=5), status="damaged")
    login(world.users[Role.PROSECUTOR])
    r = client.get("/surveillance/outages/")
    body = r.content.decode()
    assert r.status_code == 200 and "SHIZO-7" in body and "still down" in body
    assert "Damaged" in body and "<svg" in body and "1 outage in the period." in body
    other = client.get(f"/surveillance/outages/?facility={world.facility_b.uuid}")
    assert "Select a valid choice" in other.content.decode()  # not a place in scope
