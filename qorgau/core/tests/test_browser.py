"""End to end in Debian's Chromium: sign in with two factors, switch to Kazakh, open a facility.

Runs the real server (`qorgau serve`, gunicorn) on a throwaway SQLite database
loaded with a small demo, so the browser sees exactly what an operator would.
"""

from __future__ import annotations

import base64
import re

import pytest

from qorgau.testing.live import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_marks,
    prepare_server,
    running_server,
)

pytestmark = browser_marks()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = prepare_server(tmp_path_factory.mktemp("browser-var"))
    with running_server(env) as base:
        yield base


def _totp(secret_text: str) -> str:
    from django_otp.oath import totp

    raw = secret_text.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key):06d}"


def test_sign_in_with_two_factors_switch_to_kazakh_and_open_a_facility(server):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="ru-RU")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{server}/")
        # Russian is the default for a Russian-speaking browser.
        expect(page.locator("html")).to_have_attribute("lang", "ru")
        page.fill("#id_username", "facility.admin")
        page.fill("#id_password", "qorgau-demo")
        page.click("button.primary")
        # A role that reads case content must enrol an authenticator first.
        expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/$"))
        page.fill("#id_token", _totp(page.locator("code.secret").inner_text()))
        page.click("button.primary")
        expect(page).to_have_url(f"{server}/")

        page.click("button[name=language][value=kk]")
        expect(page.locator("html")).to_have_attribute("lang", "kk")
        nav = page.get_by_role("navigation", name=re.compile(".+"))
        nav.get_by_role("link", name="Бас бостандығынан айыру орындары").click()
        expect(page.locator("h1")).to_have_text("Бас бостандығынан айыру орындары")
        page.locator("table.table tbody a").first.click()
        expect(page.locator("h1")).to_contain_text("№")
        expect(page.locator("figure.chart svg")).to_be_visible()
        expect(page.locator("#zones-h")).to_have_text("Аймақтар")
        expect(page.locator("#pop-h")).to_have_text("Адам саны")
        page.screenshot(path=str(ARTIFACTS / "facility-kk.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()
