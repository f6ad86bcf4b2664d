"""Pages of staff posts: the summary across places and one place's review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors

from .. import forms, selectors, services
from .common import form_status, require


@login_required
def staffing(request):
    require(request.user, Cap.MEDICAL_VIEW)
    lines = selectors.staffing_summary(user=request.user)
    headcount = selectors.places_headcount(lines)
    ctx = {
        "lines": lines,
        "total": selectors.staffing_total(lines, _("All places"), headcount),
        "specialties": selectors.staffing_by_specialty(user=request.user, headcount=headcount),
        "facilities": selectors.facilities_for_user(user=request.user),
    }
    return render(request, "medical/care/staffing.html", ctx)


def _staffing_page(request, facility, form=None):
    lines = selectors.staffing_for_facility(facility=facility)
    ctx = {
        "facility": facility,
        "lines": lines,
        "total": selectors.staffing_total(lines, _("All specialties"), facility.headcount),
        "can_record": selectors.can_record_at(request.user, facility),
        "form": form or forms.StaffPositionForm(),
    }
    return render(request, "medical/care/staffing_facility.html", ctx, status=form_status(request))


@login_required
def staffing_facility(request, uuid):
    require(request.user, Cap.MEDICAL_VIEW)
    return _staffing_page(request, selectors.facility_get_for_user(user=request.user, uuid=uuid))


@login_required
@require_POST
def staffing_set(request, uuid):
    facility = selectors.facility_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    form = forms.StaffPositionForm(request.POST)
    if form.is_valid():
        try:
            services.staff_position_set(actor=request.user, facility=facility, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The posts are saved."))
            return redirect("medical:staffing_facility", uuid=facility.uuid)
    return _staffing_page(request, facility, form=form)
