from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.accounts.access import get_in_scope_or_404, has_capability, scope_filter
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility

from . import intake, keys, selectors
from .choices import Category
from .forms import ComplaintFilterForm, PairForm
from .models import Terminal


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
            for name, errs in exc.message_dict.items():
                for err in errs:
                    form.add_error(name if name in form.fields else None, err)
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


@login_required
def complaint_list(request):
    """The register: numbers, dates, places, categories and status — content opens per complaint."""
    _require_complaints(request.user)
    form = ComplaintFilterForm(request.GET or None)
    filters = selectors.ComplaintFilters(**form.cleaned_data) if form.is_valid() else None
    qs = selectors.complaint_list_for_user(user=request.user, filters=filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    labels = dict(Category.choices)
    for c in page:
        c.category_labels = [labels.get(x, x) for x in c.categories]
    template = "complaints/_table.html" if request.htmx else "complaints/list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def complaint_detail(request, number):
    _require_complaints(request.user)
    complaint = selectors.complaint_get_for_user(user=request.user, number=number)
    labels = dict(Category.choices)
    ctx = {"complaint": complaint, "categories": [labels.get(x, x) for x in complaint.categories]}
    return render(request, "complaints/detail.html", ctx)
