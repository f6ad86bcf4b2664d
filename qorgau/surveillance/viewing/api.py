"""API of viewing, mounted under /api/v1/surveillance/ by qorgau/api.py.

`GET /authorize` is the video gateway's `auth_request`: nginx asks it for every playlist
and segment a viewer requests, and plays or refuses by the status alone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.security import APIKeyHeader

from qorgau.core.api_support import ERRORS, ApiKeyAuth, VerifiedSessionAuth

from . import services
from .gateway import COOKIE_NAME, SECRET_HEADER, is_gateway

router = Router(tags=["surveillance"])


class _Gateway:
    """The principal of a request that carries the gateway's secret."""


GATEWAY = _Gateway()


class GatewayAuth(APIKeyHeader):
    """nginx's subrequests carry the shared secret in a header only it adds."""

    param_name = SECRET_HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> _Gateway | None:
        return GATEWAY if is_gateway(key) else None


@router.get(
    "/authorize",
    # Signed-in people and API clients are told 403 and strangers 401, whatever the token:
    # without the gateway's secret the answer says nothing about a token (no oracle).
    auth=[GatewayAuth(), VerifiedSessionAuth(), ApiKeyAuth()],
    response={200: None, **ERRORS},
    url_name="surveillance_authorize",
    operation_id="surveillance_authorize",
    summary="The video gateway asks whether the viewer's token may fetch X-Original-URI",
    description=(
        "Called by nginx `auth_request` only, with the header "
        f"`{SECRET_HEADER}`. Reads the viewing token from the `{COOKIE_NAME}` cookie and the "
        "address from `X-Original-URI`; answers 200, 401 (no, malformed, forged or expired "
        "token) or 403 (camera, mode or time outside the grant, or grant ended), with no body. "
        "Every answer is logged as a viewing decision."
    ),
)
def surveillance_authorize(request: HttpRequest):
    if request.auth is not GATEWAY:
        raise PermissionDenied
    decision = services.viewing_authorize(
        token=request.COOKIES.get(COOKIE_NAME, ""),
        uri=request.headers.get("X-Original-URI", ""),
    )
    response = HttpResponse(status=decision.status_code)
    response["Cache-Control"] = "no-store"
    return response
