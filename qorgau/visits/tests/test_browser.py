"""A preventive visit from planning to the verified recommendation, in a real browser.

The coordinator (Russian) opens a special visit and forms its team: a participant who
declared a conflict of interest with the place is refused with its reason, then a leader
and three members are taken, and the visit starts. The team member "npm" (Kazakh) fills
part of the checklist; in Russian records an interview that alleges ill-treatment with
consent, which opens an allegation case file; adds a finding and a recommendation and
compiles the report in Kazakh, sending it to review. The coordinator records the council's
adoption and sends the report; its PDF, fetched through the page's link, holds the
recommendation. The facility administration (Russian) answers with an action plan. A
follow-up visit is opened, and on its checklist the team verifies the recommendation as
implemented; the recommendation's history shows the verification on the follow-up visit.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

from qorgau.testing.kiosk_ui import sign_in
from qorgau.testing.live import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    QORGAU,
    browser_marks,
    prepare_server,
    running_server,
)

pytestmark = browser_marks()

ACTION = "Установить кнопку вызова дежурного в каждой камере ШИЗО"
NOTES = "Рассказал, что в ШИЗО сотрудники били дубинкой по ногам."
SUMMARY = "Сообщает о побоях дубинкой в ШИЗО в ноябре."
FINDING = "Нет кнопки вызова в камерах ШИЗО"
EDITED = "Әкімшілік ынтымақтастықта болды."
PLAN = "Кнопки вызова будут установлены во всех камерах ШИЗО до конца квартала."

# The place of the demo's facility administration; a participant who declared a conflict
# with it; three more participants free to go, besides the demo's team member "npm".
SETUP = """
import json
from datetime import date, timedelta
from qorgau.accounts.models import User
from qorgau.visits.models import ConflictDeclaration, Participant
place = User.objects.get(username='facility.admin').memberships.first().facilities.first()
today = date.today()
free = (
    Participant.objects.filter(user__isnull=True, active_from__lte=today)
    .exclude(active_until__lt=today)
    .exclude(conflicts__facility=place)
    .order_by('pk')
)
conflicted, *others = list(free[:4])
ConflictDeclaration.objects.create(
    participant=conflicted, facility=place, reason='Брат работает в учреждении',
    declared_on=today - timedelta(days=30),
)
npm = Participant.objects.get(user__username='npm')
print(json.dumps({
    'place': str(place.uuid),
    'conflicted': str(conflicted.uuid),
    'others': [str(p.uuid) for p in others],
    'npm': str(npm.uuid),
}))
"""


def _setup(env: dict) -> dict:
    out = subprocess.run(
        [*QORGAU, "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchall()


def _server_draft(page, key: str) -> dict:
    return page.evaluate(
        "key => fetch('/drafts/?key=' + encodeURIComponent(key)).then(r => r.json())", key
    )


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _context(browser, locale: str):
    return browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000})


def _form_team(page, expect, people: dict, *, leader: str, members: list[str]) -> None:
    """On the team page: the leader first, then the members."""
    for uuid, role in [(leader, "leader"), *[(m, "member") for m in members]]:
        page.select_option("#id_participant", uuid)
        page.select_option("#id_role", role)
        page.click("form.card button.primary[type=submit]")
        expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("table.table tbody tr")).to_have_count(1 + len(members))


def _start(page, expect) -> None:
    page.click("form[action$='/status/'] button.primary[type=submit]")
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("form[action$='/status/'] input[name=action][value=finish]")).to_have_count(
        1
    )


def test_a_visit_from_its_team_to_the_verified_recommendation(tmp_path):
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    ARTIFACTS.mkdir(exist_ok=True)
    env = prepare_server(tmp_path / "server", people=60)
    env["QORGAU_2FA_WAIVED"] = "1"  # two-factor login has its own browser test
    db = Path(env["QORGAU_SQLITE_PATH"])
    people = _setup(env)
    today = date.today()
    with running_server(env) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        # ---- The coordinator, in Russian, plans the visit and forms the team.
        coord = _context(browser, "ru-RU").new_page()
        sign_in(coord, server, "npm.coordinator")
        coord.goto(f"{server}/visits/new/")
        expect(coord.locator("html")).to_have_attribute("lang", "ru")
        coord.select_option("#id_kind", "special")
        coord.select_option("#id_facility", people["place"])
        coord.fill("#id_start_date", today.isoformat())
        coord.fill("#id_purpose", "Проверка условий в ШИЗО после жалоб")
        coord.click("form.card button.primary[type=submit]")
        coord.wait_for_url(re.compile(r"/visits/[0-9a-f-]{36}/team/$"))
        visit = coord.url.rstrip("/").split("/")[-2]
        number = coord.locator("h1").inner_text().split(" · ")[0].strip()
        assert re.fullmatch(r"VIS-\d{4}-\d{6}", number), number

        # A participant who declared a conflict with this place is refused, with the reason.
        coord.select_option("#id_participant", people["conflicted"])
        coord.select_option("#id_role", "member")
        coord.click("form.card button.primary[type=submit]")
        error = coord.locator("form.card .error, form.card .errors")
        expect(error.first).to_contain_text("Брат работает в учреждении")
        expect(coord.locator("table.table tbody")).not_to_contain_text(
            _query(
                db,
                "SELECT full_name FROM visits_participant WHERE uuid = ?",
                people["conflicted"].replace("-", ""),
            )[0][0]
        )
        _shot(coord, "npm-team-conflict-ru.png")

        leader, *members = people["others"]
        _form_team(coord, expect, people, leader=leader, members=[*members, people["npm"]])
        coord.goto(f"{server}/visits/{visit}/")
        _start(coord, expect)

        # ---- The team member, in Kazakh, fills part of the checklist.
        npm_kk = _context(browser, "kk-KZ").new_page()
        sign_in(npm_kk, server, "npm")
        npm_kk.goto(f"{server}/visits/{visit}/checklist/")
        expect(npm_kk.locator("html")).to_have_attribute("lang", "kk")
        checklist = npm_kk.locator("form[data-draft^='checklist:']")
        first = checklist.locator("fieldset.question").first
        first.locator("input[type=radio]").first.check()
        first.locator("textarea").fill("Камераларда шақыру түймесі жоқ.")
        second = checklist.locator("fieldset.question").nth(1)
        second.locator("input[type=radio]").last.check()
        checklist.locator("button.primary[type=submit]").click()
        expect(npm_kk.locator(".msg-success")).to_be_visible()
        expect(npm_kk.locator("progress")).to_have_attribute("value", "2")
        _shot(npm_kk, "npm-checklist-kk.png")

        # ---- In Russian: an interview alleging ill-treatment, with consent → a case file.
        npm_ru = _context(browser, "ru-RU").new_page()
        sign_in(npm_ru, server, "npm")
        npm_ru.goto(f"{server}/visits/{visit}/interviews/")
        expect(npm_ru.locator("html")).to_have_attribute("lang", "ru")
        npm_ru.fill("#id_pseudonym", "Осуждённый А")
        npm_ru.fill("#id_notes", NOTES)
        npm_ru.check("#id_alleges_ill_treatment")
        npm_ru.check("#id_consent_to_pass")
        npm_ru.fill("#id_case_summary", SUMMARY)
        npm_ru.click("#interview-form button.primary[type=submit]")
        success = npm_ru.locator(".msg-success")
        expect(success).to_contain_text(re.compile(r"ALG-\d{4}-\d{6}"))
        case = re.search(r"ALG-\d{4}-\d{6}", success.inner_text()).group(0)
        expect(npm_ru.locator("table.table")).to_contain_text(case)
        [(summary,)] = _query(db, "SELECT summary FROM allegations_casefile WHERE number = ?", case)
        assert SUMMARY in summary and NOTES not in summary
        _shot(npm_ru, "npm-interview-ru.png")

        # A finding, and a recommendation resting on it.
        npm_ru.goto(f"{server}/visits/{visit}/findings/")
        npm_ru.select_option("#id_theme", "material")
        npm_ru.fill("#id_title", FINDING)
        npm_ru.fill(
            "#id_text", "В шести камерах ШИЗО кнопки вызова нет; осуждённые стучат в дверь."
        )
        npm_ru.check("input[name=sources][value=observation]")
        npm_ru.check("input[name=sources][value=detainees]")
        npm_ru.click("form.card button.primary[type=submit]")
        expect(npm_ru.locator(".msg-success")).to_be_visible()
        expect(npm_ru.locator("table.table")).to_contain_text(FINDING)

        npm_ru.goto(f"{server}/recommendations/visit/{visit}/")
        add = npm_ru.locator("section[aria-labelledby=add-h] form")
        add.locator("#id_action").fill(ACTION)
        add.locator("#id_responsible_unit").fill("Начальник учреждения")
        add.locator("#id_indicator").fill("Кнопка вызова работает во всех камерах ШИЗО")
        add.locator("#id_deadline").fill((today + timedelta(days=90)).isoformat())
        add.locator("#id_priority").select_option("high")
        add.locator("#id_theme").select_option("material")
        add.locator("#id_standards").fill("Правила Манделы 13, 14")
        add.locator("input[name=findings]").first.check()
        add.locator("button.primary[type=submit]").click()
        expect(npm_ru.locator(".msg-success")).to_be_visible()
        rec_link = npm_ru.locator("section.card h3 a").first
        expect(rec_link).to_have_text(re.compile(r"\S+"))
        rec_url = server + rec_link.get_attribute("href")

        # The coordinator closes the work on site.
        coord.goto(f"{server}/visits/{visit}/")
        coord.click("form[action$='/status/'] button.primary[type=submit]")
        expect(coord.locator(".msg-success")).to_be_visible()

        # The participants' reimbursement: computed from the team, the actual travel entered.
        coord.goto(f"{server}/visits/{visit}/reimbursements/")
        coord.click("form[action$='/reimbursements/compute/'] button.primary[type=submit]")
        expect(coord.locator(".msg-success")).to_be_visible()
        rows = coord.locator("table.table tbody tr")
        expect(rows).to_have_count(4)
        travel = rows.first.locator("form[data-draft^='travel:']")
        travel.locator("input[name=travel]").fill("18500")
        travel.locator("button[type=submit]").click()
        expect(coord.locator(".msg-success")).to_be_visible()
        expect(
            coord.locator("table.table tbody tr").first.locator("input[name=travel]")
        ).to_have_value(re.compile(r"^18500(\.0+)?$"))
        _shot(coord, "npm-reimbursements-ru.png")

        # ---- The team compiles the report in Kazakh and sends it to review.
        npm_kk.goto(f"{server}/visits/{visit}/report/")
        npm_kk.click("form[action$='/report/compile/'] button[type=submit]")
        expect(npm_kk.locator(".report-section").first).to_be_visible()
        expect(npm_kk.locator("main")).to_contain_text(ACTION)
        _shot(npm_kk, "npm-report-kk.png")

        # A section edited in the rich editor: the draft survives a reload and goes on saving.
        npm_kk.click("#section-summary a.button[href$='/report/sections/summary/']")
        editor = npm_kk.locator("form[data-draft^='report-section:']")
        key = editor.get_attribute("data-draft")
        editor.locator(".rich-area").click()
        npm_kk.keyboard.press("Control+End")
        npm_kk.keyboard.type(" " + EDITED)
        npm_kk.wait_for_function(
            "([key, text]) => fetch('/drafts/?key=' + encodeURIComponent(key))"
            ".then(r => r.json()).then(d => !!d.data && d.data.fields.html.includes(text))",
            arg=[key, EDITED],
        )
        npm_kk.reload()
        expect(editor.locator(".rich-area")).to_contain_text(EDITED)
        editor.locator("button.primary[type=submit]").click()
        expect(npm_kk.locator("#section-summary")).to_contain_text(EDITED)
        assert _server_draft(npm_kk, key)["data"] is None
        npm_kk.click("form:has(input[name=to][value=review]) button[type=submit]")
        expect(npm_kk.locator(".msg-success")).to_be_visible()
        expect(npm_kk.locator("input[name=to][value=review]")).to_have_count(0)

        # ---- The coordinator records the council's adoption and sends the report.
        coord.goto(f"{server}/visits/{visit}/report/")
        adopt = coord.locator("form:has(input[name=to][value=adopted])")
        adopt.locator("input[name=decision_number]").fill("31/2026")
        adopt.locator("input[name=decision_date]").fill(today.isoformat())
        adopt.locator("button[type=submit]").click()
        expect(coord.locator(".msg-success")).to_be_visible()
        expect(coord.locator("main")).to_contain_text("31/2026")
        coord.click("form:has(input[name=to][value=sent]) button[type=submit]")
        expect(coord.locator(".msg-success")).to_be_visible()
        expect(coord.locator("input[name=to][value=sent]")).to_have_count(0)

        # The PDF, through the page's own link and the same session.
        pdf_href = coord.locator("a.button[href$='/report/pdf/']").get_attribute("href")
        answer = coord.context.request.get(server + pdf_href)
        assert answer.ok and answer.headers["content-type"].startswith("application/pdf")
        text = " ".join(
            pg.extract_text() or "" for pg in PdfReader(io.BytesIO(answer.body())).pages
        )
        flat = re.sub(r"\s+", " ", text)
        assert ACTION in flat, flat[:2000]

        # ---- The facility administration, in Russian, answers with an action plan.
        admin = _context(browser, "ru-RU").new_page()
        sign_in(admin, server, "facility.admin")
        admin.goto(rec_url)
        respond = admin.locator("form[action$='/respond/']")
        respond.locator("#id_kind").select_option("action_plan")
        respond.locator("#id_text").fill(PLAN)
        respond.locator("#id_planned_by").fill((today + timedelta(days=60)).isoformat())
        respond.locator("#id_reported_status").select_option("in_progress")
        respond.locator("button.primary[type=submit]").click()
        expect(admin.locator(".msg-success")).to_be_visible()
        expect(admin.locator("section[aria-labelledby=responses-h]")).to_contain_text(PLAN)
        _shot(admin, "npm-recommendation-answer-ru.png")

        # ---- A follow-up visit: planned from the visit's page, formed and started.
        coord.goto(f"{server}/visits/{visit}/")
        coord.click("a[href*='follows=']")
        coord.select_option("#id_kind", "follow_up")
        coord.fill("#id_start_date", today.isoformat())
        coord.click("form.card button.primary[type=submit]")
        coord.wait_for_url(re.compile(r"/visits/[0-9a-f-]{36}/team/$"))
        follow = coord.url.rstrip("/").split("/")[-2]
        assert follow != visit
        follow_number = coord.locator("h1").inner_text().split(" · ")[0].strip()
        _form_team(coord, expect, people, leader=people["npm"], members=people["others"][:2])
        coord.goto(f"{server}/visits/{follow}/")
        _start(coord, expect)

        # ---- On the follow-up's checklist the team verifies the recommendation, in Kazakh.
        npm_kk.goto(f"{server}/visits/{follow}/checklist/")
        rec = npm_kk.locator("#recommendations article.rec", has_text=ACTION)
        expect(rec).to_have_count(1)
        rec.locator("select[name=status]").select_option("implemented")
        rec.locator("textarea[name=note]").fill("Кнопки шақыру барлық камераларда жұмыс істейді.")
        rec.scroll_into_view_if_needed()
        _shot(npm_kk, "npm-follow-up-verify-kk.png")
        rec.locator("button[type=submit]").click()
        expect(npm_kk.locator(".msg-success")).to_be_visible()
        expect(npm_kk.locator("#recommendations article.rec", has_text=ACTION)).to_have_count(0)

        # The recommendation's history shows the verification on the follow-up visit.
        npm_kk.goto(rec_url)
        history = npm_kk.locator(
            "section[aria-labelledby=history-h] tbody tr", has_text=follow_number
        )
        expect(history).to_have_count(1)
        expect(history).to_contain_text("шақыру барлық камераларда")
        _shot(npm_kk, "npm-recommendation-verified-kk.png")
        [(status,)] = _query(
            db,
            "SELECT status FROM recommendations_recommendation WHERE action = ?",
            ACTION,
        )
        assert status == "implemented"
        browser.close()
