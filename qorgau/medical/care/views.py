"""Pages of screening, beds, equipment and staffing: parse, fetch in scope, call a service, render.

Every page answers 404, never 403, to a role without medical access: it
learns nothing, not even that the records exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.people.selectors import person_by_iin_for_user

from . import charts, forms, selectors, services
from .models import ScreeningTest

PAGE_SIZE = 50


def _require(user, capability: str) -> None:
    if not has_capability(user, capability):
        raise Http404


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


@login_required
def care_overview(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    ctx = {
        "figures": selectors.care_headlines(user=request.user),
        "can_configure": selectors.can_configure_screening(request.user),
    }
    return render(request, "medical/care/overview.html", ctx)


# ---------------------------------------------------------------- screening


@login_required
def screening_due(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    programme = selectors.programme_tests()
    form = forms.DueFilterForm(
        request.GET or None,
        facilities=selectors.facilities_for_user(user=request.user),
        tests=ScreeningTest.objects.filter(pk__in=[t.pk for t in programme]),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.people_due(user=request.user, **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    tests = [filters["test"]] if filters.get("test") else programme
    rows = [(p, selectors.due_tests(p, tests)) for p in page]
    ctx = {"form": form, "page": page, "rows": rows, "tests": programme}
    return render(request, "medical/care/screening_due.html", ctx)


@login_required
def screening_coverage(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    form = forms.FacilityFilterForm(
        request.GET or None, facilities=selectors.facilities_for_user(user=request.user)
    )
    facility = form.cleaned_data.get("facility") if form.is_valid() else None
    tests = selectors.programme_tests()
    rows = selectors.screening_coverage(user=request.user, tests=tests, facility=facility)
    totals = selectors.coverage_totals(rows, tests)
    ctx = {
        "form": form,
        "tests": tests,
        "rows": [(r, r.cells(tests)) for r in rows],
        "totals": [(t, n, held, selectors.share(n, held)) for t, n, held in totals],
        "chart": charts.coverage_chart([(t.name, selectors.share(n, h)) for t, n, h in totals]),
    }
    return render(request, "medical/care/screening_coverage.html", ctx)


def _require_configure(user) -> None:
    if not selectors.can_configure_screening(user):
        raise Http404


@login_required
@never_cache
def screening_tests(request):
    _require_configure(request.user)
    form = forms.ScreeningTestForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.screening_test_save(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The test is on the screening list."))
            return redirect("medical:screening_tests")
    return _tests_page(request, new_form=form)


def _tests_page(request, new_form=None, edited=None):
    tests = selectors.screening_tests(active_only=False)
    test_forms = [
        edited
        if edited is not None and edited.instance.pk == t.pk
        else forms.ScreeningTestForm(instance=t, prefix=t.code)
        for t in tests
    ]
    ctx = {"new_form": new_form or forms.ScreeningTestForm(prefix="new"), "test_forms": test_forms}
    return render(request, "medical/care/screening_tests.html", ctx, status=_status(request))


@login_required
@require_POST
def screening_test_edit(request, uuid):
    _require_configure(request.user)
    test = selectors.screening_test_get(uuid=uuid)
    form = forms.ScreeningTestForm(request.POST, instance=test, prefix=test.code)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.screening_test_save(actor=request.user, test=test, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The screening list is saved."))
            return redirect("medical:screening_tests")
    return _tests_page(request, edited=form)


@login_required
@never_cache
def screening_person(request, uuid):
    _require(request.user, Cap.MEDICAL_VIEW)
    person = selectors.screening_person_get_for_user(user=request.user, uuid=uuid)
    can_record = selectors.can_record_at(request.user, person.current_facility)
    tests = selectors.screening_tests()
    form = forms.ResultForm(request.POST or None, tests=tests)
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.screening_result_record(
                    actor=request.user, person=person, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The result is recorded."))
                return redirect("medical:screening_person", uuid=person.uuid)
    ctx = {
        "person": person,
        "statuses": selectors.person_screening(person=person, tests=selectors.programme_tests()),
        "results": selectors.person_results(person=person),
        "form": form,
        "can_record": can_record,
    }
    return render(request, "medical/care/screening_person.html", ctx, status=_status(request))


@login_required
@never_cache
def screening_examination(request, uuid):
    """The examination's screening panel: loaded into the examination page, or on its own."""
    _require(request.user, Cap.MEDICAL_VIEW)
    examination = selectors.examination_for_screening(user=request.user, uuid=uuid)
    can_record = selectors.can_record_at(request.user, examination.facility)
    statuses = selectors.person_screening(
        person=examination.person,
        tests=selectors.tests_for_examination(examination),
        examination=examination,
    )
    form = forms.ExamScreeningForm(
        request.POST or None, tests=[s.test for s in statuses if s.at_examination is None]
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.screening_results_at_examination(
                    actor=request.user, examination=examination, results=form.results()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The screening results are recorded."))
                return redirect(examination)
    ctx = {
        "examination": examination,
        "statuses": statuses,
        "form": form,
        "can_record": can_record,
    }
    template = (
        "medical/care/_exam_panel.html" if request.htmx else "medical/care/exam_screening.html"
    )
    return render(request, template, ctx, status=_status(request))


# ---------------------------------------------------------------- beds


@login_required
def beds(request):
    _require(request.user, Cap.MEDICAL_VIEW)
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
    _require(request.user, Cap.MEDICAL_VIEW)
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


# ---------------------------------------------------------------- equipment


def _equipment_page(request, add_form=None):
    facilities = selectors.facilities_for_user(user=request.user)
    record_in = selectors.facilities_for_user(user=request.user, capability=Cap.MEDICAL_RECORD)
    form = forms.EquipmentFilterForm(request.GET or None, facilities=facilities)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.equipment_for_user(user=request.user, **filters), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "page": page,
        "add_form": add_form or forms.EquipmentForm(facilities=record_in),
        "can_record": has_capability(request.user, Cap.MEDICAL_RECORD),
        "today": timezone.localdate(),
    }
    return render(request, "medical/care/equipment.html", ctx, status=_status(request))


@login_required
def equipment(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    return _equipment_page(request)


@login_required
@require_POST
def equipment_add(request):
    _require(request.user, Cap.MEDICAL_RECORD)
    record_in = selectors.facilities_for_user(user=request.user, capability=Cap.MEDICAL_RECORD)
    form = forms.EquipmentForm(request.POST, facilities=record_in)
    if form.is_valid():
        try:
            item = services.equipment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item is on the inventory."))
            return redirect(item)
    return _equipment_page(request, add_form=form)


def _item_page(request, item, check_form=None, state_form=None):
    ctx = {
        "item": item,
        "checks": item.checks.select_related("checked_by"),
        "can_record": selectors.can_record_at(request.user, item.facility),
        "check_form": check_form or forms.CheckForm(),
        "state_form": state_form or forms.StateForm(initial={"state": item.state}),
    }
    return render(request, "medical/care/equipment_item.html", ctx, status=_status(request))


@login_required
def equipment_item(request, uuid):
    _require(request.user, Cap.MEDICAL_VIEW)
    return _item_page(request, selectors.equipment_get_for_user(user=request.user, uuid=uuid))


def _item_post(request, uuid, form, save, done_message, form_name):
    item = selectors.equipment_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    if form.is_valid():
        try:
            save(item, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(item)
    return _item_page(request, item, **{form_name: form})


@login_required
@require_POST
def equipment_check(request, uuid):
    return _item_post(
        request,
        uuid,
        forms.CheckForm(request.POST),
        lambda i, d: services.equipment_check_record(actor=request.user, item=i, **d),
        _("The check is logged."),
        "check_form",
    )


@login_required
@require_POST
def equipment_state(request, uuid):
    return _item_post(
        request,
        uuid,
        forms.StateForm(request.POST),
        lambda i, d: services.equipment_state_change(actor=request.user, item=i, **d),
        _("The state is saved."),
        "state_form",
    )


# ---------------------------------------------------------------- staffing


@login_required
def staffing(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    lines = selectors.staffing_summary(user=request.user)
    ctx = {
        "lines": lines,
        "total": selectors.staffing_total(
            lines, _("All places"), selectors.places_headcount(lines)
        ),
        "specialties": selectors.staffing_by_specialty(user=request.user),
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
    return render(request, "medical/care/staffing_facility.html", ctx, status=_status(request))


@login_required
def staffing_facility(request, uuid):
    _require(request.user, Cap.MEDICAL_VIEW)
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
