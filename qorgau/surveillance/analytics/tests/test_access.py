"""Who reaches the oversight pages: SURVEILLANCE_VIEW holders in their scope, nobody else."""

from __future__ import annotations

import pytest

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role

from .makers import ago, camera, incident, outage
from .routes import pages

WITHOUT = [r for r in Role if Cap.SURVEILLANCE_VIEW not in ROLE_CAPABILITIES[r]]
WITH = [r for r in Role if Cap.SURVEILLANCE_VIEW in ROLE_CAPABILITIES[r]]


@pytest.fixture
def cameras(world):
    """A camera down in each facility's ШИЗО, with an incident of damage."""
    for f, z, code in (
        (world.facility_a, world.zone_a, "A-CAM"),
        (world.facility_b, world.zone_b, "B-CAM"),
    ):
        cam = camera(f, z, code=code, status="damaged")
        outage(cam, ago(hours=2), status="damaged")
        incident(cam, ago(hours=2))


def test_the_red_flag_roles_all_oversee_cameras():
    """The access matrix lists the red flag under ALLEGATION_VIEW alone: this keeps that true."""
    for role in Role:
        if Cap.ALLEGATION_VIEW in ROLE_CAPABILITIES[role]:
            assert Cap.SURVEILLANCE_VIEW in ROLE_CAPABILITIES[role], role


@pytest.mark.parametrize("role", WITHOUT)
def test_roles_without_surveillance_view_get_404_everywhere(world, cameras, login, client, role):
    login(world.users[role])
    for name, _method, url, _cap, _other, _body in pages(world):
        assert client.get(url).status_code == 404, (role, name)


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.FACILITY_ADMIN, Role.OMBUDSMAN_STAFF])
def test_scoped_roles_see_only_their_places(world, cameras, login, client, role):
    login(world.users[role])
    assert client.get(f"/surveillance/uptime/{world.facility_b.uuid}/").status_code == 404
    for url in (
        "/surveillance/coverage/",
        "/surveillance/uptime/",
        "/surveillance/outages/",
        "/surveillance/damage/",
    ):
        body = client.get(url).content.decode()
        assert world.facility_a.name in body and world.facility_b.name not in body, (role, url)
    outages = client.get("/surveillance/outages/").content.decode()
    assert "A-CAM" in outages and "B-CAM" not in outages


def test_a_national_role_sees_every_place(world, cameras, login, client):
    login(world.users[Role.SYSADMIN])
    body = client.get("/surveillance/outages/").content.decode()
    assert "A-CAM" in body and "B-CAM" in body
