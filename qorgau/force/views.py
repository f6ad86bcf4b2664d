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

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility

from . import selectors, services
from .forms import ForceFilterForm, ForceForm


def _require(user, capability: str) -> None:
    # Not 403: a role without the capability learns nothing, not even that records exist.
    if not has_capability(user, capability):
        raise Http404


def _facilities(user, capability: str):
    return scope_filter(Facility.objects.order_by("name_ru"), user, capability, "")


@login_required
def force_list(request):
    _require(request.user, Cap.FORCE_VIEW)
    form = ForceFilterForm(
        request.GET or None, facilities=_facilities(request.user, Cap.FORCE_VIEW)
    )
    filters = selectors.ForceFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.uses_of_force_for_user(user=request.user, filters=filters)
    ctx = {
        "form": form,
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "can_record": has_capability(request.user, Cap.FORCE_RECORD),
    }
    return render(request, "force/list.html", ctx)


@login_required
@never_cache
def force_new(request):
    _require(request.user, Cap.FORCE_RECORD)
    form = ForceForm(request.POST or None, facilities=_facilities(request.user, Cap.FORCE_RECORD))
    if request.method == "POST" and form.is_valid():
        try:
            use = services.force_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Use of force %(number)s is recorded.") % {"number": use.number}
            )
            return redirect(use)
    ctx = {"form": form, "exam_hours": settings.QORGAU_FORCE_EXAM_HOURS}
    return render(request, "force/new.html", ctx, status=400 if request.method == "POST" else 200)


@login_required
@never_cache
def force_detail(request, number):
    _require(request.user, Cap.FORCE_VIEW)
    use = selectors.use_of_force_get_for_user(user=request.user, number=number)
    ctx = {
        "use": use,
        "subjects": selectors.subjects_of(use),
        # Medical officers get the way to record the examination; nobody gets its content.
        "can_examine": has_capability(request.user, Cap.MEDICAL_RECORD),
    }
    return render(request, "force/detail.html", ctx)
