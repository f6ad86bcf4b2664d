"""Access-matrix rows for medical examinations (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap


def _examination(facility, person, case):
    from django.utils import timezone

    from qorgau.accounts.models import User
    from qorgau.medical.models import Examination

    return Examination.objects.get_or_create(
        person=person,
        facility=facility,
        defaults={
            "kind": "admission",
            "examined_at": timezone.now(),
            "examiner": User.objects.get(username="medical_officer"),
            "case_reference": case.number,
        },
    )[0]


def _photo(examination):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.medical.photos import photo_add
    from qorgau.testing.images import jpeg_with_gps

    photo = examination.photos.first()
    if photo is None:
        upload = SimpleUploadedFile("p.jpg", jpeg_with_gps())
        photo = photo_add(
            actor=examination.examiner, examination=examination, upload=upload, consent=True
        )
    return photo


def medical_pages(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.allegations.tests.routes import case_for_matrix
    from qorgau.testing.images import jpeg_with_gps

    ea, eb = (
        _examination(f, p, case_for_matrix(f, n))
        for n, (f, p) in enumerate(((w.facility_a, w.person_a), (w.facility_b, w.person_b)))
    )
    pa, pb = _photo(ea), _photo(eb)
    a, b = f"/medical/{ea.uuid}", f"/medical/{eb.uuid}"
    upload = {"upload": SimpleUploadedFile("q.jpg", jpeg_with_gps("blue")), "consent": "on"}
    return [
        ("medical:list", "get", "/medical/", Cap.MEDICAL_VIEW, None, None),
        ("medical:new", "get", "/medical/new/", Cap.MEDICAL_RECORD, None, None),
        (
            "medical:admissions",
            "get",
            "/medical/admissions/",
            (Cap.MEDICAL_VIEW, Cap.ALLEGATION_VIEW),
            None,
            None,
        ),
        ("medical:detail", "get", f"{a}/", Cap.MEDICAL_VIEW, f"{b}/", None),
        ("medical:photo_add", "post", f"{a}/photos/", Cap.MEDICAL_RECORD, f"{b}/photos/", upload),
        (
            "medical:photo",
            "get",
            f"{a}/photos/{pa.uuid}/",
            Cap.MEDICAL_VIEW,
            f"{b}/photos/{pb.uuid}/",
            None,
        ),
        # The Ombudsman reads the report of an examination on a case file in scope.
        (
            "medical:report",
            "get",
            f"{a}/report.pdf",
            (Cap.MEDICAL_VIEW, Cap.ALLEGATION_VIEW),
            f"{b}/report.pdf",
            None,
        ),
        ("medical:notify", "post", f"{a}/notify/", Cap.MEDICAL_RECORD, f"{b}/notify/", {}),
    ]
