"""Browser steps shared by end-to-end tests: pair a kiosk, file a complaint on it in Russian."""

from __future__ import annotations

import re
import time


def wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def sign_in(page, server: str, username: str) -> None:
    """Sign in as one of the demo's users (their password is the demo's)."""
    from qorgau.demo.load import DEMO_PASSWORD

    page.goto(f"{server}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")


def pair_kiosk(browser, screen, kiosk: str, server: str, facility: str | None = None) -> str:
    """Pair the kiosk shown on `screen` as the demo system administrator; the key fingerprint."""
    from playwright.sync_api import expect

    screen.goto(f"{kiosk}/?lang=ru")
    code = wait_for(
        lambda: (
            (screen.reload() or True)
            and re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", screen.locator("p.code").inner_text())
        )
    )
    admin = browser.new_page(locale="en-US")
    sign_in(admin, server, "sysadmin")
    admin.goto(f"{server}/complaints/terminals/")
    fingerprint = admin.locator("code.secret").inner_text()
    admin.fill("#id_code", code.group(0))
    if facility:
        admin.select_option("#id_facility", value=facility)
    else:
        admin.select_option("#id_facility", index=1)
    admin.fill("#id_label", "Блок 1")
    admin.click("form.grid-form button.primary")
    expect(admin.locator(".msg-success")).to_be_visible()
    admin.close()
    # The kiosk pins the key and shows the same fingerprint.
    wait_for(lambda: (screen.goto(f"{kiosk}/?lang=ru") or True) and fingerprint in screen.content())
    return fingerprint


def file_torture_complaint_ru(screen, text: str, *, name: str = "") -> tuple[str, str]:
    """File a complaint of beating in Russian, consenting to the prosecutor; (receipt, secret)."""
    from playwright.sync_api import expect

    screen.click("text=Написать жалобу")
    expect(screen.locator(".counter")).to_have_text("Шаг 1 из 10")
    screen.click("text=Обо мне")
    screen.click("button[value=next]")
    screen.click("text=Пытки или избиение")
    screen.click("button[value=next]")
    screen.fill("textarea", text)
    screen.click("button[value=next]")
    screen.click("button[value=next]")  # where and when: not known
    screen.fill("textarea", "Синяки на спине")
    screen.click("button[value=next]")
    screen.click("button[value=next]")  # witnesses
    screen.click("button[value=next]")  # told already
    screen.locator("input[name=consent_prosecutor][value=yes]").check()
    screen.click("button[value=next]")
    if name:
        screen.fill("#id_full_name", name)
    else:
        screen.click("button[value=next]")  # no name, not anonymous: refused
        expect(screen.locator(".error")).to_be_visible()
        screen.check("input[name=anonymous]")
    screen.click("button[value=next]")
    expect(screen.locator("h1")).to_have_text("Проверьте и отправьте")
    screen.click("button[value=submit]")
    receipt, secret = screen.locator(".receipt .code").all_inner_texts()
    return receipt, secret
