"""Pages of the equipment inventory and its checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.forms import add_service_errors

from .. import forms, selectors, services
from .common import PAGE_SIZE, form_status, require


def _equipment_page(request, add_form=None):
    facilities = selectors.facilities_for_user(user=request.user)
    record_in = selectors.facilities_for_user(user=request.user, capability=Cap.MEDICAL_RECORD)
    form = forms.EquipmentFilterForm(request.GET or None, facilities=facilities)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.equipment_for_user(user=request.user, **filters), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "page": page,
        "add_form": add_form or forms.EquipmentForm(facilities=record_in),
        "can_record": has_capability(request.user, Cap.MEDICAL_RECORD),
        "today": timezone.localdate(),
    }
    return render(request, "medical/care/equipment.html", ctx, status=form_status(request))


@login_required
def equipment(request):
    require(request.user, Cap.MEDICAL_VIEW)
    return _equipment_page(request)


@login_required
@require_POST
def equipment_add(request):
    require(request.user, Cap.MEDICAL_RECORD)
    record_in = selectors.facilities_for_user(user=request.user, capability=Cap.MEDICAL_RECORD)
    form = forms.EquipmentForm(request.POST, facilities=record_in)
    if form.is_valid():
        try:
            item = services.equipment_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The item is on the inventory."))
            return redirect(item)
    return _equipment_page(request, add_form=form)


def _item_page(request, item, check_form=None, state_form=None):
    ctx = {
        "item": item,
        "checks": item.checks.select_related("checked_by"),
        "can_record": selectors.can_record_at(request.user, item.facility),
        "check_form": check_form or forms.CheckForm(),
        "state_form": state_form or forms.StateForm(initial={"state": item.state}),
    }
    return render(request, "medical/care/equipment_item.html", ctx, status=form_status(request))


@login_required
def equipment_item(request, uuid):
    require(request.user, Cap.MEDICAL_VIEW)
    return _item_page(request, selectors.equipment_get_for_user(user=request.user, uuid=uuid))


def _item_post(request, uuid, form, save, done_message, form_name):
    item = selectors.equipment_get_for_user(
        user=request.user, uuid=uuid, capability=Cap.MEDICAL_RECORD
    )
    if form.is_valid():
        try:
            save(item, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done_message)
            return redirect(item)
    return _item_page(request, item, **{form_name: form})


@login_required
@require_POST
def equipment_check(request, uuid):
    return _item_post(
        request,
        uuid,
        forms.CheckForm(request.POST),
        lambda i, d: services.equipment_check_record(actor=request.user, item=i, **d),
        _("The check is logged."),
        "check_form",
    )


@login_required
@require_POST
def equipment_state(request, uuid):
    return _item_post(
        request,
        uuid,
        forms.StateForm(request.POST),
        lambda i, d: services.equipment_state_change(actor=request.user, item=i, **d),
        _("The state is saved."),
        "state_form",
    )
