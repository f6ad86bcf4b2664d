"""Access-matrix rows of this area (see qorgau/visits/tests/routes.py)."""

from __future__ import annotations


def pages(w) -> list:
    return []


def endpoints(w) -> list:
    return []
