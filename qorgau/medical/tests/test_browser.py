"""A doctor's examination in the Kazakh interface, to the prosecutor's PDF, in a real browser.

The doctor records an admission examination with two injuries placed on the body
chart (one by a click, one from the keyboard) and a "highly consistent with"
conclusion; a case file opens and the notification to the prosecutor falls due;
the doctor sends it; the prosecutor of the region opens the report as PDF; the
facility administration gets 404 on the examination.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from qorgau.testing.kiosk_ui import sign_in
from qorgau.testing.live import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_marks,
    prepare_server,
    running_server,
)

pytestmark = browser_marks()
ACCOUNT = "Полиция бөлімінде таяқпен ұрды"


def _query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchall()


def _person_held_where_the_doctor_works(db: Path) -> str:
    [(iin,)] = _query(
        db,
        "SELECT p.iin FROM people_person p "
        "JOIN accounts_membership_facilities mf ON mf.facility_id = p.current_facility_id "
        "JOIN accounts_membership m ON m.id = mf.membership_id "
        "JOIN accounts_user u ON u.id = m.user_id "
        "WHERE u.username = 'doctor' AND p.status = 'held' ORDER BY p.id LIMIT 1",
    )
    return iin


def test_doctor_records_injuries_on_the_body_chart_in_kazakh_and_the_prosecutor_gets_the_report(
    tmp_path,
):
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    ARTIFACTS.mkdir(exist_ok=True)
    env = prepare_server(tmp_path / "server")
    env["QORGAU_2FA_WAIVED"] = "1"  # two-factor login has its own browser test
    db = Path(env["QORGAU_SQLITE_PATH"])
    iin = _person_held_where_the_doctor_works(db)
    examined = datetime.now(ZoneInfo("Asia/Almaty")) - timedelta(hours=1)
    with running_server(env) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        doctor = browser.new_page(locale="kk-KZ", viewport={"width": 1280, "height": 1000})
        sign_in(doctor, server, "doctor")
        doctor.goto(f"{server}/medical/new/")
        expect(doctor.locator("html")).to_have_attribute("lang", "kk")
        expect(doctor.locator("h1")).to_have_text("Тексеруді жазу")
        doctor.fill("#id_iin", iin)
        doctor.select_option("#id_kind", "admission")
        doctor.fill("#id_examined_at", examined.strftime("%Y-%m-%dT%H:%M"))
        doctor.fill("#id_account", ACCOUNT)
        doctor.check("#id_alleges_ill_treatment")
        doctor.fill("#id_findings", "Бет пен арқадағы қанталаулар")
        doctor.select_option("#id_conclusion", "highly_consistent")

        # Two injuries on the chart: the face by a click, the upper back from the keyboard.
        doctor.click(".bodychart .region[data-region=face][data-side=front]")
        expect(doctor.locator("[data-injury-row]")).to_have_count(1)
        expect(doctor.locator("#id_injury-0-body_region")).to_have_value("face")
        doctor.select_option("#id_injury-0-kind", "bruise")
        doctor.fill("#id_injury-0-size_cm", "3.5")
        doctor.select_option("#id_injury-0-consistency", "highly_consistent")
        doctor.focus(".bodychart .region[data-region=back_upper]")
        doctor.keyboard.press("Enter")
        expect(doctor.locator("[data-injury-row]")).to_have_count(2)
        expect(doctor.locator("#id_injury-1-side")).to_have_value("back")
        expect(doctor.locator("#id_injury-1-kind")).to_be_focused()
        doctor.select_option("#id_injury-1-kind", "abrasion")
        doctor.select_option("#id_injury-1-consistency", "highly_consistent")
        expect(doctor.locator(".bodychart .markers circle")).to_have_count(2)
        doctor.screenshot(path=str(ARTIFACTS / "medical-body-chart-kk.png"), full_page=True)
        doctor.click("form button.primary[type=submit]")

        # Recorded: a case file, and the notification to the prosecutor due.
        expect(doctor.locator(".msg-success")).to_be_visible()
        expect(doctor.locator("dl.facts")).to_contain_text("ALG-")
        expect(doctor.locator(".bodychart .markers circle")).to_have_count(2)
        exam_url = doctor.url
        [(case_ref, due)] = _query(
            db,
            "SELECT case_reference, notification_due_at FROM medical_examination WHERE account = ?",
            ACCOUNT,
        )
        assert case_ref.startswith("ALG-") and due
        assert _query(db, "SELECT count(*) FROM allegations_casefile WHERE number = ?", case_ref)
        doctor.screenshot(path=str(ARTIFACTS / "medical-examination-kk.png"), full_page=True)
        doctor.click("#notify-h ~ form button")
        expect(doctor.locator(".msg-success")).to_contain_text("REF-")
        referral = re.search(r"REF-\d{4}-\d+", doctor.locator(".msg-success").inner_text()).group(0)

        # The prosecutor of the region opens the report from Referrals.
        prosecutor = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
        sign_in(prosecutor, server, "prosecutor")
        prosecutor.goto(f"{server}/allegations/referrals/")
        prosecutor.click(f"table a:has-text('{referral}')")
        with prosecutor.expect_download() as download:
            prosecutor.click("a[href$='letter.pdf']")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF")
        text = "".join(page.extract_text() for page in PdfReader(download.value.path()).pages)
        assert ACCOUNT in text and case_ref in text

        # The facility administration learns nothing of the examination.
        facility = browser.new_page(locale="kk-KZ")
        sign_in(facility, server, "facility.admin")
        for url in (exam_url, f"{exam_url}report.pdf", f"{server}/medical/"):
            assert facility.goto(url).status == 404, url
        browser.close()
