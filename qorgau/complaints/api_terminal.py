"""Machine endpoints for complaint kiosks: signed by the kiosk, never by a session."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from qorgau.core.api_support import Problem, problem
from qorgau.core.net import client_ip
from qorgau.core.ratelimit import rate_allow

from . import intake
from .keys import NoKey
from .merging import receipt_view
from .protocol import ProtocolError
from .schemas import Ack, ConfigOut, DeliveryIn, EnrolIn, EnrolOut, SignedIn, StatusOut

router = Router(tags=["complaint terminals"], auth=None)
PROBLEMS = {
    401: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
    429: Problem,
    503: Problem,
}

_STATUS = {
    "malformed": 422,
    "undecryptable": 422,
    "unknown_terminal": 403,
    "bad_signature": 401,
    "stale": 401,
    "conflict": 409,
    "rate_limited": 429,
}


def _titles() -> dict[str, str]:
    return {
        "malformed": _("The message is malformed."),
        "undecryptable": _("The message cannot be opened."),
        "unknown_terminal": _("Unknown or unpaired terminal."),
        "bad_signature": _("The signature is not valid."),
        "stale": _("The message is outside the accepted time window."),
        "conflict": _("The message conflicts with one already stored."),
        "rate_limited": _("Too many attempts. Wait a few minutes and try again."),
    }


def install_problem_handlers(api) -> None:
    """Refusals raised anywhere under /terminal/ become problem responses in one place."""

    @api.exception_handler(ProtocolError)
    def _refused(request, exc: ProtocolError):
        return problem(
            _STATUS.get(exc.code, 422),
            _titles().get(exc.code, exc.code),
            exc.detail,
            type_=f"urn:qorgau:terminal:{exc.code}",
        )

    @api.exception_handler(NoKey)
    def _no_key(request, exc: NoKey):
        return problem(503, _("The Ombudsman's key is not set up yet."))


@router.post(
    "/enrol",
    response={200: EnrolOut, **PROBLEMS},
    url_name="terminal_enrol",
    operation_id="terminal_enrol",
    summary="A kiosk announces its public key (then waits for pairing)",
)
def enrol(request: HttpRequest, payload: EnrolIn):
    if not rate_allow(key=f"enrol:{client_ip(request)}", limit=20, window_seconds=3600):
        raise ProtocolError("rate_limited", "too many enrolments from this address")
    terminal = intake.terminal_enrol(verify_key_hex=payload.verify_key, software=payload.software)
    return {
        "terminal": terminal.uuid,
        "pairing_code": terminal.pairing_code,
        "status": terminal.status,
    }


@router.post(
    "/config",
    response={200: ConfigOut, **PROBLEMS},
    url_name="terminal_config",
    operation_id="terminal_config",
    summary="Signed: pairing state, the Ombudsman's public key to pin, facility zones",
)
def config(request: HttpRequest, payload: SignedIn):
    return intake.terminal_config(request=payload.model_dump())


@router.post(
    "/messages",
    response={200: Ack, **PROBLEMS},
    url_name="terminal_deliver",
    operation_id="terminal_deliver",
    summary="Deliver one sealed complaint; the same message again returns the same ack",
)
def deliver(request: HttpRequest, payload: DeliveryIn):
    message_id = intake.terminal_deliver(body=payload.model_dump())
    return {"message_id": message_id, "status": "stored"}


@router.post(
    "/heartbeat",
    response={200: dict, **PROBLEMS},
    url_name="terminal_heartbeat",
    operation_id="terminal_heartbeat",
    summary="Signed: outbox depth and software version",
)
def heartbeat(request: HttpRequest, payload: SignedIn):
    intake.terminal_heartbeat(request=payload.model_dump())
    return {"status": "ok"}


@router.post(
    "/status",
    response={200: StatusOut, **PROBLEMS},
    url_name="terminal_status",
    operation_id="terminal_status",
    summary="Signed: a complaint's status and answer by receipt code and secret",
)
def status(request: HttpRequest, payload: SignedIn):
    receipt = intake.terminal_status(request=payload.model_dump())
    if receipt is None:
        return problem(404, _("Not found."), _("Check the receipt code and the secret."))
    return status_out(receipt)


def status_out(receipt) -> dict:
    # A merged complaint answers with its main complaint's status and answer.
    view = receipt_view(receipt)
    return {
        "status": view.status,
        "status_label": view.status_label,
        "answer": view.answer,
        "answered_at": view.answered_at.isoformat() if view.answered_at else "",
    }
