"""The tabs of a visit's pages: each area of the visit has its own (owned by its subpackage)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .selectors import can_conduct, can_coordinate

# (label, route name, who sees it: "view" | "conduct" | "coordinate")
TABS = (
    (_("Visit and team"), "visits:detail", "view"),
    (_("Checklist"), "visits:checklist", "conduct"),
    (_("Observations and registers"), "visits:observations", "conduct"),
    (_("Interviews"), "visits:interviews", "conduct"),
    (_("Findings"), "visits:findings", "conduct"),
    (_("Report"), "visits:report", "view"),
    (_("Recommendations"), "recommendations:visit", "view"),
    (_("Reimbursement"), "visits:reimbursements", "coordinate"),
)


def tabs_for(user: Any, visit: Any, active: str) -> list[dict]:
    conduct = can_conduct(user, visit)
    coordinate = can_coordinate(user, visit)
    allowed = {"view": True, "conduct": conduct, "coordinate": coordinate}
    tabs = []
    for label, name, who in TABS:
        if not allowed[who]:
            continue
        try:
            url = reverse(name, args=[visit.uuid])
        except NoReverseMatch:  # an area not yet wired
            continue
        tabs.append({"label": str(label), "url": url, "active": name == active})
    return tabs
