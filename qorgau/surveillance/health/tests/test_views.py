"""The alerts page and the dashboard counter: who sees which alerts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from qorgau.surveillance.models import CameraAlert, Outage

URL = "/surveillance/health/alerts/"


def _alert(camera, *, minutes_down: int, ended: bool = False) -> CameraAlert:
    start = timezone.now() - timedelta(minutes=minutes_down)
    outage = Outage.objects.create(
        camera=camera,
        facility=camera.facility,
        zone=camera.zone,
        status="damaged",
        started_at=start,
        ended_at=timezone.now() if ended else None,
    )
    return CameraAlert.objects.create(
        camera=camera,
        facility=camera.facility,
        outage=outage,
        opened_at=start + timedelta(minutes=30),
        closed_at=outage.ended_at,
        status="closed" if ended else "open",
    )


@pytest.fixture
def alerts(cams):
    return {
        "a": _alert(cams["cell1"], minutes_down=90),
        "a_closed": _alert(cams["cell2"], minutes_down=60, ended=True),
        "b": _alert(cams["b"], minutes_down=45),
    }


@pytest.mark.parametrize("role", list(Role))
def test_alerts_page_shows_each_role_only_its_scope(client, login, world, alerts, role):
    login(world.users[role])
    r = client.get(URL)
    if Cap.SURVEILLANCE_VIEW not in ROLE_CAPABILITIES[role]:
        assert r.status_code == 404
        return
    assert r.status_code == 200
    body = r.content.decode()
    assert "SH-1" in body
    assert "SH-2" not in body  # closed: not among the open alerts
    # Facility staff and the region's prosecutor and Ombudsman staff never see facility B.
    assert ("SH-B" in body) == (role == Role.SYSADMIN)


def test_closed_alerts_are_listed_on_request(client, login, world, alerts):
    login(world.users[Role.FACILITY_ADMIN])
    body = client.get(URL, {"closed": "on"}).content.decode()
    assert "SH-2" in body and "SH-1" not in body
    assert "1 closed alert" in body


def test_a_facility_outside_the_scope_cannot_be_chosen(client, login, world, alerts):
    login(world.users[Role.PROSECUTOR])
    body = client.get(URL, {"facility": str(world.facility_b.uuid)}).content.decode()
    assert "SH-B" not in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("role", list(Role))
def test_dashboard_counts_open_alerts_in_scope(client, login, world, alerts, role):
    login(world.users[role])
    r = client.get("/")
    assert r.status_code == 200
    counter = r.context["camera_alerts"]
    if Cap.SURVEILLANCE_VIEW not in ROLE_CAPABILITIES[role]:
        assert counter is None
        assert b"cameras of high-risk zones down too long" not in r.content
        return
    assert counter == (2 if role == Role.SYSADMIN else 1)
    assert b"cameras of high-risk zones down too long" in r.content
