"""The health feed for video-system connectors, mounted under /api/v1/surveillance/."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from qorgau.accounts.roles import Cap
from qorgau.core.api_support import ERRORS, Problem, problem, require
from qorgau.core.ratelimit import rate_allow

from . import services
from .schemas import HealthBatchIn, HealthBatchOut

router = Router(tags=["surveillance"])

# Per connector key: 600 batches of up to 1,000 events a minute is 10,000 events a
# second, some fifteen times the national load; more is a connector in a loop.
BATCHES_PER_MINUTE = 600


@router.post(
    "/health",
    response={200: HealthBatchOut, 413: Problem, 429: Problem, **ERRORS},
    url_name="surveillance_health",
    operation_id="surveillance_health",
    summary="Report camera statuses: a batch of up to 1,000 events, stored all or nothing",
)
def health_feed(request: HttpRequest, payload: HealthBatchIn):
    client = require(request, Cap.SURVEILLANCE_FEED)
    if not rate_allow(key=f"health-feed:{client.pk}", limit=BATCHES_PER_MINUTE, window_seconds=60):
        response = problem(
            429, _("Too many batches."), _("Wait a minute; send fewer, larger batches.")
        )
        response["Retry-After"] = "60"
        return response
    try:
        result = services.health_ingest(client=client, events=payload.events)
    except services.BatchRefused as exc:
        return problem(exc.status, exc.title, exc.detail, exc.errors)
    return result.as_dict()
