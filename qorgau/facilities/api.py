from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require

from . import selectors, services
from .schemas import (
    FacilityOut,
    FacilityPage,
    PopulationIn,
    PopulationOut,
    RegionOut,
    ZoneIn,
    ZoneOut,
)

router = Router(tags=["places of detention"])


class FacilityFilterIn(Schema):
    q: str = ""
    region: str = ""
    type: str = ""
    agency: str = ""
    status: str = ""
    limit: int = 100
    offset: int = 0


@router.get(
    "/regions",
    response={200: list[RegionOut], **ERRORS},
    url_name="region_list",
    operation_id="region_list",
    summary="List regions",
)
def region_list(request: HttpRequest):
    require(request, Cap.FACILITY_VIEW)
    return list(selectors.region_list())


@router.get(
    "/",
    response={200: FacilityPage, **ERRORS},
    url_name="facility_list",
    operation_id="facility_list",
    summary="List places of detention in the caller's scope",
)
def facility_list(request: HttpRequest, filters: Query[FacilityFilterIn]):
    principal = require(request, Cap.FACILITY_VIEW)
    data = filters.model_dump()
    limit, offset = max(1, min(data.pop("limit"), 500)), max(0, data.pop("offset"))
    qs = selectors.facility_list_for_user(user=principal, filters=selectors.FacilityFilters(**data))
    return {"count": qs.count(), "items": list(qs[offset : offset + limit])}


@router.get(
    "/{uuid}",
    response={200: FacilityOut, **ERRORS},
    url_name="facility_detail",
    operation_id="facility_detail",
    summary="One place of detention",
)
def facility_detail(request: HttpRequest, uuid: UUID):
    principal = require(request, Cap.FACILITY_VIEW)
    selectors.facility_get_for_user(user=principal, uuid=uuid)
    return selectors.facility_list_for_user(user=principal).get(uuid=uuid)


@router.get(
    "/{uuid}/zones",
    response={200: list[ZoneOut], **ERRORS},
    url_name="zone_list",
    operation_id="zone_list",
    summary="Zones inside a place of detention",
)
def zone_list(request: HttpRequest, uuid: UUID):
    principal = require(request, Cap.FACILITY_VIEW)
    return list(
        selectors.zone_list(facility=selectors.facility_get_for_user(user=principal, uuid=uuid))
    )


@router.post(
    "/{uuid}/zones",
    response={201: ZoneOut, **ERRORS},
    url_name="zone_create",
    operation_id="zone_create",
    summary="Add a zone",
)
def zone_create(request: HttpRequest, uuid: UUID, payload: ZoneIn):
    principal = require(request, Cap.FACILITY_CHANGE)
    facility = selectors.facility_get_for_user(
        user=principal, uuid=uuid, capability=Cap.FACILITY_CHANGE
    )
    return Status(
        201, services.zone_create(actor=principal, facility=facility, **payload.model_dump())
    )


@router.get(
    "/{uuid}/population",
    response={200: list[PopulationOut], **ERRORS},
    url_name="population_list",
    operation_id="population_list",
    summary="Headcounts over time, oldest first",
)
def population_list(request: HttpRequest, uuid: UUID, limit: int = 36):
    principal = require(request, Cap.FACILITY_VIEW)
    facility = selectors.facility_get_for_user(user=principal, uuid=uuid)
    return selectors.population_series(facility=facility, limit=max(1, min(limit, 240)))


@router.post(
    "/{uuid}/population",
    response={201: PopulationOut, **ERRORS},
    url_name="population_record",
    operation_id="population_record",
    summary="Record the headcount on a date",
)
def population_record(request: HttpRequest, uuid: UUID, payload: PopulationIn):
    principal = require(request, Cap.FACILITY_CHANGE)
    facility = selectors.facility_get_for_user(
        user=principal, uuid=uuid, capability=Cap.FACILITY_CHANGE
    )
    data = payload.model_dump()
    return Status(
        201,
        services.population_record(actor=principal, facility=facility, on=data.pop("date"), **data),
    )
