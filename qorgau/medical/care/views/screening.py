"""Pages of screening: people due, coverage, the list's configuration, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors

from .. import charts, forms, selectors, services
from ..models import ScreeningTest
from .common import PAGE_SIZE, form_status, require


@login_required
def screening_due(request):
    require(request.user, Cap.MEDICAL_VIEW)
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
    require(request.user, Cap.MEDICAL_VIEW)
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
    return render(request, "medical/care/screening_tests.html", ctx, status=form_status(request))


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
    require(request.user, Cap.MEDICAL_VIEW)
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
    return render(request, "medical/care/screening_person.html", ctx, status=form_status(request))


@login_required
@never_cache
def screening_examination(request, uuid):
    """The examination's screening panel: loaded into the examination page, or on its own."""
    require(request.user, Cap.MEDICAL_VIEW)
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
    return render(request, template, ctx, status=form_status(request))
