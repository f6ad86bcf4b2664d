from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.allegations.models import CaseFile
from qorgau.surveillance.analytics import selectors
from qorgau.surveillance.models import ZoneNeighbour
from qorgau.testing.factories import ZoneFactory

from .makers import at, camera, outage

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 5)


@pytest.fixture
def place(world):
    """Facility A: ШИЗО (world), a corridor (a passage), a yard and a workshop."""
    f = world.facility_a
    return {
        "shizo": world.zone_a,
        "corridor": ZoneFactory(facility=f, name="Коридор", kind="corridor", risk_level="medium"),
        "yard": ZoneFactory(facility=f, name="Двор", kind="yard", risk_level="low"),
        "workshop": ZoneFactory(facility=f, name="Цех", kind="workshop", risk_level="low"),
    }


def case_at(facility, zone=None, *, event_from=None, event_to=None, known_at=None, number=1):
    return CaseFile.objects.create(
        number=f"ALG-2026-00{number:04d}",
        facility=facility,
        zone=zone,
        event_from=event_from,
        event_to=event_to,
        known_at=known_at or at(DAY + timedelta(days=2), 9),
        summary="Избиение",
    )


def test_the_window_is_the_events_time_with_the_hold_margin_else_around_when_known(world, settings):
    settings.QORGAU_HOLD_MARGIN_MINUTES = 30
    settings.QORGAU_RED_FLAG_HOURS = 24
    events = case_at(world.facility_a, event_from=at(DAY, 10), event_to=at(DAY, 12))
    assert selectors.case_window(events) == (at(DAY, 9, 30), at(DAY, 12, 30))
    start_only = case_at(world.facility_a, event_from=at(DAY, 10), number=2)
    assert selectors.case_window(start_only) == (at(DAY, 9, 30), at(DAY, 10, 30))
    known = case_at(world.facility_a, known_at=at(DAY, 15), number=3)
    assert selectors.case_window(known) == (
        at(DAY - timedelta(days=1), 15),
        at(DAY + timedelta(days=1), 15),
    )


def _flagged(case):
    return selectors.outages_in_window(
        facility=case.facility,
        zones=selectors.nearby_zones(case.zone),
        window=selectors.case_window(case),
    )


def test_outages_overlapping_the_window_in_the_zone_or_the_passages_raise_the_flag(world, place):
    case = case_at(world.facility_a, place["shizo"], event_from=at(DAY, 10), event_to=at(DAY, 12))
    shizo, corridor = (
        camera(world.facility_a, place["shizo"]),
        camera(world.facility_a, place["corridor"]),
    )
    inside = outage(shizo, at(DAY, 11), at(DAY, 11, 5))
    spanning = outage(corridor, at(DAY, 8), at(DAY, 14))  # a passage: no neighbours declared
    open_since = outage(camera(world.facility_a, place["shizo"]), at(DAY - timedelta(days=3)))
    outage(shizo, at(DAY, 6), at(DAY, 9))  # ended before the window (with its margin)
    outage(shizo, at(DAY, 13), at(DAY, 14))  # began after
    outage(camera(world.facility_a, place["yard"]), at(DAY, 11), at(DAY, 12))  # not nearby
    outage(camera(world.facility_b, world.zone_b), at(DAY, 11), at(DAY, 12))  # another place
    assert list(_flagged(case)) == [open_since, spanning, inside]


def test_declared_neighbours_replace_the_passages(world, place):
    ZoneNeighbour.objects.create(zone=place["workshop"], neighbour=place["shizo"])
    case = case_at(world.facility_a, place["shizo"], event_from=at(DAY, 10), event_to=at(DAY, 12))
    workshop = outage(camera(world.facility_a, place["workshop"]), at(DAY, 11), at(DAY, 12))
    outage(camera(world.facility_a, place["corridor"]), at(DAY, 11), at(DAY, 12))
    assert list(_flagged(case)) == [workshop]


def test_without_a_zone_every_camera_of_the_place_counts(world, place):
    case = case_at(world.facility_a, known_at=at(DAY, 12))
    yard = outage(camera(world.facility_a, place["yard"]), at(DAY, 1), at(DAY, 2))
    loose = outage(camera(world.facility_a, None, kind="body_worn"), at(DAY, 20), at(DAY, 21))
    assert list(_flagged(case)) == [yard, loose]


def test_the_red_flag_list_holds_flagged_case_files_of_the_period_in_scope(world, place):
    shizo = camera(world.facility_a, place["shizo"])
    flagged = case_at(
        world.facility_a, place["shizo"], event_from=at(DAY, 10), event_to=at(DAY, 11)
    )
    outage(shizo, at(DAY, 10, 30), at(DAY, 10, 40))
    case_at(world.facility_a, place["yard"], event_from=at(DAY, 10), event_to=at(DAY, 11), number=2)
    old = case_at(world.facility_a, place["shizo"], known_at=at(DAY - timedelta(days=90)), number=3)
    outage(shizo, at(DAY - timedelta(days=90), 1), at(DAY - timedelta(days=90), 2))
    other = case_at(
        world.facility_b, world.zone_b, event_from=at(DAY, 10), event_to=at(DAY, 11), number=4
    )
    outage(camera(world.facility_b, world.zone_b), at(DAY, 10), at(DAY, 12))
    staff = world.users[Role.OMBUDSMAN_STAFF]  # region A
    flags = selectors.red_flags_for_user(user=staff, start=DAY - timedelta(days=7), end=DAY)
    assert [f.case for f in flags] == [flagged] and len(flags[0].outages) == 1
    wide = selectors.red_flags_for_user(user=staff, start=DAY - timedelta(days=120), end=DAY)
    assert [f.case for f in wide] == [flagged, old]
    assert other not in [f.case for f in wide]


def test_the_case_file_page_shows_the_outages_at_the_time(world, place, login, client):
    case = case_at(world.facility_a, place["shizo"], event_from=at(DAY, 10), event_to=at(DAY, 11))
    outage(camera(world.facility_a, place["corridor"], code="COR-3"), at(DAY, 9), at(DAY, 10, 15))
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'id="red-flag-h"' in body and "COR-3" in body and "<svg" in body
    quiet = case_at(world.facility_a, place["yard"], event_from=at(DAY, 18), number=2)
    body = client.get(quiet.get_absolute_url()).content.decode()
    assert "No camera of the zone or the zones next to it was reported down" in body


def test_the_red_flag_page_lists_the_case_files(world, place, login, client):
    case = case_at(world.facility_a, place["shizo"], event_from=timezone.now() - timedelta(hours=3))
    outage(
        camera(world.facility_a, place["shizo"], code="SH-1"), timezone.now() - timedelta(hours=4)
    )
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get("/surveillance/red-flags/").content.decode()
    assert case.number in body and "SH-1" in body and "still down" in body
    assert "1 case file with cameras down at the time." in body


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.FACILITY_ADMIN, Role.SYSADMIN])
def test_only_ombudsman_staff_see_the_red_flag(world, place, login, client, role):
    case_at(world.facility_a, place["shizo"], event_from=at(DAY, 10))
    outage(camera(world.facility_a, place["shizo"]), at(DAY, 10), at(DAY, 11))
    login(world.users[role])
    assert client.get("/surveillance/red-flags/").status_code == 404
    nav = client.get("/surveillance/coverage/").content.decode()
    assert "/surveillance/red-flags/" not in nav
