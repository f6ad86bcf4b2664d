"""Idle session expiry and two-factor enforcement."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

_LAST_SEEN = "qorgau_last_seen"

# Paths a half-logged-in user may reach: login, 2FA, language, static files.
_OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/i18n/",
    "/static/",
    "/api/",
)


class IdleTimeoutMiddleware:
    """Log staff out after QORGAU_STAFF_IDLE_MINUTES without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(_LAST_SEEN)
            idle_limit = settings.QORGAU_STAFF_IDLE_MINUTES * 60
            if last is not None and now - last > idle_limit:
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
                if not request.path.startswith("/api/"):
                    return redirect(settings.LOGIN_URL)
            else:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Send users whose roles read case content through TOTP before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not settings.QORGAU_2FA_WAIVED
            and user.needs_two_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            from django_otp import devices_for_user

            has_device = any(True for _d in devices_for_user(user, confirmed=True))
            return redirect("accounts:otp_verify" if has_device else "accounts:otp_setup")
        return self.get_response(request)
