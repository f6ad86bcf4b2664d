from __future__ import annotations

from datetime import date, timedelta

import pytest

from qorgau.accounts.roles import Role
from qorgau.surveillance.analytics import selectors
from qorgau.testing.factories import ZoneFactory

from .makers import camera, rollup

pytestmark = pytest.mark.django_db

DAY = 86_400
START, END = date(2026, 10, 1), date(2026, 10, 10)  # ten days


@pytest.fixture
def yard(world):
    return ZoneFactory(facility=world.facility_a, name="Двор", kind="yard", risk_level="low")


def test_uptime_from_rollups_is_camera_time_less_the_seconds_down(world, yard):
    for _ in range(2):
        camera(world.facility_a, yard)
    for i in range(10):  # a row for every day: the registry's count is not used
        rollup(world.facility_a, yard, START + timedelta(days=i), 4, DAY if i == 0 else 0)
    [row] = selectors.uptime_by_zone(facility=world.facility_a, start=START, end=END)
    assert row.zone == yard and row.cameras == 2
    assert row.uptime.camera_seconds == 40 * DAY and row.uptime.seconds_down == DAY
    assert row.uptime.percent == pytest.approx(97.5)
    assert row.uptime.hours_down == 24


def test_a_day_without_a_rollup_is_full_uptime_for_the_cameras_registered_now(world, yard):
    for _ in range(3):
        camera(world.facility_a, yard)
    camera(world.facility_a, yard, active=False)  # not in service: not counted
    rollup(world.facility_a, yard, START, 3, 3 * DAY)  # all three down all day
    [row] = selectors.uptime_by_zone(facility=world.facility_a, start=START, end=END)
    # One day from its row (3 cameras, all down), nine days of 3 registered cameras, all up.
    assert row.uptime.camera_seconds == 30 * DAY and row.uptime.seconds_down == 3 * DAY
    assert row.uptime.percent == pytest.approx(90.0)


def test_a_rolled_up_day_counts_its_own_cameras_and_a_zone_gone_from_the_registry_counts(
    world, yard
):
    camera(world.facility_a, world.zone_a)  # installed after the day rolled up
    # The yard's cameras were removed since, but they were down in the period.
    rollup(world.facility_a, yard, START + timedelta(days=2), 2, DAY)
    rows = {
        r.zone: r for r in selectors.uptime_by_zone(facility=world.facility_a, start=START, end=END)
    }
    # The day rolled up says ШИЗО had no camera; the nine others count the registry's one.
    assert rows[world.zone_a].uptime == selectors.Uptime(9 * DAY, 0)
    assert rows[world.zone_a].uptime.percent == 100
    assert rows[yard].cameras == 0 and rows[yard].uptime == selectors.Uptime(2 * DAY, DAY)
    assert list(rows) == [yard, world.zone_a]  # lowest uptime first


def test_rollups_outside_the_period_or_the_place_do_not_count(world, yard):
    camera(world.facility_a, yard)
    rollup(world.facility_a, yard, START - timedelta(days=1), 1, DAY)
    rollup(world.facility_a, yard, END + timedelta(days=1), 1, DAY)
    camera(world.facility_b, world.zone_b)
    rollup(world.facility_b, world.zone_b, START, 1, DAY)
    [row] = selectors.uptime_by_zone(facility=world.facility_a, start=START, end=END)
    assert row.uptime == selectors.Uptime(10 * DAY, 0)


def test_uptime_by_facility_adds_its_zones_and_cameras_without_a_zone(world, yard):
    camera(world.facility_a, yard)
    camera(world.facility_a, None, kind="body_worn")
    rollup(world.facility_a, yard, START, 1, DAY // 2)
    rollup(world.facility_a, None, START, 1, DAY // 2)
    camera(world.facility_b, world.zone_b)
    rows = selectors.uptime_by_facility(user=world.users[Role.SYSADMIN], start=START, end=END)
    assert [r.facility for r in rows] == [world.facility_a, world.facility_b]
    assert rows[0].uptime == selectors.Uptime(20 * DAY, DAY)
    assert rows[0].uptime.percent == pytest.approx(95.0)
    assert rows[1].uptime.percent == 100
    prosecutor = selectors.uptime_by_facility(
        user=world.users[Role.PROSECUTOR], start=START, end=END
    )
    assert [r.facility for r in prosecutor] == [world.facility_a]


def test_uptime_by_day_takes_the_rollup_on_days_with_rows_else_the_registry(world, yard):
    for _ in range(2):
        camera(world.facility_a, yard)
    camera(world.facility_a, world.zone_a)
    rollup(world.facility_a, yard, START, 4, 2 * DAY)  # four cameras in the yard that day
    days = selectors.uptime_by_day(
        facility=world.facility_a, start=START, end=START + timedelta(days=1)
    )
    assert [d.day for d in days] == [START, START + timedelta(days=1)]
    assert days[0].uptime == selectors.Uptime(4 * DAY, 2 * DAY)  # the rollup: 4 cameras
    assert days[1].uptime == selectors.Uptime(3 * DAY, 0)  # the registry: 2 + 1


def test_the_uptime_pages_show_the_figures(world, yard, login, client):
    camera(world.facility_a, yard)
    rollup(world.facility_a, yard, START, 1, DAY // 4)
    login(world.users[Role.FACILITY_ADMIN])
    query = f"?start={START}&end={END}"
    body = client.get(f"/surveillance/uptime/{query}").content.decode()
    assert world.facility_a.name in body and "97.50%" in body and "<svg" in body
    page = client.get(f"/surveillance/uptime/{world.facility_a.uuid}/{query}")
    body = page.content.decode()
    assert page.status_code == 200 and "Двор" in body and "97.50%" in body and "75.00%" in body
    assert "<rect" in body  # the daily chart


def test_a_wrong_period_is_refused_clearly_and_the_default_shown(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    r = client.get("/surveillance/uptime/?start=2026-10-10&end=2026-10-01")
    assert r.status_code == 200 and "The period must start before it ends." in r.content.decode()
    r = client.get("/surveillance/uptime/?start=2024-01-01&end=2026-10-01")
    assert "Choose a period of at most 366 days." in r.content.decode()
    r = client.get("/surveillance/uptime/?start=yesterday")
    assert "Enter a valid date." in r.content.decode()


def test_the_place_total_is_the_sum_of_its_zones_and_of_its_days(world, yard):
    for _ in range(3):
        camera(world.facility_a, yard)
    camera(world.facility_a, world.zone_a)
    camera(world.facility_a, None, kind="body_worn")
    rollup(world.facility_a, yard, START, 3, 4000)
    rollup(world.facility_a, None, START, 1, 600)
    rollup(world.facility_a, yard, START + timedelta(days=4), 2, 7000)  # one camera less then
    [place] = selectors.uptime_by_facility(
        user=world.users[Role.FACILITY_ADMIN], start=START, end=END
    )
    zones = selectors.uptime_by_zone(facility=world.facility_a, start=START, end=END)
    days = selectors.uptime_by_day(facility=world.facility_a, start=START, end=END)
    assert sum((z.uptime for z in zones), selectors.Uptime(0, 0)) == place.uptime
    assert sum((d.uptime for d in days), selectors.Uptime(0, 0)) == place.uptime
    # Two days rolled up (4 and 2 cameras), eight of the registry's five.
    assert place.uptime == selectors.Uptime((4 + 2 + 8 * 5) * DAY, 11_600)
