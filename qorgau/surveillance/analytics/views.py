"""Oversight pages: coverage, uptime, outages in high-risk zones, the red flag, damage.

For SURVEILLANCE_VIEW holders in their scope (Ombudsman staff, prosecutors, facility
administration); the red flag also needs ALLEGATION_VIEW. Others get 404.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap

from ..models import Camera
from ..views import sections_for
from . import charts, selectors
from .forms import DAMAGE_MAX_DAYS, OutageFilterForm, PeriodForm, last_days, last_months

PAGE_SIZE = 50
CHART_PLACES = 20  # the worst places drawn; the table lists every one


def _require(user, *capabilities: str) -> None:
    if not all(has_capability(user, cap) for cap in capabilities):
        raise Http404


def _render(request, template: str, ctx: dict):
    ctx["sections"] = sections_for(request.user)  # the module's pages, as on the Cameras page
    return render(request, f"surveillance/analytics/{template}", ctx)


def _place(facility) -> str:
    """A chart's label: the code first, since long names are cut where the number is."""
    return f"{facility.code} · {facility.name}"


def _hours(value: float) -> str:
    return _("%(hours)s h") % {"hours": number_format(value, 1)}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 2)} %"


@login_required
def coverage(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    report = selectors.coverage_for_user(user=request.user)
    blind = [p for p in report.places if p.blind_spots][:CHART_PLACES]
    chart = charts.bar_chart(
        [(_place(p.facility), len(p.blind_spots), str(len(p.blind_spots))) for p in blind]
    )
    return _render(request, "coverage.html", {"report": report, "chart": chart})


@login_required
def uptime(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    form = PeriodForm(request.GET or None, default=last_days(30, full_days_only=True))
    start, end = form.period()
    rows = selectors.uptime_by_facility(user=request.user, start=start, end=end)
    worst = [r for r in rows if r.uptime.down_percent][:CHART_PLACES]
    chart = charts.bar_chart(
        [
            (_place(r.facility), r.uptime.down_percent, _percent(r.uptime.down_percent))
            for r in worst
        ]
    )
    ctx = {
        "form": form,
        "start": start,
        "end": end,
        "period": urlencode({"start": start.isoformat(), "end": end.isoformat()}),
        "rows": rows,
        "total": sum((r.uptime for r in rows), selectors.Uptime(0, 0)),
        "chart": chart,
    }
    return _render(request, "uptime.html", ctx)


@login_required
def uptime_facility(request, uuid):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    facility = selectors.facility_get_for_user(user=request.user, uuid=uuid)
    form = PeriodForm(request.GET or None, default=last_days(30, full_days_only=True))
    start, end = form.period()
    zones = selectors.uptime_by_zone(facility=facility, start=start, end=end)
    days = selectors.uptime_by_day(facility=facility, start=start, end=end)
    chart = charts.column_chart(
        [(d.day.strftime("%d.%m"), d.uptime.hours_down, _hours(d.uptime.hours_down)) for d in days]
    )
    ctx = {
        "facility": facility,
        "form": form,
        "start": start,
        "end": end,
        "zones": zones,
        "days": days[::-1],
        "total": sum((z.uptime for z in zones), selectors.Uptime(0, 0)),
        "chart": chart,
    }
    return _render(request, "uptime_facility.html", ctx)


def _places_with_cameras(user):
    places = selectors.facilities_in_scope(user=user)
    return places.filter(Exists(Camera.objects.filter(facility=OuterRef("pk"))))


@login_required
def outages(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    form = OutageFilterForm(request.GET or None, facilities=_places_with_cameras(request.user))
    start, end = form.period()
    filters = {"user": request.user, "start": start, "end": end, "facility": form.place()}
    page = Paginator(selectors.high_risk_outages(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    places = selectors.hours_down_by_facility(**filters)
    chart = charts.bar_chart(
        [(_place(p.facility), p.hours, _hours(p.hours)) for p in places[:CHART_PLACES]]
    )
    ctx = {"form": form, "start": start, "end": end, "page": page, "places": places}
    return _render(request, "outages.html", {**ctx, "chart": chart})


@login_required
def red_flags(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW, Cap.ALLEGATION_VIEW)
    form = PeriodForm(request.GET or None, default=last_days(365))
    start, end = form.period()
    flags = selectors.red_flags_for_user(user=request.user, start=start, end=end)
    page = Paginator(flags, 20).get_page(request.GET.get("page"))
    shown = [(f, charts.timeline_chart(f.window, f.outages)) for f in page]
    ctx = {"form": form, "start": start, "end": end, "page": page, "flags": shown}
    return _render(request, "red_flags.html", ctx)


@login_required
def damage(request):
    _require(request.user, Cap.SURVEILLANCE_VIEW)
    form = PeriodForm(request.GET or None, default=last_months(12), max_days=DAMAGE_MAX_DAYS)
    start, end = form.period()
    table = selectors.damage_by_month(user=request.user, start=start, end=end)
    chart = charts.column_chart(
        [(m.strftime("%m.%Y"), n, str(n)) for m, n in zip(table.months, table.totals, strict=True)]
    )
    ctx = {"form": form, "start": start, "end": end, "table": table, "chart": chart}
    return _render(request, "damage.html", ctx)
