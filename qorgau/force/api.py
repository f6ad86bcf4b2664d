"""Uses of force for the facility's and the oversight bodies' systems: list, read, record."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require
from qorgau.facilities.models import Zone
from qorgau.facilities.selectors import facility_get_for_user

from . import selectors, services
from .schemas import ForceDetailOut, ForceOut, ForceRecordIn

router = Router(tags=["use of force"])


class ForceFilter(Schema):
    facility: UUID | None = None
    overdue: bool = False
    limit: int = 100
    offset: int = 0


@router.get(
    "/",
    response={200: list[ForceOut], **ERRORS},
    url_name="force_list",
    operation_id="force_list",
    summary="Uses of force in the caller's scope, newest first",
)
def force_list(request: HttpRequest, filters: Query[ForceFilter]):
    principal = require(request, Cap.FORCE_VIEW)
    facility = None
    if filters.facility is not None:
        facility = facility_get_for_user(
            user=principal, uuid=filters.facility, capability=Cap.FORCE_VIEW
        )
    qs = selectors.uses_of_force_for_user(
        user=principal, filters=selectors.ForceFilters(facility=facility, overdue=filters.overdue)
    )
    limit = max(1, min(filters.limit, 500))
    return list(qs[filters.offset : filters.offset + limit])


@router.get(
    "/{number}",
    response={200: ForceDetailOut, **ERRORS},
    url_name="force_detail",
    operation_id="force_detail",
    summary="One use of force with its persons' examination status (read is audited)",
)
def force_detail(request: HttpRequest, number: str):
    principal = require(request, Cap.FORCE_VIEW)
    return selectors.use_of_force_get_for_user(user=principal, number=number)


@router.post(
    "/",
    response={201: ForceDetailOut, **ERRORS},
    url_name="force_record",
    operation_id="force_record",
    summary="Record a use of force; each person is owed an examination, its footage a hold",
)
def force_record(request: HttpRequest, payload: ForceRecordIn):
    principal = require(request, Cap.FORCE_RECORD)
    data = payload.model_dump()
    facility = facility_get_for_user(
        user=principal, uuid=data.pop("facility"), capability=Cap.FORCE_RECORD
    )
    zone_uuid = data.pop("zone")
    zone = None
    if zone_uuid is not None:
        # Another facility's zone is the service's refusal, with its reason.
        zone = Zone.objects.filter(uuid=zone_uuid).first()
        if zone is None:
            raise Http404
    use = services.force_record(actor=principal, facility=facility, zone=zone, **data)
    return Status(201, use)
