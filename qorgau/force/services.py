"""Writes of uses of force: the record with its persons, the footage request, and the
examination after use of force that satisfies a person's requirement."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qorgau.accounts.models import user_or_none
from qorgau.complaints.services import number_next
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.facilities.services import zone_check
from qorgau.medical.choices import ExaminationKind
from qorgau.people.models import Person

from .choices import RESTRAINTS, FootageStatus, SpecialMeans, Technique
from .models import ForceSubject, UseOfForce

# Footage is kept from a little before the force began to a little after it ended:
# what led to it and what followed matter as much as the force itself.
FOOTAGE_MARGIN = timedelta(minutes=30)


def exam_due(ended_at: datetime) -> datetime:
    """When the examination after a use of force is due (QORGAU_FORCE_EXAM_HOURS after its end)."""
    return ended_at + timedelta(hours=settings.QORGAU_FORCE_EXAM_HOURS)


def footage_window(*, started_at: datetime, ended_at: datetime) -> tuple[datetime, ...]:
    """The footage to keep (with its margins) and when the cameras start overwriting the force."""
    keep_until = started_at + timedelta(days=settings.QORGAU_FOOTAGE_RETENTION_DAYS)
    return started_at - FOOTAGE_MARGIN, ended_at + FOOTAGE_MARGIN, keep_until


def _clean_list(values: Iterable[str]) -> list[str]:
    # Stripped, without blanks or repeats, in the order given.
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _time_errors(started_at: datetime, ended_at: datetime) -> dict[str, str]:
    now = timezone.now()
    if started_at > now:
        return {"started_at": _("A use of force cannot be recorded in the future.")}
    if ended_at > now:
        return {"ended_at": _("A use of force cannot be recorded in the future.")}
    if ended_at < started_at:
        return {"ended_at": _("The end precedes the start.")}
    return {}


def _means_errors(
    techniques: list[str],
    special_means: list[str],
    special_means_other: str,
    restraint_minutes: int | None,
) -> dict[str, str]:
    errors = {}
    if set(techniques) - set(Technique.values):
        errors["techniques"] = _("Choose techniques from the list.")
    if set(special_means) - set(SpecialMeans.values):
        errors["special_means"] = _("Choose special means from the list.")
    elif not techniques and not special_means:
        errors["techniques"] = _("Choose at least one technique or special means.")
    if SpecialMeans.OTHER in special_means and not special_means_other.strip():
        errors["special_means_other"] = _("Say which other special means were used.")
    restrained = bool(RESTRAINTS & set(special_means))
    if restrained and not restraint_minutes:
        errors["restraint_minutes"] = _("Give how long the restraints were applied, in minutes.")
    elif restraint_minutes and not restrained:
        errors["restraint_minutes"] = _(
            "A duration is recorded only for handcuffs, restraint belts or a straitjacket."
        )
    return errors


def _persons_held(*, facility: Facility, iins: list[str], at: datetime) -> list[Person]:
    """The persons with these IINs held at the place: now, or placed there before `at`."""
    if not iins:
        raise ValidationError({"iins": _("Name at least one person force was used on.")})
    held_there = Q(current_facility=facility) | Q(
        placements__facility=facility, placements__at__lte=at
    )
    found = {p.iin: p for p in Person.objects.filter(held_there, iin__in=iins).distinct()}
    missing = [iin for iin in iins if iin not in found]
    if missing:
        msg = ngettext(
            "No person with IIN %(iins)s is or was held at this place.",
            "No persons with IINs %(iins)s are or were held at this place.",
            len(missing),
        ) % {"iins": ", ".join(missing)}
        raise ValidationError({"iins": msg})
    return [found[iin] for iin in iins]


@transaction.atomic
def force_record(
    *,
    actor: Any,
    facility: Facility,
    started_at: datetime,
    ended_at: datetime,
    iins: Iterable[str],
    staff_involved: str,
    grounds: str,
    zone: Zone | None = None,
    place_description: str = "",
    techniques: Iterable[str] = (),
    special_means: Iterable[str] = (),
    special_means_other: str = "",
    restraint_minutes: int | None = None,
    injuries_seen: str = "",
    cameras: Iterable[str] = (),
    body_cameras: Iterable[str] = (),
) -> UseOfForce:
    """Record a use of force with its persons, each owed an examination, and ask for its footage."""
    techniques, special_means = _clean_list(techniques), _clean_list(special_means)
    errors = {
        **_time_errors(started_at, ended_at),
        **_means_errors(techniques, special_means, special_means_other, restraint_minutes),
    }
    if not staff_involved.strip():
        errors["staff_involved"] = _("Name the staff involved and their positions.")
    if not grounds.strip():
        errors["grounds"] = _("Give the grounds and the reason for the use of force.")
    if errors:
        raise ValidationError(errors)
    zone_check(zone=zone, facility=facility)
    persons = _persons_held(facility=facility, iins=_clean_list(iins), at=started_at)
    footage_from, footage_to, keep_until = footage_window(started_at=started_at, ended_at=ended_at)
    use = UseOfForce.objects.create(
        number=number_next(prefix="UOF", year=timezone.localtime(started_at).year),
        facility=facility,
        zone=zone,
        started_at=started_at,
        ended_at=ended_at,
        place_description=place_description.strip(),
        staff_involved=staff_involved.strip(),
        grounds=grounds.strip(),
        techniques=techniques,
        special_means=special_means,
        special_means_other=special_means_other.strip(),
        restraint_minutes=restraint_minutes or None,
        injuries_seen=injuries_seen.strip(),
        cameras=_clean_list(cameras),
        body_cameras=_clean_list(body_cameras),
        recorded_by=user_or_none(actor),
        footage_from=footage_from,
        footage_to=footage_to,
        footage_keep_until=keep_until,
    )
    due = exam_due(ended_at)
    ForceSubject.objects.bulk_create(
        ForceSubject(use_of_force=use, person=p, exam_due_at=due) for p in persons
    )
    footage_hold_request(use)
    audit_record(
        actor=actor,
        action="force.record",
        obj=use,
        details={
            "facility": str(facility.uuid),
            "persons": len(persons),
            "techniques": techniques,
            "special_means": special_means,
            "footage": use.footage_status,
        },
    )
    return use


def footage_hold_request(use_of_force: UseOfForce) -> UseOfForce:
    """Ask for the footage of the use of force to be preserved (ADR 0015).

    Through the surveillance module's hold where that module is installed; until
    then the request is recorded on the use of force, for that module to take up.
    """
    if apps.is_installed("qorgau.surveillance"):
        from qorgau.surveillance.services import hold_request

        hold = hold_request(
            facility=use_of_force.facility,
            zone=use_of_force.zone,
            window_from=use_of_force.footage_from,
            window_to=use_of_force.footage_to,
            keep_until=use_of_force.footage_keep_until,
            reference=use_of_force.number,
        )
        use_of_force.footage_status = FootageStatus.HOLD_REQUESTED
        use_of_force.footage_reference = str(hold.uuid)
    else:
        use_of_force.footage_status = FootageStatus.REQUESTED
    use_of_force.save(update_fields=["footage_status", "footage_reference", "updated_at"])
    return use_of_force


@transaction.atomic
def subject_link_examination(*, actor: Any, examination: Any) -> ForceSubject | None:
    """Let an examination after use of force satisfy the person's earliest pending requirement.

    Only the examination's kind, person, place and time are read: its content is
    medical secrecy and never reaches the use of force.
    """
    if examination.kind != ExaminationKind.AFTER_FORCE:
        return None
    subject = (
        ForceSubject.objects.select_for_update(of=("self",))
        .filter(
            person_id=examination.person_id,
            examination__isnull=True,
            use_of_force__facility_id=examination.facility_id,
            use_of_force__started_at__lte=examination.examined_at,
        )
        .order_by("use_of_force__started_at", "id")
        .first()
    )
    if subject is None:
        return None
    subject.examination, subject.examined_at = examination, examination.examined_at
    subject.save(update_fields=["examination", "examined_at"])
    audit_record(
        actor=actor,
        action="force.examined",
        obj=subject.use_of_force,
        details={"person": str(examination.person.uuid), "examination": str(examination.uuid)},
    )
    return subject
