"""From the kiosk to the prosecutor, in real processes and a real browser.

A complaint is filed on the kiosk's touch screen in Russian; it arrives sealed;
Ombudsman staff triage it as torture, which opens the case file with its
referral due within 24 hours; the referral letter is generated as a PDF; the
prosecutor confirms receipt and records the criminal case number, which the
Ombudsman then sees; the facility administration gets 404 throughout.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from qorgau.testing.kiosk_ui import file_torture_complaint_ru, pair_kiosk, sign_in, wait_for
from qorgau.testing.live import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_marks,
    prepare_server,
    running_server,
    running_terminal,
)

pytestmark = browser_marks()
MARKER = "МАРКЕР-ДЕЛА-8842"
NAME = "Жумабаев Ерболат"
CASE_NUMBER = "261500031000777"


def _query(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchall()


def test_kiosk_complaint_to_referral_to_criminal_case(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    env = prepare_server(tmp_path / "server")
    env["QORGAU_2FA_WAIVED"] = "1"  # two-factor login has its own browser test
    db = Path(env["QORGAU_SQLITE_PATH"])
    # The facility of the demo's facility administration: the kiosk stands there.
    [(home,)] = _query(
        db,
        "SELECT f.uuid FROM facilities_facility f "
        "JOIN accounts_membership_facilities mf ON mf.facility_id = f.id "
        "JOIN accounts_membership m ON m.id = mf.membership_id "
        "JOIN accounts_user u ON u.id = m.user_id WHERE u.username = 'facility.admin'",
    )
    home = str(uuid.UUID(home))  # SQLite keeps UUIDs as 32 hex digits
    with (
        running_server(env) as server,
        running_terminal(tmp_path / "kiosk", server) as kiosk,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        screen = browser.new_page(locale="ru-RU", viewport={"width": 1024, "height": 768})
        pair_kiosk(browser, screen, kiosk, server, facility=home)
        file_torture_complaint_ru(
            screen, f"Меня избили конвоиры в дежурной части. {MARKER}", name=NAME
        )
        [(number, received)] = wait_for(
            lambda: _query(
                db,
                "SELECT number, received_at FROM complaints_complaint WHERE description LIKE ?",
                f"%{MARKER}%",
            )
        )

        # Ombudsman staff triage it as torture: the case file opens.
        staff = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
        sign_in(staff, server, "ombudsman")
        staff.goto(f"{server}/complaints/{number}/")
        staff.click("summary:has-text('Triage')")
        staff.check("input[name=categories][value=torture]")
        staff.check("input[name=urgent]")
        staff.click("form[action$='/triage/'] button.primary")
        expect(staff.locator(".msg-success")).to_be_visible()
        staff.click("#case-h + p a")
        expect(staff.locator("h1")).to_contain_text("ALG-")
        row = staff.locator("#safeguard-referral")
        expect(row).to_contain_text("Pending")
        due = datetime.strptime(
            re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", row.inner_text()).group(0), "%Y-%m-%d %H:%M"
        )
        received_local = _local(received)
        assert timedelta(hours=23, minutes=59) <= due - received_local <= timedelta(hours=24)
        staff.screenshot(path=str(ARTIFACTS / "case-file-en.png"), full_page=True)
        case_url = staff.url

        # The letter is generated and sent; the staff copy downloads as a PDF.
        staff.click("text=Generate the letter and refer to the prosecutor")
        expect(staff.locator(".msg-success")).to_contain_text("REF-")
        with staff.expect_download() as download:
            staff.click("#ref-h ~ p a:has-text('Referral letter (PDF)')")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF")

        # The prosecutor of the region confirms receipt and records the case number.
        prosecutor = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 900})
        sign_in(prosecutor, server, "prosecutor")
        prosecutor.goto(f"{server}/allegations/referrals/")
        prosecutor.click("table a:has-text('REF-')")
        with prosecutor.expect_download() as download:
            prosecutor.click("a[href$='letter.pdf']")
        letter = Path(download.value.path()).read_bytes()
        assert letter.startswith(b"%PDF") and letter != pdf  # the prosecutor's carries the name
        prosecutor.select_option("#id_kind", "receipt")
        prosecutor.click("form button.primary")
        expect(prosecutor.locator(".msg-success")).to_be_visible()
        prosecutor.select_option("#id_kind", "registration")
        prosecutor.fill("#id_criminal_case_number", CASE_NUMBER)
        prosecutor.fill("#id_registered_on", datetime.now().strftime("%Y-%m-%d"))
        prosecutor.click("form button.primary")
        expect(prosecutor.locator(".facts")).to_contain_text(CASE_NUMBER)
        prosecutor.screenshot(path=str(ARTIFACTS / "referral-prosecutor-ru.png"), full_page=True)
        referral_url = prosecutor.url

        # The Ombudsman sees the record.
        staff.goto(case_url)
        expect(staff.locator("#ref-h").locator("..")).to_contain_text(CASE_NUMBER)

        # The facility administration reaches none of it.
        facility = browser.new_page(locale="ru-RU")
        sign_in(facility, server, "facility.admin")
        for url in (case_url, referral_url, f"{server}/allegations/", f"{referral_url}letter.pdf"):
            response = facility.goto(url)
            assert response.status == 404, url
        assert facility.goto(f"{server}/complaints/{number}/").status in (403, 404)
        browser.close()


def _local(value) -> datetime:
    """A stored UTC timestamp as the server's local wall time (Asia/Almaty)."""
    from zoneinfo import ZoneInfo

    from django.conf import settings

    stamp = datetime.fromisoformat(str(value).replace(" ", "T"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=ZoneInfo("UTC"))
    return stamp.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(
        tzinfo=None, second=0, microsecond=0
    )
