"""Admission safeguards by place: examined within 24 hours, where injuries come from."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.medical import admissions
from qorgau.people.models import Placement
from qorgau.testing.factories import PersonFactory

from .conftest import BRUISE

pytestmark = pytest.mark.django_db


def _arrival(world, hours_ago: float, facility=None):
    facility = facility or world.facility_a
    person = PersonFactory(current_facility=facility)
    at = timezone.now() - timedelta(hours=hours_ago)
    Placement.objects.create(person=person, kind="admission", at=at, facility=facility)
    return person, at


def _period():
    today = timezone.localdate()
    return {"since": today - timedelta(days=30), "until": today}


def test_only_examinations_within_24_hours_of_arrival_count(world, record):
    on_time, at1 = _arrival(world, 50)
    late, at2 = _arrival(world, 100)
    never, _ = _arrival(world, 10)
    record(person=on_time, examined_at=at1 + timedelta(hours=3))
    record(person=late, examined_at=at2 + timedelta(hours=30))
    record(person=never, kind="periodic", examined_at=timezone.now() - timedelta(hours=1))
    user = world.users[Role.MEDICAL_OFFICER]
    (row,) = admissions.examined_on_arrival(user=user, cap="medical.view", **_period())
    assert (row.facility, row.arrivals, row.examined) == (world.facility_a, 3, 1)


def test_injuries_are_grouped_by_where_the_person_came_from(world, record):
    record(arrived_from="ОП-3 УП г. Тараз", injuries=[BRUISE, BRUISE], alleges_ill_treatment=True)
    record(arrived_from="ОП-3 УП г. Тараз", injuries=[BRUISE])
    record(arrived_from="ИВС г. Шымкент")
    user = world.users[Role.MEDICAL_OFFICER]
    rows = list(admissions.injury_sources(user=user, cap="medical.view", **_period()))
    assert rows[0] == {
        "arrived_from": "ОП-3 УП г. Тараз",
        "examinations": 2,
        "with_injuries": 2,
        "injuries": 3,
        "case_files": 1,
    }
    assert rows[1]["arrived_from"] == "ИВС г. Шымкент" and rows[1]["with_injuries"] == 0


def test_the_page_shows_counts_to_medical_staff_and_the_ombudsman_only(
    world, login, client, record
):
    record(arrived_from="ОП-3 УП г. Тараз", injuries=[BRUISE], account="Секретный рассказ")
    for role in (Role.MEDICAL_OFFICER, Role.OMBUDSMAN_STAFF):
        login(world.users[role])
        page = client.get("/medical/admissions/").content.decode()
        assert "ОП-3 УП г. Тараз" in page and "Секретный рассказ" not in page
        assert world.person_a.full_name not in page
    for role in (Role.FACILITY_ADMIN, Role.PROSECUTOR, Role.ANALYST):
        login(world.users[role])
        assert client.get("/medical/admissions/").status_code == 404


def test_a_period_that_ends_before_it_starts_is_refused(world, login, client):
    login(world.users[Role.MEDICAL_OFFICER])
    r = client.get("/medical/admissions/?since=2026-05-01&until=2026-04-01")
    assert r.status_code == 400 and "ends before it starts" in r.content.decode()


def test_another_regions_places_stay_out_of_the_figures(world, record):
    _arrival(world, 5, facility=world.facility_b)
    user = world.users[Role.OMBUDSMAN_STAFF]
    rows = admissions.examined_on_arrival(user=user, cap="allegation.view", **_period())
    assert world.facility_b not in [r.facility for r in rows]
