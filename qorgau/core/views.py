from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.allegations import selectors as allegation_selectors
from qorgau.complaints import selectors as complaint_selectors
from qorgau.force import selectors as force_selectors
from qorgau.medical import selectors as medical_selectors
from qorgau.recommendations import selectors as recommendation_selectors
from qorgau.surveillance.health import selectors as camera_health_selectors
from qorgau.surveillance.holds import selectors as hold_selectors
from qorgau.visits import selectors as visit_selectors

from . import selectors, services
from .models import AuditVerification


@login_required
def dashboard(request):
    user = request.user
    ctx = {
        "overview": selectors.overview_for_user(user=user),
        "complaints_due": complaint_selectors.overdue_counts_for_user(user=user),
        "reveals_pending": complaint_selectors.pending_reveals_count(user=user),
        "my_reminders": complaint_selectors.reminders_count_for_user(user=user),
        "allegations": allegation_selectors.dashboard_counts(user=user)
        if has_capability(user, Cap.ALLEGATION_VIEW)
        else None,
        "referrals_waiting": allegation_selectors.referrals_waiting_count(user=user)
        if has_capability(user, Cap.REFERRAL_VIEW)
        else None,
        "force_overdue": force_selectors.overdue_count(user=user)
        if has_capability(user, Cap.FORCE_VIEW)
        else None,
        "notifications": medical_selectors.notification_counts(user=user)
        if has_capability(user, Cap.MEDICAL_VIEW)
        else None,
        "camera_alerts": camera_health_selectors.open_alerts_count(user=user)
        if has_capability(user, Cap.SURVEILLANCE_VIEW)
        else None,
        "holds_escalated": hold_selectors.escalated_count(user=user)
        if has_capability(user, Cap.FOOTAGE_HOLD)
        else None,
        "visits": visit_selectors.dashboard_counts(user),
        "recommendations": recommendation_selectors.dashboard_counts(user),
        "memberships": user.active_memberships(),
        "can_audit": has_capability(user, Cap.AUDIT_VIEW),
        "can_people": has_capability(user, Cap.PERSON_VIEW),
        "can_admit": has_capability(user, Cap.PERSON_CHANGE),
    }
    return render(request, "core/dashboard.html", ctx)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=64)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)


def _require_audit(user) -> None:
    if not has_capability(user, Cap.AUDIT_VIEW):
        raise PermissionDenied


@login_required
def audit_viewer(request):
    _require_audit(request.user)
    form = AuditFilterForm(request.GET or None)
    filters = (
        selectors.AuditFilters(**form.cleaned_data) if form.is_valid() else selectors.AuditFilters()
    )
    page = Paginator(selectors.audit_list(filters=filters), 50).get_page(request.GET.get("page"))
    ctx = {"form": form, "page": page, "run": AuditVerification.objects.first()}
    return render(request, "core/audit.html", ctx)


@login_required
@require_POST
def audit_verify_view(request):
    """Queue a check of the chain; the result partial polls until the worker is done."""
    _require_audit(request.user)
    run = services.audit_verification_request(actor=request.user)
    if not request.htmx:
        return redirect("core:audit")
    return render(request, "core/_verify_result.html", {"run": run})


@login_required
def audit_verify_status(request, uuid):
    _require_audit(request.user)
    run = get_object_or_404(AuditVerification, uuid=uuid)
    return render(request, "core/_verify_result.html", {"run": run})


def healthz(request):
    """Liveness for load balancers: the database answers."""
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
