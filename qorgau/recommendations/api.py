"""The recommendations API: the caller's recommendations, and the authority's answers."""

from __future__ import annotations

import base64
import binascii
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require

from . import selectors, services
from .schemas import RecommendationDetailOut, RecommendationOut, ResponseIn, ResponseOut

router = Router(tags=["recommendations"])


class RecommendationFilter(Schema):
    status: str = ""
    theme: str = ""
    facility: UUID | None = None
    overdue: bool = False
    limit: int = 100
    offset: int = 0


def _reader(request: HttpRequest):
    principal = request.auth
    if not (
        has_capability(principal, Cap.RECOMMENDATION_VIEW)
        or has_capability(principal, Cap.RECOMMENDATION_ANSWER)
    ):
        raise PermissionDenied
    return principal


@router.get(
    "/",
    response={200: list[RecommendationOut], **ERRORS},
    url_name="recommendation_list",
    operation_id="recommendation_list",
    summary="Recommendations the caller may read (an authority: its places, reports sent)",
)
def recommendation_list(request: HttpRequest, filters: Query[RecommendationFilter]):
    principal = _reader(request)
    qs = selectors.recommendations_filtered(
        principal,
        selectors.Filters(status=filters.status, theme=filters.theme, overdue=filters.overdue),
    )
    if filters.facility is not None:
        qs = qs.filter(facility__uuid=filters.facility)
    limit = max(1, min(filters.limit, 500))
    return list(qs[max(0, filters.offset) : max(0, filters.offset) + limit])


@router.get(
    "/{uuid}",
    response={200: RecommendationDetailOut, **ERRORS},
    url_name="recommendation_detail",
    operation_id="recommendation_detail",
    summary="One recommendation with its status history and the authority's answers",
)
def recommendation_detail(request: HttpRequest, uuid: UUID):
    principal = _reader(request)
    return selectors.recommendation_for_user_or_404(principal, uuid)


def _files(evidence) -> list[SimpleUploadedFile]:
    files = []
    for i, item in enumerate(evidence):
        try:
            data = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError({f"evidence.{i}": _("The file is not valid base64.")}) from None
        files.append(SimpleUploadedFile(item.name, data))
    return files


@router.post(
    "/{uuid}/responses",
    response={201: ResponseOut, **ERRORS},
    url_name="recommendation_respond",
    operation_id="recommendation_respond",
    summary="The authority answers: an action plan, then progress reports with evidence",
)
def recommendation_respond(request: HttpRequest, uuid: UUID, payload: ResponseIn):
    principal = require(request, Cap.RECOMMENDATION_ANSWER)
    rec = selectors.recommendation_for_user_or_404(principal, uuid)
    if not selectors.can_answer(principal, rec):
        raise PermissionDenied
    data = payload.model_dump(exclude={"evidence"})
    response = services.response_add(
        actor=principal, recommendation=rec, files=_files(payload.evidence), **data
    )
    return Status(201, response)
