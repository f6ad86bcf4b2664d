"""Access-matrix rows for screening, beds, equipment and staffing.

Used by core/tests/test_access_matrix.py. Each row: (route name, method, url,
capability needed, out-of-scope url, body). Facility A's medical officer
reaches every row (each write is valid once); facility B's objects answer 404.
"""

from __future__ import annotations

from datetime import timedelta

from qorgau.accounts.roles import Cap

NATIONAL_RECORD = "national:" + Cap.MEDICAL_RECORD


def _at(days_ago: int) -> str:
    from django.utils import timezone

    return (timezone.localtime() - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")


def _examination(facility, person):
    from django.utils import timezone

    from qorgau.accounts.models import User
    from qorgau.medical.models import Examination

    return Examination.objects.get_or_create(
        person=person,
        facility=facility,
        defaults={
            "kind": "admission",
            "examined_at": timezone.now() - timedelta(hours=1),
            "examiner": User.objects.get(username="medical_officer"),
        },
    )[0]


def care_for_matrix(facility, n):
    """A unit with an occupied bed and a free one, an item of equipment (get-or-create)."""
    from django.utils import timezone

    from qorgau.accounts.models import User
    from qorgau.medical.models import Bed, BedStay, EquipmentItem, MedicalUnit
    from qorgau.testing.factories import PersonFactory

    unit, created = MedicalUnit.objects.get_or_create(facility=facility, name=f"Санчасть {n}")
    if created:
        occupied = Bed.objects.create(unit=unit, code="1", kind="general")
        Bed.objects.create(unit=unit, code="2", kind="isolation")
        BedStay.objects.create(
            bed=occupied,
            person=PersonFactory(current_facility=facility, surname="Беков", iin=None),
            admitted_at=timezone.now() - timedelta(days=3),
            reason="Наблюдение",
            admitted_by=User.objects.get(username="medical_officer"),
        )
        EquipmentItem.objects.create(
            facility=facility, unit=unit, kind="ecg", inventory_number=f"ECG-{n}"
        )
    beds = {b.code: b for b in unit.beds.all()}
    return {
        "unit": unit,
        "occupied": beds["1"],
        "free": beds["2"],
        "stay": BedStay.objects.get(bed=beds["1"], discharged_at__isnull=True),
        "item": EquipmentItem.objects.get(facility=facility, inventory_number=f"ECG-{n}"),
    }


def care_pages(w):
    from qorgau.medical.models import ScreeningTest

    fa, fb, pa, pb = w.facility_a, w.facility_b, w.person_a, w.person_b
    ca, cb = (care_for_matrix(f, n) for n, f in enumerate((fa, fb)))
    ea, eb = _examination(fa, pa), _examination(fb, pb)
    tb = ScreeningTest.objects.get(code="tb")
    c = "/medical/care"
    return [
        ("medical:care", "get", f"{c}/", Cap.MEDICAL_VIEW, None, None),
        *_screening_rows(c, tb, pa, pb, ea, eb),
        *_bed_rows(c, fa, fb, pa, ca, cb),
        *_equipment_rows(c, fa, ca, cb),
        ("medical:staffing", "get", f"{c}/staffing/", Cap.MEDICAL_VIEW, None, None),
        (
            "medical:staffing_facility",
            "get",
            f"{c}/staffing/{fa.uuid}/",
            Cap.MEDICAL_VIEW,
            f"{c}/staffing/{fb.uuid}/",
            None,
        ),
        (
            "medical:staffing_set",
            "post",
            f"{c}/staffing/{fa.uuid}/posts/",
            Cap.MEDICAL_RECORD,
            f"{c}/staffing/{fb.uuid}/posts/",
            {"specialty": "nurse", "authorised": "3", "filled": "2.5"},
        ),
    ]


def _screening_rows(c, tb, pa, pb, ea, eb):
    s = f"{c}/screening"
    return [
        ("medical:screening_due", "get", f"{s}/", Cap.MEDICAL_VIEW, None, None),
        ("medical:screening_coverage", "get", f"{s}/coverage/", Cap.MEDICAL_VIEW, None, None),
        ("medical:screening_tests", "get", f"{s}/tests/", NATIONAL_RECORD, None, None),
        (
            "medical:screening_test_edit",
            "post",
            f"{s}/tests/{tb.uuid}/",
            NATIONAL_RECORD,
            None,
            {"tb-code": "tb", "tb-name_kk": "Туберкулез", "tb-name_ru": "Туберкулёз"},
        ),
        (
            "medical:screening_person",
            "get",
            f"{s}/people/{pa.uuid}/",
            Cap.MEDICAL_VIEW,
            f"{s}/people/{pb.uuid}/",
            None,
        ),
        (
            "medical:screening_person",
            "post",
            f"{s}/people/{pa.uuid}/",
            Cap.MEDICAL_RECORD,
            f"{s}/people/{pb.uuid}/",
            {"test": "hiv", "taken_at": _at(1), "result": "negative"},
        ),
        (
            "medical:screening_examination",
            "get",
            f"{s}/examinations/{ea.uuid}/",
            Cap.MEDICAL_VIEW,
            f"{s}/examinations/{eb.uuid}/",
            None,
        ),
        (
            "medical:screening_examination",
            "post",
            f"{s}/examinations/{ea.uuid}/",
            Cap.MEDICAL_RECORD,
            f"{s}/examinations/{eb.uuid}/",
            {"test_tb": "negative"},
        ),
    ]


def _bed_rows(c, fa, fb, pa, ca, cb):
    b = f"{c}/beds"
    return [
        ("medical:beds", "get", f"{b}/", Cap.MEDICAL_VIEW, None, None),
        (
            "medical:beds_facility",
            "get",
            f"{b}/{fa.uuid}/",
            Cap.MEDICAL_VIEW,
            f"{b}/{fb.uuid}/",
            None,
        ),
        (
            "medical:unit_add",
            "post",
            f"{b}/{fa.uuid}/units/",
            Cap.MEDICAL_RECORD,
            f"{b}/{fb.uuid}/units/",
            {"name": "Туберкулёзное отделение"},
        ),
        (
            "medical:bed_add",
            "post",
            f"{b}/{fa.uuid}/beds/",
            Cap.MEDICAL_RECORD,
            f"{b}/{fb.uuid}/beds/",
            {"unit": str(ca["unit"].uuid), "code": "9", "kind": "observation"},
        ),
        (
            "medical:stay_admit",
            "post",
            f"{b}/{fa.uuid}/admit/",
            Cap.MEDICAL_RECORD,
            f"{b}/{fb.uuid}/admit/",
            {
                "iin": pa.iin,
                "bed": str(ca["free"].uuid),
                "admitted_at": _at(2),
                "reason": "Наблюдение",
            },
        ),
        (
            "medical:bed_active",
            "post",
            f"{b}/bed/{ca['occupied'].uuid}/in-use/",
            Cap.MEDICAL_RECORD,
            f"{b}/bed/{cb['occupied'].uuid}/in-use/",
            {"active": "on"},
        ),
        (
            "medical:stay_discharge",
            "post",
            f"{c}/stays/{ca['stay'].uuid}/discharge/",
            Cap.MEDICAL_RECORD,
            f"{c}/stays/{cb['stay'].uuid}/discharge/",
            {"discharged_at": _at(1)},
        ),
    ]


def _equipment_rows(c, fa, ca, cb):
    e = f"{c}/equipment"
    a, b = ca["item"].uuid, cb["item"].uuid
    today = _at(0)[:10]
    return [
        ("medical:equipment", "get", f"{e}/", Cap.MEDICAL_VIEW, None, None),
        (
            "medical:equipment_add",
            "post",
            f"{e}/new/",
            Cap.MEDICAL_RECORD,
            None,
            {
                "facility": str(fa.uuid),
                "kind": "defibrillator",
                "inventory_number": "DEF-1",
                "check_interval_days": "180",
            },
        ),
        ("medical:equipment_item", "get", f"{e}/{a}/", Cap.MEDICAL_VIEW, f"{e}/{b}/", None),
        (
            "medical:equipment_check",
            "post",
            f"{e}/{a}/checks/",
            Cap.MEDICAL_RECORD,
            f"{e}/{b}/checks/",
            {"checked_on": today, "result": "working", "note": "Поверка"},
        ),
        (
            "medical:equipment_state",
            "post",
            f"{e}/{a}/state/",
            Cap.MEDICAL_RECORD,
            f"{e}/{b}/state/",
            {"state": "needs_repair"},
        ),
    ]


def care_endpoints(w):
    return []
