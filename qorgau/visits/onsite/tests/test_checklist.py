"""Checklist templates (versioned) and filling the checklist of a visit."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from qorgau.recommendations.choices import Theme
from qorgau.visits.models import Answer, ChecklistQuestion, ChecklistTemplate
from qorgau.visits.onsite import services
from qorgau.visits.onsite.default_checklist import CODE


@pytest.fixture
def default():
    return ChecklistTemplate.objects.get(code=CODE, version=1)


def test_default_checklist_is_published_in_three_languages_over_every_theme(db, default):
    assert default.status == "published" and default.published_at
    assert {s.theme for s in default.sections.all()} == set(Theme.values)
    questions = ChecklistQuestion.objects.filter(section__template=default)
    assert 40 <= questions.count() <= 60
    for q in questions:
        assert q.text_kk and q.text_ru and q.text_en, q.code
        assert re.match(r"Mandela Rules \d", q.standards), q.code
    assert {q.answer_type for q in questions} == {"choice", "number", "text", "photo"}
    # The definitions of the rules, as the areas require.
    solitary = questions.get(code="DIS-2")
    assert "22" in solitary.text_en and "44" in solitary.standards
    assert "15" in questions.get(code="DIS-3").text_ru


def test_published_version_is_never_edited(db, default, site):
    section = default.sections.first()
    with pytest.raises(ValidationError):
        services.question_save(
            actor=site.coordinator,
            section=section,
            code="NEW-1",
            answer_type="choice",
            standards="",
            texts={"text_kk": "Сұрақ", "text_ru": "Вопрос"},
        )
    with pytest.raises(ValidationError):
        services.question_delete(actor=site.coordinator, question=section.questions.first())
    with pytest.raises(ValidationError):
        services.template_publish(actor=site.coordinator, template=default)


def test_new_version_copies_then_publishing_retires_the_old_and_visits_keep_theirs(
    db, default, site, login, client
):
    login(site.participant)
    client.get(f"/visits/{site.a.uuid}/checklist/")
    site.a.refresh_from_db()
    assert site.a.checklist == default

    login(site.coordinator)
    r = client.post(f"/visits/checklists/{CODE}/v1/new-version/")
    v2 = ChecklistTemplate.objects.get(code=CODE, version=2)
    assert r.status_code == 302 and v2.status == "draft"
    assert ChecklistQuestion.objects.filter(section__template=v2).count() == (
        ChecklistQuestion.objects.filter(section__template=default).count()
    )
    edit = f"/visits/checklists/{CODE}/v2/edit/"
    r = client.post(
        edit,
        {
            "action": "question",
            "section": 5,
            "code": "dis-9",
            "answer_type": "number",
            "standards": "Mandela Rules 45",
            "text_kk": "Жалғыз камерада орташа неше күн?",
            "text_ru": "Сколько дней в среднем в одиночной камере?",
        },
    )
    assert r.status_code == 302
    assert v2.sections.get(order=5).questions.filter(code="DIS-9").exists()
    r = client.post(edit, {"action": "delete_question", "question": "ACT-5"})
    assert not ChecklistQuestion.objects.filter(section__template=v2, code="ACT-5").exists()
    assert ChecklistQuestion.objects.filter(section__template=default, code="ACT-5").exists()
    client.post(f"/visits/checklists/{CODE}/v2/publish/")
    default.refresh_from_db()
    v2.refresh_from_db()
    assert (default.status, v2.status) == ("retired", "published")
    site.a.refresh_from_db()
    assert site.a.checklist == default  # pinned
    login(site.participant)
    client.get(f"/visits/{site.b.uuid}/checklist/")  # not on B's team: nothing pinned
    site.b.refresh_from_db()
    assert site.b.checklist is None


def test_question_with_a_taken_code_or_one_language_is_refused(db, default, site, login, client):
    v2 = services.template_new_version(actor=site.coordinator, template=default)
    login(site.coordinator)
    r = client.post(
        f"/visits/checklists/{CODE}/v2/edit/",
        {
            "action": "question",
            "section": 1,
            "code": "DIG-1",
            "answer_type": "choice",
            "text_kk": "Сұрақ",
            "text_ru": "Вопрос",
        },
    )
    assert r.status_code == 400 and b"Another question" in r.content
    with pytest.raises(ValidationError):
        services.question_save(
            actor=site.coordinator,
            section=v2.sections.first(),
            code="X-1",
            answer_type="choice",
            standards="",
            texts={"text_en": "Only English"},
        )


def test_checklist_templates_are_for_coordinators_only(db, default, site, login, client):
    for user in (site.participant, site.staff, site.facility, site.outsider):
        login(user)
        assert client.get("/visits/checklists/").status_code == 403
        assert client.post(f"/visits/checklists/{CODE}/v1/new-version/").status_code == 403
    assert not ChecklistTemplate.objects.filter(version=2).exists()
    login(site.coordinator)
    assert client.get("/visits/checklists/").status_code == 200
    assert client.get(f"/visits/checklists/{CODE}/v1/").status_code == 200
    assert client.get(f"/visits/checklists/{CODE}/v9/").status_code == 404


def test_answers_are_saved_by_section_with_progress(db, default, site, login, client):
    login(site.participant)
    url = f"/visits/{site.a.uuid}/checklist/"
    r = client.get(url)
    assert r.status_code == 200 and b"0 of 55" in r.content
    r = client.post(
        url,
        {
            "section": 5,
            "DIS-1": "partly",
            "DIS-1_note": "Слушание без переводчика",
            "DIS-2": "3",
            "DIS-3": "yes",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith("?section=6")
    answers = {a.question.code: a for a in Answer.objects.filter(visit=site.a)}
    assert answers["DIS-1"].choice == "partly" and answers["DIS-1"].text
    assert answers["DIS-2"].number == 3
    assert answers["DIS-1"].answered_by == site.participant
    r = client.get(url + "?section=5")
    assert b"3 of 55" in r.content


def test_bad_answer_changes_nothing(db, default, site, login, client):
    login(site.coordinator)
    url = f"/visits/{site.a.uuid}/checklist/"
    r = client.post(url, {"section": 5, "DIS-1": "maybe", "DIS-2": "many"})
    assert r.status_code == 400
    assert not Answer.objects.filter(visit=site.a).exists()
    site.a.refresh_from_db()
    with pytest.raises(ValidationError):
        services.answers_save(
            actor=site.coordinator,
            visit=site.a,
            section=site.a.checklist.sections.get(order=5),
            values={"DIS-1": {"choice": "maybe"}, "DIS-3": {"choice": "yes"}},
        )
    assert not Answer.objects.filter(visit=site.a).exists()


def test_photo_question_takes_a_photo(db, default, site, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.visits.onsite.tests.routes import png

    login(site.participant)
    url = f"/visits/{site.a.uuid}/checklist/"
    client.get(url)
    r = client.post(url, {"section": 5, "DIS-6": SimpleUploadedFile("cell.png", png(7))})
    assert r.status_code == 302
    photo = site.a.photos.get()
    assert photo.question.code == "DIS-6"
    assert b"1 of 55" in client.get(url + "?section=5").content


def test_a_refused_section_keeps_no_photo_file(db, default, site):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.core.uploads import storage
    from qorgau.visits.onsite.tests.routes import png

    def files() -> set[Path]:
        root = Path(storage().path("visits"))
        return {f for f in root.rglob("*") if f.is_file()} if root.exists() else set()

    services.visit_checklist_pin(actor=site.participant, visit=site.a)
    site.a.refresh_from_db()
    before = files()
    with pytest.raises(ValidationError):
        services.answers_save(
            actor=site.participant,
            visit=site.a,
            section=site.a.checklist.sections.get(order=5),
            values={"DIS-1": {"choice": "maybe"}},
            photos={"DIS-6": SimpleUploadedFile("cell.png", png(11))},
        )
    assert not site.a.photos.exists()
    assert files() == before


@pytest.mark.parametrize("who", ["staff", "facility", "outsider"])
def test_checklist_is_refused_to_others(db, default, site, login, client, who):
    login(getattr(site, who))
    r = client.get(f"/visits/{site.a.uuid}/checklist/")
    assert r.status_code == (403 if who == "staff" else 404)
    r = client.post(f"/visits/{site.a.uuid}/checklist/", {"section": 1, "DIG-1": "yes"})
    assert r.status_code in (403, 404)
    assert not Answer.objects.exists()


def test_participant_not_on_the_team_gets_404(db, default, site, login, client):
    login(site.participant)
    assert client.get(f"/visits/{site.b.uuid}/checklist/").status_code == 404


def test_sections_are_added_to_drafts_only(db, default, site):
    values = {"title_kk": "Қосымша", "title_ru": "Дополнительно"}
    with pytest.raises(ValidationError):
        services.section_save(
            actor=site.coordinator, template=default, theme="staff", values=values
        )
    v2 = services.template_new_version(actor=site.coordinator, template=default)
    section = services.section_save(
        actor=site.coordinator, template=v2, theme="staff", values=values
    )
    assert section.order == 13 and section.title_ru == "Дополнительно"
    with pytest.raises(ValidationError):
        services.section_save(actor=site.coordinator, template=v2, theme="nope", values=values)
    with pytest.raises(ValidationError):
        services.section_save(
            actor=site.coordinator, template=v2, theme="staff", values={"title_en": "Only"}
        )
    assert v2.sections.count() == 13


def test_a_coordinator_is_shown_the_way_to_the_checklists(db, default, site, login, client):
    login(site.coordinator)
    assert b"/visits/checklists/" in client.get(f"/visits/{site.a.uuid}/checklist/").content
    login(site.participant)
    assert b"/visits/checklists/" not in client.get(f"/visits/{site.a.uuid}/checklist/").content


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_pages_speak_the_users_language(db, default, site, login, client, lang):
    from qorgau.visits.onsite.tests.routes import pages

    login(site.coordinator)
    for name, method, url, _cap, _other, _body in pages(site.world):
        if method == "get":
            r = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
            assert r.status_code == 200, (name, lang)
    r = client.get(f"/visits/{site.a.uuid}/checklist/?section=5", HTTP_ACCEPT_LANGUAGE=lang)
    question = default.sections.get(order=5).questions.get(code="DIS-2")
    page = r.content.decode()
    assert getattr(question, f"text_{lang}") in page
    # The standards cited name their instrument in the reader's language.
    cited = {"kk": "Нельсон Мандела ережелері", "ru": "Правила Нельсона Манделы"}
    assert cited.get(lang, "Mandela Rules") in page
