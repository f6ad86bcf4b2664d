from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from qorgau.core.models import AuditEntry
from qorgau.recommendations.choices import Status
from qorgau.visits.choices import DecisionKind, ReportStatus
from qorgau.visits.models import Finding, ReportVersion
from qorgau.visits.reports import services
from qorgau.visits.reports.services import ReportError


def _to(report, actor, to, **kw):
    return services.report_transition(actor=actor, report=report, to=to, **kw)


def _adopt(report, coordinator):
    return _to(
        report, coordinator, "adopted", decision_number="КС-12", decision_date=date(2026, 4, 1)
    )


@pytest.fixture
def report(rvisit, participant):
    return services.report_compile(actor=participant, visit=rvisit)


# ---------------------------------------------------------------- findings


def test_a_finding_needs_a_source_and_a_known_theme(rvisit, participant):
    with pytest.raises(ReportError):
        services.finding_save(
            actor=participant, visit=rvisit, theme="material", title="T", sources=[]
        )
    with pytest.raises(ReportError):
        services.finding_save(
            actor=participant, visit=rvisit, theme="nope", title="T", sources=["observation"]
        )
    f = services.finding_save(
        actor=participant, visit=rvisit, theme="staff", title="Мало персонала", sources=["others"]
    )
    assert services.single_source(f)
    assert AuditEntry.objects.filter(action="visit.finding_add").count() == 1


def test_only_the_team_and_coordinators_write_findings(rvisit, world):
    from qorgau.accounts.roles import Role

    with pytest.raises(PermissionDenied):
        services.finding_save(
            actor=world.users[Role.OMBUDSMAN_STAFF],
            visit=rvisit,
            theme="staff",
            title="T",
            sources=["others"],
        )


# ---------------------------------------------------------------- compiling


def test_compiling_fills_the_standard_structure(report):
    sections = {s.key: s.html for s in report.sections.all()}
    assert list(sections) == ["summary", "facts", "place", "changes", "findings", "good_practice"]
    for n in ("001", "002"):
        assert f"REC-2026-{report.visit.pk:03d}{n}" in sections["summary"]
    assert "Камеры ШИЗО без вентиляции" in sections["findings"]
    assert "Медосмотр при поступлении" in sections["good_practice"]
    assert "Медосмотр при поступлении" not in sections["findings"]
    assert "Участник Тестов" in sections["facts"]  # team names are fine
    assert "90,0 %" in sections["place"]  # 450 held, capacity 500; in Russian
    assert report.language == "ru"  # English is no report language


def test_interviews_never_reach_the_report(report):
    content = services.report_content(report)
    assert "СЕКРЕТНЫЕ-ЗАМЕТКИ" not in str(content)
    assert "Свидетель А" not in str(content)


def test_recompiling_keeps_what_a_person_edited_unless_asked(report, rvisit, participant):
    services.section_edit(actor=participant, report=report, key="summary", html="<p>Мой текст</p>")
    Finding.objects.create(visit=rvisit, theme="staff", title="Новая находка", sources=["others"])
    assert services.compiled_differs(report) == ["summary"]
    services.report_compile(actor=participant, visit=rvisit)
    sections = {s.key: s.html for s in report.sections.all()}
    assert sections["summary"] == "<p>Мой текст</p>"
    assert "Новая находка" in sections["findings"]
    services.report_compile(actor=participant, visit=rvisit, replace=frozenset({"summary"}))
    assert "REC-2026" in report.sections.get(key="summary").html


def test_changes_since_the_last_visit_show_its_recommendations_now(rvisit, participant, world):
    from qorgau.visits.models import Visit

    from .conftest import recommendation

    earlier = Visit.objects.create(
        number="VIS-2025-0001",
        kind="planned",
        facility=world.facility_a,
        status="done",
        start_date=date(2025, 5, 1),
        end_date=date(2025, 5, 2),
    )
    rec = recommendation(earlier, 9)
    rec.status = "implemented"
    rec.save()
    report = services.report_compile(actor=participant, visit=rvisit)
    changes = report.sections.get(key="changes").html
    with translation.override("ru"):
        implemented = str(Status.IMPLEMENTED.label)
    assert "VIS-2025-0001" in changes and implemented in changes
    assert "VIS-2025-0001" in report.sections.get(key="facts").html


def test_edits_are_sanitised(report, participant):
    section = services.section_edit(
        actor=participant,
        report=report,
        key="summary",
        html='<p onclick="x()">a<script>alert(1)</script></p>',
    )
    assert section.html == "<p>a</p>"


# ---------------------------------------------------------------- workflow


def test_the_workflow_goes_in_order(report, participant, coordinator):
    with pytest.raises(ReportError):
        _adopt(report, coordinator)  # not reviewed yet
    with pytest.raises(ReportError):
        _to(report, coordinator, "published")
    _to(report, participant, "review")
    with pytest.raises(PermissionDenied):
        _adopt(report, participant)  # the team does not adopt
    with pytest.raises(ReportError):
        _to(report, coordinator, "adopted")  # the decision is needed
    _adopt(report, coordinator)
    report.refresh_from_db()
    assert report.adopted_by.kind == DecisionKind.REPORT_ADOPTION
    assert report.adopted_by.number == "КС-12"
    _to(report, coordinator, "sent")
    _to(report, coordinator, "commented")
    _to(report, coordinator, "final")
    _to(report, coordinator, "published")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.published_at and report.sent_at


def test_every_transition_keeps_a_version_with_its_hash(report, participant, coordinator):
    _to(report, participant, "review", note="Готово")
    _adopt(report, coordinator)
    versions = list(ReportVersion.objects.filter(report=report))
    assert [(v.number, v.status) for v in versions] == [(1, "review"), (2, "adopted")]
    assert versions[0].note == "Готово" and versions[0].by == participant
    assert versions[0].sha256 == services.content_sha256(versions[0].content)
    assert "REC-2026" in versions[0].content["sections"][0]["html"]
    assert AuditEntry.objects.filter(action="visit.report_status").count() == 2


def test_personal_data_blocks_review_until_fixed_or_overridden(
    report, participant, coordinator, world
):
    iin = world.person_a.iin
    services.section_edit(
        actor=participant, report=report, key="findings", html=f"<p>Ахметов, ИИН {iin}</p>"
    )
    with pytest.raises(ReportError) as exc:
        _to(report, participant, "review")
    with translation.override("en"):
        assert "Findings by theme" in str(exc.value.messages)
    with pytest.raises(ReportError):  # only a coordinator overrides
        _to(report, participant, "review", override_reason="Это однофамилец из персонала")
    with pytest.raises(ReportError):  # and gives a reason
        _to(report, coordinator, "review", override_reason="ok")
    version = _to(report, coordinator, "review", override_reason="Это однофамилец из персонала")
    assert version.content["pii_override"]["names"] == 1
    assert version.content["pii_override"]["iins"] == 1
    entry = AuditEntry.objects.get(action="visit.report_pii_override")
    assert entry.details["reason"] == "Это однофамилец из персонала"
    assert iin not in str(entry.details) and "Ахметов" not in str(entry.details)


def test_fixing_the_text_clears_the_check(report, participant):
    services.section_edit(actor=participant, report=report, key="findings", html="<p>Ахметов</p>")
    with pytest.raises(ReportError):
        _to(report, participant, "review")
    services.section_edit(
        actor=participant, report=report, key="findings", html="<p>Заявитель А</p>"
    )
    assert _to(report, participant, "review").status == "review"


def test_after_review_the_team_no_longer_edits(report, participant, coordinator):
    _to(report, participant, "review")
    with pytest.raises(ReportError):
        services.section_edit(actor=participant, report=report, key="summary", html="<p>x</p>")
    services.section_edit(actor=coordinator, report=report, key="summary", html="<p>x</p>")
    with pytest.raises(ReportError):
        services.report_compile(actor=participant, visit=report.visit)


def test_the_authority_comments_only_while_the_report_is_sent(
    report, participant, coordinator, authority
):
    with pytest.raises(ReportError):
        services.comment_add(actor=authority, report=report, section="", text="Неверно")
    _to(report, participant, "review")
    _adopt(report, coordinator)
    _to(report, coordinator, "sent")
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=participant, report=report, section="", text="x")
    comment = services.comment_add(
        actor=authority, report=report, section="place", text="Лимит наполнения 520, не 500"
    )
    with pytest.raises(PermissionDenied):
        services.comment_answer(actor=authority, comment=comment, answer="x")
    _to(report, authority, "commented")
    with pytest.raises(ReportError):
        services.comment_add(actor=authority, report=report, section="", text="Ещё")
    services.comment_answer(actor=coordinator, comment=comment, answer="Исправлено")
    with pytest.raises(PermissionDenied):
        _to(report, authority, "final")
    _to(report, coordinator, "final")
    with pytest.raises(ReportError):
        services.comment_answer(actor=coordinator, comment=comment, answer="Позже")


def test_the_language_changes_on_recompiling_and_edits_stay(report, rvisit, participant):
    services.section_edit(actor=participant, report=report, key="summary", html="<p>Мәтін</p>")
    services.report_compile(actor=participant, visit=rvisit, language="kk")
    report.refresh_from_db()
    assert report.language == "kk"
    assert report.sections.get(key="summary").html == "<p>Мәтін</p>"
    with pytest.raises(ReportError):
        services.report_compile(actor=participant, visit=rvisit, language="en")
