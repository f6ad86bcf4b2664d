"""What every page of the medical unit shares."""

from __future__ import annotations

from django.http import Http404

from qorgau.accounts.access import has_capability

PAGE_SIZE = 50


def require(user, capability: str) -> None:
    if not has_capability(user, capability):
        raise Http404


def form_status(request) -> int:
    return 400 if request.method == "POST" else 200
