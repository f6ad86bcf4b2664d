"""API of holds for video-system connectors, mounted under /api/v1/surveillance/.

A connector (an API client with surveillance.feed, scoped to its facilities) lists
the holds it must serve, confirms the clips it preserved, reports footage it lost,
and records each export, access and hand-over of a clip.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, require

from ..choices import HoldStatus
from . import selectors, services
from .schemas import ClipsIn, ClipsOut, CustodyIn, CustodyOut, HoldOut, LostIn

router = Router(tags=["surveillance"])

HoldStatusFilter = Literal[("pending", *HoldStatus.values)]  # type: ignore[valid-type]


class HoldFilter(Schema):
    status: HoldStatusFilter | None = None
    limit: int = 100
    offset: int = 0


@router.get(
    "/holds",
    response={200: list[HoldOut], **ERRORS},
    url_name="surveillance_hold_list",
    operation_id="surveillance_hold_list",
    summary="Holds of the connector's facilities, soonest deadline first",
    description=(
        "`status=pending` lists every hold still waiting for footage (pending or partly "
        "preserved); other values filter by status. Each camera carries its `vms_id` and "
        "whether its footage is waiting, preserved or lost."
    ),
)
def surveillance_hold_list(request: HttpRequest, filters: Query[HoldFilter]):
    client = require(request, Cap.SURVEILLANCE_FEED)
    qs = selectors.holds_for_client(client=client, status=filters.status or "")
    limit = max(1, min(filters.limit, 500))
    return list(qs[filters.offset : filters.offset + limit])


@router.post(
    "/holds/{number}/clips",
    response={200: ClipsOut, **ERRORS},
    url_name="surveillance_hold_clips",
    by_alias=True,  # a clip's span is `from` and `to`, as it is sent
    operation_id="surveillance_hold_clips",
    summary="Confirm preserved clips of a hold (all or none; sending again changes nothing)",
    description=(
        "Each clip names its camera by `vms_id`, its time span (`from`, `to`), its SHA-256 "
        "and size. A clip of another camera, outside the hold's window, or with a hash "
        "already confirmed for other times refuses the whole request (422) and nothing "
        "is stored. A camera is preserved once its clips cover the whole window."
    ),
)
def surveillance_hold_clips(request: HttpRequest, number: str, payload: ClipsIn):
    client = require(request, Cap.SURVEILLANCE_FEED)
    hold = selectors.hold_get_for_client(client=client, number=number)
    reports = [services.ClipReport(**c.model_dump()) for c in payload.clips]
    hold, clips = services.clips_confirm(actor=client, hold=hold, clips=reports)
    return {"hold": hold, "clips": clips}


@router.post(
    "/holds/{number}/lost",
    response={200: HoldOut, **ERRORS},
    url_name="surveillance_hold_lost",
    operation_id="surveillance_hold_lost",
    summary="Report cameras of a hold whose footage is gone, with the reason",
)
def surveillance_hold_lost(request: HttpRequest, number: str, payload: LostIn):
    client = require(request, Cap.SURVEILLANCE_FEED)
    hold = selectors.hold_get_for_client(client=client, number=number)
    return services.footage_lost(
        actor=client, hold=hold, cameras=payload.cameras, reason=payload.reason
    )


@router.post(
    "/clips/{uuid}/custody",
    response={200: CustodyOut, 201: CustodyOut, **ERRORS},
    url_name="surveillance_clip_custody",
    operation_id="surveillance_clip_custody",
    summary="Record an export, access or hand-over of a preserved clip, with its hash then",
    description=(
        "201 for a new entry, 200 when the same entry was recorded already. A hash that "
        "differs from the confirmed one is recorded (`hash_matches: false`) and flagged "
        "on the hold's page."
    ),
)
def surveillance_clip_custody(request: HttpRequest, uuid: UUID, payload: CustodyIn):
    client = require(request, Cap.SURVEILLANCE_FEED)
    clip = selectors.clip_get_for_client(client=client, uuid=uuid)
    entry, created = services.custody_record(actor=client, clip=clip, **payload.model_dump())
    return Status(201 if created else 200, entry)
