"""The recommendations API: the authority's answers, statuses, rates."""

from ninja import Router

router = Router(tags=["recommendations"])
