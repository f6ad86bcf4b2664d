"""Writes of medical examinations, and the safeguard that sends findings to a case file."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qorgau.allegations import selectors as allegation_selectors
from qorgau.allegations import services as allegation_services
from qorgau.allegations.choices import SourceKind
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility

from .choices import CONSISTENT_OR_STRONGER, ExaminationKind, PsychSign
from .models import Examination, Injury
from .signals import examination_recorded

# An open case file of the person at the same place, known this recently, is joined
# rather than a new one opened: the same event seen again by the doctor.
JOIN_WINDOW = timedelta(days=30)

INJURY_FIELDS = (
    "body_region",
    "side",
    "kind",
    "size_cm",
    "colour",
    "shape",
    "estimated_age",
    "consistency",
    "chart_x",
    "chart_y",
)


def _held_there(person: Any, facility: Facility) -> bool:
    return (
        person.current_facility_id == facility.pk
        or person.placements.filter(facility=facility).exists()
    )


def _check(
    *,
    person: Any,
    facility: Facility,
    examined_at: datetime,
    consent: bool,
    findings: str,
    injuries: list[dict],
    psych_signs: list[str],
) -> None:
    if examined_at > timezone.now():
        raise ValidationError({"examined_at": _("An examination cannot take place in the future.")})
    if not _held_there(person, facility):
        raise ValidationError(_("This person is not and has not been held at this place."))
    if not consent and (findings.strip() or injuries):
        msg = _("Without consent, record only the refusal: no findings, no injuries.")
        raise ValidationError({"consent": msg})
    unknown = set(psych_signs) - set(PsychSign.values)
    if unknown:
        raise ValidationError({"psych_signs": _("Unknown psychological sign.")})


def needs_case_file(examination: Examination, injuries: int) -> bool:
    """Whether the findings may indicate ill-treatment (the three triggers of the safeguard)."""
    return bool(
        (examination.alleges_ill_treatment and injuries)
        or examination.conclusion in CONSISTENT_OR_STRONGER
        or (
            examination.kind == ExaminationKind.RETURN_FROM_POLICE
            and examination.injuries_unexplained
            and injuries
        )
    )


def _case_summary(examination: Examination, injuries: int) -> str:
    # Facts only: the account and findings stay in the medical record.
    summary = ngettext(
        "Medical examination (%(kind)s) on %(date)s: %(count)s injury recorded.",
        "Medical examination (%(kind)s) on %(date)s: %(count)s injuries recorded.",
        injuries,
    ) % {
        "kind": examination.get_kind_display(),
        "date": timezone.localtime(examination.examined_at).strftime("%Y-%m-%d %H:%M"),
        "count": injuries,
    }
    if examination.conclusion:
        summary += " " + _("Conclusion: %(conclusion)s.") % {
            "conclusion": examination.get_conclusion_display()
        }
    if examination.alleges_ill_treatment:
        summary += " " + _("The person alleges ill-treatment.")
    return summary


def _open_or_join_case(*, actor: Any, examination: Examination, injuries: int) -> str:
    reference = str(examination.uuid)
    case = allegation_selectors.open_case_of_victim(
        person=examination.person,
        facility=examination.facility,
        since=examination.examined_at - JOIN_WINDOW,
    )
    if case is not None:
        allegation_services.case_link_source(
            actor=actor, case=case, kind=SourceKind.EXAMINATION, reference=reference
        )
        return case.number
    # The new file's referral safeguard (24 hours) is the notification to the prosecutor.
    case = allegation_services.case_open(
        actor=actor,
        facility=examination.facility,
        summary=_case_summary(examination, injuries),
        known_at=examination.examined_at,
        source_kind=SourceKind.EXAMINATION,
        source_reference=reference,
    )
    allegation_services.victim_add(
        actor=actor, case=case, person=examination.person, consent_prosecutor=False
    )
    return case.number


@transaction.atomic
def examination_record(
    *,
    actor: Any,
    person: Any,
    facility: Facility,
    kind: str,
    examined_at: datetime,
    private: bool = True,
    others_present: str = "",
    consent: bool = True,
    account: str = "",
    alleges_ill_treatment: bool = False,
    findings: str = "",
    treatment: str = "",
    referrals: str = "",
    arrived_from: str = "",
    injuries_unexplained: bool = False,
    conclusion: str = "",
    told_of_independent_exam: bool = False,
    psych_signs: list[str] | None = None,
    psych_notes: str = "",
    interpretation: str = "",
    recommendations: str = "",
    consent_disclosure: bool = False,
    injuries: list[dict] | None = None,
) -> Examination:
    """Record an examination and its injuries; signs of ill-treatment open or join a case file."""
    injuries = injuries or []
    psych_signs = list(psych_signs or [])
    _check(
        person=person,
        facility=facility,
        examined_at=examined_at,
        consent=consent,
        findings=findings,
        injuries=injuries,
        psych_signs=psych_signs,
    )
    examination = Examination.objects.create(
        person=person,
        facility=facility,
        kind=kind,
        examined_at=examined_at,
        examiner=actor,
        private=private,
        others_present=others_present.strip(),
        consent=consent,
        account=account.strip(),
        alleges_ill_treatment=alleges_ill_treatment,
        findings=findings.strip(),
        treatment=treatment.strip(),
        referrals=referrals.strip(),
        arrived_from=arrived_from.strip(),
        injuries_unexplained=injuries_unexplained,
        conclusion=conclusion,
        told_of_independent_exam=told_of_independent_exam,
        psych_signs=psych_signs,
        psych_notes=psych_notes.strip(),
        interpretation=interpretation.strip(),
        recommendations=recommendations.strip(),
        consent_disclosure=consent_disclosure,
    )
    Injury.objects.bulk_create(
        Injury(examination=examination, **{k: i.get(k) for k in INJURY_FIELDS if k in i})
        for i in injuries
    )
    audit_record(
        actor=actor,
        action="medical.examination",
        obj=examination,
        details={"facility": str(facility.uuid), "kind": kind},
    )
    if needs_case_file(examination, len(injuries)):
        examination.case_reference = _open_or_join_case(
            actor=actor, examination=examination, injuries=len(injuries)
        )
        examination.notification_due_at = examined_at + timedelta(
            hours=settings.QORGAU_REFERRAL_HOURS
        )
        examination.save(update_fields=["case_reference", "notification_due_at", "updated_at"])
    examination_recorded.send(sender=Examination, examination=examination, actor=actor)
    return examination


@transaction.atomic
def notification_send(*, actor: Any, examination: Examination) -> Any:
    """Notify the prosecutor of findings of ill-treatment: the report, on the case file."""
    from . import documents

    if not examination.case_reference:
        raise ValidationError(
            _("Only findings that may indicate ill-treatment are notified to the prosecutor.")
        )
    if examination.notification_reference:
        raise ValidationError(_("The prosecutor has been notified of this examination already."))
    case = allegation_selectors.case_by_number(number=examination.case_reference)
    referral = allegation_services.referral_notify(
        actor=actor,
        case=case,
        source_reference=str(examination.uuid),
        render=lambda **when: documents.notification_pdfs(examination, **when),
    )
    examination.notification_reference = referral.number
    examination.save(update_fields=["notification_reference", "updated_at"])
    audit_record(
        actor=actor,
        action="medical.notify",
        obj=examination,
        details={"referral": referral.number, "named": referral.carries_identity},
    )
    return referral
