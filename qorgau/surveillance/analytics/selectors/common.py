"""What the analytics readers share: the places in scope and periods of local days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from qorgau.accounts.access import get_in_scope_or_404, scope_filter, scope_for
from qorgau.accounts.roles import Cap
from qorgau.facilities.models import Facility


def facilities_in_scope(*, user: Any) -> QuerySet:
    """The places whose cameras the user may oversee."""
    return scope_filter(Facility.objects.all(), user, Cap.SURVEILLANCE_VIEW, "")


def scope_q(*, user: Any, path: str = "facility") -> Q:
    """The user's surveillance scope as a filter on records whose facility is at `path`.

    National scope filters nothing, so counts over all cameras need no join.
    """
    return scope_for(user, Cap.SURVEILLANCE_VIEW).q(path)


def facility_get_for_user(*, user: Any, uuid: Any) -> Facility:
    """One place in the user's surveillance scope, or 404."""
    return get_in_scope_or_404(
        Facility.objects.select_related("region"), user, Cap.SURVEILLANCE_VIEW, "", uuid=uuid
    )


def local_range(start: date, end: date) -> tuple[datetime, datetime]:
    """From the first moment of `start` to the first moment after `end`, in local time.

    Rollups are kept per local day, so outages are cut at the same midnights.
    """
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    return since, until
