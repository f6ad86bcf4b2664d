"""End to end in Debian's Chromium: sign in with two factors, switch to Kazakh, open a facility.

Runs the real server (`qorgau serve`, gunicorn) on a throwaway SQLite database
loaded with a small demo, so the browser sees exactly what an operator would.
"""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("QORGAU_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("browser-var")
    env = {
        **os.environ,
        "QORGAU_VAR_DIR": str(var),
        "QORGAU_SQLITE_PATH": str(var / "browser.sqlite3"),
        "QORGAU_INSECURE_HTTP": "1",  # plain http on loopback; secure cookies would not be sent
        "QORGAU_DEMO": "1",
        "QORGAU_WEB_WORKERS": "1",
        "QORGAU_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    qorgau = [sys.executable, "-m", "qorgau.cli"]
    subprocess.run([*qorgau, "demo", "--people", "400"], env=env, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(
        [*qorgau, "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - loopback only
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("qorgau serve did not answer /healthz within 20 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def _totp(secret_text: str) -> str:
    from django_otp.oath import totp

    raw = secret_text.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    return f"{totp(key):06d}"


def test_sign_in_with_two_factors_switch_to_kazakh_and_open_a_facility(server):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
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
