from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.complaints import selectors as complaint_selectors
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility
from qorgau.people.selectors import person_by_iin_for_user
from qorgau.surveillance.analytics.panels import case_file_panel
from qorgau.surveillance.holds.selectors import holds_of_case

from . import documents, selectors, services
from .choices import ReferralKind, SafeguardKind
from .forms import (
    CaseFactsForm,
    CaseFilterForm,
    CaseOpenForm,
    CaseStatusForm,
    FlagReviewForm,
    LinkComplaintForm,
    PerpetratorForm,
    ReferralRecordForm,
    SafeguardForm,
    VictimForm,
)


def _require(user, capability: str) -> None:
    # Not 403: a role without the capability learns nothing, not even that files exist.
    if not has_capability(user, capability):
        raise Http404


def _facilities(user, capability: str = Cap.ALLEGATION_HANDLE):
    return scope_filter(Facility.objects.order_by("name_ru"), user, capability, "")


@login_required
def case_list(request):
    _require(request.user, Cap.ALLEGATION_VIEW)
    form = CaseFilterForm(
        request.GET or None, facilities=_facilities(request.user, Cap.ALLEGATION_VIEW)
    )
    filters = selectors.CaseFilters(**form.cleaned_data) if form.is_valid() else None
    page = Paginator(selectors.cases_for_user(user=request.user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    ctx = {
        "form": form,
        "page": page,
        "can_handle": has_capability(request.user, Cap.ALLEGATION_HANDLE),
    }
    return render(request, "allegations/list.html", ctx)


@login_required
def case_new(request):
    _require(request.user, Cap.ALLEGATION_HANDLE)
    form = CaseOpenForm(request.POST or None, facilities=_facilities(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Case file %(number)s is open.") % {"number": case.number})
            return redirect(case)
    return render(
        request, "allegations/new.html", {"form": form}, status=400 if form.errors else 200
    )


def _detail(request, case, http_status=200, **forms_):
    can_handle = has_capability(request.user, Cap.ALLEGATION_HANDLE)
    if can_handle:
        services.referral_updates_seen(case=case)
    safeguards = list(case.safeguards.select_related("completed_by"))
    flags = list(case.reprisal_flags.select_related("victim__person", "reviewed_by"))
    for f in flags:
        f.form = forms_.get("flag") if str(f.uuid) == forms_.get("flag_uuid") else None
        f.form = f.form or FlagReviewForm(prefix=str(f.uuid))
    for s in safeguards:  # one form per row, with its own field ids
        s.form = forms_.get("safeguard") if s.kind == forms_.get("safeguard_kind") else None
        s.form = s.form or SafeguardForm(prefix=s.kind)
    referrals = list(
        case.referrals.defer("letter_pdf", "copy_pdf").prefetch_related("updates__actor")
    )
    ctx = {
        "case": case,
        "can_handle": can_handle,
        "safeguards": safeguards,
        "victims": case.victims.select_related("person"),
        "perpetrators": case.perpetrators.all(),
        "sources": case.sources.select_related("linked_by"),
        # Medical secrecy: an examination's reference links only for medical roles.
        "can_read_medical": has_capability(request.user, Cap.MEDICAL_VIEW),
        "referrals": referrals,
        "has_letter": any(r.kind == ReferralKind.LETTER for r in referrals),
        "flags": flags,
        "facts_form": forms_.get("facts")
        or CaseFactsForm(
            facility=case.facility,
            initial={
                "summary": case.summary,
                "classification": case.classification,
                "zone": case.zone.uuid if case.zone else None,
                "event_from": case.event_from,
                "event_to": case.event_to,
            },
        ),
        "victim_form": forms_.get("victim") or VictimForm(),
        "perpetrator_form": forms_.get("perpetrator") or PerpetratorForm(),
        "status_form": forms_.get("status") or CaseStatusForm(initial={"status": case.status}),
        **case_file_panel(user=request.user, case=case),
        "footage_holds": holds_of_case(number=case.number),
    }
    return render(request, "allegations/detail.html", ctx, status=http_status)


@login_required
@never_cache
def case_detail(request, number):
    _require(request.user, Cap.ALLEGATION_VIEW)
    return _detail(request, selectors.case_get_for_user(user=request.user, number=number))


def _handle(request, number, form_key, form, action, **extra):
    """Validate, fetch the case for handling, apply the service, redirect or show the errors."""
    _require(request.user, Cap.ALLEGATION_HANDLE)
    case = selectors.case_get_for_user(
        user=request.user, number=number, capability=Cap.ALLEGATION_HANDLE
    )
    if form is None:
        form = extra.pop("form_factory")(case)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(case)
    return _detail(request, case, http_status=400, **{form_key: form}, **extra)


@login_required
@require_POST
def case_edit(request, number):
    return _handle(
        request,
        number,
        "facts",
        None,
        lambda c, d: services.case_update(actor=request.user, case=c, **d),
        form_factory=lambda c: CaseFactsForm(request.POST, facility=c.facility),
    )


def _victim_add(request, case, data):
    person = None
    if data["iin"]:
        person = person_by_iin_for_user(
            user=request.user, iin=data["iin"], capability=Cap.PERSON_VIEW
        )
        if person is None:
            raise ValidationError({"iin": _("No person held with this IIN in your scope.")})
    services.victim_add(
        actor=request.user,
        case=case,
        person=person,
        name=data["name"],
        consent_prosecutor=data["consent_prosecutor"],
    )


@login_required
@require_POST
def victim_add(request, number):
    form = VictimForm(request.POST)
    return _handle(request, number, "victim", form, lambda c, d: _victim_add(request, c, d))


@login_required
@require_POST
def perpetrator_add(request, number):
    form = PerpetratorForm(request.POST)
    return _handle(
        request,
        number,
        "perpetrator",
        form,
        lambda c, d: services.perpetrator_add(actor=request.user, case=c, **d),
    )


@login_required
@require_POST
def safeguard_record(request, number, kind):
    if kind not in SafeguardKind.values:
        raise Http404
    form = SafeguardForm(request.POST, prefix=kind)
    return _handle(
        request,
        number,
        "safeguard",
        form,
        lambda c, d: services.safeguard_complete(
            actor=request.user, safeguard=c.safeguards.get(kind=kind), **d
        ),
        safeguard_kind=kind,
    )


@login_required
@require_POST
def case_status(request, number):
    form = CaseStatusForm(request.POST)
    return _handle(
        request,
        number,
        "status",
        form,
        lambda c, d: services.case_set_status(actor=request.user, case=c, **d),
    )


@login_required
@require_POST
def flag_review(request, number, uuid):
    form = FlagReviewForm(request.POST, prefix=str(uuid))
    return _handle(
        request,
        number,
        "flag",
        form,
        lambda c, d: services.flag_review(
            actor=request.user, flag=get_object_or_404(c.reprisal_flags, uuid=uuid), **d
        ),
        flag_uuid=str(uuid),
    )


@login_required
@require_POST
def case_refer(request, number):
    _require(request.user, Cap.ALLEGATION_HANDLE)
    case = selectors.case_get_for_user(
        user=request.user, number=number, capability=Cap.ALLEGATION_HANDLE
    )
    try:
        referral = services.referral_send(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Referral %(number)s is sent to the prosecutor.") % {"number": referral.number},
        )
    return redirect(case)


@login_required
@require_POST
def complaint_case(request, number):
    """Open the case file of a complaint, or join the complaint to an existing file."""
    _require(request.user, Cap.ALLEGATION_HANDLE)
    complaint = complaint_selectors.complaint_get_for_user(
        user=request.user, number=number, capability=Cap.COMPLAINT_HANDLE
    )
    form = LinkComplaintForm(request.POST)
    try:
        if form.is_valid() and form.cleaned_data["case"]:
            number = form.cleaned_data["case"].strip().upper()
            case = selectors.cases_for_user(user=request.user).filter(number=number).first()
            if case is None or not has_capability(request.user, Cap.ALLEGATION_HANDLE):
                raise ValidationError(
                    _("No case file %(number)s in your area of work.") % {"number": number}
                )
            services.case_link_complaint(actor=request.user, case=case, complaint=complaint)
        else:
            case = services.case_open_from_complaint(actor=request.user, complaint=complaint)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(complaint)
    return redirect(case)


def _letter_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _referral_for(request, uuid):
    """A referral for its prosecutor, or for Ombudsman staff through the case file's scope."""
    if has_capability(request.user, Cap.REFERRAL_VIEW):
        return selectors.referral_get_for_user(user=request.user, uuid=uuid), True
    _require(request.user, Cap.ALLEGATION_VIEW)
    return (
        selectors.referral_get_for_user(
            user=request.user, uuid=uuid, capability=Cap.ALLEGATION_VIEW
        ),
        False,
    )


@login_required
def referral_pdf(request, uuid):
    """The letter as sent to the prosecutor; the Ombudsman's copy omits the identities."""
    referral, prosecutor = _referral_for(request, uuid)
    pdf = referral.letter_pdf if prosecutor else referral.copy_pdf
    return _letter_response(bytes(pdf), f"{referral.number}.pdf", "application/pdf")


@login_required
def referral_docx(request, uuid):
    """An editable Word copy of the letter, from the case file as it stands now."""
    referral, prosecutor = _referral_for(request, uuid)
    if referral.kind != ReferralKind.LETTER:
        raise Http404  # a doctor's notification is the medical report, kept as sent
    return _letter_response(
        documents.referral_docx(referral=referral, with_identity=prosecutor),
        f"{referral.number}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def referral_list(request):
    _require(request.user, Cap.REFERRAL_VIEW)
    page = Paginator(selectors.referrals_for_user(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "allegations/referrals.html", {"page": page})


def _referral_detail(request, referral, form=None, http_status=200):
    ctx = {
        "referral": referral,
        "updates": referral.updates.select_related("actor"),
        "can_record": has_capability(request.user, Cap.REFERRAL_HANDLE),
        "form": form or ReferralRecordForm(allowed=services.referral_next_kinds(referral)),
    }
    return render(request, "allegations/referral.html", ctx, status=http_status)


@login_required
@never_cache
def referral_detail(request, uuid):
    _require(request.user, Cap.REFERRAL_VIEW)
    return _referral_detail(request, selectors.referral_get_for_user(user=request.user, uuid=uuid))


@login_required
@require_POST
def referral_record(request, uuid):
    _require(request.user, Cap.REFERRAL_HANDLE)
    referral = selectors.referral_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.REFERRAL_HANDLE
    )
    form = ReferralRecordForm(request.POST)
    if form.is_valid():
        try:
            services.referral_record(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(referral)
    return _referral_detail(request, referral, form, http_status=400)
