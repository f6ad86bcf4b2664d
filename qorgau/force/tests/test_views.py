from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from qorgau.core.models import AuditEntry
from qorgau.force.models import UseOfForce
from qorgau.force.tests.routes import use_for_matrix
from qorgau.testing.factories import make_iin

FINDINGS = "Кровоподтёк 3×4 см на левом плече, багрового цвета"
ACCOUNT = "Ударили дубинкой в коридоре ШИЗО"
UNKNOWN_IIN = make_iin(7777)  # valid, but nobody's


def _form(world, **overrides):
    ended = timezone.localtime(timezone.now() - timedelta(hours=1))
    data = {
        "facility": str(world.facility_a.uuid),
        "zone": str(world.zone_a.uuid),
        "place_description": "Коридор ШИЗО, у камеры 4",
        "started_at": (ended - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": ended.strftime("%Y-%m-%dT%H:%M"),
        "iins": f"{world.person_a.iin}\n",
        "staff_involved": "Младший инспектор Касымов А.",
        "grounds": "Нападение на сотрудника",
        "techniques": ["physical_force", "combat_techniques"],
        "special_means": ["handcuffs"],
        "restraint_minutes": "45",
        "cameras": "CAM-07, CAM-08",
        "body_cameras": "BWC-112",
    }
    data.update(overrides)
    return data


def test_facility_admin_records_a_use_of_force_on_the_page(world, login, client, admin):
    login(admin)
    page = client.get("/force/new/").content.decode()
    assert 'type="checkbox"' in page and 'value="restraint_belts"' in page
    assert 'type="datetime-local"' in page
    r = client.post("/force/new/", _form(world))
    use = UseOfForce.objects.get()
    assert r.status_code == 302 and r["Location"] == use.get_absolute_url()
    assert use.cameras == ["CAM-07", "CAM-08"] and use.restraint_minutes == 45
    body = client.get(use.get_absolute_url()).content.decode()
    for text in ("Physical force", "Combat techniques", "Handcuffs", "45 minutes", "CAM-08"):
        assert text in body
    assert world.person_a.full_name in body and "due by" in body
    assert "Record the examination" not in body  # not a medical officer
    assert AuditEntry.objects.filter(action="force.read", object_id=str(use.uuid)).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"iins": "12345"}, "12345 is not a valid IIN."),
        ({"iins": UNKNOWN_IIN}, f"No person with IIN {UNKNOWN_IIN}"),
        ({"special_means": ["handcuffs"], "restraint_minutes": ""}, "Give how long"),
        ({"techniques": [], "special_means": []}, "at least one technique or special means"),
    ],
)
def test_bad_input_on_the_page_gets_errors_and_changes_nothing(
    world, login, client, admin, overrides, message
):
    login(admin)
    r = client.post("/force/new/", _form(world, **overrides))
    assert r.status_code == 400 and message in r.content.decode()
    assert not UseOfForce.objects.exists()


def test_another_places_person_or_zone_is_refused_on_the_page(world, login, client, admin):
    login(admin)
    r = client.post("/force/new/", _form(world, iins=world.person_b.iin))
    assert r.status_code == 400 and "is or was held at this place" in r.content.decode()
    r = client.post("/force/new/", _form(world, zone=str(world.zone_b.uuid)))
    assert r.status_code == 400  # not a choice: facility B is outside the admin's scope
    r = client.post("/force/new/", _form(world, facility=str(world.facility_b.uuid)))
    assert r.status_code == 400
    assert not UseOfForce.objects.exists()


def test_the_page_shows_that_and_when_an_examination_took_place_never_its_content(
    world, login, client, record, examine
):
    use = record()
    exam = examine(at=timezone.now() - timedelta(minutes=20), findings=FINDINGS, account=ACCOUNT)
    when = timezone.localtime(exam.examined_at).strftime("%Y-%m-%d %H:%M")
    for role in (Role.FACILITY_ADMIN, Role.OMBUDSMAN_STAFF, Role.PROSECUTOR, Role.MEDICAL_OFFICER):
        login(world.users[role])
        body = client.get(use.get_absolute_url()).content.decode()
        assert f"examined at {when}" in body, role
        assert FINDINGS not in body and ACCOUNT not in body, role
        assert str(exam.uuid) not in body, role


def test_a_medical_officer_is_led_to_record_the_examination(world, login, client, record):
    use = record()
    login(world.users[Role.MEDICAL_OFFICER])
    body = client.get(use.get_absolute_url()).content.decode()
    assert f"/medical/new/?iin={world.person_a.iin}&amp;kind=after_force" in body


def test_an_overdue_examination_shows_on_the_page_the_list_and_the_dashboard(
    world, login, client, record, admin, settings
):
    settings.QORGAU_FORCE_EXAM_HOURS = 1
    overdue = record(ended_at=timezone.now() - timedelta(hours=3))
    due = record(ended_at=timezone.now() - timedelta(minutes=10))
    login(admin)
    body = client.get(overdue.get_absolute_url()).content.decode()
    assert "overdue since" in body
    listed = client.get("/force/?overdue=on").content.decode()
    assert overdue.number in listed and due.number not in listed
    dashboard = client.get("/").content.decode()
    assert "examinations after use of force overdue" in dashboard
    assert '<span class="stat-n">1</span>' in dashboard and "/force/?overdue=on" in dashboard


def test_roles_without_the_capability_get_404_and_see_no_counter(world, login, client):
    use = use_for_matrix(world.facility_a, world.person_a, 0)
    for role in Role:
        if Cap.FORCE_VIEW in ROLE_CAPABILITIES[role]:
            continue
        login(world.users[role])
        for url in ("/force/", "/force/new/", use.get_absolute_url()):
            assert client.get(url).status_code == 404, (role, url)
        assert "after use of force" not in client.get("/").content.decode(), role
        assert 'href="/force/"' not in client.get("/").content.decode(), role


def test_only_facility_administration_records(world, login, client):
    for role in (Role.OMBUDSMAN_STAFF, Role.PROSECUTOR, Role.MEDICAL_OFFICER):
        login(world.users[role])
        assert client.get("/force/").status_code == 200
        assert client.get("/force/new/").status_code == 404, role
        assert client.post("/force/new/", _form(world)).status_code == 404, role
    assert not UseOfForce.objects.exists()


def test_another_facilitys_record_is_404_for_every_role_that_reads_them(world, login, client):
    other = use_for_matrix(world.facility_b, world.person_b, 1)
    for role in (Role.FACILITY_ADMIN, Role.MEDICAL_OFFICER, Role.OMBUDSMAN_STAFF, Role.PROSECUTOR):
        login(world.users[role])
        assert client.get(other.get_absolute_url()).status_code == 404, role
        assert other.number not in client.get("/force/").content.decode(), role
    assert not AuditEntry.objects.filter(action="force.read").exists()
