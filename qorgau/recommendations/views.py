"""Pages of recommendations: a visit's recommendations, the list, one recommendation, rates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core import uploads
from qorgau.core.audit import audit_record
from qorgau.core.drafts import clears_draft, draft_submitted
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility
from qorgau.visits.selectors import can_conduct, require_conduct, visit_for_user_or_404
from qorgau.visits.tabs import tabs_for

from . import charts, selectors, services
from .forms import FilterForm, RatesForm, RecommendationForm, ResponseForm, StatusForm


def _readers_facilities(user):
    caps = (Cap.VISIT_VIEW, Cap.VISIT_REPORT_RECEIVE, Cap.RECOMMENDATION_ANSWER)
    qs = Facility.objects.none()
    for cap in caps:
        qs |= scope_filter(Facility.objects.all(), user, cap, "")
    return qs.distinct().order_by("name_ru")


@login_required
def recommendation_list(request):
    user = request.user
    if not (
        has_capability(user, Cap.RECOMMENDATION_VIEW)
        or has_capability(user, Cap.RECOMMENDATION_ANSWER)
    ):
        # Analysts read the aggregates only: their entry to recommendations is the rates.
        if has_capability(user, Cap.RECOMMENDATION_STATS):
            return redirect("recommendations:rates")
        raise Http404
    form = FilterForm(request.GET or None, facilities=_readers_facilities(user))
    filters = selectors.Filters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.recommendations_filtered(user, filters)
    ctx = {
        "form": form,
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "can_stats": has_capability(user, Cap.RECOMMENDATION_STATS),
    }
    return render(request, "recommendations/list.html", ctx)


@login_required
@never_cache
@clears_draft
def visit_recommendations(request, visit):
    user = request.user
    visit = visit_for_user_or_404(user, visit)
    conduct = can_conduct(user, visit)
    editable = conduct and services.report_is_draft(visit)
    form = None
    if request.method == "POST":
        require_conduct(user, visit)
        form = RecommendationForm(request.POST, visit=visit)
        if form.is_valid():
            try:
                rec = services.recommendation_create(actor=user, visit=visit, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Recommendation %(number)s is added.") % {"number": rec.number}
                )
                return redirect("recommendations:visit", visit.uuid)
    elif editable:
        form = RecommendationForm(visit=visit)
    ctx = {
        "visit": visit,
        "tabs": tabs_for(user, visit, "recommendations:visit"),
        # Earlier recommendations of the place, for the team to verify on site.
        "to_verify": selectors.to_verify_on(visit) if conduct else None,
        "verify_form": StatusForm(),
        "recommendations": selectors.recommendations_for(user)
        .filter(visit=visit)
        .prefetch_related("findings"),
        "form": form,
        "editable": editable,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "recommendations/visit.html", ctx, status=status)


@login_required
@require_POST
def recommendation_verify(request, visit, uuid):
    """The team of a later visit records what it saw of an earlier recommendation."""
    user = request.user
    visit = visit_for_user_or_404(user, visit)
    require_conduct(user, visit)
    rec = selectors.to_verify_on(visit).filter(uuid=uuid).first()
    if rec is None:
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_set_status(
                actor=user, recommendation=rec, verified_on=visit, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            draft_submitted(request)
            messages.success(
                request, _("Verification of %(number)s is recorded.") % {"number": rec.number}
            )
            return redirect("recommendations:visit", visit.uuid)
    for error in form.errors.values():
        messages.error(request, f"{rec.number}: {' '.join(error)}")
    return redirect("recommendations:visit", visit.uuid)


def _editable_or_404(user, uuid):
    rec = selectors.recommendation_for_user_or_404(user, uuid)
    if rec.visit is None:
        raise Http404
    require_conduct(user, rec.visit)
    return rec


@login_required
@never_cache
def recommendation_edit(request, uuid):
    rec = _editable_or_404(request.user, uuid)
    if not services.report_is_draft(rec.visit):
        messages.error(request, _("The report has left the draft: recommendations are fixed."))
        return redirect(rec)
    initial = {
        "action": rec.action,
        "addressee_agency": rec.addressee_agency,
        "responsible_unit": rec.responsible_unit,
        "indicator": rec.indicator,
        "deadline": rec.deadline,
        "priority": rec.priority,
        "theme": rec.theme,
        "standards": rec.standards,
        "findings": list(rec.findings.all()),
    }
    form = RecommendationForm(request.POST or None, initial=initial, visit=rec.visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(
                actor=request.user, recommendation=rec, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            draft_submitted(request)
            messages.success(request, _("The recommendation is saved."))
            return redirect("recommendations:visit", rec.visit.uuid)
    ctx = {"rec": rec, "form": form, "visit": rec.visit}
    status = 400 if request.method == "POST" else 200
    return render(request, "recommendations/edit.html", ctx, status=status)


@login_required
@require_POST
def recommendation_delete(request, uuid):
    rec = _editable_or_404(request.user, uuid)
    visit = rec.visit
    try:
        services.recommendation_delete(actor=request.user, recommendation=rec)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The recommendation is withdrawn."))
    return redirect("recommendations:visit", visit.uuid)


def _detail(request, rec, *, status_form=None, response_form=None, status=200):
    user = request.user
    manage = selectors.can_manage(user, rec)
    answer = selectors.can_answer(user, rec)
    ctx = {
        "rec": rec,
        "findings": rec.findings.all(),
        "history": selectors.history_of(rec),
        "responses": selectors.responses_of(rec),
        "status_form": (status_form or StatusForm(initial={"status": rec.status}))
        if manage
        else None,
        "response_form": (response_form or ResponseForm()) if answer else None,
        "overdue": selectors.recommendations_for(user)
        .filter(pk=rec.pk)
        .filter(selectors.overdue_q())
        .exists(),
    }
    return render(request, "recommendations/detail.html", ctx, status=status)


@login_required
@never_cache
def recommendation_detail(request, uuid):
    rec = selectors.recommendation_for_user_or_404(request.user, uuid)
    return _detail(request, rec)


@login_required
@require_POST
@clears_draft
def recommendation_status(request, uuid):
    rec = selectors.recommendation_for_user_or_404(request.user, uuid)
    # The NPM's own status: the coordinators decide, the authority only reports its view.
    if not selectors.can_manage(request.user, rec):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_set_status(
                actor=request.user, recommendation=rec, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The status is changed."))
            return redirect(rec)
    return _detail(request, rec, status_form=form, status=400)


@login_required
@require_POST
@clears_draft
def recommendation_respond(request, uuid):
    rec = selectors.recommendation_for_user_or_404(request.user, uuid)
    if not selectors.can_answer(request.user, rec):
        raise PermissionDenied
    form = ResponseForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.response_add(actor=request.user, recommendation=rec, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your answer is sent to the NPM."))
            return redirect(rec)
    return _detail(request, rec, response_form=form, status=400)


@login_required
def evidence_download(request, uuid):
    evidence = selectors.evidence_for_user_or_404(request.user, uuid)
    audit_record(
        actor=request.user,
        action="recommendation.evidence.download",
        obj=evidence.response.recommendation,
        details={"evidence": str(evidence.uuid), "sha256": evidence.sha256},
    )
    return uploads.file_response(evidence.storage_name, evidence.content_type, evidence.name)


GROUP_TITLES = {
    "facility": _("By place"),
    "agency": _("By agency"),
    "region": _("By region"),
    "theme": _("By theme"),
}


@login_required
def recommendation_rates(request):
    user = request.user
    if not has_capability(user, Cap.RECOMMENDATION_STATS):
        raise Http404
    years = selectors.years_of_issue(user)
    form = RatesForm(request.GET or None, years=years)
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or (
        years[0] if years else None
    )
    groups = []
    for by, title in GROUP_TITLES.items():
        rows = selectors.implementation_rates(user, year, by)
        groups.append({"by": by, "title": title, "rows": rows, "chart": charts.rates_chart(rows)})
    total = selectors.rates_total(groups[0]["rows"]) if groups else None
    ctx = {
        "form": form,
        "year": year,
        "groups": groups,
        "total": total,
        "legend": [(charts.COLOURS[n], charts.LABELS[n]) for n, _s in selectors.BUCKETS],
    }
    return render(request, "recommendations/rates.html", ctx)
