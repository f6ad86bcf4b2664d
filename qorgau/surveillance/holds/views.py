"""Pages of footage holds: the list, a hold by hand, a hold with its chain of custody.

Reading needs surveillance.view in the hold's place (a facility's administration
reads its own holds); requesting and recording custody need footage.hold.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility

from . import selectors, services
from .forms import CustodyForm, HoldFilterForm, HoldRequestForm


def _require(user, capability: str) -> None:
    # Not 403: a role without the capability learns nothing, not even that holds exist.
    if not has_capability(user, capability):
        raise Http404


def _facilities(user, capability: str):
    return scope_filter(Facility.objects.order_by("name_ru"), user, capability, "")


@login_required
def hold_list(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    form = HoldFilterForm(
        request.GET or None, facilities=_facilities(request.user, Cap.SURVEILLANCE_VIEW)
    )
    filters = selectors.HoldFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.holds_for_user(user=request.user, filters=filters)
    ctx = {
        "form": form,
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "can_request": has_capability(request.user, Cap.FOOTAGE_HOLD),
    }
    return render(request, "surveillance/holds/list.html", ctx)


@login_required
@never_cache
def hold_new(request):
    _require(request.user, Cap.FOOTAGE_HOLD)
    form = HoldRequestForm(
        request.POST or None, facilities=_facilities(request.user, Cap.FOOTAGE_HOLD)
    )
    if request.method == "POST" and form.is_valid():
        try:
            hold = services.hold_request_by_hand(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Hold %(number)s is requested.") % {"number": hold.number})
            return redirect(hold)
    ctx = {"form": form, "margin": settings.QORGAU_HOLD_MARGIN_MINUTES}
    return render(request, "surveillance/holds/new.html", ctx, status=400 if form.errors else 200)


def _detail(request, hold, custody_form=None, http_status=200):
    can_hold = has_capability(request.user, Cap.FOOTAGE_HOLD)
    ctx = {
        "page": selectors.hold_page(hold),
        "hold": hold,
        # Also decides who sees the requester: the facility learns what to keep, not who asked.
        "can_record": can_hold,
        "can_read_case": has_capability(request.user, Cap.ALLEGATION_VIEW),
        "custody_form": (custody_form or CustodyForm(hold=hold)) if can_hold else None,
    }
    return render(request, "surveillance/holds/detail.html", ctx, status=http_status)


@login_required
@never_cache
def hold_detail(request, number):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    return _detail(request, selectors.hold_get_for_user(user=request.user, number=number))


@login_required
@require_POST
def custody_add(request, number):
    _require(request.user, Cap.FOOTAGE_HOLD)
    hold = selectors.hold_get_for_user(
        user=request.user, number=number, capability=Cap.FOOTAGE_HOLD
    )
    form = CustodyForm(request.POST, hold=hold)
    if form.is_valid():
        try:
            entry, _created = services.custody_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if entry.sha256 != entry.clip.sha256:
                messages.error(
                    request,
                    _("Recorded. The hash differs from the one confirmed: the copy has changed."),
                )
            else:
                messages.success(request, _("The custody entry is recorded."))
            return redirect(hold)
    return _detail(request, hold, custody_form=form, http_status=400)
