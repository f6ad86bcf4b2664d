"""The whole road in real processes: a kiosk is paired, a complaint is filed on its
touch screen in Russian, arrives sealed at the server exactly once, and the kiosk's
disk holds nothing a facility could read."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from qorgau.testing.kiosk_ui import file_torture_complaint_ru, pair_kiosk, wait_for
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
MARKER = "МАРКЕР-ЖАЛОБЫ-5517"


def _complaints(db: Path) -> list[tuple]:
    """Complaints carrying this test's marker (the demo data has its own)."""
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT number, channel, description, consent_prosecutor FROM complaints_complaint "
            "WHERE description LIKE ?",
            (f"%{MARKER}%",),
        ).fetchall()


def test_complaint_filed_at_the_kiosk_arrives_once_and_leaves_no_plaintext(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    env = prepare_server(tmp_path / "server")
    env["QORGAU_2FA_WAIVED"] = "1"  # two-factor login has its own browser test
    home = tmp_path / "kiosk"
    with (
        running_server(env) as server,
        running_terminal(home, server) as kiosk,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        screen = browser.new_page(locale="ru-RU", viewport={"width": 1024, "height": 768})
        pair_kiosk(browser, screen, kiosk, server)
        receipt, secret = file_torture_complaint_ru(screen, f"Меня избили при обыске. {MARKER}")
        screen.screenshot(path=str(ARTIFACTS / "kiosk-receipt-ru.png"))

        rows = wait_for(lambda: _complaints(Path(env["QORGAU_SQLITE_PATH"])))
        assert (
            len(rows) == 1 and rows[0][1] == "terminal" and MARKER in rows[0][2] and rows[0][3] == 1
        )
        time.sleep(2)  # further rounds must not store it again
        assert len(_complaints(Path(env["QORGAU_SQLITE_PATH"]))) == 1

        screen.goto(f"{kiosk}/status/?lang=ru")
        screen.fill("#id_code", receipt)
        screen.fill("#id_secret", secret)
        screen.click("button.primary")
        expect(screen.locator(".result")).to_contain_text("Зарегистрирована")
        browser.close()

    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert MARKER.encode() not in data and "избили".encode() not in data, path
