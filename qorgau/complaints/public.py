"""Pages anyone may use without an account: the web complaint form and the status look-up."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from qorgau.core.net import client_ip
from qorgau.core.ratelimit import rate_allow

from .choices import Channel
from .forms import PublicComplaintForm
from .intake import RateLimited, receipt_status_limited
from .merging import receipt_view
from .protocol import new_receipt
from .receipt_forms import StatusForm
from .services import complaint_register

WEB_LIMIT_PER_HOUR = 5


@never_cache
@require_http_methods(["GET", "POST"])
def complain(request):
    form = PublicComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not rate_allow(
            key=f"web-complaint:{client_ip(request)}", limit=WEB_LIMIT_PER_HOUR, window_seconds=3600
        ):
            form.add_error(
                None, _("Too many complaints from this connection. Try again in an hour.")
            )
            return render(request, "complaints/public_form.html", {"form": form}, status=429)
        code, secret = new_receipt()
        payload = form.payload(code=code, secret=secret, language=request.LANGUAGE_CODE)
        complaint_register(
            actor=None,
            channel=Channel.WEB,
            payload=payload,
            facility=form.cleaned_data["facility"],
            contact=form.contact_value(),
        )
        return render(request, "complaints/public_receipt.html", {"code": code, "secret": secret})
    status = 400 if form.is_bound else 200
    return render(request, "complaints/public_form.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_status(request):
    form = StatusForm(request.POST or None)
    ctx = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            receipt = receipt_status_limited(
                code=form.normalised_code(),
                secret=form.cleaned_data["secret"],
                source=f"web:{client_ip(request)}",
            )
        except RateLimited:
            ctx["result"] = {"kind": "limited"}
            return render(request, "complaints/public_status.html", ctx, status=429)
        if receipt is None:
            ctx["result"] = {"kind": "not_found"}
            return render(request, "complaints/public_status.html", ctx, status=404)
        view = receipt_view(receipt)
        ctx["result"] = {
            "kind": "found",
            "status_label": view.status_label,
            "answer": view.answer,
            "merged": view.merged,
        }
    return render(request, "complaints/public_status.html", ctx)
