"""Writes to the register of people held; each with its audit entry, in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.facilities.services import zone_check

from .models import CustodyStatus, Person, Placement, PlacementKind, Sanction
from .signals import custody_event
from .validators import iin_birth_date


@transaction.atomic
def person_admit(
    *,
    actor: Any,
    facility: Facility,
    at: datetime,
    surname: str,
    given_name: str,
    patronymic: str = "",
    surname_latin: str,
    given_name_latin: str,
    birth_date: date,
    sex: str,
    iin: str | None = None,
    languages: list[str] | None = None,
    zone: Zone | None = None,
    note: str = "",
) -> Person:
    """Register a person on admission to a facility (first placement)."""
    zone_check(zone=zone, facility=facility)
    if iin and iin_birth_date(iin) not in (None, birth_date):
        raise ValidationError({"iin": _("The IIN does not match the date of birth.")})
    person = Person(
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        surname_latin=surname_latin,
        given_name_latin=given_name_latin,
        birth_date=birth_date,
        sex=sex,
        iin=iin or None,
        languages=languages or [],
        current_facility=facility,
        current_zone=zone,
    )
    person.full_clean()
    person.save()
    Placement.objects.create(
        person=person,
        kind=PlacementKind.ADMISSION,
        at=at,
        facility=facility,
        zone=zone,
        note=note,
        recorded_by=user_or_none(actor),
    )
    audit_record(
        actor=actor, action="person.admit", obj=person, details={"facility": str(facility.uuid)}
    )
    return person


# What each event does to the custody status, and whether it needs a facility.
_TRANSITIONS = {
    PlacementKind.ADMISSION: CustodyStatus.HELD,
    PlacementKind.TRANSFER: CustodyStatus.HELD,
    PlacementKind.ZONE_MOVE: CustodyStatus.HELD,
    PlacementKind.RELEASE: CustodyStatus.RELEASED,
    PlacementKind.DEATH: CustodyStatus.DECEASED,
}


@transaction.atomic
def placement_record(
    *,
    actor: Any,
    person: Person,
    kind: str,
    at: datetime,
    facility: Facility | None = None,
    zone: Zone | None = None,
    note: str = "",
) -> Placement:
    """Record a movement: re-admission, transfer, move within the facility, release or death."""
    if person.status == CustodyStatus.DECEASED:
        raise ValidationError(_("The person died in custody; no further event can be recorded."))
    held = person.status == CustodyStatus.HELD
    if kind == PlacementKind.ADMISSION and held:
        raise ValidationError(_("The person is already held; record a transfer instead."))
    if kind != PlacementKind.ADMISSION and not held:
        raise ValidationError(_("The person is not held; record an admission first."))
    last = person.placements.order_by("-at").values_list("at", flat=True).first()
    if last and at < last:
        raise ValidationError({"at": _("The event cannot precede the last recorded event.")})
    if kind in (PlacementKind.TRANSFER, PlacementKind.ADMISSION):
        if facility is None:
            raise ValidationError({"facility": _("Choose the facility.")})
        if kind == PlacementKind.TRANSFER and facility.pk == person.current_facility_id:
            raise ValidationError({"facility": _("A transfer must go to another facility.")})
    else:
        facility = person.current_facility
    if kind == PlacementKind.ZONE_MOVE and zone is None:
        raise ValidationError({"zone": _("Choose the zone.")})
    zone_check(zone=zone, facility=facility)
    placement = Placement.objects.create(
        person=person,
        kind=kind,
        at=at,
        facility=facility,
        zone=zone,
        from_facility=person.current_facility if kind == PlacementKind.TRANSFER else None,
        note=note,
        recorded_by=user_or_none(actor),
    )
    person.status = _TRANSITIONS[kind]
    person.current_facility = facility
    person.current_zone = zone if kind != PlacementKind.RELEASE else None
    person.save(
        update_fields=[
            "status",
            "current_facility",
            "current_zone",
            "updated_at",
            "search_cyrillic",
            "search_latin",
        ]
    )
    audit_record(
        actor=actor,
        action=f"person.{kind}",
        obj=person,
        details={"facility": str(facility.uuid), "zone": str(zone.uuid) if zone else None},
    )
    custody_event.send(
        sender=Placement,
        person=person,
        kind=kind,
        at=at,
        reference=str(placement.uuid),
        facility=facility,
        zone=zone,
        detail=note,
        actor=actor,
    )
    return placement


@transaction.atomic
def sanction_record(
    *,
    actor: Any,
    person: Person,
    kind: str,
    at: datetime,
    reason: str,
    days: int | None = None,
) -> Sanction:
    """Record a disciplinary sanction imposed by the facility on a person it holds."""
    if person.status != CustodyStatus.HELD:
        raise ValidationError(_("Sanctions are recorded only for people held."))
    if at > timezone.now():
        raise ValidationError({"at": _("The sanction cannot be in the future.")})
    sanction = Sanction.objects.create(
        person=person,
        kind=kind,
        at=at,
        facility=person.current_facility,
        days=days,
        reason=reason,
        recorded_by=user_or_none(actor),
    )
    audit_record(
        actor=actor,
        action="person.sanction",
        obj=person,
        details={"kind": kind, "facility": str(person.current_facility.uuid)},
    )
    custody_event.send(
        sender=Sanction,
        person=person,
        kind="sanction",
        at=at,
        reference=str(sanction.uuid),
        facility=person.current_facility,
        zone=None,
        detail=sanction.get_kind_display(),
        actor=actor,
    )
    return sanction
