from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.core.audit import audit_record
from qorgau.core.forms import add_service_errors

from . import services
from .access import has_capability
from .forms import ApiClientForm, LoginForm, TokenForm
from .models import ApiClient
from .roles import Cap


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=form.get_user(), action="login")
        return response


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        audit_record(actor=request.user, action="logout")
    return auth_views.LogoutView.as_view()(request)


@login_required
def otp_verify(request):
    devices = [d for d in devices_for_user(request.user, confirmed=True)]
    if not devices:
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = next((d for d in devices if d.verify_token(token)), None)
        if device is not None:
            otp_login(request, device)
            audit_record(actor=request.user, action="otp.verify")
            return redirect("core:dashboard")
        audit_record(actor=request.user, action="otp.fail")
        form.add_error(
            "token", _("The code is not valid. Check the time on your phone and try again.")
        )
    return render(
        request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with the first code."""
    if any(True for _d in devices_for_user(request.user, confirmed=True)):
        return redirect("accounts:otp_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            user=request.user, device=device, token=form.cleaned_data["token"]
        ):
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("core:dashboard")
        form.add_error(
            "token", _("The code is not valid. Check the time on your phone and try again.")
        )
    qr = segno.make(device.config_url, error="m")
    secret = _b32(device.bin_key)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=5, dark="#111", light="#fff"),
            "secret": secret,
        },
        status=400 if form.errors else 200,
    )


def _b32(key: bytes) -> str:
    import base64

    raw = base64.b32encode(key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _require_manage(user) -> None:
    if not has_capability(user, Cap.APICLIENT_MANAGE):
        raise PermissionDenied


@login_required
def apiclient_list(request):
    _require_manage(request.user)
    form = ApiClientForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client, new_key = services.apiclient_issue(
                actor=request.user,
                name=data["name"],
                capabilities=data["capabilities"],
                scope=data["scope"],
                region=data["region"],
                facilities=list(data["facilities"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiClientForm()
    clients = ApiClient.objects.select_related("region").order_by("revoked_at", "name")
    return render(
        request,
        "accounts/apiclients.html",
        {"form": form, "clients": clients, "new_key": new_key},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def apiclient_revoke(request, uuid):
    _require_manage(request.user)
    client = get_object_or_404(ApiClient, uuid=uuid)
    services.apiclient_revoke(actor=request.user, client=client)
    messages.success(request, _("The key was revoked."))
    return redirect("accounts:apiclients")
