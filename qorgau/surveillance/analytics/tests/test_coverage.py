from __future__ import annotations

import pytest

from qorgau.accounts.roles import Role
from qorgau.surveillance.analytics import selectors
from qorgau.testing.factories import FacilityFactory, ZoneFactory

from .makers import camera

pytestmark = pytest.mark.django_db


@pytest.fixture
def zones(world):
    """Facility A's zones: world's high-risk ШИЗО, another high-risk one, a medium one."""
    search = ZoneFactory(
        facility=world.facility_a, name="Обыск", kind="search_room", risk_level="high"
    )
    cells = ZoneFactory(facility=world.facility_a, name="Камеры", kind="cell", risk_level="medium")
    return world.zone_a, search, cells


def _by_zone(rows):
    return {r.zone.name if r.zone else None: r for r in rows}


def test_a_high_risk_zone_without_a_working_camera_is_a_blind_spot(world, zones):
    shizo, search, cells = zones
    camera(world.facility_a, shizo, status="offline")
    camera(world.facility_a, shizo, status="damaged")
    camera(world.facility_a, search)  # works
    camera(world.facility_a, search, status="no_signal")
    camera(world.facility_a, cells, status="offline")  # medium risk: not a blind spot
    rows = _by_zone(selectors.coverage_for_facility(facility=world.facility_a))
    assert (rows["ШИЗО"].cameras, rows["ШИЗО"].working, rows["ШИЗО"].blind_spot) == (2, 0, True)
    assert (rows["Обыск"].cameras, rows["Обыск"].working, rows["Обыск"].blind_spot) == (2, 1, False)
    assert (rows["Камеры"].working, rows["Камеры"].blind_spot) == (0, False)


def test_a_camera_out_of_service_does_not_count_even_when_online(world, zones):
    shizo, _search, _cells = zones
    camera(world.facility_a, shizo, active=False)
    row = _by_zone(selectors.coverage_for_facility(facility=world.facility_a))["ШИЗО"]
    assert (row.cameras, row.working, row.blind_spot) == (0, 0, True)


def test_blind_spots_come_first_and_cameras_without_a_zone_last(world, zones):
    shizo, search, cells = zones
    camera(world.facility_a, search)
    camera(world.facility_a, cells)
    camera(world.facility_a, None, kind="body_worn")
    rows = selectors.coverage_for_facility(facility=world.facility_a)
    # ШИЗО and Обыск are both high risk; only ШИЗО has no working camera.
    assert [r.zone.name if r.zone else None for r in rows] == ["ШИЗО", "Обыск", "Камеры", None]
    assert (rows[-1].cameras, rows[-1].blind_spot) == (1, False)


def test_coverage_lists_places_with_blind_spots_first_with_their_zones(world, zones):
    shizo, search, _cells = zones
    camera(world.facility_a, shizo, status="tampered")
    camera(world.facility_a, search)
    fine = FacilityFactory(code="FA2", region=world.region_a)
    fine_shizo = ZoneFactory(
        facility=fine, name="ШИЗО", kind="disciplinary_cell", risk_level="high"
    )
    camera(fine, fine_shizo)
    camera(fine, fine_shizo, status="offline")
    FacilityFactory(code="FA3", region=world.region_a)  # no camera registered
    report = selectors.coverage_for_user(user=world.users[Role.OMBUDSMAN_STAFF])
    assert [p.facility for p in report.places] == [world.facility_a, fine]
    first = report.places[0]
    assert (first.cameras, first.working, first.high_risk_zones) == (2, 1, 2)
    assert first.blind_spots == [shizo] and report.blind_spots == 1
    assert report.places[1].share_working == 50.0
    assert report.without_cameras == 1


def test_coverage_holds_only_the_places_in_scope(world, zones):
    camera(world.facility_a, world.zone_a)
    camera(world.facility_b, world.zone_b, status="offline")
    for role in (Role.PROSECUTOR, Role.FACILITY_ADMIN, Role.OMBUDSMAN_STAFF):
        report = selectors.coverage_for_user(user=world.users[role])
        assert [p.facility for p in report.places] == [world.facility_a], role
    national = selectors.coverage_for_user(user=world.users[Role.SYSADMIN])
    assert [p.facility for p in national.places] == [world.facility_b, world.facility_a]


def test_the_facility_page_shows_coverage_only_to_those_who_oversee_cameras(
    world, zones, login, client
):
    camera(world.facility_a, world.zone_a, status="offline")
    for role in (Role.PROSECUTOR, Role.FACILITY_ADMIN, Role.OMBUDSMAN_STAFF, Role.SYSADMIN):
        login(world.users[role])
        body = client.get(world.facility_a.get_absolute_url()).content.decode()
        assert 'id="coverage-h"' in body and "Blind spot" in body, role
    for role in (Role.NPM_PARTICIPANT, Role.MEDICAL_OFFICER, Role.ANALYST):
        login(world.users[role])
        r = client.get(world.facility_a.get_absolute_url())
        assert r.status_code == 200 and 'id="coverage-h"' not in r.content.decode(), role
