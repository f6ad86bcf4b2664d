"""API of health, mounted under /api/v1/surveillance/ by qorgau/api.py."""

from ninja import Router

router = Router(tags=["surveillance"])
