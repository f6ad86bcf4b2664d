from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Status

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require
from qorgau.facilities.models import Facility, Zone
from qorgau.facilities.selectors import facility_get_for_user

from . import selectors, services
from .schemas import (
    PersonAdmitIn,
    PersonBrief,
    PersonOut,
    PersonSearchIn,
    PlacementIn,
    PlacementOut,
)

router = Router(tags=["people held"])


def _zone(facility, zone_uuid: UUID | None) -> Zone | None:
    if zone_uuid is None:
        return None
    try:
        return Zone.objects.get(uuid=zone_uuid, facility=facility)
    except Zone.DoesNotExist as exc:
        raise Http404 from exc


@router.post(
    "/search",
    response={200: list[PersonBrief], **ERRORS},
    url_name="person_search",
    operation_id="person_search",
    summary="Search people in scope by surname prefix or IIN (POST keeps names out of URLs)",
)
def person_search(request: HttpRequest, payload: PersonSearchIn):
    principal = require(request, Cap.PERSON_VIEW)
    return selectors.person_search_for_user(user=principal, query=payload.query)


@router.get(
    "/{uuid}",
    response={200: PersonOut, **ERRORS},
    url_name="person_detail",
    operation_id="person_detail",
    summary="One person with placement history (read is audited)",
)
def person_detail(request: HttpRequest, uuid: UUID):
    principal = require(request, Cap.PERSON_VIEW)
    return selectors.person_get_for_user(user=principal, uuid=uuid)


@router.post(
    "/",
    response={201: PersonOut, **ERRORS},
    url_name="person_admit",
    operation_id="person_admit",
    summary="Register a person on admission",
)
def person_admit(request: HttpRequest, payload: PersonAdmitIn):
    principal = require(request, Cap.PERSON_CHANGE)
    data = payload.model_dump()
    facility = facility_get_for_user(
        user=principal, uuid=data.pop("facility"), capability=Cap.PERSON_CHANGE
    )
    zone = _zone(facility, data.pop("zone"))
    person = services.person_admit(actor=principal, facility=facility, zone=zone, **data)
    return Status(201, person)


@router.post(
    "/{uuid}/placements",
    response={201: PlacementOut, **ERRORS},
    url_name="placement_record",
    operation_id="placement_record",
    summary="Record admission, transfer, move within the facility, release or death",
)
def placement_record(request: HttpRequest, uuid: UUID, payload: PlacementIn):
    principal = require(request, Cap.PERSON_CHANGE)
    person = selectors.person_get_for_user(user=principal, uuid=uuid, capability=Cap.PERSON_CHANGE)
    data = payload.model_dump()
    facility_uuid = data.pop("facility")
    # A transfer may go to any facility; the event is checked against the person's current one.
    facility = None
    if facility_uuid is not None:
        facility = Facility.objects.filter(uuid=facility_uuid).first()
        if facility is None:
            raise Http404
    zone = _zone(facility or person.current_facility, data.pop("zone"))
    return Status(
        201,
        services.placement_record(
            actor=principal, person=person, facility=facility, zone=zone, **data
        ),
    )
