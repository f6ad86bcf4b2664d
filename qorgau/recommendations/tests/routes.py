"""Access-matrix rows for recommendations (qorgau/core/tests/test_access_matrix.py).

Each row: (route name, method, url, capability needed, out-of-scope url, body). Each
facility of the test world gets two visits of its own: one whose report is not begun
(recommendations are edited there; the matrix's shared visit moves its report on to
review) and one whose report has been sent (the authority reads and answers there).
The world's participant is on the teams of facility A's visits only.
"""

from __future__ import annotations

from datetime import date, timedelta

from qorgau.accounts.roles import Cap
from qorgau.visits.tests import READ


def _visit(w, facility, number: str, report: str | None):
    from qorgau.accounts.roles import Role
    from qorgau.visits.models import Report, TeamMember, Visit
    from qorgau.visits.tests.routes import participant_for_matrix

    visit, created = Visit.objects.get_or_create(
        number=number,
        defaults={
            "kind": "planned",
            "facility": facility,
            "status": "done",
            "start_date": date(2026, 2, 2),
            "end_date": date(2026, 2, 3),
        },
    )
    if created:
        if facility == w.facility_a:
            TeamMember.objects.create(
                visit=visit,
                participant=participant_for_matrix(w.users[Role.NPM_PARTICIPANT]),
                role="leader",
            )
        if report:
            Report.objects.create(visit=visit, status=report)
    return visit


def draft_visit_for_matrix(w, facility):
    """A visit per facility whose report is not begun: its recommendations are edited."""
    a = facility == w.facility_a
    return _visit(w, facility, "VIS-2026-9311" if a else "VIS-2026-9312", None)


def sent_visit_for_matrix(w, facility):
    """A visit per facility whose report has been sent to the authority."""
    a = facility == w.facility_a
    return _visit(w, facility, "VIS-2026-9301" if a else "VIS-2026-9302", "sent")


def recommendation_for_matrix(w, facility, *, sent: bool):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.recommendations import services
    from qorgau.recommendations.models import Recommendation

    visit = sent_visit_for_matrix(w, facility) if sent else draft_visit_for_matrix(w, facility)
    existing = Recommendation.objects.filter(visit=visit).first()
    if existing:
        return existing
    if sent:  # issued while the report was a draft
        report = visit.report
        report.status = "draft"
        report.save()
    rec = services.recommendation_create(
        actor=None,
        visit=visit,
        **_smart_body(w, deadline=date.today() + timedelta(days=60)),
    )
    if sent:
        report.status = "sent"
        report.save()
        services.response_add(
            actor=None,
            recommendation=rec,
            kind="action_plan",
            text="План мероприятий",
            planned_by=date.today() + timedelta(days=30),
            files=[SimpleUploadedFile("plan.txt", "План: прогулки ежедневно".encode())],
        )
    return rec


def _smart_body(w, deadline) -> dict:
    return {
        "action": "Обеспечить ежедневную прогулку не менее одного часа",
        "addressee_agency": "penitentiary",
        "responsible_unit": "Отдел режима",
        "indicator": "Журнал прогулок: один час в день",
        "deadline": deadline,
        "priority": "high",
        "theme": "discipline",
        "standards": "Mandela Rules 23",
    }


def _form_body(w) -> dict:
    body = _smart_body(w, (date.today() + timedelta(days=60)).isoformat())
    return body


def recommendation_pages(w) -> list:
    va, vb = draft_visit_for_matrix(w, w.facility_a), draft_visit_for_matrix(w, w.facility_b)
    da = recommendation_for_matrix(w, w.facility_a, sent=False)  # report a draft
    db = recommendation_for_matrix(w, w.facility_b, sent=False)
    sa = recommendation_for_matrix(w, w.facility_a, sent=True)  # report sent
    sb = recommendation_for_matrix(w, w.facility_b, sent=True)
    ea, eb = sa.responses.get().evidence.get(), sb.responses.get().evidence.get()
    viewers = (Cap.RECOMMENDATION_VIEW, Cap.RECOMMENDATION_STATS)  # analysts: to the rates
    return [
        ("recommendations:list", "get", "/recommendations/", viewers, None, None),
        (
            "recommendations:rates",
            "get",
            "/recommendations/rates/",
            Cap.RECOMMENDATION_STATS,
            None,
            None,
        ),
        (
            "recommendations:visit",
            "get",
            f"/recommendations/visit/{va.uuid}/",
            READ,
            f"/recommendations/visit/{vb.uuid}/",
            None,
        ),
        (
            "recommendations:visit",
            "post",
            f"/recommendations/visit/{va.uuid}/",
            Cap.VISIT_CONDUCT,
            f"/recommendations/visit/{vb.uuid}/",
            _form_body(w),
        ),
        (
            "recommendations:detail",
            "get",
            f"/recommendations/{sa.uuid}/",
            Cap.RECOMMENDATION_VIEW,
            f"/recommendations/{sb.uuid}/",
            None,
        ),
        (
            "recommendations:edit",
            "get",
            f"/recommendations/{da.uuid}/edit/",
            Cap.VISIT_CONDUCT,
            f"/recommendations/{db.uuid}/edit/",
            None,
        ),
        (
            "recommendations:edit",
            "post",
            f"/recommendations/{da.uuid}/edit/",
            Cap.VISIT_CONDUCT,
            f"/recommendations/{db.uuid}/edit/",
            _form_body(w),
        ),
        (
            "recommendations:status",
            "post",
            f"/recommendations/{sa.uuid}/status/",
            Cap.RECOMMENDATION_MANAGE,
            f"/recommendations/{sb.uuid}/status/",
            {"status": "in_progress", "note": ""},
        ),
        (
            "recommendations:respond",
            "post",
            f"/recommendations/{sa.uuid}/respond/",
            Cap.RECOMMENDATION_ANSWER,
            f"/recommendations/{sb.uuid}/respond/",
            {
                "kind": "progress",
                "text": "Прогулки проводятся ежедневно",
                "reported_status": "in_progress",
            },
        ),
        (
            "recommendations:evidence",
            "get",
            f"/recommendations/evidence/{ea.uuid}/",
            Cap.RECOMMENDATION_VIEW,
            f"/recommendations/evidence/{eb.uuid}/",
            None,
        ),
        (
            "recommendations:verify",
            "post",
            f"/recommendations/visit/{va.uuid}/verify/{sa.uuid}/",
            Cap.VISIT_CONDUCT,
            f"/recommendations/visit/{vb.uuid}/verify/{sb.uuid}/",
            {"status": "partly", "note": "Прогулки не каждый день"},
        ),
        # Last: withdraws the draft recommendation the rows above use.
        (
            "recommendations:delete",
            "post",
            f"/recommendations/{da.uuid}/delete/",
            Cap.VISIT_CONDUCT,
            f"/recommendations/{db.uuid}/delete/",
            {},
        ),
    ]


def recommendation_endpoints(w) -> list:
    sa = recommendation_for_matrix(w, w.facility_a, sent=True)
    sb = recommendation_for_matrix(w, w.facility_b, sent=True)
    readers = (Cap.RECOMMENDATION_VIEW, Cap.RECOMMENDATION_ANSWER)
    return [
        ("api:recommendation_list", "get", "/api/v1/recommendations/", readers, None, None),
        (
            "api:recommendation_detail",
            "get",
            f"/api/v1/recommendations/{sa.uuid}",
            readers,
            f"/api/v1/recommendations/{sb.uuid}",
            None,
        ),
        (
            "api:recommendation_respond",
            "post",
            f"/api/v1/recommendations/{sa.uuid}/responses",
            Cap.RECOMMENDATION_ANSWER,
            f"/api/v1/recommendations/{sb.uuid}/responses",
            {"kind": "progress", "text": "Прогулки проводятся ежедневно"},
        ),
    ]
