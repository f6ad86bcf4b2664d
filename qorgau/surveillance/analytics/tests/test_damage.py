from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.surveillance.analytics import selectors
from qorgau.testing.factories import FacilityFactory

from .makers import at, camera, incident

pytestmark = pytest.mark.django_db


def test_damage_is_counted_per_place_and_local_month(world):
    a = camera(world.facility_a, world.zone_a)
    second = FacilityFactory(code="FA2", region=world.region_a)
    other = camera(second, None)
    incident(a, at(date(2026, 8, 31), 23, 30))  # 18:30 UTC: still August in Almaty
    incident(a, at(date(2026, 9, 1), 0, 30), status="tampered")  # 31 August 19:30 UTC
    incident(a, at(date(2026, 9, 20), 12), status="obstructed")
    incident(other, at(date(2026, 10, 2), 12))
    incident(other, at(date(2026, 7, 31), 12))  # before the period
    incident(camera(world.facility_b, world.zone_b), at(date(2026, 9, 5), 12))  # region B
    table = selectors.damage_by_month(
        user=world.users[Role.OMBUDSMAN_STAFF], start=date(2026, 8, 1), end=date(2026, 10, 31)
    )
    assert table.months == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    assert [(r.facility, r.counts) for r in table.rows] == [
        (world.facility_a, [1, 2, 0]),
        (second, [0, 0, 1]),
    ]
    assert table.totals == [1, 2, 1] and table.total == 4


def test_the_period_cuts_at_local_midnight(world):
    cam = camera(world.facility_a, world.zone_a)
    # 19:30 UTC on 30 September is already 1 October in Almaty.
    incident(cam, datetime(2026, 9, 30, 19, 30, tzinfo=UTC))
    user = world.users[Role.SYSADMIN]
    september = selectors.damage_by_month(user=user, start=date(2026, 9, 1), end=date(2026, 9, 30))
    october = selectors.damage_by_month(user=user, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert (september.total, october.total) == (0, 1)


def test_the_damage_page_charts_months_and_lists_places(world, login, client):
    cam = camera(world.facility_a, world.zone_a)
    today = timezone.localdate()
    incident(cam, at(today, 0, 5))
    login(world.users[Role.FACILITY_ADMIN])
    body = client.get("/surveillance/damage/").content.decode()
    assert "1 incident in the period." in body and world.facility_a.name in body
    assert body.count("<rect") == 12  # a column per month of the last twelve
