"""Referrals for the prosecutor's own register: list, read, fetch the letter, record."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require

from . import selectors, services
from .choices import ReferralStatus
from .schemas import ReferralDetailOut, ReferralOut, ReferralRecordIn, ReferralUpdateOut

router = Router(tags=["referrals"])


class ReferralFilter(Schema):
    status: ReferralStatus | None = None
    limit: int = 100
    offset: int = 0


@router.get(
    "/",
    response={200: list[ReferralOut], **ERRORS},
    url_name="referral_list",
    operation_id="referral_list",
    summary="Referrals in the caller's jurisdiction, newest first",
)
def referral_list(request: HttpRequest, filters: Query[ReferralFilter]):
    principal = require(request, Cap.REFERRAL_VIEW)
    qs = selectors.referrals_for_user(user=principal, status=filters.status or "")
    limit = max(1, min(filters.limit, 500))
    return list(qs[filters.offset : filters.offset + limit])


@router.get(
    "/{uuid}",
    response={200: ReferralDetailOut, **ERRORS},
    url_name="referral_detail",
    operation_id="referral_detail",
    summary="One referral with the records made on it (read is audited)",
)
def referral_detail(request: HttpRequest, uuid: UUID):
    principal = require(request, Cap.REFERRAL_VIEW)
    return selectors.referral_get_for_user(user=principal, uuid=uuid)


@router.get(
    "/{uuid}/letter",
    response={200: bytes, **ERRORS},
    url_name="referral_letter",
    operation_id="referral_letter",
    summary="The referral letter as sent (application/pdf; its SHA-256 is in the referral)",
)
def referral_letter(request: HttpRequest, uuid: UUID):
    principal = require(request, Cap.REFERRAL_VIEW)
    referral = selectors.referral_get_for_user(user=principal, uuid=uuid)
    response = HttpResponse(bytes(referral.letter_pdf), content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/{uuid}/records",
    response={201: ReferralUpdateOut, **ERRORS},
    url_name="referral_record",
    operation_id="referral_record",
    summary="Record receipt, the criminal case registration, a decision or the outcome",
)
def referral_record(request: HttpRequest, uuid: UUID, payload: ReferralRecordIn):
    principal = require(request, Cap.REFERRAL_HANDLE)
    referral = selectors.referral_get_for_user(
        user=principal, uuid=uuid, capability=Cap.REFERRAL_HANDLE
    )
    update = services.referral_record(actor=principal, referral=referral, **payload.model_dump())
    return Status(201, update)
