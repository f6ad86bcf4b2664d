"""Pages of planning: who reaches what, and the flows a coordinator goes through."""

from __future__ import annotations

from datetime import date

import pytest

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.visits.models import ConflictDeclaration, Visit

from .makers import case_file, participant, team, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def coord(world, login):
    return login(world.users[Role.NPM_COORDINATOR])


def test_participant_sees_only_visits_of_their_teams(world, login):
    user = world.users[Role.NPM_PARTICIPANT]
    me = participant("Я Участник", user=user)
    mine = team(visit(world.facility_a), me, participant(), participant())
    other = team(visit(world.facility_a), participant(), participant(), participant())
    client = login(user)
    assert client.get(f"/visits/{mine.uuid}/").status_code == 200
    assert client.get(f"/visits/{other.uuid}/").status_code == 404
    listed = client.get("/visits/").content.decode()
    assert mine.number in listed and other.number not in listed
    # Coordinating pages of their own visit: in reach, not allowed.
    assert client.get(f"/visits/{mine.uuid}/team/").status_code == 403


@pytest.mark.parametrize(
    "role",
    [Role.FACILITY_ADMIN, Role.PROSECUTOR, Role.ANALYST, Role.MEDICAL_OFFICER, Role.SYSADMIN],
)
def test_roles_without_visit_capabilities_reach_nothing(world, login, role):
    v = visit(world.facility_a)
    client = login(world.users[role])
    for url in (
        "/visits/",
        f"/visits/{v.uuid}/",
        "/visits/new/",
        "/visits/participants/",
        "/visits/planning/risk/",
        "/visits/plan/2026/",
        "/visits/council/",
    ):
        assert client.get(url).status_code in (403, 404), (role, url)


def test_ombudsman_staff_reads_visits_in_scope_but_does_not_coordinate(world, login):
    v = visit(world.facility_a)
    vb = visit(world.facility_b)
    client = login(world.users[Role.OMBUDSMAN_STAFF])
    assert client.get(f"/visits/{v.uuid}/").status_code == 200
    assert client.get(f"/visits/{vb.uuid}/").status_code == 404
    assert client.get(f"/visits/{v.uuid}/team/").status_code == 403
    assert client.post(f"/visits/{v.uuid}/status/", {"action": "cancel"}).status_code == 403
    assert client.get("/visits/planning/risk/").status_code == 404


def test_coordinator_cannot_coordinate_another_region(world, coord):
    vb = visit(world.facility_b)
    assert coord.get(f"/visits/{vb.uuid}/team/").status_code == 404
    r = coord.post("/visits/new/", {"kind": "special", "facility": str(world.facility_b.uuid)})
    assert r.status_code == 400
    assert not Visit.objects.filter(facility=world.facility_b).exclude(pk=vb.pk).exists()


def test_special_visit_from_case_file_page(world, coord):
    case = case_file(world.facility_a)
    r = coord.get(f"/visits/new/?case={case.uuid}")
    assert r.status_code == 200 and case.number in r.content.decode()
    r = coord.post("/visits/new/", {"kind": "special", "case": str(case.uuid), "purpose": "X"})
    assert r.status_code == 302
    v = Visit.objects.get(case_file=case)
    assert (v.kind, v.facility) == ("special", world.facility_a)
    assert coord.get(f"/visits/{v.uuid}/").status_code == 200
    # A case file of another region is out of reach.
    other = case_file(world.facility_b, 2)
    assert coord.get(f"/visits/new/?case={other.uuid}").status_code == 404


def test_follow_up_from_visit_page(world, coord):
    first = visit(world.facility_a, status="done")
    assert f"?follows={first.uuid}" in coord.get(f"/visits/{first.uuid}/").content.decode()
    r = coord.post("/visits/new/", {"kind": "follow_up", "follows": str(first.uuid)})
    assert r.status_code == 302
    v = Visit.objects.get(follows=first)
    page = coord.get(f"/visits/{v.uuid}/").content.decode()
    assert first.number in page


def test_planned_visit_into_plan_and_grid(world, coord):
    r = coord.post(
        "/visits/new/",
        {"kind": "planned", "facility": str(world.facility_a.uuid), "year": 2026, "quarter": 2},
    )
    assert r.status_code == 302
    page = coord.get("/visits/plan/2026/").content.decode()
    assert world.region_a.name in page and "Visits of the plan" in page


def test_team_page_refuses_conflicted_member_with_message_and_shows_balance(world, coord):
    v = visit(world.facility_a)
    p = participant("Конфликт Петров", gender="m")
    ConflictDeclaration.objects.create(
        participant=p,
        facility=world.facility_a,
        reason="Жена работает",
        declared_on=date(2025, 1, 1),
    )
    r = coord.post(
        f"/visits/{v.uuid}/team/", {"participant": str(p.uuid), "role": "member", "days": 1}
    )
    assert r.status_code == 400
    text = r.content.decode()
    assert "Конфликт Петров" in text and "Жена работает" in text
    assert v.team.count() == 0
    doc = participant("Доктор Айболит", expertise=["doctor"])
    page = coord.get(f"/visits/{v.uuid}/team/").content.decode()
    assert "No doctor or psychiatrist on the team." in page and "Доктор Айболит" in page
    r = coord.post(
        f"/visits/{v.uuid}/team/", {"participant": str(doc.uuid), "role": "leader", "days": 1}
    )
    assert r.status_code == 302
    page = coord.get(f"/visits/{v.uuid}/team/").content.decode()
    assert "No doctor or psychiatrist on the team." not in page


def test_start_refused_on_page_keeps_status(world, coord):
    v = team(visit(world.facility_a), participant(), participant())
    r = coord.post(f"/visits/{v.uuid}/status/", {"action": "start"}, follow=True)
    assert "at least 3 participants" in r.content.decode()
    v.refresh_from_db()
    assert v.status == "planned"


def test_participant_declares_own_conflict(world, login):
    user = world.users[Role.NPM_PARTICIPANT]
    me = participant("Я Участник", user=user)
    client = login(user)
    r = client.post(
        "/visits/participants/me/", {"facility": str(world.facility_a.uuid), "reason": "Сын там"}
    )
    assert r.status_code == 302
    assert me.conflicts.get().reason == "Сын там"
    assert AuditEntry.objects.filter(action="visit.conflict_declare").exists()
    # They cannot open the register or another participant's entry.
    other = participant()
    assert client.get(f"/visits/participants/{other.uuid}/").status_code == 404
    assert (
        client.post(
            f"/visits/participants/{other.uuid}/conflicts/",
            {"facility": str(world.facility_a.uuid), "reason": "x"},
        ).status_code
        == 404
    )


def test_council_decision_admits_participants(world, coord):
    p = participant(active_from=date(2027, 1, 1))
    r = coord.post(
        "/visits/council/new/",
        {
            "number": "12",
            "date": "2026-03-01",
            "kind": "admission",
            "title": "О приёме",
            "admit": [str(p.uuid)],
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.admitted_by.number == "12" and p.active_from == date(2026, 3, 1)
    assert "О приёме" in coord.get("/visits/council/").content.decode()


def test_participant_register_create_and_filter(world, coord):
    r = coord.post(
        "/visits/participants/new/",
        {
            "full_name": "Гульнара Психиатр",
            "gender": "f",
            "expertise": ["psychiatrist"],
            "languages": ["kk", "ru"],
            "regions": [world.region_a.code],
            "active_from": "2026-01-01",
        },
    )
    assert r.status_code == 302
    participant("Юрист Тестов")
    page = coord.get("/visits/participants/?expertise=psychiatrist").content.decode()
    assert "Гульнара Психиатр" in page and "Юрист Тестов" not in page


def test_case_file_page_links_to_a_special_visit_for_coordinators_of_the_place(world, login):
    from qorgau.testing.factories import grant

    case = case_file(world.facility_a)
    staff = world.users[Role.OMBUDSMAN_STAFF]
    client = login(staff)
    link = f"/visits/new/?case={case.uuid}"
    assert link not in client.get(f"/allegations/{case.number}/").content.decode()
    grant(staff, Role.NPM_COORDINATOR, "region", region=world.region_a)
    staff = type(staff).objects.get(pk=staff.pk)  # memberships are cached on the user
    client = login(staff)
    assert link in client.get(f"/allegations/{case.number}/").content.decode()
