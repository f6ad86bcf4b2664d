"""Interview notes survive a dropped connection and a closed tab, in a real browser.

The coordinator types into the interview form; the draft reaches the server. The
connection drops, more words are typed (kept on the device only) and the tab is
closed. Back online, the page opens again with every word, and the server catches
up; another browser of the same user gets the same text from the server. The
interview is submitted: the draft is gone from the device and from the server.
Signing out clears the drafts kept on the device.
"""

from __future__ import annotations

import subprocess
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
ONLINE = "Жалуется на побои в ШИЗО."
OFFLINE = " Дежурный ночью забирал матрас."

VISIT = (
    "from datetime import date;"
    "from qorgau.facilities.models import Facility;"
    "from qorgau.visits.models import Visit;"
    "v = Visit.objects.create(number='VIS-2099-000001', kind='follow_up', status='in_progress',"
    " facility=Facility.objects.order_by('pk').first(), start_date=date.today());"
    "print(v.uuid)"
)


def _visit(env: dict) -> str:
    out = subprocess.run(
        [*QORGAU, "shell", "-c", VISIT], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def _server_draft(page, key: str) -> dict:
    return page.evaluate(
        "key => fetch('/drafts/?key=' + encodeURIComponent(key)).then(r => r.json())", key
    )


def _local_draft(page, key: str):
    return page.evaluate(
        "key => Object.keys(localStorage).filter(k => k.endsWith(':' + key))"
        ".map(k => localStorage.getItem(k))",
        key,
    )


def test_interview_notes_survive_going_offline_and_closing_the_tab(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    env = prepare_server(tmp_path / "server", people=60)
    env["QORGAU_2FA_WAIVED"] = "1"
    uuid = _visit(env)
    key = f"interview:{uuid}"
    with running_server(env) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        sign_in(page, server, "npm.coordinator")
        url = f"{server}/visits/{uuid}/interviews/"
        page.goto(url)
        page.fill("#id_pseudonym", "Асан")
        page.locator("#id_notes").press_sequentially(ONLINE)
        status = page.locator("#interview-form .draft-status")
        expect(status).to_contain_text("Draft saved")
        assert _server_draft(page, key)["data"]["fields"]["notes"] == ONLINE

        # The connection drops: words typed now stay on the device.
        context.set_offline(True)
        page.locator("#id_notes").press_sequentially(OFFLINE)
        expect(status).to_contain_text("Saved on this device")
        page.screenshot(path=str(ARTIFACTS / "visits-interview-offline-draft.png"), full_page=True)
        page.close()  # the tab is closed while offline

        context.set_offline(False)
        page = context.new_page()
        page.goto(url)
        expect(page.locator("#id_notes")).to_have_value(ONLINE + OFFLINE)
        expect(page.locator("#id_pseudonym")).to_have_value("Асан")
        status = page.locator("#interview-form .draft-status")
        expect(status).to_contain_text("Draft restored")
        expect(status.locator("button.draft-discard")).to_be_visible()
        # The server catches up with what was typed offline…
        page.wait_for_function(
            "([key, text]) => fetch('/drafts/?key=' + encodeURIComponent(key))"
            ".then(r => r.json()).then(d => d.data && d.data.fields.notes === text)",
            arg=[key, ONLINE + OFFLINE],
        )
        # …so another browser of the same user finds every word too.
        other = browser.new_context(locale="en-US").new_page()
        sign_in(other, server, "npm.coordinator")
        other.goto(url)
        expect(other.locator("#id_notes")).to_have_value(ONLINE + OFFLINE)
        other.context.close()

        page.click("#interview-form button.primary[type=submit]")
        expect(page.locator(".msg-success")).to_contain_text("Interview recorded")
        expect(page.locator("table")).to_contain_text("Асан")
        expect(page.locator("#id_notes")).to_have_value("")
        page.wait_for_function(
            "key => !Object.keys(localStorage).some(k => k.endsWith(':' + key))", arg=key
        )
        assert _local_draft(page, key) == []
        assert _server_draft(page, key)["data"] is None
        page.reload()
        expect(page.locator("#id_notes")).to_have_value("")

        # Signing out leaves no draft on a shared device.
        page.locator("#id_notes").press_sequentially("Черновик на общем ноутбуке")
        expect(page.locator("#interview-form .draft-status")).to_contain_text("Draft saved")
        assert len(_local_draft(page, key)) == 1
        page.click("form.logout button[type=submit]")
        page.wait_for_url("**/accounts/login/**")
        assert (
            page.evaluate(
                "Object.keys(localStorage).filter(k => k.startsWith('qorgau-draft:')).length"
            )
            == 0
        )
        browser.close()
    assert Path(env["QORGAU_SQLITE_PATH"]).exists()
