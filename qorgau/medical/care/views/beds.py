"""Pages of 24-hour beds: the places, a place's beds, admissions and discharges."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.people.selectors import person_by_iin_for_user

from .. import charts, forms, selectors, services
from .common import PAGE_SIZE, require


@login_required
def beds(request):
    require(request.user, Cap.MEDICAL_VIEW)
    page = Paginator(selectors.beds_summary(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "medical/care/beds.html", {"page": page})


def _beds_context(request, facility, **bound):
    period = forms.PeriodForm(request.GET or None)
    start, end = period.period()
    days = selectors.occupancy_by_day(facility=facility, start=start, end=end)
    selectors.beds_page_read(user=request.user, facility=facility)
    return {
        "facility": facility,
        "period": period,
        "start": start,
        "end": end,
        "units": selectors.units_with_beds(facility=facility),
        "days": days[::-1],
        "chart": charts.occupancy_chart(days),
        "stays": selectors.stays_in_period(facility=facility, start=start, end=end),
        "can_record": selectors.can_record_at(request.user, facility),
        "unit_form": bound.get("unit_form") or forms.MedicalUnitForm(),
        "bed_form": bound.get("bed_form") or forms.BedForm(facility=facility),
        "admit_form": bound.get("admit_form") or forms.AdmitForm(facility=facility),
        "discharge": bound.get("discharge"),
        "now": timezone.localtime(),
    }


@login_required
@never_cache
def beds_facility(request, uuid):
    require(request.user, Cap.MEDICAL_VIEW)
    facility = selectors.facility_get_for_user(user=request.user, uuid=uuid)
    return render(request, "medical/care/beds_facility.html", _beds_context(request, facility))


def _beds_post(request, uuid, form_name, make_form, save, done_message):
    """The three forms of the beds page: validate, save through a service, or show the errors."""
    facility = selectors.facility_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    form = make_form(facility)
    if form.is_valid():
        try:
            save(facility, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect("medical:beds_facility", uuid=facility.uuid)
    ctx = _beds_context(request, facility, **{form_name: form})
    return render(request, "medical/care/beds_facility.html", ctx, status=400)


@login_required
@require_POST
def unit_add(request, uuid):
    return _beds_post(
        request,
        uuid,
        "unit_form",
        lambda f: forms.MedicalUnitForm(request.POST),
        lambda f, d: services.medical_unit_create(actor=request.user, facility=f, **d),
        _("The medical unit is added."),
    )


@login_required
@require_POST
def bed_add(request, uuid):
    return _beds_post(
        request,
        uuid,
        "bed_form",
        lambda f: forms.BedForm(request.POST, facility=f),
        lambda f, d: services.bed_create(actor=request.user, **d),
        _("The bed is added."),
    )


def _admit(request, facility, data):
    person = person_by_iin_for_user(
        user=request.user, iin=data["iin"], capability=Cap.MEDICAL_RECORD
    )
    if person is None:
        raise ValidationError({"iin": _("No person held with this IIN at a place in your scope.")})
    services.stay_admit(
        actor=request.user,
        bed=data["bed"],
        person=person,
        admitted_at=data["admitted_at"],
        reason=data["reason"],
    )


@login_required
@require_POST
def stay_admit(request, uuid):
    return _beds_post(
        request,
        uuid,
        "admit_form",
        lambda f: forms.AdmitForm(request.POST, facility=f),
        lambda f, d: _admit(request, f, d),
        _("The person is admitted."),
    )


@login_required
@require_POST
def bed_active(request, uuid):
    bed = selectors.bed_get_for_user(user=request.user, uuid=uuid)
    form = forms.BedActiveForm(request.POST)
    form.is_valid()
    try:
        services.bed_set_active(actor=request.user, bed=bed, active=form.cleaned_data["active"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The bed is saved."))
    return redirect("medical:beds_facility", uuid=bed.unit.facility.uuid)


@login_required
@require_POST
def stay_discharge(request, uuid):
    stay = selectors.stay_get_for_user(user=request.user, uuid=uuid)
    facility = stay.bed.unit.facility
    form = forms.DischargeForm(request.POST)
    if form.is_valid():
        try:
            services.stay_discharge(actor=request.user, stay=stay, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The person is discharged."))
            return redirect("medical:beds_facility", uuid=facility.uuid)
    ctx = _beds_context(request, facility, discharge=(stay, form))
    return render(request, "medical/care/beds_facility.html", ctx, status=400)
