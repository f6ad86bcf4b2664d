"""The client's address, trusting only the proxies we run."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with N trusted proxies the N-th address from the right of X-Forwarded-For.

    Our nginx appends the address it saw; anything to the left of that could be
    written by the client, so it is never believed.
    """
    count = getattr(settings, "QORGAU_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    return hops[-count] if len(hops) >= count else remote
