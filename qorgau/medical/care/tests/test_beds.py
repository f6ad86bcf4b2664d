from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.core.models import AuditEntry
from qorgau.medical.care import selectors, services
from qorgau.medical.care.models import Bed, BedStay, MedicalUnit

from .conftest import ago


@pytest.fixture
def ward(world, doctor):
    unit = services.medical_unit_create(actor=doctor, facility=world.facility_a, name="Санчасть")
    return [
        services.bed_create(actor=doctor, unit=unit, code=code, kind=kind)
        for code, kind in (("1", "general"), ("2", "isolation"), ("3", "observation"))
    ]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def test_admission_and_discharge_are_audited(world, doctor, ward):
    stay = services.stay_admit(
        actor=doctor, bed=ward[0], person=world.person_a, admitted_at=ago(days=2), reason="Обс."
    )
    services.stay_discharge(actor=doctor, stay=stay, discharged_at=ago(hours=1))
    stay.refresh_from_db()
    assert stay.discharged_by == doctor
    actions = AuditEntry.objects.filter(object_id=str(stay.uuid)).values_list("action", flat=True)
    assert set(actions) == {"medical.admission", "medical.discharge"}


def _refused(call, message):
    stays, audit = BedStay.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=message):
        call()
    assert (BedStay.objects.count(), AuditEntry.objects.count()) == (stays, audit)


def test_a_bed_holds_one_person_at_a_time(world, doctor, ward, held_at):
    other = held_at()
    services.stay_admit(
        actor=doctor, bed=ward[0], person=other, admitted_at=ago(days=5), reason="Обс."
    )
    admit = lambda **kw: services.stay_admit(  # noqa: E731
        actor=doctor, person=world.person_a, reason="Обс.", **kw
    )
    _refused(lambda: admit(bed=ward[0], admitted_at=ago(days=1)), "occupied")
    # Backdated into a stay that has ended since: still an overlap.
    stay = BedStay.objects.get()
    services.stay_discharge(actor=doctor, stay=stay, discharged_at=ago(days=2))
    _refused(lambda: admit(bed=ward[0], admitted_at=ago(days=3)), "occupied")
    assert admit(bed=ward[0], admitted_at=ago(days=1)).bed == ward[0]


def test_a_person_lies_in_one_bed_at_a_time(world, doctor, ward):
    services.stay_admit(
        actor=doctor, bed=ward[0], person=world.person_a, admitted_at=ago(days=1), reason="Обс."
    )
    _refused(
        lambda: services.stay_admit(
            actor=doctor, bed=ward[1], person=world.person_a, admitted_at=ago(hours=1), reason="x"
        ),
        "in a bed at that time already",
    )


def test_a_person_held_elsewhere_is_refused(world, doctor, ward):
    _refused(
        lambda: services.stay_admit(
            actor=doctor, bed=ward[0], person=world.person_b, admitted_at=ago(hours=1), reason="x"
        ),
        "not held at this place now",
    )


def test_an_admission_in_the_future_or_to_a_bed_out_of_use_is_refused(world, doctor, ward):
    admit = lambda **kw: services.stay_admit(  # noqa: E731
        actor=doctor, person=world.person_a, reason="x", **kw
    )
    _refused(lambda: admit(bed=ward[0], admitted_at=ago(days=-1)), "future")
    services.bed_set_active(actor=doctor, bed=ward[2], active=False)
    _refused(lambda: admit(bed=ward[2], admitted_at=ago(hours=1)), "not in use")


def test_discharge_before_admission_is_refused_and_changes_nothing(world, doctor, ward):
    stay = services.stay_admit(
        actor=doctor, bed=ward[0], person=world.person_a, admitted_at=ago(days=1), reason="x"
    )
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="cannot come before the admission"):
        services.stay_discharge(actor=doctor, stay=stay, discharged_at=ago(days=2))
    stay.refresh_from_db()
    assert stay.discharged_at is None and AuditEntry.objects.count() == audit
    services.stay_discharge(actor=doctor, stay=stay, discharged_at=ago(hours=1))
    with pytest.raises(ValidationError, match="ended already"):
        services.stay_discharge(actor=doctor, stay=stay, discharged_at=ago(minutes=1))


def test_an_occupied_bed_stays_in_use(world, doctor, ward):
    services.stay_admit(
        actor=doctor, bed=ward[0], person=world.person_a, admitted_at=ago(days=1), reason="x"
    )
    with pytest.raises(ValidationError, match="Discharge the person"):
        services.bed_set_active(actor=doctor, bed=ward[0], active=False)
    assert Bed.objects.get(pk=ward[0].pk).active


def test_occupancy_counts_beds_used_each_day_with_admissions_and_discharges(
    world, doctor, ward, held_at
):
    d = timezone.localdate() - timedelta(days=10)
    p1, p2, p3 = world.person_a, held_at(), held_at()
    # p1: bed 1 for days 0-2; p2: bed 1 again from day 2 (same bed, same day); p3: bed 2, open.
    s1 = services.stay_admit(
        actor=doctor, bed=ward[0], person=p1, admitted_at=_at(d, 9), reason="x"
    )
    services.stay_discharge(actor=doctor, stay=s1, discharged_at=_at(d + timedelta(days=2), 8))
    services.stay_admit(
        actor=doctor, bed=ward[0], person=p2, admitted_at=_at(d + timedelta(days=2), 14), reason="x"
    )
    services.stay_admit(
        actor=doctor, bed=ward[1], person=p3, admitted_at=_at(d + timedelta(days=1), 23), reason="x"
    )
    days = selectors.occupancy_by_day(
        facility=world.facility_a, start=d - timedelta(days=1), end=d + timedelta(days=3)
    )
    assert [(x.occupied, x.admissions, x.discharges) for x in days] == [
        (0, 0, 0),
        (1, 1, 0),
        (2, 1, 0),
        (2, 1, 1),  # bed 1 counted once although two people used it that day
        (2, 0, 0),
    ]
    assert {x.beds for x in days} == {3} and days[2].rate == 66.7


def test_the_beds_page_shows_who_is_in_bed_and_logs_the_read(world, login, client, doctor, ward):
    services.stay_admit(
        actor=doctor, bed=ward[0], person=world.person_a, admitted_at=ago(days=1), reason="Обс."
    )
    login(doctor)
    page = client.get(
        f"/medical/care/beds/{world.facility_a.uuid}/?start=2020-01-01&end=2020-01-31"
    )
    body = page.content.decode()
    assert page.status_code == 200 and world.person_a.full_name in body
    assert "<svg" in body and "2020-01-31" in body
    assert AuditEntry.objects.filter(
        action="medical.read", object_id=str(world.facility_a.uuid), details__part="beds"
    ).exists()
    # A period the wrong way round falls back to the last 30 days, with the error shown.
    wrong = client.get(
        f"/medical/care/beds/{world.facility_a.uuid}/?start=2020-02-01&end=2020-01-01"
    )
    assert "The period must start before it ends" in wrong.content.decode()


def test_the_beds_page_refuses_bad_admissions_with_an_error(world, login, client, doctor, ward):
    login(doctor)
    url = f"/medical/care/beds/{world.facility_a.uuid}/admit/"
    data = {"iin": world.person_b.iin, "bed": str(ward[0].uuid), "admitted_at": "2026-01-01T10:00"}
    r = client.post(url, {**data, "reason": "x"})
    assert r.status_code == 400 and "No person held with this IIN" in r.content.decode()
    r = client.post(url, {**data, "iin": world.person_a.iin, "reason": "Обс."})
    assert r.status_code == 302 and BedStay.objects.get().person == world.person_a


def test_units_and_beds_are_added_once_per_name(world, login, client, doctor, ward):
    login(doctor)
    base = f"/medical/care/beds/{world.facility_a.uuid}"
    r = client.post(f"{base}/units/", {"name": "Санчасть"})
    assert r.status_code == 400 and "already has a unit" in r.content.decode()
    unit = MedicalUnit.objects.get()
    r = client.post(f"{base}/beds/", {"unit": str(unit.uuid), "code": "1", "kind": "general"})
    assert r.status_code == 400 and "already has a bed" in r.content.decode()
    assert Bed.objects.count() == 3


def test_another_facilitys_beds_and_stays_are_404(world, login, client, doctor, national_doctor):
    unit = services.medical_unit_create(actor=national_doctor, facility=world.facility_b, name="B")
    bed = services.bed_create(actor=national_doctor, unit=unit, code="1", kind="general")
    stay = services.stay_admit(
        actor=national_doctor, bed=bed, person=world.person_b, admitted_at=ago(days=1), reason="x"
    )
    login(doctor)
    for url in (
        f"/medical/care/beds/{world.facility_b.uuid}/",
        f"/medical/care/staffing/{world.facility_b.uuid}/",
    ):
        assert client.get(url).status_code == 404, url
    for url, body in (
        (f"/medical/care/stays/{stay.uuid}/discharge/", {"discharged_at": "2026-01-01T10:00"}),
        (f"/medical/care/beds/bed/{bed.uuid}/in-use/", {}),
        (f"/medical/care/beds/{world.facility_b.uuid}/units/", {"name": "X"}),
    ):
        assert client.post(url, body).status_code == 404, url
    stay.refresh_from_db()
    bed.refresh_from_db()
    assert stay.discharged_at is None and bed.active and MedicalUnit.objects.count() == 1
