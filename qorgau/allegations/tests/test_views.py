from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.allegations import services
from qorgau.allegations.models import CaseFile, Referral
from qorgau.core.models import AuditEntry


@pytest.fixture
def case(make_complaint, staff):
    return services.case_open_from_complaint(actor=staff, complaint=make_complaint())


def test_staff_open_a_case_file_from_the_complaint_page(
    world, login, client, make_complaint, staff
):
    complaint = make_complaint(categories=["threats"])
    login(staff)
    page = client.get(f"/complaints/{complaint.number}/")
    assert "Open or join a case file" in page.content.decode()
    r = client.post(f"/allegations/from-complaint/{complaint.number}/", {})
    case = CaseFile.objects.get()
    assert r.status_code == 302 and r["Location"] == case.get_absolute_url()
    page = client.get(f"/complaints/{complaint.number}/").content.decode()
    assert case.number in page and "Open or join a case file" not in page


def test_case_page_shows_safeguards_and_is_audited(world, login, client, case, staff):
    login(staff)
    body = client.get(case.get_absolute_url()).content.decode()
    for label in ("Referral to the prosecutor", "Preservation of video footage", "Reprisal watch"):
        assert label in body
    assert "The complainant of" in body and "Сейтов" not in body
    assert AuditEntry.objects.filter(action="allegation.read", object_id=str(case.uuid)).exists()


def test_bad_input_on_the_page_gets_errors_and_changes_nothing(world, login, client, case, staff):
    login(staff)
    r = client.post(f"{case.get_absolute_url()}edit/", {"summary": "", "classification": "146-9"})
    assert r.status_code == 400
    r = client.post(f"{case.get_absolute_url()}safeguards/footage/", {"footage-status": "failed"})
    assert r.status_code == 400 and "Explain in a few words why." in r.content.decode()
    r = client.post(f"{case.get_absolute_url()}victims/", {"iin": "990101300123"})
    assert r.status_code == 400
    r = client.post(f"{case.get_absolute_url()}safeguards/nonsense/", {})
    assert r.status_code == 404
    case.refresh_from_db()
    assert case.summary and case.classification == ""
    assert case.victims.count() == 1
    assert case.safeguards.get(kind="footage").status == "pending"


def test_a_victim_from_another_region_cannot_be_added_by_iin(world, login, client, case, staff):
    login(staff)
    r = client.post(f"{case.get_absolute_url()}victims/", {"iin": world.person_b.iin})
    assert r.status_code == 400 and "No person held with this IIN" in r.content.decode()
    r = client.post(f"{case.get_absolute_url()}victims/", {"iin": world.person_a.iin})
    assert r.status_code == 302 and case.victims.filter(person=world.person_a).exists()


def test_referral_flow_between_ombudsman_and_prosecutor(world, login, client, case, staff):
    login(staff)
    r = client.post(f"{case.get_absolute_url()}refer/")
    assert r.status_code == 302
    referral = Referral.objects.get()
    staff_copy = client.get(f"/allegations/referrals/{referral.uuid}/letter.pdf")
    assert staff_copy.status_code == 200 and staff_copy["Content-Type"] == "application/pdf"
    assert staff_copy.content == bytes(referral.copy_pdf)
    assert staff_copy["Cache-Control"] == "no-store"

    prosecutor = world.users[Role.PROSECUTOR]
    login(prosecutor)
    listing = client.get("/allegations/referrals/").content.decode()
    assert referral.number in listing
    letter = client.get(f"/allegations/referrals/{referral.uuid}/letter.pdf")
    assert letter.content == bytes(referral.letter_pdf)
    docx = client.get(f"/allegations/referrals/{referral.uuid}/letter.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    # The case file itself stays with the Ombudsman.
    assert client.get(case.get_absolute_url()).status_code == 404
    url = f"/allegations/referrals/{referral.uuid}/record/"
    assert client.post(url, {"kind": "registration"}).status_code == 400
    assert client.post(url, {"kind": "receipt"}).status_code == 302
    today = timezone.localdate().isoformat()
    r = client.post(
        url,
        {"kind": "registration", "criminal_case_number": "261500031000123", "registered_on": today},
    )
    assert r.status_code == 302

    login(staff)
    assert "2</span><span>new records from the prosecutor" in client.get("/").content.decode()
    body = client.get(case.get_absolute_url()).content.decode()
    assert "261500031000123" in body
    assert "0</span><span>new records from the prosecutor" in client.get("/").content.decode()


def test_prosecutor_of_another_region_gets_404(world, login, client, case, staff):
    from qorgau.testing.factories import UserFactory, grant

    referral = services.referral_send(actor=staff, case=case)
    other = UserFactory(username="prosecutor_b")
    grant(other, Role.PROSECUTOR, "jurisdiction", region=world.region_b)
    login(other)
    assert client.get(f"/allegations/referrals/{referral.uuid}/").status_code == 404
    assert client.get(f"/allegations/referrals/{referral.uuid}/letter.pdf").status_code == 404
    assert referral.number not in client.get("/allegations/referrals/").content.decode()


@pytest.mark.parametrize("role", [Role.FACILITY_ADMIN, Role.MEDICAL_OFFICER, Role.SYSADMIN])
def test_roles_without_the_capability_get_404_everywhere(world, login, client, case, staff, role):
    referral = services.referral_send(actor=staff, case=case)
    login(world.users[role])
    for url in (
        "/allegations/",
        case.get_absolute_url(),
        f"/allegations/referrals/{referral.uuid}/",
        f"/allegations/referrals/{referral.uuid}/letter.pdf",
        "/allegations/referrals/",
    ):
        assert client.get(url).status_code == 404, url
    assert "Case files" not in client.get("/").content.decode()


def test_dashboard_lists_overdue_safeguards(world, login, client, staff):
    case = services.case_open(
        actor=staff,
        facility=world.facility_a,
        summary="Избиение",
        known_at=timezone.now() - timedelta(days=2),
    )
    login(staff)
    body = client.get("/").content.decode()
    assert case.number in body and "safeguards overdue" in body


def test_facility_staff_record_a_sanction_that_flags_a_watched_victim(world, login, client, staff):
    case = services.case_open(
        actor=staff,
        facility=world.facility_a,
        summary="Избиение",
        known_at=timezone.now() - timedelta(days=2),
    )
    services.victim_add(actor=staff, case=case, person=world.person_a)
    login(world.users[Role.FACILITY_ADMIN])
    at = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        f"/people/{world.person_a.uuid}/sanctions/",
        {"kind": "disciplinary_cell", "at": at, "days": 10, "reason": "Отказ от работы"},
    )
    assert r.status_code == 302
    flag = case.reprisal_flags.get()
    assert flag.kind == "sanction"
    # The facility learns nothing of the flag: the person's page shows only the sanction.
    body = client.get(f"/people/{world.person_a.uuid}/").content.decode()
    assert "Disciplinary cell (ShIZO)" in body and case.number not in body
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        f"/people/{world.person_a.uuid}/sanctions/",
        {"kind": "reprimand", "at": future, "reason": "x"},
    )
    assert r.status_code == 400


def test_joining_an_unknown_case_file_says_so_and_changes_nothing(
    world, login, client, make_complaint, staff
):
    complaint = make_complaint(categories=["threats"])
    login(staff)
    r = client.post(
        f"/allegations/from-complaint/{complaint.number}/", {"case": "ALG-2026-999999"}, follow=True
    )
    assert "No case file ALG-2026-999999 in your area of work." in r.content.decode()
    assert not CaseFile.objects.exists()


def test_each_reprisal_flag_has_its_own_review_form(world, login, client, staff):
    case = services.case_open(
        actor=staff,
        facility=world.facility_a,
        summary="Избиение",
        known_at=timezone.now() - timedelta(days=2),
    )
    services.victim_add(actor=staff, case=case, person=world.person_a)
    from qorgau.people.services import sanction_record

    for hours in (3, 2):
        sanction_record(
            actor=None,
            person=world.person_a,
            kind="reprimand",
            at=timezone.now() - timedelta(hours=hours),
            reason="Спор",
        )
    first, second = case.reprisal_flags.order_by("at")
    login(staff)
    r = client.post(
        f"{case.get_absolute_url()}flags/{first.uuid}/", {f"{first.uuid}-status": "reprisal"}
    )
    body = r.content.decode()
    assert r.status_code == 400 and body.count("This field is required.") == 1


def test_the_prosecutor_is_offered_only_the_next_records(world, login, client, case, staff):
    referral = services.referral_send(actor=staff, case=case)
    login(world.users[Role.PROSECUTOR])
    url = f"/allegations/referrals/{referral.uuid}/"
    assert 'value="receipt"' in client.get(url).content.decode()
    client.post(f"{url}record/", {"kind": "receipt"})
    body = client.get(url).content.decode()
    assert 'value="receipt"' not in body and 'value="registration"' in body
