"""Alerts: a camera of a high-risk zone down longer than QORGAU_CAMERA_ALERT_MINUTES.

An alert belongs to one outage. It opens when the outage has lasted long enough
(its `opened_at` is that moment: the outage's start plus the setting, whenever
Qorgau learns of it) and closes when the outage ends. The health feed opens and
closes alerts as batches arrive; `alerts_raise`, run periodically by the worker,
opens those of outages that grow old while their camera sends nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from qorgau.core.audit import audit_record
from qorgau.facilities.models import RiskLevel

from ...choices import AlertStatus
from ...models import CameraAlert, Outage


def alert_after() -> timedelta:
    return timedelta(minutes=settings.QORGAU_CAMERA_ALERT_MINUTES)


def alert_due(started_at: datetime, ended_at: datetime | None, now: datetime) -> bool:
    """Whether an outage has lasted (or lasts now) longer than the setting allows."""
    return (ended_at or now) - started_at > alert_after()


def alert_for(*, outage_id: int, camera_id: int, facility_id: int, started_at, ended_at):
    """A new alert of an outage, closed at once if the outage has ended already."""
    return CameraAlert(
        camera_id=camera_id,
        facility_id=facility_id,
        outage_id=outage_id,
        opened_at=started_at + alert_after(),
        closed_at=ended_at,
        status=AlertStatus.OPEN if ended_at is None else AlertStatus.CLOSED,
    )


def alerts_close(outage_ids: list[int]) -> int:
    """Close the open alerts of these outages at their outages' ends, in one statement."""
    if not outage_ids:
        return 0
    ended = Outage.objects.filter(pk=OuterRef("outage_id")).values("ended_at")[:1]
    return CameraAlert.objects.filter(
        outage_id__in=outage_ids, status=AlertStatus.OPEN, outage__ended_at__isnull=False
    ).update(status=AlertStatus.CLOSED, closed_at=Subquery(ended), updated_at=timezone.now())


@transaction.atomic
def alerts_raise(*, now: datetime | None = None) -> tuple[int, int]:
    """Open the alerts of long outages in high-risk zones and close those whose outage ended."""
    now = now or timezone.now()
    due = Outage.objects.filter(
        ended_at__isnull=True,
        started_at__lt=now - alert_after(),
        zone__risk_level=RiskLevel.HIGH,
        alert__isnull=True,
    ).values_list("pk", "camera_id", "facility_id", "started_at")
    alerts = [
        alert_for(outage_id=pk, camera_id=cam, facility_id=fac, started_at=at, ended_at=None)
        for pk, cam, fac, at in due
    ]
    CameraAlert.objects.bulk_create(alerts)
    stale = list(
        CameraAlert.objects.filter(
            status=AlertStatus.OPEN, outage__ended_at__isnull=False
        ).values_list("outage_id", flat=True)
    )
    closed = alerts_close(stale)
    if alerts or closed:
        audit_record(
            actor=None,
            action="camera.alerts",
            details={"opened": len(alerts), "closed": closed},
        )
    return len(alerts), closed
