from __future__ import annotations

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.allegations.models import CaseFile
from qorgau.core.models import AuditEntry
from qorgau.medical.models import Examination

from .conftest import BRUISE

FORM = {
    "iin": "",
    "kind": "admission",
    "examined_at": "2026-01-10T10:00",
    "private": "on",
    "consent": "on",
    "injury-TOTAL_FORMS": "6",
    "injury-INITIAL_FORMS": "0",
    "injury-MIN_NUM_FORMS": "0",
    "injury-MAX_NUM_FORMS": "6",
}


def _injury(n, **fields):
    return {f"injury-{n}-{k}": v for k, v in fields.items()}


def test_a_doctor_records_an_examination_with_injuries_that_opens_a_case_file(
    world, login, client, doctor
):
    login(doctor)
    assert client.get("/medical/new/").status_code == 200
    data = {
        **FORM,
        "iin": world.person_a.iin,
        "alleges_ill_treatment": "on",
        "conclusion": "highly_consistent",
        "account": "Били в отделе полиции",
        **_injury(0, body_region="face", side="front", kind="bruise", size_cm="3.5"),
        **_injury(1, body_region="back_upper", side="back", kind="abrasion"),
    }
    r = client.post("/medical/new/", data)
    examination = Examination.objects.get()
    assert r.status_code == 302 and r["Location"] == examination.get_absolute_url()
    assert examination.facility == world.facility_a and examination.examiner == doctor
    assert examination.injuries.count() == 2
    case = CaseFile.objects.get()
    page = client.get(examination.get_absolute_url()).content.decode()
    assert case.number in page and "Били в отделе полиции" in page
    assert AuditEntry.objects.filter(action="medical.read", object_id=str(examination.uuid))


def test_a_person_outside_the_doctors_scope_is_refused_with_a_clear_error(
    world, login, client, doctor
):
    login(doctor)
    r = client.post("/medical/new/", {**FORM, "iin": world.person_b.iin})
    assert r.status_code == 400 and "No person held with this IIN" in r.content.decode()
    assert not Examination.objects.exists()


def test_the_consent_rule_shows_on_the_form(world, login, client, doctor):
    login(doctor)
    data = {**FORM, "iin": world.person_a.iin, "findings": "Ссадина"}
    data.pop("consent")
    r = client.post("/medical/new/", data)
    assert r.status_code == 400 and "Without consent" in r.content.decode()
    assert not Examination.objects.exists()


def test_the_list_filters_by_kind(world, login, client, doctor, record):
    record(kind="periodic", injuries=[BRUISE])
    record(kind="admission")
    login(doctor)
    body = client.get("/medical/?kind=periodic").content.decode()
    assert "1 examination" in body and "Periodic" in body


@pytest.mark.parametrize(
    "role", [r for r in Role if r != Role.MEDICAL_OFFICER], ids=lambda r: r.value
)
def test_roles_without_medical_access_get_404_everywhere(world, login, client, record, role):
    examination = record(conclusion="consistent")
    login(world.users[role])
    for url in ("/medical/", "/medical/new/", examination.get_absolute_url()):
        assert client.get(url).status_code == 404, (role, url)
    assert client.post("/medical/new/", {**FORM, "iin": world.person_a.iin}).status_code == 404


def test_another_facilitys_examination_is_404_for_the_doctor(world, login, client, doctor):
    from datetime import timedelta

    from django.utils import timezone

    from qorgau.accounts.roles import Role as R
    from qorgau.medical.services import examination_record

    other = examination_record(
        actor=world.users[R.SYSADMIN],
        person=world.person_b,
        facility=world.facility_b,
        kind="periodic",
        examined_at=timezone.now() - timedelta(hours=1),
    )
    login(doctor)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert str(other.uuid) not in client.get("/medical/").content.decode()


def test_the_case_file_links_the_examination_only_for_medical_roles(world, login, client, record):
    examination = record(conclusion="consistent")
    case = CaseFile.objects.get()
    login(world.users[Role.OMBUDSMAN_STAFF])
    body = client.get(case.get_absolute_url()).content.decode()
    assert str(examination.uuid) in body
    assert f'href="{examination.get_absolute_url()}"' not in body
    # The report itself, on the logged basis of the case file.
    assert f'href="/medical/{examination.uuid}/report.pdf"' in body


def test_the_facility_sees_that_an_examination_took_place_and_when_never_its_content(
    world, login, client, record
):
    examination = record(
        alleges_ill_treatment=True,
        injuries=[BRUISE],
        account="Ударили дубинкой по спине",
        findings="Кровоподтёк скуловой области",
    )
    login(world.users[Role.FACILITY_ADMIN])
    page = client.get(world.person_a.get_absolute_url()).content.decode()
    when = timezone.localtime(examination.examined_at).strftime("%Y-%m-%d %H:%M")
    assert when in page
    for secret in ("Ударили дубинкой", "Кровоподтёк", examination.get_absolute_url()):
        assert secret not in page
    assert client.get(examination.get_absolute_url()).status_code == 404
