"""Access-matrix rows for case files and referrals (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body).
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap


def case_for_matrix(facility, n):
    from django.utils import timezone

    from qorgau.allegations.models import CaseFile, Referral, ReprisalFlag, Safeguard, Victim
    from qorgau.allegations.services import safeguard_due

    case, created = CaseFile.objects.get_or_create(
        number=f"ALG-2026-90000{n}",
        defaults={"facility": facility, "known_at": timezone.now(), "summary": "Избиение"},
    )
    if created:
        for kind in ("referral", "footage", "forensic", "protection", "reprisal_watch"):
            due = safeguard_due(kind=kind, known_at=case.known_at, event_at=None)
            Safeguard.objects.create(case=case, kind=kind, due_at=due, owner="ombudsman_staff")
        victim = Victim.objects.create(case=case, name="Тестов")
        ReprisalFlag.objects.create(
            case=case, victim=victim, kind="transfer", at=timezone.now(), event_reference=f"e{n}"
        )
        Referral.objects.create(
            case=case,
            number=f"REF-2026-90000{n}",
            sent_at=timezone.now(),
            sent_by=_sender(),
            letter_pdf=b"%PDF-1.7 letter",
            copy_pdf=b"%PDF-1.7 copy",
            letter_sha256="0" * 64,
        )
    return case


def _sender():
    from qorgau.accounts.models import User

    return User.objects.get(username="ombudsman_staff")


def allegation_pages(w, complaint_for):
    """Pages of case files and referrals; `complaint_for(facility, n)` makes a complaint."""
    from qorgau.allegations.models import Referral

    fa, fb, pa, pb = w.facility_a, w.facility_b, w.person_a, w.person_b
    ka, kb = (case_for_matrix(f, n) for n, f in enumerate((fa, fb)))
    fla, flb = (k.reprisal_flags.get() for k in (ka, kb))
    rfa, rfb = (Referral.objects.get(case=k).uuid for k in (ka, kb))
    ca, cb = (complaint_for(f, n) for n, f in enumerate((fa, fb)))
    a, b = f"/allegations/{ka.number}", f"/allegations/{kb.number}"
    letter_caps = (Cap.REFERRAL_VIEW, Cap.ALLEGATION_VIEW)
    return [
        ("allegations:list", "get", "/allegations/", Cap.ALLEGATION_VIEW, None, None),
        ("allegations:new", "get", "/allegations/new/", Cap.ALLEGATION_HANDLE, None, None),
        ("allegations:detail", "get", f"{a}/", Cap.ALLEGATION_VIEW, f"{b}/", None),
        (
            "allegations:edit",
            "post",
            f"{a}/edit/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/edit/",
            {"summary": "Избиение в ШИЗО", "classification": "146-2"},
        ),
        (
            "allegations:victim_add",
            "post",
            f"{a}/victims/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/victims/",
            {"name": "Второй"},
        ),
        (
            "allegations:perpetrator_add",
            "post",
            f"{a}/perpetrators/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/perpetrators/",
            {"role": "guard", "count": 2},
        ),
        (
            "allegations:safeguard",
            "post",
            f"{a}/safeguards/forensic/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/safeguards/forensic/",
            {"forensic-status": "done"},
        ),
        (
            "allegations:flag_review",
            "post",
            f"{a}/flags/{fla.uuid}/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/flags/{flb.uuid}/",
            {
                f"{fla.uuid}-status": "no_reprisal",
                f"{fla.uuid}-note": "Плановый перевод по решению суда.",
            },
        ),
        ("allegations:refer", "post", f"{a}/refer/", Cap.ALLEGATION_HANDLE, f"{b}/refer/", {}),
        (
            "allegations:status",
            "post",
            f"{a}/status/",
            Cap.ALLEGATION_HANDLE,
            f"{b}/status/",
            {"status": "closed", "note": "Передано прокурору, дело возбуждено."},
        ),
        (
            "allegations:from_complaint",
            "post",
            f"/allegations/from-complaint/{ca.number}/",
            Cap.ALLEGATION_HANDLE,
            f"/allegations/from-complaint/{cb.number}/",
            {},
        ),
        ("allegations:referrals", "get", "/allegations/referrals/", Cap.REFERRAL_VIEW, None, None),
        (
            "allegations:referral",
            "get",
            f"/allegations/referrals/{rfa}/",
            Cap.REFERRAL_VIEW,
            f"/allegations/referrals/{rfb}/",
            None,
        ),
        (
            "allegations:referral_record",
            "post",
            f"/allegations/referrals/{rfa}/record/",
            Cap.REFERRAL_HANDLE,
            f"/allegations/referrals/{rfb}/record/",
            {"kind": "receipt"},
        ),
        (
            "allegations:referral_pdf",
            "get",
            f"/allegations/referrals/{rfa}/letter.pdf",
            letter_caps,
            f"/allegations/referrals/{rfb}/letter.pdf",
            None,
        ),
        (
            "allegations:referral_docx",
            "get",
            f"/allegations/referrals/{rfa}/letter.docx",
            letter_caps,
            f"/allegations/referrals/{rfb}/letter.docx",
            None,
        ),
        (
            "people:sanction_add",
            "post",
            f"/people/{pa.uuid}/sanctions/",
            Cap.PERSON_CHANGE,
            f"/people/{pb.uuid}/sanctions/",
            {"kind": "reprimand", "at": "2026-11-02T10:00", "reason": "Нарушение распорядка"},
        ),
    ]


def referral_endpoints(w):
    from qorgau.allegations.models import Referral

    ra, rb = (
        Referral.objects.get(case=case_for_matrix(f, n)).uuid
        for n, f in enumerate((w.facility_a, w.facility_b))
    )
    api = "/api/v1/referrals"
    return [
        ("api:referral_list", "get", f"{api}/", Cap.REFERRAL_VIEW, None, None),
        ("api:referral_detail", "get", f"{api}/{ra}", Cap.REFERRAL_VIEW, f"{api}/{rb}", None),
        (
            "api:referral_letter",
            "get",
            f"{api}/{ra}/letter",
            Cap.REFERRAL_VIEW,
            f"{api}/{rb}/letter",
            None,
        ),
        (
            "api:referral_record",
            "post",
            f"{api}/{ra}/records",
            Cap.REFERRAL_HANDLE,
            f"{api}/{rb}/records",
            {"kind": "receipt"},
        ),
    ]
