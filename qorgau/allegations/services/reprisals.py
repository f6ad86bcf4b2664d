"""The reprisal watch: custody events of watched victims raise flags for review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record
from qorgau.facilities.models import Zone, ZoneKind

from ..choices import (
    FlagKind,
    FlagStatus,
    SafeguardKind,
    SafeguardStatus,
)
from ..models import (
    ReprisalFlag,
    Safeguard,
)

# Custody events that may be reprisals, and the zones that count as isolation.
ISOLATION_ZONES = {ZoneKind.DISCIPLINARY_CELL, ZoneKind.CELL_TYPE_PREMISES, ZoneKind.SOLITARY}


def _flag_kind(*, kind: str, zone: Zone | None) -> str | None:
    if kind == "transfer":
        return FlagKind.TRANSFER
    if kind == "zone_move" and zone is not None and zone.kind in ISOLATION_ZONES:
        return FlagKind.DISCIPLINARY_CELL
    if kind == "sanction":
        return FlagKind.SANCTION
    return None


def reprisal_check(
    *,
    person: Any,
    kind: str,
    at: datetime,
    reference: str,
    zone: Zone | None = None,
    detail: str = "",
    actor: Any = None,
) -> list[ReprisalFlag]:
    """Flag a custody event of an alleged victim that falls inside a reprisal watch."""
    flag_kind = _flag_kind(kind=kind, zone=zone)
    if flag_kind is None:
        return []
    watches = (
        Safeguard.objects.filter(
            kind=SafeguardKind.REPRISAL_WATCH,
            status=SafeguardStatus.PENDING,
            case__known_at__lte=at,
            due_at__gte=at,
            case__victims__person=person,
        )
        .select_related("case")
        .distinct()
    )
    flags = []
    for watch in watches:
        victim = watch.case.victims.filter(person=person).first()
        flag, created = ReprisalFlag.objects.get_or_create(
            case=watch.case,
            event_reference=reference,
            defaults={
                "victim": victim,
                "kind": flag_kind,
                "at": at,
                "detail": (zone.name if zone is not None else detail)[:255],
            },
        )
        if created:
            audit_record(
                actor=actor,
                action="allegation.reprisal_flag",
                obj=watch.case,
                details={"kind": flag_kind},
            )
            flags.append(flag)
    return flags


@transaction.atomic
def flag_review(*, actor: Any, flag: ReprisalFlag, status: str, note: str) -> ReprisalFlag:
    """The Ombudsman's review of a reprisal flag, with the reasons."""
    if flag.status != FlagStatus.OPEN:
        raise ValidationError(_("This flag has been reviewed already."))
    if status not in (FlagStatus.NO_REPRISAL, FlagStatus.REPRISAL):
        raise ValidationError({"status": _("Choose the finding.")})
    if len(note.strip()) < 10:
        raise ValidationError({"note": _("Explain the finding in a few words.")})
    flag.status, flag.review_note = status, note.strip()
    flag.reviewed_by, flag.reviewed_at = actor, timezone.now()
    flag.save()
    audit_record(
        actor=actor, action="allegation.reprisal_review", obj=flag.case, details={"status": status}
    )
    return flag
