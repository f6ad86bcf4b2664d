"""What every API router shares: authentication and RFC 9457 problem responses."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, SessionAuth

from qorgau.accounts.access import has_capability

PROBLEM = "application/problem+json"


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict] | None = None


# The problems any endpoint may answer with, for the OpenAPI document.
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


def problem(
    status: int,
    title: str,
    detail: str = "",
    errors: list | None = None,
    type_: str = "about:blank",
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(
        body, status=status, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False}
    )


class VerifiedSessionAuth(SessionAuth):
    """The browser's session, but only once two-factor login is complete where required."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # A request with a key is no browser's: it carries no session and no CSRF
        # token, and the session's CSRF check (run before any authenticate) would
        # refuse every integration client over HTTP.
        if "X-API-Key" in request.headers:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if "X-API-Key" in request.headers:
            return None  # a request that presents a key is judged by the key alone
        user = super().authenticate(request, key)
        if user is None:
            return None
        if user.needs_two_factor and not settings.QORGAU_2FA_WAIVED and not user.is_verified():
            return None
        return user


class ApiKeyAuth(APIKeyHeader):
    """Integration clients: `X-API-Key: qg_<prefix>_<secret>`."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        from qorgau.accounts.services import apiclient_authenticate

        return apiclient_authenticate(key) if key else None


def require(request: HttpRequest, capability: str) -> Any:
    """The caller, if it holds `capability` anywhere; else 403."""
    principal = request.auth
    if not has_capability(principal, capability):
        raise PermissionDenied
    return principal


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _invalid(request, exc):
        errors = [
            {"loc": [str(p) for p in e.get("loc", [])], "msg": e.get("msg", "")} for e in exc.errors
        ]
        return problem(
            422, _("The request is not valid."), _("See the errors for each field."), errors
        )

    @api.exception_handler(DjangoValidationError)
    def _rule(request, exc):
        if hasattr(exc, "error_dict"):
            errors = [{"loc": [k], "msg": m} for k, msgs in exc.message_dict.items() for m in msgs]
        else:
            errors = [{"loc": [], "msg": m} for m in exc.messages]
        return problem(
            422, _("The request breaks a rule."), "; ".join(e["msg"] for e in errors), errors
        )

    @api.exception_handler(AuthenticationError)
    def _unauth(request, exc):
        return problem(401, _("Authentication required."), _("Sign in or send a valid API key."))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return problem(403, _("Not allowed."), _("Your role does not allow this."))

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem(404, _("Not found."))

    @api.exception_handler(HttpError)
    def _http(request, exc):
        return problem(exc.status_code, str(exc))
