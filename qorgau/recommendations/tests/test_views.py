import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from qorgau.accounts.roles import Role
from qorgau.core.models import AuditEntry
from qorgau.recommendations.models import Evidence, Recommendation, Response
from qorgau.visits.models import Finding
from qorgau.visits.tests.routes import visit_for_matrix

from .helpers import recommendation, send_report

pytestmark = pytest.mark.django_db


def _form(**over):
    body = {
        "action": "Install call buttons in every cell",
        "addressee_agency": "penitentiary",
        "responsible_unit": "Logistics department",
        "indicator": "Every cell has a working call button",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "priority": "medium",
        "theme": "material",
        "standards": "Mandela Rules 15",
    }
    body.update(over)
    return body


def _jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (20, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


# ---------------------------------------------------------------- a visit's recommendations


def test_team_member_adds_smart_recommendation_with_findings(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    finding = Finding.objects.create(visit=visit, theme="material", title="No call buttons")
    login(world.users[Role.NPM_PARTICIPANT])
    r = client.post(f"/recommendations/visit/{visit.uuid}/", _form(findings=[finding.uuid]))
    assert r.status_code == 302
    rec = Recommendation.objects.get(visit=visit)
    assert list(rec.findings.all()) == [finding]
    page = client.get(f"/recommendations/visit/{visit.uuid}/")
    assert rec.number in page.content.decode()


def test_form_defaults_agency_to_the_places(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.get(f"/recommendations/visit/{visit.uuid}/")
    assert r.context["form"].initial["addressee_agency"] == world.facility_a.agency


def test_missing_smart_field_is_refused_and_changes_nothing(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/recommendations/visit/{visit.uuid}/", _form(indicator=""))
    assert r.status_code == 400
    assert "indicator" in r.context["form"].errors
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    r = client.post(f"/recommendations/visit/{visit.uuid}/", _form(deadline=past))
    assert r.status_code == 400 and "deadline" in r.context["form"].errors
    assert not Recommendation.objects.exists()


def test_ombudsman_staff_reads_but_cannot_add(world, login, client):
    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.OMBUDSMAN_STAFF])
    assert client.get(f"/recommendations/visit/{visit.uuid}/").status_code == 200
    assert client.post(f"/recommendations/visit/{visit.uuid}/", _form()).status_code == 403


def test_edit_refused_once_report_left_draft(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit, status="review")
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/recommendations/{rec.uuid}/edit/", _form())
    assert r.status_code == 302 and r["Location"] == rec.get_absolute_url()
    rec.refresh_from_db()
    assert rec.action != "Install call buttons in every cell"
    page = client.get(f"/recommendations/visit/{rec.visit.uuid}/")
    assert page.context["form"] is None


def test_edit_while_draft(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.NPM_PARTICIPANT])
    r = client.post(f"/recommendations/{rec.uuid}/edit/", _form())
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.action == "Install call buttons in every cell"
    assert AuditEntry.objects.filter(action="recommendation.update").exists()


# ---------------------------------------------------------------- who reads what


def test_facility_admin_404_before_report_sent_and_200_after(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.FACILITY_ADMIN])
    assert client.get(f"/recommendations/{rec.uuid}/").status_code == 404
    assert rec.number not in client.get("/recommendations/").content.decode()
    send_report(rec.visit, status="sent")
    assert client.get(f"/recommendations/{rec.uuid}/").status_code == 200
    assert rec.number in client.get("/recommendations/").content.decode()


def test_facility_admin_never_sees_another_places(world, login, client):
    rec = recommendation(world, facility=world.facility_b)
    send_report(rec.visit, status="sent")
    login(world.users[Role.FACILITY_ADMIN])
    assert client.get(f"/recommendations/{rec.uuid}/").status_code == 404


def test_participant_sees_only_team_visits_recommendations(world, login, client):
    from qorgau.visits.models import Visit

    on_team = recommendation(world)
    # Another visit at the same place (inside the participant's assignment), not their team.
    other_visit = Visit.objects.create(
        number="VIS-2026-9555", kind="planned", facility=world.facility_a
    )
    from qorgau.recommendations import services

    from .helpers import smart

    other = services.recommendation_create(actor=None, visit=other_visit, **smart())
    login(world.users[Role.NPM_PARTICIPANT])
    listing = client.get("/recommendations/").content.decode()
    assert on_team.number in listing and other.number not in listing
    assert client.get(f"/recommendations/{other.uuid}/").status_code == 404
    assert client.get(f"/recommendations/{on_team.uuid}/").status_code == 200


def test_list_filters(world, login, client):
    a = recommendation(world, theme="health")
    b = recommendation(world, theme="staff")
    Recommendation.objects.filter(pk=b.pk).update(deadline=timezone.localdate() - timedelta(1))
    login(world.users[Role.NPM_COORDINATOR])
    page = client.get("/recommendations/?theme=health").content.decode()
    assert a.number in page and b.number not in page
    page = client.get("/recommendations/?overdue=on").content.decode()
    assert b.number in page and a.number not in page
    page = client.get(f"/recommendations/?region={world.region_a.code}").content.decode()
    assert a.number in page and b.number in page


def test_analyst_sees_rates_but_not_texts(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.ANALYST])
    r = client.get("/recommendations/")
    assert r.status_code == 302 and r["Location"] == "/recommendations/rates/"
    assert client.get(f"/recommendations/{rec.uuid}/").status_code == 404
    rates = client.get("/recommendations/rates/")
    assert rates.status_code == 200
    body = rates.content.decode()
    assert "<svg" in body and rec.action not in body and rec.indicator not in body
    assert client.get("/api/v1/recommendations/").status_code == 403


# ---------------------------------------------------------------- the NPM's status


def test_coordinator_changes_status_with_note(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/recommendations/{rec.uuid}/status/", {"status": "rejected"})
    assert r.status_code == 400
    assert "note" in r.context["status_form"].errors
    r = client.post(
        f"/recommendations/{rec.uuid}/status/", {"status": "rejected", "note": "Refused in writing"}
    )
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "rejected"
    page = client.get(f"/recommendations/{rec.uuid}/").content.decode()
    assert "Refused in writing" in page


def test_facility_admin_cannot_change_npm_status(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit)
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(f"/recommendations/{rec.uuid}/status/", {"status": "implemented"})
    assert r.status_code == 403
    rec.refresh_from_db()
    assert rec.status == "not_started"


def test_participant_cannot_change_status(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.NPM_PARTICIPANT])
    r = client.post(f"/recommendations/{rec.uuid}/status/", {"status": "in_progress"})
    assert r.status_code == 403


# ---------------------------------------------------------------- the authority's answers


def test_authority_answers_plan_then_progress_with_evidence(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit)
    login(world.users[Role.FACILITY_ADMIN])
    # A progress report before the plan is refused.
    r = client.post(f"/recommendations/{rec.uuid}/respond/", {"kind": "progress", "text": "Done"})
    assert r.status_code == 400 and not Response.objects.exists()
    planned = (timezone.localdate() + timedelta(days=20)).isoformat()
    r = client.post(
        f"/recommendations/{rec.uuid}/respond/",
        {"kind": "action_plan", "text": "Buttons ordered", "planned_by": planned},
    )
    assert r.status_code == 302
    photo = _jpeg_with_exif()
    r = client.post(
        f"/recommendations/{rec.uuid}/respond/",
        {
            "kind": "progress",
            "text": "Buttons installed in 40 cells of 52",
            "reported_status": "implemented",
            "files": [SimpleUploadedFile("cells.jpg", photo, content_type="image/jpeg")],
        },
    )
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "not_started"  # the NPM decides its own status
    ev = Evidence.objects.get()
    from qorgau.core.uploads import storage

    stored = storage().open(ev.storage_name).read()
    assert stored != photo and b"SecretCamera" not in stored  # re-encoded, metadata gone
    assert ev.sha256 == hashlib.sha256(stored).hexdigest() and ev.size == len(stored)
    download = client.get(f"/recommendations/evidence/{ev.uuid}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored
    assert AuditEntry.objects.filter(action="recommendation.evidence.download").exists()


def test_bad_evidence_refused_and_nothing_saved(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit)
    login(world.users[Role.FACILITY_ADMIN])
    r = client.post(
        f"/recommendations/{rec.uuid}/respond/",
        {
            "kind": "action_plan",
            "text": "Plan",
            "planned_by": (timezone.localdate() + timedelta(days=5)).isoformat(),
            "files": [SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03\x00\x00\x00")],
        },
    )
    assert r.status_code == 400
    assert "files" in r.context["response_form"].errors
    assert not Response.objects.exists() and not Evidence.objects.exists()


def test_coordinator_cannot_answer_for_the_authority(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit)
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(f"/recommendations/{rec.uuid}/respond/", {"kind": "action_plan", "text": "x"})
    assert r.status_code == 403


# ---------------------------------------------------------------- rates


def test_rates_count_shares_by_group_for_year(world, login, client):
    from qorgau.recommendations import selectors, services

    a = recommendation(world, theme="health")
    recommendation(world, theme="health")
    services.recommendation_set_status(actor=None, recommendation=a, status="implemented")
    recommendation(world, facility=world.facility_b, theme="health")  # out of region A
    user = world.users[Role.ANALYST]
    rows = selectors.implementation_rates(user, timezone.now().year, "theme")
    assert [(r.key, r.total, r.counts["implemented"]) for r in rows] == [("health", 2, 1)]
    assert rows[0].share("implemented") == 50.0
    assert selectors.implementation_rates(user, timezone.now().year - 1, "theme") == []
    by_place = selectors.implementation_rates(user, None, "facility")
    assert [r.key for r in by_place] == [str(world.facility_a.uuid)]


# ---------------------------------------------------------------- API


def test_api_lists_and_answers(world, login, client):
    rec = recommendation(world)
    send_report(rec.visit)
    login(world.users[Role.FACILITY_ADMIN])
    listing = client.get("/api/v1/recommendations/").json()
    assert [r["number"] for r in listing] == [rec.number]
    text = "План: кнопки вызова".encode()
    import base64

    body = {
        "kind": "action_plan",
        "text": "Buttons ordered",
        "planned_by": (timezone.localdate() + timedelta(days=9)).isoformat(),
        "evidence": [{"name": "plan.txt", "content_base64": base64.b64encode(text).decode()}],
    }
    r = client.post(
        f"/api/v1/recommendations/{rec.uuid}/responses",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["evidence"][0]["sha256"] == hashlib.sha256(text).hexdigest()
    detail = client.get(f"/api/v1/recommendations/{rec.uuid}").json()
    assert detail["responses"][0]["kind"] == "action_plan"


def test_api_answer_refusals(world, login, client):
    rec = recommendation(world)
    login(world.users[Role.FACILITY_ADMIN])
    url = f"/api/v1/recommendations/{rec.uuid}/responses"
    body = json.dumps({"kind": "progress", "text": "x"})
    r = client.post(url, data=body, content_type="application/json")
    assert r.status_code == 404  # report not sent yet
    assert r["Content-Type"] == "application/problem+json"
    send_report(rec.visit)
    r = client.post(url, data=body, content_type="application/json")
    assert r.status_code == 422  # no action plan yet
    assert r["Content-Type"] == "application/problem+json"
    login(world.users[Role.NPM_COORDINATOR])
    r = client.post(url, data=body, content_type="application/json")
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"


def test_api_key_answers(world, login, client):
    from qorgau.accounts.services import apiclient_issue

    rec = recommendation(world)
    send_report(rec.visit)
    client_obj, key = apiclient_issue(
        actor=None,
        name="Penitentiary system",
        capabilities=["recommendation.answer"],
        scope="facility",
        facilities=[world.facility_a],
    )
    body = {
        "kind": "action_plan",
        "text": "Plan from the agency's system",
        "planned_by": (timezone.localdate() + timedelta(days=9)).isoformat(),
    }
    r = client.post(
        f"/api/v1/recommendations/{rec.uuid}/responses",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_API_KEY=key,
    )
    assert r.status_code == 201, r.content
    assert Response.objects.get().api_client == client_obj
    login(world.users[Role.NPM_COORDINATOR])
    page = client.get(f"/recommendations/{rec.uuid}/").content.decode()
    assert "Plan from the agency" in page and "Penitentiary system" in page
    listing = client.get("/api/v1/recommendations/", HTTP_X_API_KEY=key).json()
    assert [x["number"] for x in listing] == [rec.number]


def test_follow_up_team_verifies_earlier_recommendation(world, login, client):
    from qorgau.visits.models import TeamMember, Visit

    rec = recommendation(world)
    follow_up = Visit.objects.create(
        number="VIS-2026-9700", kind="follow_up", facility=world.facility_a, follows=rec.visit
    )
    from qorgau.visits.tests.routes import participant_for_matrix

    TeamMember.objects.create(
        visit=follow_up,
        participant=participant_for_matrix(world.users[Role.NPM_PARTICIPANT]),
        role="leader",
    )
    login(world.users[Role.NPM_PARTICIPANT])
    page = client.get(f"/recommendations/visit/{follow_up.uuid}/")
    assert rec in list(page.context["to_verify"])
    url = f"/recommendations/visit/{follow_up.uuid}/verify/{rec.uuid}/"
    assert client.post(url, {"status": "not_implemented"}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "not_started"  # refused: a note is required
    client.post(url, {"status": "implemented", "note": "Seen in every cell"})
    rec.refresh_from_db()
    assert rec.status == "implemented"
    assert rec.status_changes.last().verified_on == follow_up
    # Its own visit cannot verify it.
    own = f"/recommendations/visit/{rec.visit.uuid}/verify/{rec.uuid}/"
    assert client.post(own, {"status": "implemented"}).status_code == 404


def test_ombudsman_staff_cannot_verify(world, login, client):
    from qorgau.visits.models import Visit

    rec = recommendation(world)
    later = Visit.objects.create(
        number="VIS-2026-9701", kind="follow_up", facility=world.facility_a
    )
    login(world.users[Role.OMBUDSMAN_STAFF])
    url = f"/recommendations/visit/{later.uuid}/verify/{rec.uuid}/"
    assert client.post(url, {"status": "implemented"}).status_code == 403


def test_rates_chart_coordinates_are_not_localised(world, login, client):
    recommendation(world)
    recommendation(world, theme="staff")
    login(world.users[Role.NPM_COORDINATOR])
    body = client.get("/recommendations/rates/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'x="332.5"' in body and 'x="332,5"' not in body
