"""The visits API: routes of each area are added to this router."""

from ninja import Router

router = Router(tags=["visits"])
