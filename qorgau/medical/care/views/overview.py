"""The overview of the medical unit, linked from the examinations list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from qorgau.accounts.roles import Cap

from .. import selectors
from .common import require


@login_required
def care_overview(request):
    require(request.user, Cap.MEDICAL_VIEW)
    ctx = {
        "figures": selectors.care_headlines(user=request.user),
        "can_configure": selectors.can_configure_screening(request.user),
    }
    return render(request, "medical/care/overview.html", ctx)
