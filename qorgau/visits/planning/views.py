"""Pages of planning: visits list and detail, new visits, teams, the register, council, plan, risk.

Reading visits needs visit.view (participants: only their teams' visits, see
visits/selectors.py); everything else here is for coordinators (visit.coordinate)
and acts only on places in their scope. A participant keeps their own profile.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.drafts import clears_draft, draft_submitted
from qorgau.core.forms import add_service_errors

from ..choices import MEDICAL_EXPERTISE, VisitKind, VisitStatus
from ..models import AnnualPlan, Visit
from ..selectors import participant_of, require_coordinate, visit_for_user_or_404
from ..tabs import tabs_for
from . import selectors, services
from .forms import (
    ConflictEndForm,
    ConflictForm,
    DecisionForm,
    ParticipantFilterForm,
    ParticipantForm,
    PlanApproveForm,
    RiskFilterForm,
    StatusForm,
    TeamAddForm,
    VisitEditForm,
    VisitFilterForm,
    VisitForm,
)
from .risk import WEIGHTS, risk_ranking


def _require(user, *capabilities: str) -> None:
    # Not 403: a role without the capability learns nothing, not even what is here.
    if not any(has_capability(user, c) for c in capabilities):
        raise Http404


def _coordinated_visit(request, uuid) -> Visit:
    visit = visit_for_user_or_404(request.user, uuid)
    require_coordinate(request.user, visit)
    return visit


def _render(request, template, ctx, form=None):
    return render(request, template, ctx, status=400 if form is not None and form.errors else 200)


# ---------------------------------------------------------------- visits


@login_required
def visit_list(request):
    _require(request.user, Cap.VISIT_VIEW, Cap.VISIT_CONDUCT)
    form = VisitFilterForm(request.GET or None)
    filters = selectors.VisitFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.visits_list(user=request.user, filters=filters)
    ctx = {
        "form": form,
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "counts": selectors.visit_counts(qs),
        "can_coordinate": has_capability(request.user, Cap.VISIT_COORDINATE),
    }
    return render(request, "visits/list.html", ctx)


@login_required
def visit_detail(request, uuid):
    visit = visit_for_user_or_404(request.user, uuid)
    coordinate = scope_for(request.user, Cap.VISIT_COORDINATE).covers(visit.facility)
    ctx = {
        "visit": visit,
        "tabs": tabs_for(request.user, visit, "visits:detail"),
        "team": selectors.team_summary(visit),
        "follow_ups": selectors.visits_for_user_of(request.user, visit.follow_ups.all()),
        "previous": visit.follows
        and selectors.visits_for_user_of(
            request.user, Visit.objects.filter(pk=visit.follows_id)
        ).first(),
        "case_link": visit.case_file_id
        and scope_for(request.user, Cap.ALLEGATION_VIEW).covers(visit.facility),
        "can_coordinate": coordinate,
        "status_form": StatusForm(),
        "today": timezone.localdate(),
    }
    return render(request, "visits/detail.html", ctx)


@login_required
@never_cache
@clears_draft
def visit_new(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    facilities = selectors.coordinated_facilities(request.user)
    data = request.POST if request.method == "POST" else None
    initial = selectors.visit_new_initial(request.user, request.GET)
    form = VisitForm(data, initial=initial, facilities=facilities)
    source = selectors.visit_new_source(request.user, data or initial)
    if data is not None and form.is_valid():
        d = form.cleaned_data
        try:
            # One transaction: a refused visit leaves no new plan behind either.
            with transaction.atomic():
                plan = None
                if d["kind"] == VisitKind.PLANNED and d["year"]:
                    plan = services.plan_for_year(actor=request.user, year=d["year"])
                visit = services.visit_create(
                    actor=request.user,
                    kind=d["kind"],
                    facility=d["facility"],
                    plan=plan,
                    quarter=d["quarter"],
                    start_date=d["start_date"],
                    end_date=d["end_date"],
                    case_file=source["case_file"],
                    follows=source["follows"],
                    purpose=d["purpose"],
                    announced=d["announced"],
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Visit %(n)s is opened.") % {"n": visit.number})
            return redirect("visits:team", visit.uuid)
    return _render(request, "visits/planning/visit_new.html", {"form": form, **source}, form)


@login_required
@never_cache
@clears_draft
def visit_edit(request, uuid):
    visit = _coordinated_visit(request, uuid)
    initial = {
        "start_date": visit.start_date,
        "end_date": visit.end_date,
        "quarter": visit.quarter,
        "purpose": visit.purpose,
        "announced": visit.announced,
    }
    form = VisitEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(visit)
    ctx = {"visit": visit, "tabs": tabs_for(request.user, visit, "visits:detail"), "form": form}
    return _render(request, "visits/planning/visit_edit.html", ctx, form)


@login_required
@require_POST
def visit_status(request, uuid):
    visit = _coordinated_visit(request, uuid)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the visit."))
        return redirect(visit)
    d = form.cleaned_data
    try:
        if d["action"] == "start":
            services.visit_start(actor=request.user, visit=visit, on=d["on"])
        elif d["action"] == "finish":
            services.visit_finish(actor=request.user, visit=visit, on=d["on"])
        else:
            services.visit_cancel(actor=request.user, visit=visit, reason=d["reason"])
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        draft_submitted(request)  # the reason for cancelling, if typed
        messages.success(request, _("The visit's status is changed."))
    return redirect(visit)


# ---------------------------------------------------------------- team


def _team_page(request, visit, form, http_status=200):
    summary = selectors.team_summary(visit)
    ctx = {
        "visit": visit,
        "tabs": tabs_for(request.user, visit, "visits:detail"),
        "team": summary,
        "form": form,
        "available": selectors.available_participants(visit),
        "medical": []
        if summary.has_medical
        else selectors.available_participants(visit, medical=True),
        "medical_expertise": sorted(MEDICAL_EXPERTISE),
        "over": visit.status in (VisitStatus.DONE, VisitStatus.CANCELLED),
    }
    return render(request, "visits/planning/team.html", ctx, status=http_status)


@login_required
@never_cache
@clears_draft
def team(request, uuid):
    visit = _coordinated_visit(request, uuid)
    form = TeamAddForm(request.POST or None)
    # Everyone not on the team: a conflicted or inactive choice is refused with its reason.
    field = form.fields["participant"]
    field.queryset = field.queryset.exclude(teams__visit=visit)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_add(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is on the team.") % {"name": form.cleaned_data["participant"]},
            )
            return redirect("visits:team", visit.uuid)
    return _team_page(request, visit, form, 400 if form.errors else 200)


def _team_action(request, uuid, participant_uuid, action):
    visit = _coordinated_visit(request, uuid)
    participant = selectors.participant_get_or_404(participant_uuid)
    try:
        action(actor=request.user, visit=visit, participant=participant)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("The team is changed."))
    return redirect("visits:team", visit.uuid)


@login_required
@require_POST
def team_remove(request, uuid, participant):
    return _team_action(request, uuid, participant, services.team_remove)


@login_required
@require_POST
def team_leader(request, uuid, participant):
    return _team_action(request, uuid, participant, services.team_set_leader)


# ---------------------------------------------------------------- participants


@login_required
def participant_list(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    form = ParticipantFilterForm(request.GET or None)
    qs = (
        selectors.participants_list(**form.cleaned_data)
        if form.is_valid()
        else (selectors.participants_list())
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    for p in page:
        selectors.with_expertise_labels(p)
    return render(request, "visits/planning/participants.html", {"form": form, "page": page})


@login_required
@never_cache
@clears_draft
def participant_new(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.participant_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The participant is in the register."))
            return redirect(p)
    return _render(request, "visits/planning/participant_form.html", {"form": form}, form)


@login_required
@never_cache
@clears_draft
def participant_edit(request, uuid):
    _require(request.user, Cap.VISIT_COORDINATE)
    p = selectors.participant_get_or_404(uuid)
    form = ParticipantForm(request.POST or None, initial=ParticipantForm.initial_of(p))
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(actor=request.user, participant=p, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(p)
    ctx = {"form": form, "participant": p}
    return _render(request, "visits/planning/participant_form.html", ctx, form)


def _profile(request, p, *, own: bool, conflict_form=None, http_status=200):
    ctx = {
        "participant": p,
        "own": own,
        "conflicts": selectors.conflicts_of(p),
        "conflict_form": conflict_form or ConflictForm(),
        "visits": selectors.visits_for_user_of(
            request.user, Visit.objects.filter(team__participant=p)
        )[:50],
        "expertise": selectors.expertise_labels(p.expertise),
        "today": timezone.localdate(),
    }
    return render(request, "visits/planning/participant.html", ctx, status=http_status)


@login_required
def participant_detail(request, uuid):
    _require(request.user, Cap.VISIT_COORDINATE)
    return _profile(request, selectors.participant_get_or_404(uuid), own=False)


def _back_to_profile(p, own: bool):
    return redirect("visits:my_profile") if own else redirect(p)


def _conflict_add(request, p, own: bool):
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(actor=request.user, participant=p, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The conflict of interest is recorded."))
            return _back_to_profile(p, own)
    return _profile(request, p, own=own, conflict_form=form, http_status=400)


def _conflict_end(request, p, own: bool):
    form = ConflictEndForm(request.POST)
    conflict = form.is_valid() and p.conflicts.filter(pk=form.cleaned_data["conflict"]).first()
    if not conflict:
        raise Http404
    try:
        services.conflict_end(
            actor=request.user, conflict=conflict, ended_on=form.cleaned_data["ended_on"]
        )
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Saved."))
    return _back_to_profile(p, own)


@login_required
@require_POST
@clears_draft
def conflict_add(request, uuid):
    _require(request.user, Cap.VISIT_COORDINATE)
    return _conflict_add(request, selectors.participant_get_or_404(uuid), own=False)


@login_required
@require_POST
def conflict_end(request, uuid):
    _require(request.user, Cap.VISIT_COORDINATE)
    return _conflict_end(request, selectors.participant_get_or_404(uuid), own=False)


@login_required
@clears_draft
def my_profile(request):
    """A participant's own entry: their visits, and the conflicts they declare themselves."""
    _require(request.user, Cap.VISIT_CONDUCT)
    p = participant_of(request.user)
    if p is None:
        return render(request, "visits/planning/participant_none.html")
    if request.method == "POST":
        if "conflict" in request.POST:
            return _conflict_end(request, p, own=True)
        return _conflict_add(request, p, own=True)
    return _profile(request, p, own=True)


# ---------------------------------------------------------------- council


@login_required
def decision_list(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    qs = selectors.decisions_list(kind=request.GET.get("kind", ""))
    ctx = {"page": Paginator(qs, 50).get_page(request.GET.get("page"))}
    return render(request, "visits/planning/decisions.html", ctx)


@login_required
@never_cache
@clears_draft
def decision_new(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("visits:decisions")
    return _render(request, "visits/planning/decision_form.html", {"form": form}, form)


# ---------------------------------------------------------------- annual plan


@login_required
def plan_current(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    return redirect("visits:plan", timezone.localdate().year)


def _plan_page(request, year):
    plan = AnnualPlan.objects.filter(year=year).select_related("decision").first()
    rows, totals, total = (
        selectors.plan_grid(plan=plan, user=request.user) if plan else ([], [0] * 4, 0)
    )
    ctx = {
        "year": year,
        "plan": plan,
        "rows": rows,
        "totals": totals,
        "total": total,
        "visits": selectors.visits_list(user=request.user, filters=None)
        .filter(plan=plan)
        .order_by("quarter", "facility__region__name_ru")
        if plan
        else [],
        "approve_form": PlanApproveForm(),
        "years": (year - 1, year + 1),
    }
    return render(request, "visits/planning/plan.html", ctx)


@login_required
def plan(request, year):
    _require(request.user, Cap.VISIT_COORDINATE)
    if not 2000 <= year <= 2100:
        raise Http404
    return _plan_page(request, year)


@login_required
@require_POST
def plan_approve(request, year):
    _require(request.user, Cap.VISIT_COORDINATE)
    plan_ = AnnualPlan.objects.filter(year=year).first()
    if plan_ is None:
        raise Http404
    form = PlanApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the council's decision on the annual plan."))
        return redirect("visits:plan", year)
    try:
        services.plan_approve(actor=request.user, plan=plan_, **form.cleaned_data)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("The plan is approved."))
    return redirect("visits:plan", year)


# ---------------------------------------------------------------- risk


@login_required
def risk(request):
    _require(request.user, Cap.VISIT_COORDINATE)
    form = RiskFilterForm(request.GET or None)
    region = form.cleaned_data["region"] if form.is_valid() else None
    ctx = {
        "form": form,
        "ranked": risk_ranking(user=request.user, region=region),
        "weights": WEIGHTS,
    }
    return render(request, "visits/planning/risk.html", ctx)
