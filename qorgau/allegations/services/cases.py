"""Case files: opening (directly or from a complaint), sources, facts, status, victims,
perpetrators, and the safeguards' clocks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.accounts.roles import Role
from qorgau.complaints.choices import About
from qorgau.complaints.services import number_next
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.facilities.services import zone_check

from ..choices import (
    CaseStatus,
    SafeguardKind,
    SafeguardStatus,
    SourceKind,
)
from ..models import (
    CaseFile,
    CaseSource,
    Perpetrator,
    Safeguard,
    Victim,
)
from ..selectors import case_for_source
from ..signals import case_placed

# Who answers for each safeguard (domain.md's table), by role.
SAFEGUARD_OWNERS = {
    SafeguardKind.REFERRAL: Role.OMBUDSMAN_STAFF,
    SafeguardKind.FOOTAGE: Role.FACILITY_ADMIN,
    SafeguardKind.FORENSIC: Role.MEDICAL_OFFICER,
    SafeguardKind.PROTECTION: Role.FACILITY_ADMIN,
    SafeguardKind.REPRISAL_WATCH: Role.OMBUDSMAN_STAFF,
}


def safeguard_due(*, kind: str, known_at: datetime, event_at: datetime | None) -> datetime:
    """When a safeguard is due: footage from the event, the others from when it became known."""
    if kind == SafeguardKind.FOOTAGE:
        return (event_at or known_at) + timedelta(days=settings.QORGAU_FOOTAGE_RETENTION_DAYS)
    hours = {
        SafeguardKind.REFERRAL: settings.QORGAU_REFERRAL_HOURS,
        SafeguardKind.PROTECTION: settings.QORGAU_PROTECTION_HOURS,
        SafeguardKind.FORENSIC: settings.QORGAU_FORENSIC_HOURS,
        SafeguardKind.REPRISAL_WATCH: settings.QORGAU_REPRISAL_WATCH_DAYS * 24,
    }[kind]
    return known_at + timedelta(hours=hours)


def _check_window(event_from: datetime | None, event_to: datetime | None, known_at: datetime):
    if event_from and event_to and event_to < event_from:
        raise ValidationError({"event_to": _("The end of the time window precedes its start.")})
    if event_from and event_from > known_at:
        raise ValidationError(
            {"event_from": _("The event cannot be later than when it became known.")}
        )


@transaction.atomic
def case_open(
    *,
    actor: Any,
    facility: Facility,
    summary: str,
    known_at: datetime | None = None,
    zone: Zone | None = None,
    event_from: datetime | None = None,
    event_to: datetime | None = None,
    classification: str = "",
    source_kind: str = SourceKind.STAFF,
    source_reference: str = "",
) -> CaseFile:
    """Open a case file with its five safeguards, each on its own clock."""
    now = timezone.now()
    known_at = known_at or now
    if known_at > now:
        raise ValidationError({"known_at": _("The allegation cannot become known in the future.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Describe the allegation.")})
    _check_window(event_from, event_to, known_at)
    zone_check(zone=zone, facility=facility)
    case = CaseFile.objects.create(
        number=number_next(prefix="ALG", year=timezone.localtime(known_at).year),
        facility=facility,
        zone=zone,
        event_from=event_from,
        event_to=event_to,
        known_at=known_at,
        summary=summary.strip(),
        classification=classification,
        opened_by=user_or_none(actor),
    )
    Safeguard.objects.bulk_create(
        Safeguard(
            case=case,
            kind=kind,
            owner=SAFEGUARD_OWNERS[kind],
            due_at=safeguard_due(kind=kind, known_at=known_at, event_at=event_to or event_from),
        )
        for kind in SafeguardKind.values
    )
    CaseSource.objects.create(
        case=case,
        kind=source_kind,
        reference=source_reference or case.number,
        linked_by=user_or_none(actor),
    )
    audit_record(
        actor=actor,
        action="allegation.open",
        obj=case,
        details={"facility": str(facility.uuid), "source": source_kind},
    )
    if event_from or event_to:
        case_placed.send(sender=CaseFile, case=case, actor=actor)
    return case


@transaction.atomic
def case_open_from_complaint(*, actor: Any, complaint: Any) -> CaseFile:
    """The case file of a complaint alleging ill-treatment: the one it joined, or a new one."""
    existing = case_for_source(kind=SourceKind.COMPLAINT, reference=complaint.number)
    if existing is not None:
        return existing
    if complaint.facility is None:
        raise ValidationError(_("Name the facility of the complaint before opening a case file."))
    event_from = event_to = None
    if complaint.event_date:
        event_from = timezone.make_aware(
            datetime.combine(complaint.event_date, datetime.min.time())
        )
        event_to = event_from + timedelta(days=1) - timedelta(seconds=1)
        if event_from > complaint.received_at:
            event_from = event_to = None
        elif event_to > complaint.received_at:
            event_to = complaint.received_at
    case = case_open(
        actor=actor,
        facility=complaint.facility,
        zone=complaint.zone,
        summary=complaint.description,
        known_at=complaint.received_at,
        event_from=event_from,
        event_to=event_to,
        source_kind=SourceKind.COMPLAINT,
        source_reference=complaint.number,
    )
    _victim_from_complaint(case=case, complaint=complaint)
    return case


def _victim_from_complaint(*, case: CaseFile, complaint: Any) -> Victim:
    about_self = complaint.about == About.SELF
    return Victim.objects.create(
        case=case,
        complaint_number=complaint.number,
        named_by_complainant=not about_self,
        # The register's record of the complainant, found by the system (never shown
        # in the file), so that the reprisal watch sees their transfers and sanctions.
        person=_complainant_in_register(complaint) if about_self else None,
        consent_prosecutor=complaint.consent_prosecutor,
    )


def _complainant_in_register(complaint: Any) -> Any:
    from qorgau.people.models import Person

    identity = getattr(complaint, "identity", None)
    if identity is None or complaint.anonymous:
        return None
    if identity.person_id:
        return identity.person
    if identity.iin:
        return Person.objects.filter(iin=identity.iin).first()
    return None


@transaction.atomic
def case_link_complaint(*, actor: Any, case: CaseFile, complaint: Any) -> CaseSource:
    """Join a complaint to an existing case file (the same event told again, or by another)."""
    other = case_for_source(kind=SourceKind.COMPLAINT, reference=complaint.number)
    if other is not None:
        raise ValidationError(
            _("This complaint is already in case file %(number)s.") % {"number": other.number}
        )
    if complaint.facility_id != case.facility_id:
        raise ValidationError(_("The complaint concerns another facility than the case file."))
    link = case_link_source(
        actor=actor, case=case, kind=SourceKind.COMPLAINT, reference=complaint.number
    )
    _victim_from_complaint(case=case, complaint=complaint)
    return link


@transaction.atomic
def case_link_source(*, actor: Any, case: CaseFile, kind: str, reference: str) -> CaseSource:
    """Join a source record of another app (an examination…) to a case file, by reference."""
    other = case_for_source(kind=kind, reference=reference)
    if other is not None:
        raise ValidationError(
            _("This record is already in case file %(number)s.") % {"number": other.number}
        )
    link = CaseSource.objects.create(
        case=case, kind=kind, reference=reference, linked_by=user_or_none(actor)
    )
    audit_record(
        actor=actor,
        action="allegation.link",
        obj=case,
        details={"source": kind, "reference": reference},
    )
    return link


@transaction.atomic
def case_update(
    *,
    actor: Any,
    case: CaseFile,
    summary: str,
    classification: str,
    zone: Zone | None,
    event_from: datetime | None,
    event_to: datetime | None,
) -> CaseFile:
    """Correct the facts of a case file; a pending footage deadline follows the time window."""
    if not summary.strip():
        raise ValidationError({"summary": _("Describe the allegation.")})
    _check_window(event_from, event_to, case.known_at)
    zone_check(zone=zone, facility=case.facility)
    placed_before = (case.zone_id, case.event_from, case.event_to)
    case.summary, case.classification, case.zone = summary.strip(), classification, zone
    case.event_from, case.event_to = event_from, event_to
    case.save()
    case.safeguards.filter(kind=SafeguardKind.FOOTAGE, status=SafeguardStatus.PENDING).update(
        due_at=safeguard_due(
            kind=SafeguardKind.FOOTAGE, known_at=case.known_at, event_at=event_to or event_from
        ),
        updated_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="allegation.update",
        obj=case,
        details={"classification": classification, "zone": str(zone.uuid) if zone else None},
    )
    placed = (case.zone_id, case.event_from, case.event_to)
    if (event_from or event_to) and placed != placed_before:
        case_placed.send(sender=CaseFile, case=case, actor=actor)
    return case


@transaction.atomic
def case_set_status(*, actor: Any, case: CaseFile, status: str, note: str = "") -> CaseFile:
    """Close a case file (once it has gone to the prosecutor) or reopen it."""
    if status == case.status:
        raise ValidationError(_("The case file already has this status."))
    if status == CaseStatus.CLOSED:
        if not case.referrals.exists():
            raise ValidationError(
                _("A case file is closed only after its referral to the prosecutor.")
            )
        if len(note.strip()) < 10:
            raise ValidationError({"note": _("Give the reason for closing in a few words.")})
    case.status, case.status_note, case.status_changed_at = status, note.strip(), timezone.now()
    case.save(update_fields=["status", "status_note", "status_changed_at", "updated_at"])
    action = "allegation.close" if status == CaseStatus.CLOSED else "allegation.reopen"
    audit_record(actor=actor, action=action, obj=case)
    return case


@transaction.atomic
def victim_add(
    *,
    actor: Any,
    case: CaseFile,
    person: Any = None,
    name: str = "",
    consent_prosecutor: bool = False,
) -> Victim:
    """Add an alleged victim, from the register of people held or by name."""
    if person is None and not name.strip():
        raise ValidationError(_("Choose a person from the register or write a name."))
    if person is not None and case.victims.filter(person=person).exists():
        raise ValidationError(_("This person is already an alleged victim in the file."))
    victim = Victim.objects.create(
        case=case, person=person, name=name.strip(), consent_prosecutor=consent_prosecutor
    )
    audit_record(
        actor=actor,
        action="allegation.victim",
        obj=case,
        details={"registered": person is not None},
    )
    return victim


@transaction.atomic
def perpetrator_add(
    *, actor: Any, case: CaseFile, role: str, unit: str = "", name: str = "", count: int = 1
) -> Perpetrator:
    """Add an alleged perpetrator by role; a name is optional."""
    perpetrator = Perpetrator.objects.create(
        case=case, role=role, unit=unit.strip(), name=name.strip(), count=count
    )
    audit_record(actor=actor, action="allegation.perpetrator", obj=case, details={"role": role})
    return perpetrator


@transaction.atomic
def safeguard_complete(*, actor: Any, safeguard: Safeguard, status: str, note: str) -> Safeguard:
    """Record a safeguard as done, failed or not needed; the referral is done only by sending it."""
    if safeguard.status != SafeguardStatus.PENDING:
        raise ValidationError(_("This safeguard has been recorded already."))
    if status not in (SafeguardStatus.DONE, SafeguardStatus.FAILED, SafeguardStatus.NOT_NEEDED):
        raise ValidationError({"status": _("Choose what happened.")})
    if safeguard.kind == SafeguardKind.REFERRAL:
        raise ValidationError(_("The referral is recorded by sending the referral letter."))
    if safeguard.kind == SafeguardKind.REPRISAL_WATCH:
        raise ValidationError(
            _("The reprisal watch is not recorded by hand; it ends with its period.")
        )
    if status != SafeguardStatus.DONE and len(note.strip()) < 10:
        raise ValidationError({"note": _("Explain in a few words why.")})
    safeguard.status = status
    safeguard.note = note.strip()
    safeguard.completed_at = timezone.now()
    safeguard.completed_by = user_or_none(actor)
    safeguard.save()
    audit_record(
        actor=actor,
        action="allegation.safeguard",
        obj=safeguard.case,
        details={"safeguard": safeguard.kind, "status": status},
    )
    return safeguard
