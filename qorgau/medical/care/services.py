"""Writes of screening, beds, equipment and staffing; each writes its audit entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility
from qorgau.people.models import CustodyStatus, Person

from ..models import Examination
from .choices import BedKind, EquipmentState, ScreeningOutcome
from .models import (
    Bed,
    BedStay,
    EquipmentCheck,
    EquipmentItem,
    MedicalUnit,
    ScreeningRequirement,
    ScreeningResult,
    ScreeningTest,
    StaffPosition,
)

# ---------------------------------------------------------------- shared checks


def _not_in_future(field: str, at: datetime | date) -> None:
    now = timezone.now() if isinstance(at, datetime) else timezone.localdate()
    if at > now:
        raise ValidationError({field: _("This cannot be in the future.")})


def _lock(person: Any) -> None:
    """Serialise writes about one person (PostgreSQL; SQLite's transactions are serial)."""
    Person.objects.select_for_update().only("pk").get(pk=person.pk)


def _held_now(person: Any, facility: Facility) -> None:
    """Screening and beds are for people the facility holds today, nobody else."""
    if person.status != CustodyStatus.HELD or person.current_facility_id != facility.pk:
        raise ValidationError(_("This person is not held at this place now."))


# ---------------------------------------------------------------- screening list


def _set_requirements(test: ScreeningTest, kinds: list[str]) -> None:
    test.requirements.exclude(examination_kind__in=kinds).delete()
    have = set(test.requirements.values_list("examination_kind", flat=True))
    ScreeningRequirement.objects.bulk_create(
        ScreeningRequirement(test=test, examination_kind=k) for k in kinds if k not in have
    )


@transaction.atomic
def screening_test_save(
    *,
    actor: Any,
    test: ScreeningTest | None = None,
    code: str,
    name_kk: str,
    name_ru: str,
    name_en: str = "",
    interval_days: int | None,
    active: bool = True,
    order: int = 100,
    examination_kinds: list[str],
) -> ScreeningTest:
    """Add a test to the screening list or change one, with the examinations that include it."""
    clash = ScreeningTest.objects.filter(code=code)
    if test is not None:
        clash = clash.exclude(pk=test.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another test already has this code.")})
    if interval_days is not None and interval_days < 1:
        raise ValidationError({"interval_days": _("At least one day, or empty.")})
    test = test or ScreeningTest()
    test.code, test.name_kk, test.name_ru = code, name_kk.strip(), name_ru.strip()
    test.name_en, test.interval_days = name_en.strip(), interval_days
    test.active, test.order = active, order
    test.save()
    _set_requirements(test, sorted(set(examination_kinds)))
    audit_record(
        actor=actor,
        action="medical.screening_test",
        obj=test,
        details={
            "code": code,
            "interval_days": interval_days,
            "active": active,
            "examination_kinds": sorted(set(examination_kinds)),
        },
    )
    return test


# ---------------------------------------------------------------- screening results


def _mark_latest(*, person: Any, test: ScreeningTest, taken_at: datetime) -> bool:
    """Whether a result taken at `taken_at` becomes the latest; the previous one steps down.

    On equal times the result recorded last wins: a pending sample's outcome
    is recorded with the time the sample was taken.
    """
    _lock(person)  # two first results of a test cannot both become the latest
    current = ScreeningResult.objects.filter(person=person, test=test, is_latest=True).first()
    if current is not None and current.taken_at > taken_at:
        return False
    if current is not None:
        current.is_latest = False
        current.save(update_fields=["is_latest", "updated_at"])
    return True


def _result_create(
    *,
    actor: Any,
    person: Any,
    facility: Facility,
    test: ScreeningTest,
    taken_at: datetime,
    result: str,
    examination: Examination | None,
) -> ScreeningResult:
    if not test.active:
        raise ValidationError({"test": _("This test is no longer on the screening list.")})
    if result not in ScreeningOutcome.values:
        raise ValidationError({"result": _("Choose a result.")})
    _not_in_future("taken_at", taken_at)
    is_latest = _mark_latest(person=person, test=test, taken_at=taken_at)
    row = ScreeningResult.objects.create(
        person=person,
        test=test,
        facility=facility,
        examination=examination,
        taken_at=taken_at,
        result=result,
        is_latest=is_latest,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="medical.screening_result",
        obj=row,
        details={"person": str(person.uuid), "test": test.code, "facility": str(facility.uuid)},
    )
    return row


@transaction.atomic
def screening_result_record(
    *, actor: Any, person: Any, test: ScreeningTest, taken_at: datetime, result: str
) -> ScreeningResult:
    """Record a test of a person held, at the place that holds them."""
    _held_now(person, person.current_facility)
    return _result_create(
        actor=actor,
        person=person,
        facility=person.current_facility,
        test=test,
        taken_at=taken_at,
        result=result,
        examination=None,
    )


@transaction.atomic
def screening_results_at_examination(
    *, actor: Any, examination: Examination, results: dict[ScreeningTest, str]
) -> list[ScreeningResult]:
    """Record the tests taken at an examination, all or none; the sample time is the exam's."""
    if not results:
        raise ValidationError(_("Choose a result for at least one test."))
    done = set(
        examination.screening_results.filter(test__in=list(results)).values_list(
            "test__code", flat=True
        )
    )
    if done:
        raise ValidationError(
            _("Already recorded at this examination: %(tests)s.") % {"tests": ", ".join(done)}
        )
    return [
        _result_create(
            actor=actor,
            person=examination.person,
            facility=examination.facility,
            test=test,
            taken_at=examination.examined_at,
            result=result,
            examination=examination,
        )
        for test, result in results.items()
    ]


# ---------------------------------------------------------------- units and beds


def _unique(create, field: str, message: str):
    """Run `create`; a unique constraint it breaks becomes the form error `message`."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError as exc:
        raise ValidationError({field: message}) from exc


@transaction.atomic
def medical_unit_create(*, actor: Any, facility: Facility, name: str) -> MedicalUnit:
    """Add a medical unit to a facility."""
    unit = _unique(
        lambda: MedicalUnit.objects.create(facility=facility, name=name.strip()),
        "name",
        _("This place already has a unit of that name."),
    )
    audit_record(actor=actor, action="medical.unit", obj=unit, details={"name": unit.name})
    return unit


@transaction.atomic
def bed_create(*, actor: Any, unit: MedicalUnit, code: str, kind: str) -> Bed:
    """Add a 24-hour bed to a medical unit."""
    if kind not in BedKind.values:
        raise ValidationError({"kind": _("Choose a kind of bed.")})
    bed = _unique(
        lambda: Bed.objects.create(unit=unit, code=code.strip(), kind=kind),
        "code",
        _("This unit already has a bed with that code."),
    )
    audit_record(actor=actor, action="medical.bed", obj=bed, details={"code": bed.code})
    return bed


@transaction.atomic
def bed_set_active(*, actor: Any, bed: Bed, active: bool) -> Bed:
    """Take a bed out of use or back into use; an occupied bed stays in use."""
    if not active and bed.stays.filter(discharged_at__isnull=True).exists():
        raise ValidationError(_("Discharge the person in this bed first."))
    bed.active = active
    bed.save(update_fields=["active", "updated_at"])
    audit_record(actor=actor, action="medical.bed", obj=bed, details={"active": active})
    return bed


def _overlapping(stays, admitted_at: datetime):
    # A new stay runs from `admitted_at` on, so anything still open or ending later overlaps.
    return stays.filter(Q(discharged_at__isnull=True) | Q(discharged_at__gt=admitted_at))


@transaction.atomic
def stay_admit(*, actor: Any, bed: Bed, person: Any, admitted_at: datetime, reason: str) -> BedStay:
    """Admit a person held at the bed's facility to a free bed."""
    _not_in_future("admitted_at", admitted_at)
    _held_now(person, bed.unit.facility)
    bed = Bed.objects.select_for_update().get(pk=bed.pk)
    _lock(person)
    if not bed.active:
        raise ValidationError({"bed": _("This bed is not in use.")})
    if _overlapping(bed.stays.all(), admitted_at).exists():
        raise ValidationError({"bed": _("This bed is occupied at that time.")})
    if _overlapping(BedStay.objects.filter(person=person), admitted_at).exists():
        raise ValidationError(_("This person is in a bed at that time already."))
    stay = BedStay.objects.create(
        bed=bed, person=person, admitted_at=admitted_at, reason=reason.strip(), admitted_by=actor
    )
    audit_record(
        actor=actor,
        action="medical.admission",
        obj=stay,
        details={"bed": str(bed.uuid), "person": str(person.uuid)},
    )
    return stay


@transaction.atomic
def stay_discharge(*, actor: Any, stay: BedStay, discharged_at: datetime) -> BedStay:
    """Discharge a person from their bed."""
    stay = BedStay.objects.select_for_update().get(pk=stay.pk)
    if stay.discharged_at is not None:
        raise ValidationError(_("This stay has ended already."))
    _not_in_future("discharged_at", discharged_at)
    if discharged_at < stay.admitted_at:
        raise ValidationError({"discharged_at": _("A discharge cannot come before the admission.")})
    stay.discharged_at, stay.discharged_by = discharged_at, actor
    stay.save(update_fields=["discharged_at", "discharged_by", "updated_at"])
    audit_record(actor=actor, action="medical.discharge", obj=stay)
    return stay


# ---------------------------------------------------------------- equipment


@transaction.atomic
def equipment_create(
    *,
    actor: Any,
    facility: Facility,
    unit: MedicalUnit | None,
    kind: str,
    name: str,
    inventory_number: str,
    check_interval_days: int,
    last_checked_on: date | None = None,
) -> EquipmentItem:
    """Put an item on the facility's inventory; its next check follows from the last one."""
    if unit is not None and unit.facility_id != facility.pk:
        raise ValidationError({"unit": _("This unit belongs to another place.")})
    if last_checked_on is not None:
        _not_in_future("last_checked_on", last_checked_on)
    item = _unique(
        lambda: EquipmentItem.objects.create(
            facility=facility,
            unit=unit,
            kind=kind,
            name=name.strip(),
            inventory_number=inventory_number.strip(),
            check_interval_days=check_interval_days,
            last_checked_on=last_checked_on,
            next_check_due=(last_checked_on or timezone.localdate())
            + timedelta(days=check_interval_days),
        ),
        "inventory_number",
        _("This place already has an item with this inventory number."),
    )
    audit_record(
        actor=actor,
        action="medical.equipment",
        obj=item,
        details={"facility": str(facility.uuid), "inventory_number": item.inventory_number},
    )
    return item


def _not_written_off(item: EquipmentItem) -> None:
    if item.state == EquipmentState.WRITTEN_OFF:
        raise ValidationError(_("This item is written off."))


@transaction.atomic
def equipment_check_record(
    *, actor: Any, item: EquipmentItem, checked_on: date, result: str, note: str = ""
) -> EquipmentCheck:
    """Log a check: the item takes the state found, and its next check is due an interval on."""
    item = EquipmentItem.objects.select_for_update().get(pk=item.pk)
    _not_written_off(item)
    _not_in_future("checked_on", checked_on)
    if item.last_checked_on and checked_on < item.last_checked_on:
        msg = _("Checks are logged in order: this item was last checked on %(date)s.")
        raise ValidationError({"checked_on": msg % {"date": item.last_checked_on}})
    check = EquipmentCheck.objects.create(
        item=item, checked_on=checked_on, result=result, note=note.strip(), checked_by=actor
    )
    item.state, item.last_checked_on = result, checked_on
    item.next_check_due = checked_on + timedelta(days=item.check_interval_days)
    item.save(update_fields=["state", "last_checked_on", "next_check_due", "updated_at"])
    audit_record(
        actor=actor,
        action="medical.equipment_check",
        obj=item,
        details={"checked_on": checked_on, "result": result},
    )
    return check


@transaction.atomic
def equipment_state_change(*, actor: Any, item: EquipmentItem, state: str) -> EquipmentItem:
    """Record a breakdown, a repair or a write-off between checks; a write-off is final."""
    item = EquipmentItem.objects.select_for_update().get(pk=item.pk)
    _not_written_off(item)
    if state not in EquipmentState.values:
        raise ValidationError({"state": _("Choose a state.")})
    before, item.state = item.state, state
    item.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action="medical.equipment_state",
        obj=item,
        details={"from": before, "to": state},
    )
    return item


# ---------------------------------------------------------------- staffing


@transaction.atomic
def staff_position_set(
    *, actor: Any, facility: Facility, specialty: str, authorised: Decimal, filled: Decimal
) -> StaffPosition:
    """Set the authorised and filled posts of one specialty at a facility."""
    if authorised < 0 or filled < 0:
        raise ValidationError(_("Posts cannot be negative."))
    if filled > authorised:
        raise ValidationError({"filled": _("More posts filled than authorised.")})
    position, _created = StaffPosition.objects.update_or_create(
        facility=facility,
        specialty=specialty,
        defaults={"authorised": authorised, "filled": filled},
    )
    audit_record(
        actor=actor,
        action="medical.staffing",
        obj=facility,
        details={"specialty": specialty, "authorised": authorised, "filled": filled},
    )
    return position
