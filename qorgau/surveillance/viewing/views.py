"""Pages of prosecutor viewing: ask, watch, end, and the gateway's log for the jurisdiction."""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.core.forms import add_service_errors

from . import selectors, services
from .forms import FacilityChoiceForm, GrantForm, LogFilterForm
from .gateway import COOKIE_NAME, cookie_path
from .tokens import token_issue


@login_required
def viewing_list(request):
    grants = selectors.grants_of(user=request.user)
    ctx = {"page": Paginator(grants, 50).get_page(request.GET.get("page")), "now": timezone.now()}
    return render(request, "surveillance/viewing/list.html", ctx)


@login_required
@never_cache
def viewing_new(request):
    selectors.require_watch(request.user)
    chooser = FacilityChoiceForm(
        request.GET or None, facilities=selectors.facilities_to_watch(user=request.user)
    )
    if not chooser.is_valid():
        return render(request, "surveillance/viewing/choose.html", {"chooser": chooser})
    facility = chooser.cleaned_data["facility"]
    form = GrantForm(
        request.POST or None,
        facility=facility,
        zones=selectors.zones_to_watch(facility=facility),
        cameras=selectors.cameras_to_watch(facility=facility),
    )
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_create(actor=request.user, request=form.grant_request())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("surveillance:viewing_watch", uuid=grant.uuid)
    ctx = {
        "form": form,
        "facility": facility,
        "minutes": settings.QORGAU_VIEWING_TOKEN_MINUTES,
        "max_cameras": services.MAX_CAMERAS,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "surveillance/viewing/new.html", ctx, status=status)


# hls.js feeds the <video> through Media Source Extensions, whose source is a blob: URL.
@csp_update({"media-src": [SELF, "blob:"]})
@login_required
@never_cache
def viewing_watch(request, uuid):
    grant = selectors.grant_get_for_owner(user=request.user, uuid=uuid)
    now = timezone.now()
    active = grant.revoked_at is None and grant.expires_at > now
    ctx = {"grant": grant, "active": active, "streams": selectors.grant_streams(grant)}
    response = render(request, "surveillance/viewing/watch.html", ctx)
    if active:
        # HttpOnly: no script reads it; Strict: no other site's page makes the browser send
        # it; its path: only this grant's addresses on the gateway carry it (ADR 0019).
        response.set_cookie(
            COOKIE_NAME,
            token_issue(grant=grant.uuid, expires_at=grant.expires_at),
            max_age=int((grant.expires_at - now).total_seconds()),
            path=cookie_path(grant.uuid),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
    return response


@login_required
@require_POST
def viewing_revoke(request, uuid):
    grant = selectors.grant_get_for_owner(user=request.user, uuid=uuid)
    try:
        services.grant_revoke(actor=request.user, grant=grant)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The viewing is ended; the gateway refuses its token."))
    response = redirect("surveillance:viewing_list")
    response.delete_cookie(COOKIE_NAME, path=cookie_path(grant.uuid), samesite="Strict")
    return response


@login_required
def viewing_log(request):
    form = LogFilterForm(request.GET or None)
    grant = form.cleaned_data["grant"] if form.is_valid() else None
    decisions = selectors.decisions_for_user(user=request.user, grant=grant)
    page = Paginator(decisions, 100).get_page(request.GET.get("page"))
    page.object_list = selectors.with_reason_labels(page.object_list)
    ctx = {"form": form, "grant": grant, "page": page}
    return render(request, "surveillance/viewing/log.html", ctx)
