from __future__ import annotations

from qorgau.accounts.roles import Role


def test_security_headers_and_strict_csp(world, login, client):
    login(world.users[Role.ANALYST])
    r = client.get("/facilities/")
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"


def test_pages_carry_no_inline_script(world, login, client):
    login(world.users[Role.FACILITY_ADMIN])
    for url in (
        "/",
        "/facilities/",
        world.facility_a.get_absolute_url(),
        "/people/",
        world.person_a.get_absolute_url(),
        "/accounts/login/",
    ):
        body = client.get(url).content.decode()
        for chunk in body.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), (url, chunk[:80])
        assert " onclick=" not in body and " onload=" not in body, url


def test_secure_cookies_unless_plain_http_is_declared():
    from django.conf import settings

    assert (not settings.INSECURE_HTTP) == settings.SESSION_COOKIE_SECURE
    assert (not settings.INSECURE_HTTP) == settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY


def test_healthz_needs_no_login(client, db):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(world, login, client):
    login(world.users[Role.ANALYST])
    r = client.get("/facilities/00000000-0000-0000-0000-000000000000/")
    assert r.status_code == 404 and "outside your area of work" in r.content.decode()
