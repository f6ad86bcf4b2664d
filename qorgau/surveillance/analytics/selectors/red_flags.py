"""The red flag: cameras down at the place and time of an allegation of ill-treatment.

An outage raises the flag for a case file when it overlaps the case's window at the
same place, in the case's zone or a neighbouring one (`services.neighbours_of`, the
zones whose footage a hold asks for); without a zone, anywhere in the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from qorgau.accounts.access import has_capability, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.allegations.selectors import cases_for_user
from qorgau.facilities.models import Facility, Zone

from ...models import Outage
from ...services import neighbours_of
from .common import local_range


def _hold_margin() -> timedelta:
    return timedelta(minutes=settings.QORGAU_HOLD_MARGIN_MINUTES)


def _known_margin() -> timedelta:
    return timedelta(hours=settings.QORGAU_RED_FLAG_HOURS)


def case_window(case: Any) -> tuple[datetime, datetime]:
    """When footage of the case matters: the events' time with the holds' margin either side;
    without a time of the events, the setting's hours either side of when it became known."""
    first = case.event_from or case.event_to
    last = case.event_to or case.event_from
    if first is None:
        return case.known_at - _known_margin(), case.known_at + _known_margin()
    return first - _hold_margin(), last + _hold_margin()


def nearby_zones(zone: Zone | None) -> list[Zone] | None:
    """The zone and its neighbours, whose cameras matter for events there; None: the whole place."""
    return None if zone is None else [zone, *neighbours_of(zone)]


def outages_in_window(
    *, facility: Facility, zones: list[Zone] | None, window: tuple[datetime, datetime]
) -> QuerySet:
    """Outages of the place overlapping the window, in these zones (None: anywhere there)."""
    qs = Outage.objects.filter(facility=facility, started_at__lt=window[1]).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=window[0])
    )
    if zones is not None:
        qs = qs.filter(zone__in=zones)
    return qs.select_related("camera", "zone").order_by("started_at", "id")


@dataclass(frozen=True)
class RedFlag:
    case: Any
    window: tuple[datetime, datetime]
    outages: list[Outage]


def _flag(case: Any, window: tuple[datetime, datetime], zones: list[Zone] | None) -> RedFlag:
    outages = outages_in_window(facility=case.facility, zones=zones, window=window)
    return RedFlag(case, window, list(outages))


def red_flag_for_case(*, user: Any, case: Any) -> RedFlag | None:
    """The case file page's panel; None when the user may not oversee the place's cameras."""
    if not scope_for(user, Cap.SURVEILLANCE_VIEW).covers(case.facility):
        return None
    return _flag(case, case_window(case), nearby_zones(case.zone))


def red_flags_for_user(*, user: Any, start: date, end: date) -> list[RedFlag]:
    """Case files in scope whose window meets the period and which outages overlap, newest first.

    For Ombudsman staff: the case files come from their allegations scope, the cameras from
    their surveillance scope, and only places in both count. One query per case file in the
    period, each on the outages of a few zones (see docs/decisions/0021).
    """
    if not has_capability(user, Cap.SURVEILLANCE_VIEW):
        return []
    since, until = local_range(start, end)
    wide = max(_hold_margin(), _known_margin())
    cases = scope_filter(cases_for_user(user=user), user, Cap.SURVEILLANCE_VIEW, "facility")
    # A coarse cut in the database; the exact window is checked below.
    cases = cases.alias(
        first=Coalesce("event_from", "event_to", "known_at"),
        last=Coalesce("event_to", "event_from", "known_at"),
    ).filter(first__lt=until + wide, last__gte=since - wide)
    nearby: dict[int | None, list[Zone] | None] = {}  # case files share zones
    flags = []
    for case in cases:
        window = case_window(case)
        if window[0] >= until or window[1] <= since:
            continue
        if case.zone_id not in nearby:
            nearby[case.zone_id] = nearby_zones(case.zone)
        flag = _flag(case, window, nearby[case.zone_id])
        if flag.outages:
            flags.append(flag)
    return flags
