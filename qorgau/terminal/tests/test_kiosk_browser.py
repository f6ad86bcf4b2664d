"""The whole road in real processes: a kiosk is paired, a complaint is filed on its
touch screen in Russian, arrives sealed at the server exactly once, and the kiosk's
disk holds nothing a facility could read."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from qorgau.testing.live import (
    CHROMIUM,
    CHROMIUM_ARGS,
    prepare_server,
    running_server,
    running_terminal,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]
MARKER = "МАРКЕР-ЖАЛОБЫ-5517"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _complaints(db: Path) -> list[tuple]:
    """Complaints carrying this test's marker (the demo data has its own)."""
    with sqlite3.connect(db) as con:
        return con.execute(
            "SELECT number, channel, description, consent_prosecutor FROM complaints_complaint "
            "WHERE description LIKE ?",
            (f"%{MARKER}%",),
        ).fetchall()


def _wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


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
        screen.goto(f"{kiosk}/?lang=ru")
        code = _wait_for(
            lambda: (
                (screen.reload() or True)
                and re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", screen.locator("p.code").inner_text())
            )
        )
        pairing_code = code.group(0)

        # An administrator pairs it on the server.
        admin = browser.new_page(locale="en-US")
        admin.goto(f"{server}/accounts/login/")
        admin.fill("#id_username", "sysadmin")
        admin.fill("#id_password", "qorgau-demo")
        admin.click("button.primary")
        admin.goto(f"{server}/complaints/terminals/")
        fingerprint = admin.locator("code.secret").inner_text()
        admin.fill("#id_code", pairing_code)
        admin.select_option("#id_facility", index=1)
        admin.fill("#id_label", "Блок 1")
        admin.click("form.grid-form button.primary")
        expect(admin.locator(".msg-success")).to_be_visible()

        # The kiosk pins the key and shows the same fingerprint.
        _wait_for(
            lambda: (screen.goto(f"{kiosk}/?lang=ru") or True) and fingerprint in screen.content()
        )
        screen.click("text=Написать жалобу")
        expect(screen.locator(".counter")).to_have_text("Шаг 1 из 10")
        screen.click("text=Обо мне")
        screen.click("button[value=next]")
        screen.click("text=Пытки или избиение")
        screen.click("button[value=next]")
        screen.fill("textarea", f"Меня избили при обыске. {MARKER}")
        screen.click("button[value=next]")
        screen.click("button[value=next]")  # where and when: not known
        screen.fill("textarea", "Синяки на спине")
        screen.click("button[value=next]")
        screen.click("button[value=next]")  # witnesses
        screen.click("button[value=next]")  # told already
        screen.locator("input[name=consent_prosecutor][value=yes]").check()
        screen.click("button[value=next]")
        screen.click("button[value=next]")  # no name, not anonymous: refused
        expect(screen.locator(".error")).to_be_visible()
        screen.check("input[name=anonymous]")
        screen.click("button[value=next]")
        expect(screen.locator("h1")).to_have_text("Проверьте и отправьте")
        screen.click("button[value=submit]")
        codes = screen.locator(".receipt .code").all_inner_texts()
        screen.screenshot(path=str(ARTIFACTS / "kiosk-receipt-ru.png"))
        receipt, secret = codes

        rows = _wait_for(lambda: _complaints(Path(env["QORGAU_SQLITE_PATH"])))
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
