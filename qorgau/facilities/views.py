from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.surveillance.analytics.panels import facility_panel

from . import selectors, services
from .charts import population_chart
from .forms import FacilityFilterForm, FacilityImportForm, PopulationForm, ZoneForm


def _require(user, cap: str) -> None:
    if not has_capability(user, cap):
        raise PermissionDenied


@login_required
def facility_list(request):
    _require(request.user, Cap.FACILITY_VIEW)
    form = FacilityFilterForm(request.GET or None)
    filters = selectors.FacilityFilters(**form.cleaned_data) if form.is_valid() else None
    page = Paginator(
        selectors.facility_list_for_user(user=request.user, filters=filters), 50
    ).get_page(request.GET.get("page"))
    template = "facilities/_table.html" if request.htmx else "facilities/list.html"
    can_import = scope_for(request.user, Cap.FACILITY_CHANGE).national
    return render(request, template, {"form": form, "page": page, "can_import": can_import})


def _detail_context(request, facility, **extra):
    rows = selectors.population_series(facility=facility)
    return {
        "facility": facility,
        "zones": selectors.zone_list(facility=facility),
        "population": rows[-12:][::-1],
        "latest": rows[-1] if rows else None,
        "chart": population_chart(rows),
        "can_change": scope_for(request.user, Cap.FACILITY_CHANGE).covers(facility),
        "population_form": extra.get("population_form") or PopulationForm(),
        "zone_form": extra.get("zone_form") or ZoneForm(),
        **facility_panel(user=request.user, facility=facility),
    }


@login_required
def facility_detail(request, uuid):
    facility = selectors.facility_get_for_user(user=request.user, uuid=uuid)
    return render(request, "facilities/detail.html", _detail_context(request, facility))


@login_required
@require_POST
def population_add(request, uuid):
    facility = selectors.facility_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.FACILITY_CHANGE
    )
    form = PopulationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.population_record(
                actor=request.user, facility=facility, on=data.pop("date"), **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Population count saved."))
            return redirect(facility)
    ctx = _detail_context(request, facility, population_form=form)
    return render(request, "facilities/detail.html", ctx, status=400)


@login_required
@require_POST
def zone_add(request, uuid):
    facility = selectors.facility_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.FACILITY_CHANGE
    )
    form = ZoneForm(request.POST)
    if form.is_valid():
        try:
            services.zone_create(actor=request.user, facility=facility, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Zone added."))
            return redirect(facility)
    ctx = _detail_context(request, facility, zone_form=form)
    return render(request, "facilities/detail.html", ctx, status=400)


@login_required
def facility_import(request):
    """Import places from CSV (national reference data): all rows or none, with a report."""
    if not scope_for(request.user, Cap.FACILITY_CHANGE).national:
        raise PermissionDenied
    form = FacilityImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.facility_import_csv(
                actor=request.user, stream=io.StringIO(form.cleaned_data["file"])
            )
        except services.ImportRejected as exc:
            report = exc.report
    status = 400 if (form.errors or (report and not report.ok)) else 200
    ctx = {"form": form, "report": report, "columns": services.IMPORT_COLUMNS}
    return render(request, "facilities/import.html", ctx, status=status)
