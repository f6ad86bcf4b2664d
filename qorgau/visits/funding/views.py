"""Pages of funding (a visit's reimbursements, the year's budget and its export) and of the
annual consolidated report (page, PDF, DOCX, adoption). Coordinators only."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.core.audit import audit_record
from qorgau.core.drafts import clears_draft
from qorgau.core.forms import add_service_errors
from qorgau.visits.selectors import require_coordinate, visit_for_user_or_404
from qorgau.visits.tabs import tabs_for

from . import annual as annual_data
from . import charts, documents, forms, selectors, services

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


def _messages_of(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


# ---------------------------------------------------------------- a visit's reimbursements


def _visit_page(request, visit, travel_form=None, status=200):
    ctx = {
        "visit": visit,
        "tabs": tabs_for(request.user, visit, "visits:reimbursements"),
        "rows": selectors.visit_reimbursements(visit),
        "rates": services.current_rates(),
        "travel_form": travel_form or forms.TravelForm(),
        "computable": visit.status in services.COMPUTABLE,
    }
    return render(request, "visits/funding/reimbursements.html", ctx, status=status)


@login_required
def reimbursements(request, uuid):
    visit = visit_for_user_or_404(request.user, uuid)
    require_coordinate(request.user, visit)
    return _visit_page(request, visit)


@login_required
@require_POST
def reimbursements_compute(request, uuid):
    visit = visit_for_user_or_404(request.user, uuid)
    require_coordinate(request.user, visit)
    try:
        services.reimbursements_compute(actor=request.user, visit=visit)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("Reimbursements are computed at the rates in force."))
    return redirect("visits:reimbursements", uuid=visit.uuid)


@login_required
@require_POST
@clears_draft
def reimbursement_travel(request, uuid):
    row = selectors.reimbursement_for_user_or_404(request.user, uuid)
    form = forms.TravelForm(request.POST)
    if form.is_valid():
        try:
            services.reimbursement_set_travel(
                actor=request.user, reimbursement=row, travel=form.cleaned_data["travel"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The travel is saved and the total computed again."))
            return redirect("visits:reimbursements", uuid=row.visit.uuid)
    return _visit_page(request, row.visit, travel_form=form, status=400)


def _move(request, uuid, service, done: str):
    row = selectors.reimbursement_for_user_or_404(request.user, uuid)
    try:
        service(actor=request.user, reimbursement=row)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, done)
    return redirect("visits:reimbursements", uuid=row.visit.uuid)


@login_required
@require_POST
def reimbursement_approve(request, uuid):
    return _move(request, uuid, services.reimbursement_approve, _("The reimbursement is approved."))


@login_required
@require_POST
def reimbursement_paid(request, uuid):
    return _move(
        request, uuid, services.reimbursement_mark_paid, _("The reimbursement is marked as paid.")
    )


# ---------------------------------------------------------------- the year's funding


def _funding_page(request, year, budget_form=None, status=200):
    ctx = {
        "year": year,
        "f": selectors.year_funding(user=request.user, year=year),
        "years": sorted({*selectors.years_with_data(request.user), year}, reverse=True),
        "pending": selectors.reimbursements_for(request.user)
        .filter(status="pending", visit__start_date__year=year)
        .order_by("visit__start_date", "visit__number")[:50],
        "can_budget": selectors.is_national_coordinator(request.user),
        "budget_form": budget_form or forms.BudgetForm(initial={"year": year}),
    }
    ctx["chart"] = _month_chart(ctx["f"])
    return render(request, "visits/funding/funding.html", ctx, status=status)


def _month_chart(f):
    items = [(date_format(date(f.year, m, 1), "M"), amount) for m, amount in f.by_month]
    return charts.columns(items, title=_("Spending by month (tenge)"))


@login_required
def funding(request):
    selectors.require_funding(request.user)
    try:
        year = _year_or_404(int(request.GET.get("year", "")))
    except (ValueError, Http404):
        year = timezone.localdate().year
    return _funding_page(request, year)


@login_required
@require_POST
def budget_set(request):
    selectors.require_funding(request.user)
    selectors.require_national(request.user)
    form = forms.BudgetForm(request.POST)
    if form.is_valid():
        try:
            budget = services.budget_set(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The budget is saved."))
            return redirect(f"{reverse('visits:funding')}?year={budget.year}")
    year = form.cleaned_data.get("year") or timezone.localdate().year
    return _funding_page(request, year, budget_form=form, status=400)


def _money(value: Decimal) -> str:
    # Excel in Kazakhstan and Russia reads a comma as the decimal separator.
    return f"{value:.2f}".replace(".", ",")


EXPORT_HEADER = (
    "participant",
    "organisation",
    "visit",
    "visit_type",
    "place",
    "region",
    "first_day",
    "last_day",
    "days",
    "daily_rate",
    "travel",
    "extras_mci",
    "mci",
    "extras_tenge",
    "total",
    "status",
)


@login_required
def funding_export(request, year):
    """The year's reimbursements for accounting: CSV, UTF-8 with BOM, semicolons, no IIN."""
    selectors.require_funding(request.user)
    year = _year_or_404(year)
    buf = io.StringIO()
    buf.write("\ufeff")
    out = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    out.writerow(EXPORT_HEADER)
    n = 0
    for r in selectors.export_rows(user=request.user, year=year):
        v = r.visit
        out.writerow(
            (
                r.participant.full_name,
                r.participant.organisation,
                v.number,
                v.get_kind_display(),
                v.facility.name,
                v.facility.region.name,
                v.start_date.isoformat() if v.start_date else "",
                v.end_date.isoformat() if v.end_date else "",
                r.days,
                _money(r.daily_rate),
                _money(r.travel),
                _money(r.extras_mci),
                _money(r.mci),
                _money(r.extras_mci * r.mci),
                _money(r.total),
                r.get_status_display(),
            )
        )
        n += 1
    audit_record(
        actor=request.user, action="visit.funding_export", details={"year": year, "rows": n}
    )
    response = HttpResponse(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="npm-reimbursements-{year}.csv"'
    return response


# ---------------------------------------------------------------- the annual report


@login_required
def annual_index(request):
    selectors.require_funding(request.user)
    years = annual_data.visits_per_year(request.user)
    year = years[0][0] if years else timezone.localdate().year
    return redirect("visits:annual", year=year)


def _annual_page(request, year, adopt_form=None, status=200):
    report = annual_data.annual_report(user=request.user, year=year)
    ctx = {
        "r": report,
        "years": annual_data.visits_per_year(request.user),
        "can_adopt": report.national and report.adoption is None and report.visits > 0,
        "adopt_form": adopt_form or forms.AdoptForm(initial={"decided_on": timezone.localdate()}),
    }
    return render(request, "visits/funding/annual.html", ctx, status=status)


@login_required
def annual(request, year):
    selectors.require_funding(request.user)
    return _annual_page(request, _year_or_404(year))


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def annual_pdf(request, year):
    selectors.require_funding(request.user)
    year = _year_or_404(year)
    data = documents.in_document_language(
        lambda: documents.annual_pdf(annual_data.annual_report(user=request.user, year=year))
    )
    return _download(data, "application/pdf", f"npm-annual-report-{year}.pdf")


@login_required
def annual_docx(request, year):
    selectors.require_funding(request.user)
    year = _year_or_404(year)
    data = documents.in_document_language(
        lambda: documents.annual_docx(annual_data.annual_report(user=request.user, year=year))
    )
    return _download(
        data,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"npm-annual-report-{year}.docx",
    )


@login_required
@require_POST
def annual_adopt(request, year):
    selectors.require_funding(request.user)
    selectors.require_national(request.user)
    year = _year_or_404(year)
    form = forms.AdoptForm(request.POST)
    if form.is_valid():
        report = annual_data.annual_report(user=request.user, year=year)
        try:
            services.annual_report_adopt(
                actor=request.user,
                year=year,
                figures=annual_data.figures_text(report),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The council's adoption of the report is recorded."))
            return redirect("visits:annual", year=year)
    return _annual_page(request, year, adopt_form=form, status=400)
