"""The holds' clocks, run by `qorgau surveillance-holds` or the worker: escalation before the
deadline, loss after it, and the take-up of requests recorded before holds existed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qorgau.core.audit import audit_record

from ...models import FootageHold, FootageLoss
from .status import OPEN_STATUSES, CameraFootage, camera_states, hold_settle


def _open_holds():
    return FootageHold.objects.filter(status__in=OPEN_STATUSES, closed_at__isnull=True)


def holds_escalate(*, now: datetime | None = None) -> int:
    """Mark the open holds within QORGAU_HOLD_ESCALATE_HOURS of their deadline as escalated."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.QORGAU_HOLD_ESCALATE_HOURS)
    count = 0
    for hold in _open_holds().filter(escalated_at__isnull=True, keep_until__lte=horizon):
        with transaction.atomic():
            # One transaction per hold: a hold settled meanwhile is skipped, not undone.
            if (
                _open_holds()
                .filter(pk=hold.pk, escalated_at__isnull=True)
                .update(escalated_at=now, updated_at=now)
            ):
                audit_record(
                    actor=None,
                    action="footage.hold.escalate",
                    obj=hold,
                    details={"deadline": hold.keep_until.isoformat()},
                )
                count += 1
    return count


def holds_expire(*, now: datetime | None = None) -> int:
    """Record the footage of cameras still waiting at the deadline as lost, and settle the hold."""
    now = now or timezone.now()
    count = 0
    for pk in _open_holds().filter(keep_until__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            hold = FootageHold.objects.select_for_update().get(pk=pk)
            if hold.closed_at is not None:
                continue
            waiting = [s.camera for s in camera_states(hold) if s.state == CameraFootage.WAITING]
            FootageLoss.objects.bulk_create(
                FootageLoss(hold=hold, camera=c, reported_at=now, expired=True) for c in waiting
            )
            hold_settle(hold=hold, actor=None, now=now)
            count += 1
    return count


def requests_take_up() -> int:
    """Holds for footage requested before holds existed: uses of force, and case files.

    Each goes through its own app's door (the force app's request, the case file's
    hold), so the rules stay where they are; running it again finds nothing to do.
    """
    return _uses_of_force_take_up() + _case_files_take_up()


def _uses_of_force_take_up() -> int:
    if not apps.is_installed("qorgau.force"):
        return 0
    from qorgau.force.choices import FootageStatus
    from qorgau.force.models import UseOfForce
    from qorgau.force.services import footage_hold_request

    count = 0
    waiting = UseOfForce.objects.filter(footage_status=FootageStatus.REQUESTED)
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            use = waiting.select_for_update().filter(pk=pk).first()
            if use is not None:
                footage_hold_request(use)
                count += 1
    return count


def _case_files_take_up() -> int:
    from qorgau.allegations.choices import SafeguardKind, SafeguardStatus
    from qorgau.allegations.models import CaseFile

    from .cases import hold_for_case

    placed = CaseFile.objects.filter(
        safeguards__kind=SafeguardKind.FOOTAGE, safeguards__status=SafeguardStatus.PENDING
    ).exclude(event_from__isnull=True, event_to__isnull=True)
    held = FootageHold.objects.exclude(source_reference="").values("source_reference")
    count = 0
    for case in placed.exclude(number__in=held).select_related("facility", "zone"):
        hold_for_case(case=case, actor=None)
        count += 1
    return count
