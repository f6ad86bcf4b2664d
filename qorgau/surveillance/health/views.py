from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility

from . import selectors
from .forms import AlertFilterForm


@login_required
def alerts(request):
    # Not 403: a role without the capability learns nothing, not even that alerts exist.
    if not has_capability(request.user, Cap.SURVEILLANCE_VIEW):
        raise Http404
    facilities = scope_filter(
        Facility.objects.order_by("name_ru"), request.user, Cap.SURVEILLANCE_VIEW, ""
    )
    form = AlertFilterForm(request.GET or None, facilities=facilities)
    filters = selectors.AlertFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.alerts_for_user(user=request.user, filters=filters)
    ctx = {
        "form": form,
        "closed": bool(filters and filters.closed),
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "minutes": settings.QORGAU_CAMERA_ALERT_MINUTES,
        "now": timezone.now(),
    }
    return render(request, "surveillance/health/alerts.html", ctx)
