"""Every page and endpoint, for every role: allowed, forbidden (403) or out of scope (404).

A route added without a row here fails `test_every_route_is_covered`.
"""

from __future__ import annotations

import json

import pytest
from django.urls import get_resolver

from qorgau.accounts.roles import ROLE_CAPABILITIES, Cap, Role
from qorgau.allegations.tests.routes import allegation_pages, referral_endpoints
from qorgau.force.tests.routes import force_endpoints, force_pages
from qorgau.medical.care.tests.routes import care_endpoints, care_pages
from qorgau.medical.tests.routes import medical_pages
from qorgau.recommendations.tests.routes import recommendation_endpoints, recommendation_pages
from qorgau.surveillance.tests.routes import surveillance_endpoints, surveillance_pages
from qorgau.visits.tests.routes import visit_endpoints, visit_pages

ALL_ROLES = list(Role)


def _has(role, cap):
    if isinstance(cap, tuple):  # any of these capabilities
        return any(_has(role, c) for c in cap)
    # "national:<cap>" needs the capability in a national scope (test world scopes in conftest).
    if cap.startswith("national:"):
        from conftest import ROLE_SCOPES

        return ROLE_SCOPES[role] == "national" and cap.split(":", 1)[1] in ROLE_CAPABILITIES[role]
    return cap in ROLE_CAPABILITIES[role]


# (route name, method, url(world) -> str, capability needed, object-bound?, body)
def _terminal(facility, n):
    from qorgau.complaints.models import Terminal

    return Terminal.objects.get_or_create(
        verify_key=f"{n:064x}",
        defaults={"pairing_code": f"TEST{n}-AAAAA", "facility": facility, "status": "active"},
    )[0]


def _complaint(facility, n):
    from django.utils import timezone

    from qorgau.complaints.models import ComplainantIdentity, Complaint, Receipt

    complaint, created = Complaint.objects.get_or_create(
        number=f"CMP-2026-90000{n}",
        defaults={
            "channel": "terminal",
            "received_at": timezone.now(),
            "facility": facility,
            "categories": ["torture"],
            "description": "Описание",
        },
    )
    if created:
        Receipt.objects.create(complaint=complaint, code=f"TEST{n}-BBBBB", secret_hash="!")
        ComplainantIdentity.objects.create(complaint=complaint, full_name="Тестов Тест")
    return complaint


def _reveal(complaint, requester):
    from django.utils import timezone

    from qorgau.complaints.models import IdentityReveal

    return IdentityReveal.objects.get_or_create(
        complaint=complaint,
        requested_by=requester,
        defaults={"requested_at": timezone.now(), "reason": "Проверка"},
    )[0]


def _attachment(complaint):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.complaints.attachments import attachment_add

    return complaint.attachments.first() or attachment_add(
        actor=None,
        complaint=complaint,
        upload=SimpleUploadedFile("scan.txt", f"Скан {complaint.number}".encode()),
    )


def _pages(w):
    from qorgau.core.models import AuditVerification

    fa, fb, pa, pb = w.facility_a, w.facility_b, w.person_a, w.person_b
    run = AuditVerification.objects.get_or_create(requested_by="test")[0]
    ta, tb = (_terminal(f, n) for n, f in enumerate((fa, fb)))
    ca, cb = (_complaint(f, n) for n, f in enumerate((fa, fb)))
    ra, rb = (_reveal(c, w.outsider) for c in (ca, cb))
    # Duplicates to merge into ca / cb, so that merging leaves ca and cb as they were.
    da, db = (_complaint(f, n) for n, f in ((2, fa), (3, fb)))
    aa, ab = (_attachment(c) for c in (ca, cb))
    return [
        ("core:dashboard", "get", "/", None, None, None),
        ("core:audit", "get", "/audit/", Cap.AUDIT_VIEW, None, None),
        ("core:audit_verify", "post", "/audit/verify/", Cap.AUDIT_VIEW, None, {}),
        (
            "core:audit_verify_status",
            "get",
            f"/audit/verify/{run.uuid}/",
            Cap.AUDIT_VIEW,
            None,
            None,
        ),
        ("facilities:list", "get", "/facilities/", Cap.FACILITY_VIEW, None, None),
        (
            "facilities:import",
            "get",
            "/facilities/import/",
            "national:" + Cap.FACILITY_CHANGE,
            None,
            None,
        ),
        (
            "facilities:detail",
            "get",
            f"/facilities/{fa.uuid}/",
            Cap.FACILITY_VIEW,
            f"/facilities/{fb.uuid}/",
            None,
        ),
        (
            "facilities:population_add",
            "post",
            f"/facilities/{fa.uuid}/population/",
            Cap.FACILITY_CHANGE,
            f"/facilities/{fb.uuid}/population/",
            {
                "date": "2026-11-01",
                "men": 10,
                "women": 0,
                "juveniles": 0,
                "convicted": 10,
                "remand": 0,
            },
        ),
        (
            "facilities:zone_add",
            "post",
            f"/facilities/{fa.uuid}/zones/",
            Cap.FACILITY_CHANGE,
            f"/facilities/{fb.uuid}/zones/",
            {"name": "Новый блок", "kind": "cell"},
        ),
        ("people:search", "post", "/people/", Cap.PERSON_VIEW, None, {"q": "Ахм"}),
        ("people:admit", "get", "/people/admit/", Cap.PERSON_CHANGE, None, None),
        (
            "people:detail",
            "get",
            f"/people/{pa.uuid}/",
            Cap.PERSON_VIEW,
            f"/people/{pb.uuid}/",
            None,
        ),
        (
            "people:placement_add",
            "post",
            f"/people/{pa.uuid}/placements/",
            Cap.PERSON_CHANGE,
            f"/people/{pb.uuid}/placements/",
            {"kind": "zone_move", "at": "2026-11-02T10:00", "zone": str(w.zone_a.uuid)},
        ),
        ("accounts:apiclients", "get", "/accounts/api-clients/", Cap.APICLIENT_MANAGE, None, None),
        ("complaints:list", "get", "/complaints/", Cap.COMPLAINT_VIEW, None, None),
        (
            "complaints:detail",
            "get",
            f"/complaints/{ca.number}/",
            Cap.COMPLAINT_VIEW,
            f"/complaints/{cb.number}/",
            None,
        ),
        ("complaints:new", "get", "/complaints/new/", Cap.COMPLAINT_HANDLE, None, None),
        ("complaints:mine", "get", "/complaints/mine/", Cap.COMPLAINT_VIEW, None, None),
        ("complaints:export", "post", "/complaints/export/", Cap.COMPLAINT_VIEW, None, {}),
        (
            "complaints:attachment",
            "get",
            f"/complaints/{ca.number}/attachments/{aa.uuid}/",
            Cap.COMPLAINT_VIEW,
            f"/complaints/{cb.number}/attachments/{ab.uuid}/",
            None,
        ),
        (
            "complaints:attachment_add",
            "post",
            f"/complaints/{ca.number}/attachments/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{cb.number}/attachments/",
            {"file": _upload("letter.txt", "Письмо из колонии".encode())},
        ),
        (
            "complaints:merge",
            "post",
            f"/complaints/{da.number}/merge/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{db.number}/merge/",
            {"into": ca.number},
        ),
        ("complaints:reveals", "get", "/complaints/reveals/", Cap.IDENTITY_APPROVE, None, None),
        (
            "complaints:reveal_decide",
            "post",
            f"/complaints/reveals/{ra.uuid}/decide/",
            Cap.IDENTITY_APPROVE,
            f"/complaints/reveals/{rb.uuid}/decide/",
            {},
        ),
        (
            "complaints:reveal_request",
            "post",
            f"/complaints/{ca.number}/reveal/",
            Cap.COMPLAINT_VIEW,
            f"/complaints/{cb.number}/reveal/",
            {"reason": "Нужно для проверки прокурором, срочно."},
        ),
        (
            "complaints:triage",
            "post",
            f"/complaints/{ca.number}/triage/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{cb.number}/triage/",
            {"categories": ["torture"], "urgent": "on"},
        ),
        (
            "complaints:status",
            "post",
            f"/complaints/{ca.number}/status/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{cb.number}/status/",
            {"to": "forwarded"},
        ),
        (
            "complaints:note",
            "post",
            f"/complaints/{ca.number}/note/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{cb.number}/note/",
            {"text": "Проверить видео"},
        ),
        (
            "complaints:answer",
            "post",
            f"/complaints/{ca.number}/answer/",
            Cap.COMPLAINT_HANDLE,
            f"/complaints/{cb.number}/answer/",
            {"text": "Жалоба направлена прокурору."},
        ),
        ("complaints:terminals", "get", "/complaints/terminals/", Cap.TERMINAL_MANAGE, None, None),
        (
            "complaints:terminal_retire",
            "post",
            f"/complaints/terminals/{ta.uuid}/retire/",
            Cap.TERMINAL_MANAGE,
            f"/complaints/terminals/{tb.uuid}/retire/",
            {},
        ),
        *allegation_pages(w, _complaint),
        *medical_pages(w),
        *care_pages(w),
        *force_pages(w),
        *surveillance_pages(w),
        *visit_pages(w),
        *recommendation_pages(w),
    ]


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _endpoints(w):
    fa, fb, pa, pb = w.facility_a, w.facility_b, w.person_a, w.person_b
    return [
        *referral_endpoints(w),
        *care_endpoints(w),
        *force_endpoints(w),
        *surveillance_endpoints(w),
        *visit_endpoints(w),
        *recommendation_endpoints(w),
        ("api:region_list", "get", "/api/v1/facilities/regions", Cap.FACILITY_VIEW, None, None),
        ("api:facility_list", "get", "/api/v1/facilities/", Cap.FACILITY_VIEW, None, None),
        (
            "api:facility_detail",
            "get",
            f"/api/v1/facilities/{fa.uuid}",
            Cap.FACILITY_VIEW,
            f"/api/v1/facilities/{fb.uuid}",
            None,
        ),
        (
            "api:zone_list",
            "get",
            f"/api/v1/facilities/{fa.uuid}/zones",
            Cap.FACILITY_VIEW,
            f"/api/v1/facilities/{fb.uuid}/zones",
            None,
        ),
        (
            "api:zone_create",
            "post",
            f"/api/v1/facilities/{fa.uuid}/zones",
            Cap.FACILITY_CHANGE,
            f"/api/v1/facilities/{fb.uuid}/zones",
            {"kind": "yard", "name": "Двор 2"},
        ),
        (
            "api:population_list",
            "get",
            f"/api/v1/facilities/{fa.uuid}/population",
            Cap.FACILITY_VIEW,
            f"/api/v1/facilities/{fb.uuid}/population",
            None,
        ),
        (
            "api:population_record",
            "post",
            f"/api/v1/facilities/{fa.uuid}/population",
            Cap.FACILITY_CHANGE,
            f"/api/v1/facilities/{fb.uuid}/population",
            {
                "date": "2026-11-01",
                "men": 10,
                "women": 0,
                "juveniles": 0,
                "convicted": 10,
                "remand": 0,
            },
        ),
        (
            "api:person_search",
            "post",
            "/api/v1/people/search",
            Cap.PERSON_VIEW,
            None,
            {"query": "Ахм"},
        ),
        (
            "api:person_detail",
            "get",
            f"/api/v1/people/{pa.uuid}",
            Cap.PERSON_VIEW,
            f"/api/v1/people/{pb.uuid}",
            None,
        ),
        (
            "api:person_admit",
            "post",
            "/api/v1/people/",
            Cap.PERSON_CHANGE,
            None,
            {
                "facility": str(fa.uuid),
                "at": "2026-11-02T10:00:00Z",
                "surname": "Сейтов",
                "given_name": "Нурлан",
                "surname_latin": "SEITOV",
                "given_name_latin": "NURLAN",
                "birth_date": "1990-05-17",
                "sex": "m",
            },
        ),
        (
            "api:placement_record",
            "post",
            f"/api/v1/people/{pa.uuid}/placements",
            Cap.PERSON_CHANGE,
            f"/api/v1/people/{pb.uuid}/placements",
            {"kind": "zone_move", "at": "2026-11-02T10:00:00Z", "zone": str(w.zone_a.uuid)},
        ),
    ]


def _call(client, method, url, body, api):
    if method == "get":
        return client.get(url)
    if api:
        return client.post(url, data=json.dumps(body), content_type="application/json")
    return client.post(url, data=body)


OK_STATUSES = {200, 201, 302}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_role_gets_exactly_what_its_capabilities_allow(world, login, client, role, api):
    login(world.users[role])
    for name, method, url, cap, _other, body in (_endpoints if api else _pages)(world):
        r = _call(client, method, url, body, api)
        allowed = cap is None or _has(role, cap)
        if allowed:
            # Regional/facility roles are scoped to region or facility A: they reach A.
            assert r.status_code in OK_STATUSES, (role, name, r.status_code, r.content[:300])
        else:
            assert r.status_code in (403, 404), (role, name, r.status_code)
            if api:
                assert r["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "role", [r for r in ALL_ROLES if r not in (Role.IDENTITY_CUSTODIAN, Role.SYSADMIN)]
)
@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_scoped_role_gets_404_for_another_facilitys_records(world, login, client, role, api):
    login(world.users[role])
    routes = [r for r in (_endpoints if api else _pages)(world) if r[4]]
    assert routes
    for name, method, _url, _cap, other_url, body in routes:
        r = _call(client, method, other_url, body, api)
        assert r.status_code in (403, 404), (role, name, r.status_code)
        if _cap is None or _has(role, _cap):
            assert r.status_code == 404, (role, name, r.status_code)


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_anonymous_is_sent_to_login_or_gets_401(world, client, api):
    for name, method, url, _cap, _other, body in (_endpoints if api else _pages)(world):
        r = _call(client, method, url, body, api)
        if api:
            assert r.status_code == 401, name
            assert r["Content-Type"] == "application/problem+json"
        elif _public(url):
            assert r.status_code == 200, name
        else:
            assert r.status_code == 302 and "/accounts/login/" in r["Location"], name


def _public(url):
    """Pages for people without an account: their view is marked `public_page = True`."""
    from django.urls import resolve

    return getattr(resolve(url.split("?")[0]).func, "public_page", False)


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_outsider_without_role_reaches_nothing(world, login, client, api):
    login(world.outsider)
    for name, method, url, cap, _other, body in (_endpoints if api else _pages)(world):
        r = _call(client, method, url, body, api)
        if cap is None:
            assert r.status_code == 200, name
        else:
            assert r.status_code in (403, 404), (name, r.status_code)


def test_every_route_is_covered(world):
    covered = {r[0] for r in _pages(world)} | {r[0] for r in _endpoints(world)}
    exempt = {
        "core:healthz",
        "set_language",
        "accounts:login",
        "accounts:logout",
        "accounts:otp_verify",
        "accounts:otp_setup",
        "accounts:apiclient_revoke",  # revoke: tests/test_apiclients.py
        "api:openapi-json",
        "api:openapi-view",
        "api:api-root",
        # Public on purpose, for relatives, lawyers and NGOs: complaints/tests/test_public.py
        "complain",
        "complain_status",
        # Kiosk endpoints answer to signatures, not roles: complaints/tests/test_intake.py
        # refuses unknown, unpaired and impostor terminals on each of them.
        "api:terminal_enrol",
        "api:terminal_config",
        "api:terminal_deliver",
        "api:terminal_heartbeat",
        "api:terminal_status",
    }
    names = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                ns = f"{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns if p.namespace else prefix)
            elif p.name:
                names.add(f"{prefix}{p.name}")

    walk(get_resolver().url_patterns)
    ours = {n for n in names if not n.startswith("admin:")}
    missing = ours - covered - exempt
    assert not missing, f"routes without a denial test: {sorted(missing)}"
