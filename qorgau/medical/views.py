from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors
from qorgau.core.uploads import file_response
from qorgau.facilities.models import Facility
from qorgau.people.models import Person
from qorgau.people.selectors import person_by_iin_for_user

from . import admissions, bodychart, documents, photos, selectors, services
from .choices import PsychSign
from .forms import (
    ExaminationFilterForm,
    ExaminationForm,
    InjuryFormSet,
    PeriodForm,
    PhotoForm,
)


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


def _initial(request) -> dict:
    # The use-of-force page links here with the person and the kind already chosen.
    return {k: request.GET[k] for k in ("iin", "kind") if request.GET.get(k)}


@login_required
@never_cache
def examination_new(request):
    _require(request.user, Cap.MEDICAL_RECORD)
    form = ExaminationForm(request.POST or None, initial=_initial(request))
    injuries = InjuryFormSet(request.POST or None, prefix="injury")
    if request.method == "POST" and form.is_valid() and injuries.is_valid():
        data = dict(form.cleaned_data)
        rows = [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in injuries
            if f.has_changed() and not f.cleaned_data.get("DELETE")
        ]
        try:
            person = _person(request.user, data.pop("iin"))
            examination = services.examination_record(
                actor=request.user,
                person=person,
                facility=person.current_facility,
                injuries=rows,
                **data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The examination is recorded."))
            return redirect(examination)
    ctx = {"form": form, "injuries": injuries, "chart": bodychart.chart()}
    return render(request, "medical/new.html", ctx, status=400 if request.method == "POST" else 200)


def _detail_context(request, examination, photo_form=None) -> dict:
    user = request.user
    all_photos = list(examination.photos.all())
    injuries = list(examination.injuries.all())
    return {
        "examination": examination,
        "injuries": injuries,
        "chart": bodychart.chart(injuries),
        "psych_signs": [PsychSign(s).label for s in examination.psych_signs],
        "photos": [p for p in all_photos if photos.may_see(user, p)],
        "hidden_photos": sum(not photos.may_see(user, p) for p in all_photos),
        "photo_form": photo_form
        or (
            PhotoForm(examination=examination) if has_capability(user, Cap.MEDICAL_RECORD) else None
        ),
        "can_record": has_capability(user, Cap.MEDICAL_RECORD),
        "can_read_case": has_capability(user, Cap.ALLEGATION_VIEW),
    }


@login_required
@never_cache
def examination_detail(request, uuid):
    _require(request.user, Cap.MEDICAL_VIEW)
    examination = selectors.examination_get_for_user(user=request.user, uuid=uuid)
    return render(request, "medical/detail.html", _detail_context(request, examination))


@login_required
@never_cache
@require_POST
def photo_add(request, uuid):
    _require(request.user, Cap.MEDICAL_RECORD)
    examination = selectors.examination_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    form = PhotoForm(request.POST, request.FILES, examination=examination)
    if form.is_valid():
        try:
            photos.photo_add(actor=request.user, examination=examination, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The photograph is kept."))
            return redirect(examination)
    ctx = _detail_context(request, examination, photo_form=form)
    return render(request, "medical/detail.html", ctx, status=400)


@login_required
@never_cache
def photo_view(request, uuid, photo):
    _require(request.user, Cap.MEDICAL_VIEW)
    examination = selectors.examination_get_for_user(user=request.user, uuid=uuid)
    kept = photos.photo_get(user=request.user, examination=examination, uuid=photo)
    return file_response(
        kept.storage_name, kept.content_type, photos.download_name(kept), inline=True
    )


@login_required
@never_cache
def report_pdf(request, uuid):
    """The medical report: medical staff in scope, and the Ombudsman holding its case file."""
    examination = selectors.report_examination_for_user(user=request.user, uuid=uuid)
    pdf = documents.render(examination, with_identity=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="medical-report-{str(uuid)[:8]}.pdf"'
    return response


@login_required
@require_POST
def notification_send(request, uuid):
    _require(request.user, Cap.MEDICAL_RECORD)
    examination = selectors.examination_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    try:
        referral = services.notification_send(actor=request.user, examination=examination)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The prosecutor is notified: %(number)s.") % {"number": referral.number},
        )
    return redirect(examination)


@login_required
def admission_safeguards(request):
    """Examined within 24 hours of arrival, per place; where injuries come from."""
    cap = admissions.capability_for(request.user)
    if cap is None:
        raise Http404
    today = timezone.localdate()
    default = {"since": today - timedelta(days=365), "until": today}
    form = PeriodForm(request.GET or None, initial=default)
    period = form.cleaned_data if form.is_valid() else default
    places = admissions.examined_on_arrival(user=request.user, cap=cap, **period)
    sources = list(admissions.injury_sources(user=request.user, cap=cap, **period)[:50])
    not_recorded = _("Not recorded")
    ctx = {
        "form": form,
        "period": period,
        "places": places,
        "sources": sources,
        "places_chart": admissions.bars(
            [(r.facility.name, r.share, f"{r.share:.0%}") for r in places[:25]], scale=1
        ),
        "sources_chart": admissions.bars(
            [
                (s["arrived_from"] or not_recorded, s["with_injuries"], str(s["with_injuries"]))
                for s in sources[:15]
            ]
        ),
    }
    return render(
        request,
        "medical/admissions.html",
        ctx,
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )
