"""Navigation by role: each entry shows only to those who hold its capability."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from qorgau.accounts.access import has_capability
from qorgau.accounts.roles import Cap


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


_ENTRIES = [
    (_("Dashboard"), "core:dashboard", None),
    (_("Places of detention"), "facilities:list", Cap.FACILITY_VIEW),
    (_("People held"), "people:search", Cap.PERSON_VIEW),
    (_("Complaints"), "complaints:list", Cap.COMPLAINT_VIEW),
    (_("Case files"), "allegations:list", Cap.ALLEGATION_VIEW),
    (_("Referrals"), "allegations:referrals", Cap.REFERRAL_VIEW),
    (_("Medical examinations"), "medical:list", Cap.MEDICAL_VIEW),
    (_("Use of force"), "force:list", Cap.FORCE_VIEW),
    (_("Video surveillance"), "surveillance:cameras", Cap.SURVEILLANCE_VIEW),
    (_("NPM visits"), "visits:list", (Cap.VISIT_VIEW, Cap.VISIT_CONDUCT)),
    (_("Visit reports"), "visits:received", Cap.VISIT_REPORT_RECEIVE),
    (
        _("Recommendations"),
        "recommendations:list",
        (Cap.RECOMMENDATION_VIEW, Cap.RECOMMENDATION_STATS),
    ),
    (_("Identity requests"), "complaints:reveals", Cap.IDENTITY_APPROVE),
    (_("Audit log"), "core:audit", Cap.AUDIT_VIEW),
    (_("API clients"), "accounts:apiclients", Cap.APICLIENT_MANAGE),
    (_("Terminals"), "complaints:terminals", Cap.TERMINAL_MANAGE),
    (_("Administration"), "admin:index", "staff"),
]


def _caps(cap) -> tuple:
    return cap if isinstance(cap, tuple) else (cap,)


def navigation_for(user, path: str) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = []
    for label, name, cap in _ENTRIES:
        if cap == "staff":
            if not user.is_staff:
                continue
        elif cap and not any(has_capability(user, c) for c in _caps(cap)):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # an area of the visits work not yet wired
            continue
        active = path == url if url == "/" else path.startswith(url)
        items.append(NavItem(str(label), url, active))
    return items
