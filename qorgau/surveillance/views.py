"""Pages of the camera registry; each area of the app has its own views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility
from qorgau.facilities.services import ImportRejected

from . import importing, selectors
from .forms import CameraFilterForm, CameraImportForm

MAX_UPLOAD = 50 * 1024 * 1024  # a national export of 40,000 cameras is a few megabytes


# The module's pages, each for whoever holds its capability (every page also checks).
SECTIONS = (
    (_l("Coverage and blind spots"), "surveillance:coverage", Cap.SURVEILLANCE_VIEW),
    (_l("Uptime"), "surveillance:uptime", Cap.SURVEILLANCE_VIEW),
    (_l("Outages in high-risk zones"), "surveillance:outages", Cap.SURVEILLANCE_VIEW),
    (_l("Alerts"), "surveillance:health_alerts", Cap.SURVEILLANCE_VIEW),
    (_l("Damage per month"), "surveillance:damage", Cap.SURVEILLANCE_VIEW),
    (_l("Outages during allegations"), "surveillance:red_flags", Cap.ALLEGATION_VIEW),
    (_l("Footage holds"), "surveillance:holds", Cap.SURVEILLANCE_VIEW),
    (_l("Watch video"), "surveillance:viewing_list", Cap.VIDEO_WATCH),
    (_l("Viewing log"), "surveillance:viewing_log", Cap.VIDEO_WATCH),
)


def sections_for(user) -> list[tuple[str, str]]:
    return [
        (str(label), reverse(name)) for label, name, cap in SECTIONS if has_capability(user, cap)
    ]


def _require(user, capability: str) -> None:
    if not has_capability(user, capability):
        raise Http404


@login_required
def camera_list(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    facilities = scope_filter(
        Facility.objects.filter(cameras__isnull=False).distinct().order_by("code"),
        request.user,
        Cap.SURVEILLANCE_VIEW,
        "",
    )
    form = CameraFilterForm(request.GET or None, facilities=facilities)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.cameras_for_user(user=request.user, **filters)
    ctx = {
        "form": form,
        "page": Paginator(qs, 100).get_page(request.GET.get("page")),
        "can_import": has_capability(request.user, Cap.SURVEILLANCE_MANAGE),
        "sections": sections_for(request.user),
    }
    return render(request, "surveillance/cameras.html", ctx)


@login_required
def camera_detail(request, uuid):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    camera = selectors.camera_get_for_user(user=request.user, uuid=uuid)
    ctx = {"camera": camera, **selectors.camera_history(camera)}
    return render(request, "surveillance/camera.html", ctx)


@login_required
@never_cache
def camera_import(request):
    _require(request.user, Cap.SURVEILLANCE_MANAGE)
    form = CameraImportForm(request.POST or None, request.FILES or None)
    report = errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 50 MB."))
        else:
            fmt = "json" if upload.name.lower().endswith(".json") else "csv"
            try:
                report = importing.cameras_import(actor=request.user, data=upload.read(), fmt=fmt)
            except ImportRejected as exc:
                errors = exc.report
            else:
                messages.success(
                    request,
                    _("Imported %(rows)d cameras: %(created)d new, %(updated)d changed.")
                    % {"rows": report.rows, "created": report.created, "updated": report.updated},
                )
    status = 400 if request.method == "POST" and (errors or form.errors) else 200
    ctx = {"form": form, "report": report, "errors": errors}
    return render(request, "surveillance/import.html", ctx, status=status)
