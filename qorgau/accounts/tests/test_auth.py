from __future__ import annotations

import time

import pytest
from django.contrib.auth.hashers import make_password
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.accounts.roles import Role, ScopeKind
from qorgau.core.models import AuditEntry
from qorgau.testing.factories import UserFactory, grant

PASSWORD = "correct horse battery staple"


def _login_form(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_passwords_are_hashed_with_argon2(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert make_password("x" * 12).startswith("argon2$")


def test_login_is_audited_and_analyst_needs_no_second_factor(world, client):
    r = _login_form(client, "analyst")
    assert r.status_code == 302 and r["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action="login", actor_label="analyst").exists()


def test_wrong_password_shows_an_error_and_changes_nothing(world, client):
    r = _login_form(client, "analyst", "wrong")
    assert r.status_code == 200 and b"errorlist" in r.content or b"error" in r.content
    assert client.get("/").status_code == 302


def test_account_locks_after_repeated_failures(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login_form(client, "analyst", "wrong")
    r = _login_form(client, "analyst")  # even the right password is refused now
    assert r.status_code == 429
    assert client.get("/").status_code == 302


def test_case_content_role_must_enrol_then_verify_totp(world, client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the failed try below would delay the next one
    _login_form(client, "prosecutor")
    r = client.get("/facilities/")
    assert r.status_code == 302 and r["Location"] == "/accounts/2fa/setup/"
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=world.users[Role.PROSECUTOR], confirmed=False)
    bad = client.post(
        "/accounts/2fa/setup/", {"token": "000000" if _code(device) != "000000" else "111111"}
    )
    assert bad.status_code == 400
    ok = client.post("/accounts/2fa/setup/", {"token": _code(device)})
    assert ok.status_code == 302
    assert client.get("/facilities/").status_code == 200
    assert AuditEntry.objects.filter(action="otp.enrol").exists()


def test_enrolled_user_verifies_on_next_login(world, client):
    user = world.users[Role.OMBUDSMAN_STAFF]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _login_form(client, user.username)
    assert client.get("/").status_code == 302
    assert client.get("/").headers["Location"] == "/accounts/2fa/"
    assert client.post("/accounts/2fa/", {"token": "abc"}).status_code == 400
    assert client.post("/accounts/2fa/", {"token": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_unverified_session_cannot_use_the_api(world, client):
    _login_form(client, "ombudsman_staff")
    r = client.get("/api/v1/facilities/")
    assert r.status_code == 401 and r["Content-Type"] == "application/problem+json"


def test_demo_waiver_skips_the_second_factor_and_says_so(world, client, settings):
    settings.QORGAU_2FA_WAIVED = True
    _login_form(client, "prosecutor")
    r = client.get("/")
    assert r.status_code == 200
    assert "banner-demo" in r.content.decode()


def test_idle_session_expires(world, login, client, settings):
    login(world.users[Role.ANALYST])
    assert client.get("/").status_code == 200
    session = client.session
    session["qorgau_last_seen"] = time.time() - settings.QORGAU_STAFF_IDLE_MINUTES * 60 - 5
    session.save()
    r = client.get("/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/").status_code == 302


def test_logout_is_post_only_and_audited(world, login, client):
    login(world.users[Role.ANALYST])
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert AuditEntry.objects.filter(action="logout").exists()


def test_membership_grant_refuses_a_scope_the_role_cannot_hold(world):
    from django.core.exceptions import ValidationError

    from qorgau.accounts.services import membership_grant

    user = UserFactory(username="newcomer")
    with pytest.raises(ValidationError):
        membership_grant(
            actor=None,
            user=user,
            role=Role.SYSADMIN,
            scope=ScopeKind.FACILITY,
            facilities=[world.facility_a],
        )
    with pytest.raises(ValidationError):
        membership_grant(actor=None, user=user, role=Role.FACILITY_ADMIN, scope=ScopeKind.FACILITY)
    assert not user.memberships.exists()
    m = membership_grant(
        actor=None,
        user=user,
        role=Role.FACILITY_ADMIN,
        scope=ScopeKind.FACILITY,
        facilities=[world.facility_a],
    )
    assert m.pk and AuditEntry.objects.filter(action="membership.grant").exists()


def test_expired_membership_grants_nothing(world, login, client):
    from datetime import timedelta

    from django.utils import timezone

    user = UserFactory(username="former")
    grant(user, Role.ANALYST, ScopeKind.NATIONAL).__class__.objects.filter(user=user).update(
        valid_until=timezone.now() - timedelta(days=1)
    )
    login(user)
    assert client.get("/facilities/").status_code == 403
