"""Access-matrix rows of findings and the report (see qorgau/visits/tests/routes.py).

Besides facility A's and B's visits of the matrix (drafts), each facility gets a visit
whose report was sent to the authority, and one whose report is published, so that
the facility administration's reading and the public page are tested on real rows.
"""

from __future__ import annotations

from qorgau.accounts.roles import Cap
from qorgau.visits.tests import READ

VIEW = READ
SENT_READERS = (*READ, Cap.VISIT_REPORT_RECEIVE)


def _visit(w, facility, number: str):
    from datetime import date

    from qorgau.accounts.roles import Role
    from qorgau.visits.models import TeamMember, Visit
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
    if created and facility == w.facility_a:
        TeamMember.objects.create(
            visit=visit,
            participant=participant_for_matrix(w.users[Role.NPM_PARTICIPANT]),
            role="leader",
        )
    return visit


def _report(visit, status: str = "draft"):
    from django.utils import timezone

    from qorgau.visits.models import Report, ReportSection, ReportVersion
    from qorgau.visits.reports import compile, services

    report, created = Report.objects.get_or_create(visit=visit, defaults={"language": "ru"})
    if not created:
        return report
    for key, html in compile.compiled_sections(visit, "ru").items():
        ReportSection.objects.create(report=report, key=key, html=html)
    if status != "draft":
        report.status = status
        report.sent_at = timezone.now()
        report.published_at = timezone.now() if status == "published" else None
        report.save()
        content = services.report_content(report)
        ReportVersion.objects.create(
            report=report,
            number=1,
            status=status,
            content=content,
            sha256=services.content_sha256(content),
            at=timezone.now(),
        )
    return report


def _finding(visit, title: str):
    from qorgau.visits.models import Finding

    return Finding.objects.get_or_create(
        visit=visit, title=title, defaults={"theme": "material", "sources": ["observation"]}
    )[0]


def _comment(report, w):
    from qorgau.accounts.roles import Role
    from qorgau.visits.models import AuthorityComment

    return AuthorityComment.objects.get_or_create(
        report=report, defaults={"text": "Лимит 520", "by": w.users[Role.FACILITY_ADMIN]}
    )[0]


def pages(w) -> list:
    from qorgau.visits.tests.routes import visit_for_matrix

    va, vb = visit_for_matrix(w, w.facility_a), visit_for_matrix(w, w.facility_b)
    _report(va), _report(vb)
    sa, sb = _visit(w, w.facility_a, "VIS-2026-9101"), _visit(w, w.facility_b, "VIS-2026-9102")
    ra, rb = _report(sa, "sent"), _report(sb, "sent")
    ca, cb = _comment(ra, w), _comment(rb, w)
    pa = _report(_visit(w, w.facility_a, "VIS-2026-9103"), "published")
    fa, fb = _finding(va, "Душно"), _finding(vb, "Душно")
    da, db = _finding(va, "Удалить"), _finding(vb, "Удалить")
    a, b = f"/visits/{va.uuid}", f"/visits/{vb.uuid}"
    sa_, sb_ = f"/visits/{sa.uuid}", f"/visits/{sb.uuid}"
    finding = {"theme": "staff", "title": "Мало персонала", "sources": ["others"], "order": 0}
    return [
        ("visits:findings", "get", f"{a}/findings/", Cap.VISIT_CONDUCT, f"{b}/findings/", None),
        ("visits:findings", "post", f"{a}/findings/", Cap.VISIT_CONDUCT, f"{b}/findings/", finding),
        (
            "visits:finding_edit",
            "get",
            f"{a}/findings/{fa.uuid}/",
            Cap.VISIT_CONDUCT,
            f"{b}/findings/{fb.uuid}/",
            None,
        ),
        (
            "visits:finding_delete",
            "post",
            f"{a}/findings/{da.uuid}/delete/",
            Cap.VISIT_CONDUCT,
            f"{b}/findings/{db.uuid}/delete/",
            {},
        ),
        ("visits:report", "get", f"{a}/report/", VIEW, f"{b}/report/", None),
        ("visits:report", "get", f"{sa_}/report/", SENT_READERS, f"{sb_}/report/", None),
        (
            "visits:report_compile",
            "post",
            f"{a}/report/compile/",
            Cap.VISIT_CONDUCT,
            f"{b}/report/compile/",
            {},
        ),
        (
            "visits:report_section",
            "get",
            f"{a}/report/sections/summary/",
            Cap.VISIT_CONDUCT,
            f"{b}/report/sections/summary/",
            None,
        ),
        (
            "visits:report_comment",
            "post",
            f"{sa_}/report/comments/",
            Cap.VISIT_REPORT_RECEIVE,
            f"{sb_}/report/comments/",
            {"section": "place", "text": "Лимит наполнения 520"},
        ),
        (
            "visits:report_comment_answer",
            "post",
            f"{sa_}/report/comments/{ca.uuid}/answer/",
            Cap.VISIT_COORDINATE,
            f"{sb_}/report/comments/{cb.uuid}/answer/",
            {"answer": "Исправлено"},
        ),
        (
            "visits:report_pdf",
            "get",
            f"{sa_}/report/pdf/",
            SENT_READERS,
            f"{sb_}/report/pdf/",
            None,
        ),
        (
            "visits:report_docx",
            "get",
            f"{sa_}/report/docx/",
            SENT_READERS,
            f"{sb_}/report/docx/",
            None,
        ),
        ("visits:received", "get", "/visits/received/", Cap.VISIT_REPORT_RECEIVE, None, None),
        # Public: anyone, with or without an account (views marked `public_page`).
        ("visits:published", "get", "/visits/published/", None, None, None),
        ("visits:published_pdf", "get", f"/visits/published/{pa.uuid}/pdf/", None, None, None),
        # Last: it moves facility A's draft on to review.
        (
            "visits:report_transition",
            "post",
            f"{a}/report/status/",
            Cap.VISIT_CONDUCT,
            f"{b}/report/status/",
            {"to": "review"},
        ),
    ]


def endpoints(w) -> list:
    return []
