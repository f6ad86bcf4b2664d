"""Drafts on every form of the visits where people type text (ADR 0023).

For each form: the page offers it with `data-draft="<key>"` (keys carry uuids and the
form's name, never names), the user's draft is kept on the server, a refused submission
leaves it, and a successful one clears it and leaves the submission's token.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from qorgau.accounts.roles import Role
from qorgau.core.models import FormDraft
from qorgau.recommendations.tests.helpers import recommendation, send_report, smart
from qorgau.visits.funding.tests.routes import reimbursement_for_matrix
from qorgau.visits.planning.tests import makers
from qorgau.visits.tests.routes import visit_for_matrix

pytestmark = pytest.mark.django_db
TOKEN = "tok-0123456789"


def _offers(client, url: str, key: str) -> None:
    page = client.get(url)
    assert page.status_code == 200, url
    assert f'data-draft="{key}"' in page.content.decode(), (url, key)


def _keep(client, key: str, text: str = "Черновик") -> None:
    r = client.post(
        "/drafts/",
        data=json.dumps({"key": key, "data": {"fields": {"text": text}, "saved_at": 1}}),
        content_type="application/json",
    )
    assert r.status_code == 200
    assert client.get("/drafts/", {"key": key}).json()["data"]["fields"]["text"] == text


def _post(client, url: str, key: str, data: dict, **extra):
    return client.post(url, {**data, "_draft_key": key, "_draft_token": TOKEN}, **extra)


def _kept(client, key: str) -> bool:
    return client.get("/drafts/", {"key": key}).json()["data"] is not None


def _cleared(client, key: str) -> None:
    body = client.get("/drafts/", {"key": key}).json()
    assert body["data"] is None and body["cleared_token"] == TOKEN, body


def _submits(client, url: str, key: str, data: dict, *, page: str | None = None, bad=None):
    """The page offers the form; a refused post keeps the draft, a good one clears it."""
    _offers(client, page or url, key)
    _keep(client, key)
    if bad is not None:
        r = _post(client, url, key, {**data, **bad})
        assert r.status_code in (200, 302, 400), r.status_code
        assert _kept(client, key), "a refused submission cleared the draft"
    r = _post(client, url, key, data)
    assert r.status_code == 302, (url, r.status_code, r.content.decode()[:2000])
    _cleared(client, key)


def _no_personal_data_in_keys() -> None:
    from qorgau.visits.models import Participant

    names = list(Participant.objects.values_list("full_name", flat=True))
    for key in FormDraft.objects.values_list("key", flat=True):
        assert not any(part in key for n in names for part in n.split()), key


# ---------------------------------------------------------------- planning


def test_planning_forms_clear_their_drafts(world, login, client):
    coord = world.users[Role.NPM_COORDINATOR]
    login(coord)
    today = timezone.localdate()
    fa = str(world.facility_a.uuid)

    _submits(
        client,
        "/visits/new/",
        "visit-new",
        {"kind": "special", "facility": fa, "start_date": today, "purpose": "Жалобы из ШИЗО"},
        bad={"facility": ""},
    )

    visit = makers.visit(world.facility_a, start=today + timedelta(days=5), end=None)
    _submits(
        client,
        f"/visits/{visit.uuid}/edit/",
        f"visit-edit:{visit.uuid}",
        {"start_date": visit.start_date, "purpose": "Новая цель"},
        bad={"end_date": visit.start_date - timedelta(days=1)},
    )

    member = makers.participant("Сапарова Айгуль")
    _submits(
        client,
        f"/visits/{visit.uuid}/team/",
        f"team:{visit.uuid}",
        {"participant": member.uuid, "role": "leader", "days": 1},
        bad={"days": 0},
    )

    _submits(
        client,
        f"/visits/{visit.uuid}/status/",
        f"visit-cancel:{visit.uuid}",
        {"action": "cancel", "reason": "Карантин в учреждении"},
        page=f"/visits/{visit.uuid}/",
        bad={"reason": ""},
    )

    _submits(
        client,
        "/visits/participants/new/",
        "participant:new",
        {"full_name": "Омарова Дина", "gender": "f", "active_from": date(2025, 1, 1)},
        bad={"full_name": ""},
    )
    _submits(
        client,
        f"/visits/participants/{member.uuid}/edit/",
        f"participant:{member.uuid}",
        {"full_name": member.full_name, "gender": "f", "active_from": date(2020, 1, 1)},
        bad={"gender": ""},
    )
    _submits(
        client,
        f"/visits/participants/{member.uuid}/conflicts/",
        f"conflict:{member.uuid}",
        {"facility": fa, "reason": "Сестра работает в учреждении"},
        page=f"/visits/participants/{member.uuid}/",
        bad={"reason": ""},
    )
    _submits(
        client,
        "/visits/council/new/",
        "decision-new",
        {"number": "7/2026", "date": today, "kind": "other", "title": "О методике"},
        bad={"title": ""},
    )
    assert member.conflicts.count() == 1
    _no_personal_data_in_keys()


def test_a_participant_declares_a_conflict_on_their_own_page_and_the_draft_goes(
    world, login, client
):
    user = world.users[Role.NPM_PARTICIPANT]
    own = makers.participant("Бекова Жанар", user=user)
    login(user)
    _submits(
        client,
        "/visits/participants/me/",
        f"conflict:{own.uuid}",
        {"facility": str(world.facility_a.uuid), "reason": "Работала там до 2024 года"},
    )


# ---------------------------------------------------------------- findings and the report


def test_findings_and_report_forms_clear_their_drafts(world, login, client):
    from qorgau.visits.models import Finding
    from qorgau.visits.reports import services

    visit = visit_for_matrix(world, world.facility_a)
    participant = world.users[Role.NPM_PARTICIPANT]
    login(participant)
    finding = {
        "theme": "material",
        "title": "Сырость в камерах",
        "text": "Плесень на стенах камер 3 и 4.",
        "sources": ["observation", "detainees"],
        "order": 0,
    }
    _submits(
        client,
        f"/visits/{visit.uuid}/findings/",
        f"finding:{visit.uuid}",
        finding,
        bad={"title": ""},
    )
    item = Finding.objects.get(visit=visit)
    _submits(
        client,
        f"/visits/{visit.uuid}/findings/{item.uuid}/",
        f"finding-edit:{item.uuid}",
        {**finding, "title": "Сырость и плесень"},
        bad={"sources": []},
    )

    report = services.report_compile(actor=participant, visit=visit)
    _submits(
        client,
        f"/visits/{visit.uuid}/report/sections/summary/",
        f"report-section:{report.uuid}:summary",
        {"html": "<p>Итоги посещения.</p>"},
    )

    send_report(visit, "sent")
    login(world.users[Role.FACILITY_ADMIN])
    _submits(
        client,
        f"/visits/{visit.uuid}/report/comments/",
        f"report-comment:{report.uuid}",
        {"section": "findings", "text": "Ремонт камер 3 и 4 завершён в октябре."},
        page=f"/visits/{visit.uuid}/report/",
        bad={"text": ""},
    )
    comment = report.comments.get()
    login(world.users[Role.NPM_COORDINATOR])
    _submits(
        client,
        f"/visits/{visit.uuid}/report/comments/{comment.uuid}/answer/",
        f"report-answer:{comment.uuid}",
        {"answer": "Проверим на следующем посещении."},
        page=f"/visits/{visit.uuid}/report/",
        bad={"answer": ""},
    )
    comment.refresh_from_db()
    assert comment.answer == "Проверим на следующем посещении."


# ---------------------------------------------------------------- recommendations


def test_recommendation_forms_clear_their_drafts(world, login, client):
    from qorgau.recommendations.models import Recommendation

    visit = visit_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_PARTICIPANT])
    _submits(
        client,
        f"/recommendations/visit/{visit.uuid}/",
        f"recommendation-new:{visit.uuid}",
        smart(),
        bad={"indicator": ""},
    )
    rec = Recommendation.objects.get(visit=visit)
    _submits(
        client,
        f"/recommendations/{rec.uuid}/edit/",
        f"recommendation-edit:{rec.uuid}",
        smart(action="Обеспечить ежедневную прогулку не менее часа"),
        bad={"deadline": ""},
    )

    send_report(visit, "sent")
    login(world.users[Role.FACILITY_ADMIN])
    _submits(
        client,
        f"/recommendations/{rec.uuid}/respond/",
        f"recommendation-response:{rec.uuid}",
        {
            "kind": "action_plan",
            "text": "Прогулочный двор отремонтируем к маю.",
            "planned_by": timezone.localdate() + timedelta(days=60),
        },
        page=f"/recommendations/{rec.uuid}/",
        bad={"text": ""},
    )
    login(world.users[Role.NPM_COORDINATOR])
    _submits(
        client,
        f"/recommendations/{rec.uuid}/status/",
        f"recommendation-status:{rec.uuid}",
        {"status": "in_progress", "note": "План действий получен."},
        page=f"/recommendations/{rec.uuid}/",
        bad={"status": "nonsense"},
    )


def test_verification_on_a_later_visit_clears_its_draft(world, login, client):
    rec = recommendation(world)
    later = makers.visit(
        world.facility_a,
        status="in_progress",
        start=rec.visit.start_date + timedelta(days=60),
        end=None,
        kind="follow_up",
    )
    login(world.users[Role.NPM_COORDINATOR])
    key = f"verify:{later.uuid}:{rec.uuid}"
    _submits(
        client,
        f"/recommendations/visit/{later.uuid}/verify/{rec.uuid}/",
        key,
        {"status": "implemented", "note": "Прогулка ежедневно, журнал ведётся."},
        page=f"/recommendations/visit/{later.uuid}/",
        bad={"status": "nonsense"},
    )
    rec.refresh_from_db()
    assert rec.status == "implemented"


# ---------------------------------------------------------------- funding


def test_travel_of_a_reimbursement_clears_its_draft(world, login, client):
    row = reimbursement_for_matrix(world, world.facility_a)
    login(world.users[Role.NPM_COORDINATOR])
    _submits(
        client,
        f"/visits/reimbursements/{row.uuid}/travel/",
        f"travel:{row.uuid}",
        {"travel": "12500"},
        page=f"/visits/{row.visit.uuid}/reimbursements/",
        bad={"travel": "-3"},
    )
    row.refresh_from_db()
    assert row.travel == 12500
