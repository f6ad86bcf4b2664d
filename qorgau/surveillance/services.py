"""Writes of video surveillance: footage holds (the health feed, viewing and import have theirs).

`hold_request` is the door other apps use (a use of force, a case file's receiver);
the rest of a hold's life (clips, losses, custody, deadlines) is in `holds/services`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.complaints.services import number_next
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone, ZoneKind

from .choices import RecordingMode
from .models import Camera, FootageHold, ZoneNeighbour

# Without declared neighbours, the ways into and out of any room: who was taken where.
PASSAGE_KINDS = (ZoneKind.CORRIDOR, ZoneKind.DUTY_UNIT, ZoneKind.TRANSIT)


def neighbours_of(zone: Zone) -> list[Zone]:
    """The zones whose cameras also matter for events in `zone`: declared, else the passages."""
    declared = ZoneNeighbour.objects.filter(Q(zone=zone) | Q(neighbour=zone))
    ids = {n for pair in declared.values_list("zone_id", "neighbour_id") for n in pair}
    ids.discard(zone.pk)
    if ids:
        return list(Zone.objects.filter(pk__in=ids))
    return list(
        Zone.objects.filter(facility_id=zone.facility_id, kind__in=PASSAGE_KINDS).exclude(
            pk=zone.pk
        )
    )


def cameras_for(*, facility: Facility, zone: Zone | None) -> list[Camera]:
    """Recording cameras of the zone and its neighbours; of the whole place without a zone."""
    # A live-only camera keeps nothing: there is no footage of it to preserve.
    qs = Camera.objects.filter(facility=facility, active=True, recording=RecordingMode.RECORDED)
    if zone is not None:
        qs = qs.filter(zone__in=[zone, *neighbours_of(zone)])
    return list(qs)


def retention_days(cameras: Iterable[Camera]) -> int:
    """Days until the first of these cameras overwrites its footage (the setting when unknown)."""
    default = settings.QORGAU_CAMERA_RETENTION_DAYS
    return min((c.retention_days or default for c in cameras), default=default)


def hold_deadline(
    *, cameras: Iterable[Camera], event_at: datetime, keep_until: datetime | None = None
) -> datetime:
    """When the footage of the event may be gone: the event plus the shortest retention.

    A deadline given by the caller is kept when it is earlier: escalating too early
    costs a reminder, too late costs the footage.
    """
    deadline = event_at + timedelta(days=retention_days(cameras))
    return min(deadline, keep_until) if keep_until else deadline


@transaction.atomic
def hold_request(
    *,
    facility: Facility,
    zone: Zone | None,
    window_from: datetime,
    window_to: datetime,
    keep_until: datetime | None = None,
    event_at: datetime | None = None,
    reference: str = "",
    case_reference: str = "",
    reason: str = "",
    actor: Any = None,
) -> FootageHold:
    """Ask the facility's video system to keep the footage of a zone and its neighbours.

    The deadline runs from `event_at` (else the window's start) through the shortest
    retention of the hold's cameras; `keep_until`, if given and earlier, wins.
    """
    if window_to < window_from:
        raise ValidationError({"window_to": _("The end precedes the start.")})
    if zone is not None and zone.facility_id != facility.pk:
        raise ValidationError({"zone": _("The zone belongs to another facility.")})
    now = timezone.now()
    cameras = cameras_for(facility=facility, zone=zone)
    hold = FootageHold.objects.create(
        number=number_next(prefix="HLD", year=timezone.localtime(now).year),
        facility=facility,
        zone=zone,
        window_from=window_from,
        window_to=window_to,
        keep_until=hold_deadline(
            cameras=cameras, event_at=event_at or window_from, keep_until=keep_until
        ),
        reason=reason or _("Requested for %(reference)s.") % {"reference": reference},
        case_reference=case_reference,
        source_reference=reference,
        requested_by=user_or_none(actor),
    )
    hold.cameras.set(cameras)
    audit_record(
        actor=actor,
        action="footage.hold",
        obj=hold,
        details={
            "facility": str(facility.uuid),
            "cameras": len(cameras),
            "reference": reference or case_reference,
        },
    )
    return hold
