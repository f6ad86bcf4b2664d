from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility
from qorgau.people.models import Person
from qorgau.people.selectors import person_by_iin_for_user

from . import selectors, services
from .forms import ExaminationFilterForm, ExaminationForm, InjuryFormSet


def _require(user, capability: str) -> None:
    # Not 403: a role without medical access learns nothing, not even that records exist.
    if not has_capability(user, capability):
        raise Http404


@login_required
def examination_list(request):
    _require(request.user, Cap.MEDICAL_VIEW)
    facilities = scope_filter(
        Facility.objects.order_by("name_ru"), request.user, Cap.MEDICAL_VIEW, ""
    )
    form = ExaminationFilterForm(request.GET or None, facilities=facilities)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.examinations_for_user(user=request.user, **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "page": page,
        "can_record": has_capability(request.user, Cap.MEDICAL_RECORD),
    }
    return render(request, "medical/list.html", ctx)


def _person(user, iin: str) -> Person:
    person = person_by_iin_for_user(user=user, iin=iin, capability=Cap.MEDICAL_RECORD)
    if person is None:
        raise ValidationError({"iin": _("No person held with this IIN at a place in your scope.")})
    return person


@login_required
@never_cache
def examination_new(request):
    _require(request.user, Cap.MEDICAL_RECORD)
    form = ExaminationForm(request.POST or None)
    injuries = InjuryFormSet(request.POST or None, prefix="injury")
    if request.method == "POST" and form.is_valid() and injuries.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = _person(request.user, data.pop("iin"))
            examination = services.examination_record(
                actor=request.user,
                person=person,
                facility=person.current_facility,
                injuries=[f.cleaned_data for f in injuries if f.has_changed()],
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The examination is recorded."))
            return redirect(examination)
    ctx = {"form": form, "injuries": injuries}
    return render(request, "medical/new.html", ctx, status=400 if request.method == "POST" else 200)


@login_required
@never_cache
def examination_detail(request, uuid):
    _require(request.user, Cap.MEDICAL_VIEW)
    examination = selectors.examination_get_for_user(user=request.user, uuid=uuid)
    ctx = {
        "examination": examination,
        "injuries": examination.injuries.all(),
        "can_read_case": has_capability(request.user, Cap.ALLEGATION_VIEW),
    }
    return render(request, "medical/detail.html", ctx)
