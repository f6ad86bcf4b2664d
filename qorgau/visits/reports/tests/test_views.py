import io
from datetime import date

import pytest

from qorgau.accounts.roles import Role
from qorgau.visits.models import Finding
from qorgau.visits.reports import services


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _through(report, participant, coordinator, to):
    order = ["review", "adopted", "sent", "commented", "final", "published"]
    for step in order[: order.index(to) + 1]:
        services.report_transition(
            actor=participant if step == "review" else coordinator,
            report=report,
            to=step,
            decision_number="КС-7" if step == "adopted" else "",
            decision_date=date(2026, 4, 1) if step == "adopted" else None,
        )
    return report


@pytest.fixture
def report(rvisit, participant):
    return services.report_compile(actor=participant, visit=rvisit)


def test_findings_page_adds_and_warns_on_a_single_source(client, login, rvisit, participant):
    login(participant)
    url = f"/visits/{rvisit.uuid}/findings/"
    r = client.post(
        url, {"theme": "staff", "title": "Нет психолога", "sources": ["authorities"], "order": 1}
    )
    assert r.status_code == 302
    assert Finding.objects.filter(visit=rvisit, title="Нет психолога").exists()
    page = client.get(url).content.decode()
    assert "One source only: triangulate" in page


def test_a_finding_is_edited_and_deleted(client, login, rvisit, participant):
    login(participant)
    f = Finding.objects.get(visit=rvisit, theme="material")
    url = f"/visits/{rvisit.uuid}/findings/{f.uuid}/"
    assert client.get(url).status_code == 200
    body = {"theme": "material", "title": "Новое", "sources": ["observation", "others"], "order": 2}
    assert client.post(url, body).status_code == 302
    f.refresh_from_db()
    assert f.title == "Новое" and f.sources == ["others", "observation"]
    assert client.post(url + "delete/").status_code == 302
    assert not Finding.objects.filter(pk=f.pk).exists()


def test_findings_are_not_for_ombudsman_staff(client, login, rvisit, world):
    login(world.users[Role.OMBUDSMAN_STAFF])
    assert client.get(f"/visits/{rvisit.uuid}/findings/").status_code == 403


def test_section_edit_posts_are_sanitised(client, login, report, participant):
    login(participant)
    url = f"/visits/{report.visit.uuid}/report/sections/summary/"
    assert client.get(url).status_code == 200
    r = client.post(url, {"html": '<p style="x" onclick="y">ok<script>z()</script></p>'})
    assert r.status_code == 302
    assert report.sections.get(key="summary").html == "<p>ok</p>"


def test_the_report_page_shows_where_personal_data_appears(client, login, report, participant):
    services.section_edit(actor=participant, report=report, key="place", html="<p>Ахметов</p>")
    login(participant)
    page = client.get(f"/visits/{report.visit.uuid}/report/").content.decode()
    assert "The place: «Ахметов»" in page
    r = client.post(f"/visits/{report.visit.uuid}/report/status/", {"to": "review"})
    assert r.status_code == 302
    report.refresh_from_db()
    assert report.status == "draft"


def test_authority_gets_404_before_sent_and_200_after(
    client, login, report, participant, coordinator, authority
):
    login(authority)
    base = f"/visits/{report.visit.uuid}/report/"
    assert client.get(base).status_code == 404
    assert client.get(base + "pdf/").status_code == 404
    assert "VIS-2026-9001" not in client.get("/visits/received/").content.decode()
    _through(report, participant, coordinator, "sent")
    page = client.get(base)
    assert page.status_code == 200
    assert "СЕКРЕТНЫЕ-ЗАМЕТКИ" not in page.content.decode()
    assert client.get(base + "pdf/").status_code == 200
    assert "VIS-2026-9001" in client.get("/visits/received/").content.decode()
    # Never the interviews, nor the work on site.
    assert client.get(f"/visits/{report.visit.uuid}/interviews/").status_code in (403, 404)
    assert client.get(f"/visits/{report.visit.uuid}/findings/").status_code == 404
    r = client.post(base + "comments/", {"section": "place", "text": "Лимит 520"})
    assert r.status_code == 302 and report.comments.count() == 1


def test_pdf_opens_and_holds_the_recommendations(client, login, report, participant):
    login(participant)
    r = client.get(f"/visits/{report.visit.uuid}/report/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = _pdf_text(r.content)
    for n in ("001", "002"):
        assert f"REC-2026-{report.visit.pk:03d}{n}" in text
    assert "Обеспечить" in text
    assert "СЕКРЕТНЫЕ-ЗАМЕТКИ" not in text


def test_pdf_has_a_cover_contents_with_page_numbers_and_charts(report):
    from qorgau.visits.reports import documents

    content = services.report_content(report)
    html = documents.report_html(content)
    assert "target-counter" in html and "<svg" in html and "data:image/jpeg;base64" in html
    assert html.count("data:image/jpeg") == 1  # the photo showing people stays out
    text = _pdf_text(documents.report_pdf(content))
    first_pages = text.split("\n")
    assert any("Рекомендации" in line or "Summary" in line for line in first_pages)


def test_docx_opens_with_the_structure_and_recommendations_table(
    client, login, report, participant
):
    from docx import Document

    login(participant)
    r = client.get(f"/visits/{report.visit.uuid}/report/docx/")
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert len([h for h in headings if h[:2] in {f"{n}." for n in range(1, 7)}]) == 6
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert f"REC-2026-{report.visit.pk:03d}001" in cells


def test_kazakh_report(rvisit, participant):
    from django.utils import translation

    from qorgau.visits.reports import docx

    with translation.override("kk"):
        report = services.report_compile(actor=participant, visit=rvisit)
    assert report.language == "kk"
    content = services.report_content(report)
    assert content["language"] == "kk"
    assert docx.report_docx(content)[:2] == b"PK"


def test_published_reports_are_public(client, report, participant, coordinator):
    assert client.get("/visits/published/").status_code == 200
    assert str(report.uuid) not in client.get("/visits/published/").content.decode()
    assert client.get(f"/visits/published/{report.uuid}/pdf/").status_code == 404
    _through(report, participant, coordinator, "published")
    page = client.get("/visits/published/").content.decode()
    assert str(report.uuid) in page
    r = client.get(f"/visits/published/{report.uuid}/pdf/")
    assert r.status_code == 200
    text = _pdf_text(r.content)
    assert f"REC-2026-{report.visit.pk:03d}001" in text
    assert "СЕКРЕТНЫЕ-ЗАМЕТКИ" not in text


def test_the_public_pdf_is_the_version_published(client, report, participant, coordinator):
    _through(report, participant, coordinator, "published")
    report.sections.filter(key="summary").update(html="<p>Изменено после публикации</p>")
    text = _pdf_text(client.get(f"/visits/published/{report.uuid}/pdf/").content)
    assert "Изменено после публикации" not in text


def test_the_report_page_never_shows_unclean_html(client, login, report, participant):
    # Even a row written around the services is cleaned on the way out.
    report.sections.filter(key="summary").update(
        html='<p onclick="x()">t<script>bad()</script></p>'
    )
    login(participant)
    page = client.get(f"/visits/{report.visit.uuid}/report/").content.decode()
    assert "bad()" not in page and 'onclick="x()"' not in page
