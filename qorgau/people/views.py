from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility
from qorgau.medical import selectors as medical_selectors

from . import selectors, services
from .forms import PersonAdmitForm, PersonSearchForm, PlacementForm, SanctionForm


@login_required
def person_search(request):
    """Search by POST: names and IINs never travel in URLs or access logs."""
    if not has_capability(request.user, Cap.PERSON_VIEW):
        raise PermissionDenied
    form = PersonSearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = selectors.person_search_for_user(user=request.user, query=form.cleaned_data["q"])
    ctx = {
        "form": form,
        "results": results,
        "can_admit": has_capability(request.user, Cap.PERSON_CHANGE),
    }
    template = "people/_results.html" if request.htmx else "people/search.html"
    return render(request, template, ctx)


@login_required
def person_detail(request, uuid):
    person = selectors.person_get_for_user(user=request.user, uuid=uuid)
    return render(request, "people/detail.html", _detail_context(request, person))


def _detail_context(request, person, placement_form=None, sanction_form=None):
    return {
        "person": person,
        "placements": selectors.placement_history(person=person),
        "sanctions": person.sanctions.select_related("facility"),
        "can_change": selectors.can_change_person(user=request.user, person=person),
        "placement_form": placement_form or PlacementForm(person=person),
        "sanction_form": sanction_form or SanctionForm(),
        "examinations": medical_selectors.examinations_seen_from_outside(person=person),
        "can_read_medical": has_capability(request.user, Cap.MEDICAL_VIEW),
    }


@login_required
def person_admit(request):
    if not has_capability(request.user, Cap.PERSON_CHANGE):
        raise PermissionDenied
    facilities = scope_filter(Facility.objects.all(), request.user, Cap.PERSON_CHANGE, "")
    form = PersonAdmitForm(request.POST or None, facilities=facilities)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = services.person_admit(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Admission recorded."))
            return redirect(person)
    status = 400 if form.is_bound else 200
    return render(request, "people/admit.html", {"form": form}, status=status)


@login_required
@require_POST
def placement_add(request, uuid):
    person = selectors.person_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.PERSON_CHANGE
    )
    form = PlacementForm(request.POST, person=person)
    if form.is_valid():
        try:
            services.placement_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Event recorded."))
            return redirect(person)
    return render(request, "people/detail.html", _detail_context(request, person, form), status=400)


@login_required
@require_POST
def sanction_add(request, uuid):
    person = selectors.person_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.PERSON_CHANGE
    )
    form = SanctionForm(request.POST)
    if form.is_valid():
        try:
            services.sanction_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Sanction recorded."))
            return redirect(person)
    ctx = _detail_context(request, person, sanction_form=form)
    return render(request, "people/detail.html", ctx, status=400)
