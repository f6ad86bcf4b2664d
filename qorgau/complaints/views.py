from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.accounts.access import get_in_scope_or_404, has_capability, scope_filter, scope_for
from qorgau.accounts.roles import Cap, Role
from qorgau.allegations.choices import SourceKind
from qorgau.allegations.selectors import case_for_source
from qorgau.core.forms import add_service_errors
from qorgau.facilities.models import Facility

from . import attachments, intake, keys, merging, selectors, services
from .forms import (
    AnswerForm,
    AttachmentForm,
    ComplaintFilterForm,
    MergeForm,
    NoteForm,
    PairForm,
    RevealDecisionForm,
    RevealRequestForm,
    StaffComplaintForm,
    StatusChangeForm,
    TriageForm,
)
from .models import Terminal
from .protocol import new_receipt


def _require_terminals(user) -> None:
    if not has_capability(user, Cap.TERMINAL_MANAGE):
        raise PermissionDenied


def _facilities(user):
    return scope_filter(Facility.objects.all(), user, Cap.TERMINAL_MANAGE, "")


@login_required
def terminal_list(request):
    """Kiosks, their pairing and health; the Ombudsman key they must show."""
    _require_terminals(request.user)
    form = PairForm(request.POST or None, facilities=_facilities(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            terminal = intake.terminal_pair(
                actor=request.user,
                code=form.cleaned_data["code"],
                facility=form.cleaned_data["facility"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Terminal %(label)s is paired.") % {"label": terminal.label}
            )
            return redirect("complaints:terminals")
    try:
        key = keys.current_public()
    except keys.NoKey:
        key = None
    terminals = list(selectors.terminal_list_for_user(user=request.user))
    for t in terminals:
        t.silent = selectors.terminal_is_silent(t)
    ctx = {
        "form": form,
        "terminals": terminals,
        "key": key,
        "silent": sum(t.silent for t in terminals),
    }
    return render(request, "complaints/terminals.html", ctx, status=400 if form.errors else 200)


@login_required
@require_POST
def terminal_retire(request, uuid):
    _require_terminals(request.user)
    terminal = get_in_scope_or_404(
        Terminal.objects.filter(facility__isnull=False),
        request.user,
        Cap.TERMINAL_MANAGE,
        "facility",
        uuid=uuid,
    )
    intake.terminal_retire(actor=request.user, terminal=terminal)
    messages.success(request, _("The terminal is retired; its key is refused from now on."))
    return redirect("complaints:terminals")


def _require_complaints(user) -> None:
    if not has_capability(user, Cap.COMPLAINT_VIEW):
        raise PermissionDenied


@never_cache
@login_required
def complaint_list(request):
    """The register: numbers, dates, places, categories and status — content opens per complaint."""
    _require_complaints(request.user)
    form = ComplaintFilterForm(request.GET or None)
    filters = selectors.ComplaintFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.complaint_list_for_user(user=request.user, filters=filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "complaints/_table.html" if request.htmx else "complaints/list.html"
    ctx = {
        "form": form,
        "page": page,
        "can_register": has_capability(request.user, Cap.COMPLAINT_HANDLE),
    }
    return render(request, template, ctx)


def _handlers():
    """Ombudsman staff whose membership is still valid."""
    from django.db.models import Q
    from django.utils import timezone

    from qorgau.accounts.models import User

    valid = Q(memberships__valid_until__isnull=True) | Q(
        memberships__valid_until__gt=timezone.now()
    )
    return User.objects.filter(
        valid, is_active=True, memberships__role=Role.OMBUDSMAN_STAFF
    ).distinct()


def _detail(request, complaint, http_status=200, **forms_):
    can_handle = has_capability(request.user, Cap.COMPLAINT_HANDLE)
    ctx = {
        "complaint": complaint,
        "events": complaint.events.select_related("actor"),
        "can_handle": can_handle,
        "overdue": selectors.overdue_flags(complaint),
        "identity": selectors.identity_for_user(user=request.user, complaint=complaint),
        "my_reveal": selectors.reveal_of_user(user=request.user, complaint=complaint),
        "has_identity": hasattr(complaint, "identity"),
        "reveal_form": forms_.get("reveal_form") or RevealRequestForm(),
        "case_file": case_for_source(kind=SourceKind.COMPLAINT, reference=complaint.number),
        "can_open_case": has_capability(request.user, Cap.ALLEGATION_HANDLE),
    }
    ctx.update(
        attachments=complaint.attachments.select_related("uploaded_by"),
        merged_here=complaint.merged.order_by("received_at"),
    )
    if can_handle:
        ctx.update(
            duplicates=merging.duplicates_for_user(user=request.user, complaint=complaint),
            merge_form=forms_.get("merge") or MergeForm(),
            attachment_form=forms_.get("attachment") or AttachmentForm(),
        )
        ctx.update(
            triage_form=forms_.get("triage")
            or TriageForm(
                handlers=_handlers(),
                initial={
                    "categories": complaint.categories,
                    "urgent": complaint.urgent,
                    "assigned_to": complaint.assigned_to.username
                    if complaint.assigned_to
                    else None,
                },
            ),
            status_form=forms_.get("status")
            or StatusChangeForm(allowed=sorted(services.TRANSITIONS.get(complaint.status, ()))),
            note_form=forms_.get("note") or NoteForm(),
            answer_form=forms_.get("answer")
            or AnswerForm(
                initial={"text": complaint.receipt.answer}
                if hasattr(complaint, "receipt")
                else None
            ),
        )
    return render(request, "complaints/detail.html", ctx, status=http_status)


@never_cache
@login_required
def complaint_detail(request, number):
    _require_complaints(request.user)
    return _detail(request, selectors.complaint_get_for_user(user=request.user, number=number))


def _handle(request, number, form_key, form, action):
    """Shared by the four actions: validate, apply the service, redirect or show errors."""
    if not has_capability(request.user, Cap.COMPLAINT_HANDLE):
        raise PermissionDenied
    complaint = selectors.complaint_get_for_user(
        user=request.user, number=number, capability=Cap.COMPLAINT_HANDLE
    )
    if form.is_valid():
        try:
            action(complaint, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(complaint)
    return _detail(request, complaint, http_status=400, **{form_key: form})


@login_required
@require_POST
def complaint_triage_view(request, number):
    form = TriageForm(request.POST, handlers=_handlers())
    return _handle(
        request,
        number,
        "triage",
        form,
        lambda c, d: services.complaint_triage(
            actor=request.user,
            complaint=c,
            categories=d["categories"],
            urgent=d["urgent"],
            assigned_to=d["assigned_to"],
        ),
    )


@login_required
@require_POST
def complaint_status_view(request, number):
    form = StatusChangeForm(request.POST, allowed=list(services.TRANSITIONS))
    return _handle(
        request,
        number,
        "status",
        form,
        lambda c, d: services.complaint_transition(
            actor=request.user, complaint=c, to=d["to"], note=d["note"]
        ),
    )


@login_required
@require_POST
def complaint_note_view(request, number):
    return _handle(
        request,
        number,
        "note",
        NoteForm(request.POST),
        lambda c, d: services.complaint_note(actor=request.user, complaint=c, text=d["text"]),
    )


@login_required
@require_POST
def complaint_answer_view(request, number):
    return _handle(
        request,
        number,
        "answer",
        AnswerForm(request.POST),
        lambda c, d: services.complaint_answer(actor=request.user, complaint=c, text=d["text"]),
    )


def _merge(user, duplicate, data) -> None:
    main = selectors.complaint_scope(user, Cap.COMPLAINT_HANDLE).filter(number=data["into"]).first()
    if main is None:
        # Out of scope reads as absent, as everywhere else.
        raise ValidationError(
            {"into": _("No complaint %(number)s in your area of work.") % {"number": data["into"]}}
        )
    merging.complaint_merge(actor=user, duplicate=duplicate, main=main, note=data["note"])


@login_required
@require_POST
def complaint_merge_view(request, number):
    return _handle(
        request, number, "merge", MergeForm(request.POST), lambda c, d: _merge(request.user, c, d)
    )


@login_required
@require_POST
def attachment_add_view(request, number):
    return _handle(
        request,
        number,
        "attachment",
        AttachmentForm(request.POST, request.FILES),
        lambda c, d: attachments.attachment_add(
            actor=request.user, complaint=c, upload=d["file"], description=d["description"]
        ),
    )


@never_cache
@login_required
def complaint_new(request):
    """Register a complaint received on paper, by telephone or e-mail."""
    if not has_capability(request.user, Cap.COMPLAINT_HANDLE):
        raise PermissionDenied
    form = StaffComplaintForm(request.POST or None)
    form.fields["facility"].queryset = scope_filter(
        form.fields["facility"].queryset, request.user, Cap.COMPLAINT_HANDLE, ""
    )
    national = scope_for(request.user, Cap.COMPLAINT_HANDLE).national
    if (
        request.method == "POST"
        and form.is_valid()
        and not national
        and not form.cleaned_data["facility"]
    ):
        # Without a place, only national staff could open it again.
        form.add_error("facility", _("Choose the place of detention."))
    if request.method == "POST" and form.is_valid():
        code, secret = new_receipt()
        complaint = services.complaint_register(
            actor=request.user,
            channel=form.cleaned_data["channel"],
            payload=form.payload(code=code, secret=secret, language=request.LANGUAGE_CODE),
            facility=form.cleaned_data["facility"],
            received_at=form.cleaned_data["received_at"],
            contact=form.contact_value(),
        )
        return render(
            request,
            "complaints/registered.html",
            {"complaint": complaint, "code": code, "secret": secret},
        )
    return render(
        request, "complaints/new.html", {"form": form}, status=400 if form.is_bound else 200
    )


@login_required
@require_POST
def reveal_request_view(request, number):
    _require_complaints(request.user)
    complaint = selectors.complaint_get_for_user(user=request.user, number=number)
    form = RevealRequestForm(request.POST)
    if form.is_valid():
        try:
            services.reveal_request(
                actor=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The request went to the identity custodians."))
            return redirect(complaint)
    return _detail(request, complaint, http_status=400, reveal_form=form)


def _require_custodian(user) -> None:
    if not has_capability(user, Cap.IDENTITY_APPROVE):
        raise PermissionDenied


@login_required
def reveal_list(request):
    """The custodian's desk: who asks to see which complainant, and why."""
    _require_custodian(request.user)
    reveals = list(selectors.reveals_for_custodian(user=request.user)[:200])
    for r in reveals:
        # One form per row, prefixed so that every field id on the page is unique.
        r.form = RevealDecisionForm(prefix=str(r.uuid))
    return render(request, "complaints/reveals.html", {"reveals": reveals})


@login_required
@require_POST
def reveal_decide_view(request, uuid):
    _require_custodian(request.user)
    reveal = selectors.reveal_get_for_custodian(user=request.user, uuid=uuid)
    form = RevealDecisionForm(request.POST, prefix=str(reveal.uuid))
    if form.is_valid():
        try:
            services.reveal_decide(
                actor=request.user,
                reveal=reveal,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose approve or refuse."))
    return redirect("complaints:reveals")
