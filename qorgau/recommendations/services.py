"""Writes of recommendations: issuing, editing, status changes, the authority's answers.

Views and API endpoints check who may act (access in selectors.py); these functions
check what is valid and keep the history and the audit trail.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.accounts.models import ApiClient, User
from qorgau.complaints.services import number_next
from qorgau.core import uploads
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Agency

from .choices import Priority, ResponseKind, Source, Status, Theme
from .models import Evidence, Recommendation, Response, StatusChange

# A status the NPM sets only with a reason in writing.
NOTE_REQUIRED = frozenset({Status.REJECTED, Status.NOT_IMPLEMENTED, Status.NOT_RELEVANT})

SMART_FIELDS = ("action", "addressee_agency", "responsible_unit", "indicator", "deadline")

MAX_EVIDENCE_FILES = 10


def _user(actor: Any) -> User | None:
    return actor if isinstance(actor, User) else None


def _smart_errors(values: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for name in SMART_FIELDS:
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = _("This field is required for a SMART recommendation.")
    agency = values.get("addressee_agency")
    if agency and agency not in Agency.values:
        errors["addressee_agency"] = _("Choose an agency from the list.")
    if values.get("priority") not in Priority.values:
        errors["priority"] = _("Choose a priority from the list.")
    if values.get("theme") not in Theme.values:
        errors["theme"] = _("Choose a theme from the list.")
    deadline = values.get("deadline")
    if isinstance(deadline, date) and creating and deadline < timezone.localdate():
        errors["deadline"] = _("The deadline cannot be in the past.")
    return errors


def _check_findings(visit: Any, findings: Iterable[Any]) -> list[Any]:
    findings = list(findings)
    if any(f.visit_id != visit.pk for f in findings):
        raise ValidationError({"findings": _("Link only findings of this visit.")})
    return findings


def report_is_draft(visit: Any) -> bool:
    """Recommendations of a visit are edited only while its report is a draft (or not begun)."""
    from qorgau.visits.choices import ReportStatus

    report = getattr(visit, "report", None) if _has_report(visit) else None
    return report is None or report.status == ReportStatus.DRAFT


def _has_report(visit: Any) -> bool:
    from qorgau.visits.models import Report

    try:
        visit.report  # noqa: B018 - the reverse one-to-one raises when absent
    except Report.DoesNotExist:
        return False
    return True


@transaction.atomic
def recommendation_create(
    *,
    actor: Any,
    visit: Any,
    action: str,
    addressee_agency: str,
    responsible_unit: str,
    indicator: str,
    deadline: date,
    priority: str,
    theme: str,
    standards: str = "",
    findings: Sequence[Any] = (),
) -> Recommendation:
    """Issue a SMART recommendation of a visit; its history starts at "not started"."""
    values = {
        "action": action,
        "addressee_agency": addressee_agency,
        "responsible_unit": responsible_unit,
        "indicator": indicator,
        "deadline": deadline,
        "priority": priority,
        "theme": theme,
    }
    errors = _smart_errors(values, creating=True)
    if errors:
        raise ValidationError(errors)
    if not report_is_draft(visit):
        raise ValidationError(_("The report has left the draft: recommendations are fixed."))
    linked = _check_findings(visit, findings)
    now = timezone.now()
    rec = Recommendation.objects.create(
        number=number_next(prefix="REC", year=now.year),
        source=Source.NPM,
        visit=visit,
        facility=visit.facility,
        action=action.strip(),
        addressee_agency=addressee_agency,
        responsible_unit=responsible_unit.strip(),
        indicator=indicator.strip(),
        deadline=deadline,
        priority=priority,
        theme=theme,
        standards=(standards or "").strip(),
        order=visit.recommendations.count() + 1,
        status=Status.NOT_STARTED,
        status_at=now,
        created_by=_user(actor),
    )
    if linked:
        rec.findings.set(linked)
    StatusChange.objects.create(
        recommendation=rec, status=Status.NOT_STARTED, at=now, by=_user(actor)
    )
    audit_record(
        actor=actor,
        action="recommendation.create",
        obj=rec,
        details={"visit": str(visit.uuid), "theme": theme, "priority": priority},
    )
    return rec


@transaction.atomic
def recommendation_update(
    *,
    actor: Any,
    recommendation: Recommendation,
    action: str,
    addressee_agency: str,
    responsible_unit: str,
    indicator: str,
    deadline: date,
    priority: str,
    theme: str,
    standards: str = "",
    findings: Sequence[Any] = (),
) -> Recommendation:
    """Edit a recommendation while its visit's report is still a draft."""
    rec = recommendation
    if rec.visit is None or not report_is_draft(rec.visit):
        raise ValidationError(_("The report has left the draft: recommendations are fixed."))
    values = {
        "action": action,
        "addressee_agency": addressee_agency,
        "responsible_unit": responsible_unit,
        "indicator": indicator,
        "deadline": deadline,
        "priority": priority,
        "theme": theme,
    }
    # A deadline already set may stay as it was; a changed one must not be in the past.
    errors = _smart_errors(values, creating=deadline != rec.deadline)
    if errors:
        raise ValidationError(errors)
    linked = _check_findings(rec.visit, findings)
    changed = [k for k, v in values.items() if getattr(rec, k) != v]
    for key, value in values.items():
        setattr(rec, key, value.strip() if isinstance(value, str) else value)
    rec.standards = (standards or "").strip()
    rec.save()
    rec.findings.set(linked)
    audit_record(actor=actor, action="recommendation.update", obj=rec, details={"changed": changed})
    return rec


@transaction.atomic
def recommendation_delete(*, actor: Any, recommendation: Recommendation) -> None:
    """Withdraw a recommendation while the report is a draft (nobody has answered it yet)."""
    rec = recommendation
    if rec.visit is None or not report_is_draft(rec.visit):
        raise ValidationError(_("The report has left the draft: recommendations are fixed."))
    if rec.responses.exists():
        raise ValidationError(_("The authority has answered this recommendation."))
    audit_record(actor=actor, action="recommendation.delete", obj=rec, details={})
    rec.delete()


@transaction.atomic
def recommendation_set_status(
    *,
    actor: Any,
    recommendation: Recommendation,
    status: str,
    note: str = "",
    verified_on: Any = None,
) -> Recommendation:
    """The NPM's status of a recommendation, by a coordinator's decision or a follow-up visit."""
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    note = (note or "").strip()
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status in NOTE_REQUIRED and not note:
        raise ValidationError({"note": _("Explain this status in a note.")})
    if verified_on is not None:
        if rec.facility_id is None or verified_on.facility_id != rec.facility_id:
            raise ValidationError(_("Only a visit to the same place can verify a recommendation."))
        issued_on = rec.visit
        if verified_on.pk == rec.visit_id or (
            issued_on is not None
            and issued_on.start_date
            and verified_on.start_date
            and verified_on.start_date < issued_on.start_date
        ):
            raise ValidationError(_("A recommendation is verified on a later visit."))
    elif status == rec.status:
        raise ValidationError({"status": _("The recommendation already has this status.")})
    now = timezone.now()
    previous = rec.status
    rec.status = status
    rec.status_at = now
    rec.save(update_fields=["status", "status_at", "updated_at"])
    StatusChange.objects.create(
        recommendation=rec,
        status=status,
        at=now,
        by=_user(actor),
        note=note,
        verified_on=verified_on,
    )
    audit_record(
        actor=actor,
        action="recommendation.status",
        obj=rec,
        details={
            "from": previous,
            "to": status,
            "verified_on": str(verified_on.uuid) if verified_on is not None else None,
        },
    )
    recommendation.status, recommendation.status_at = rec.status, rec.status_at
    return rec


@transaction.atomic
def response_add(
    *,
    actor: Any,
    recommendation: Recommendation,
    kind: str,
    text: str,
    planned_by: date | None = None,
    reported_status: str = "",
    files: Sequence[Any] = (),
) -> Response:
    """The authority's answer: an action plan first, then progress reports with evidence."""
    rec = recommendation
    text = (text or "").strip()
    errors: dict[str, Any] = {}
    if kind not in ResponseKind.values:
        errors["kind"] = _("Choose the kind of answer.")
    if not text:
        errors["text"] = _("Write the answer.")
    if reported_status and reported_status not in Status.values:
        errors["reported_status"] = _("Choose a status from the list.")
    if (
        kind == ResponseKind.PROGRESS
        and not rec.responses.filter(kind=ResponseKind.ACTION_PLAN).exists()
    ):
        errors["kind"] = _("Send the action plan before the first progress report.")
    if kind == ResponseKind.ACTION_PLAN and planned_by is None:
        errors["planned_by"] = _("Say by when the plan will be carried out.")
    if len(files) > MAX_EVIDENCE_FILES:
        errors["files"] = _("Attach at most %(n)d files.") % {"n": MAX_EVIDENCE_FILES}
    if errors:
        raise ValidationError(errors)
    # Check every file before writing anything: a bad file changes nothing.
    checked = [_evidence_checked(f) for f in files]
    response = Response.objects.create(
        recommendation=rec,
        kind=kind,
        text=text,
        planned_by=planned_by,
        reported_status=reported_status or "",
        by=_user(actor),
        api_client=actor if isinstance(actor, ApiClient) else None,
        at=timezone.now(),
    )
    for name, data, content_type in checked:
        Evidence.objects.create(
            response=response,
            storage_name=uploads.store(data, content_type, folder="recommendations"),
            name=name,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    audit_record(
        actor=actor,
        action="recommendation.respond",
        obj=rec,
        details={
            "response": str(response.uuid),
            "kind": kind,
            "reported_status": reported_status or "",
            "files": len(checked),
        },
    )
    return response


def _evidence_checked(upload: Any) -> tuple[str, bytes, str]:
    """(name, bytes, type) of one evidence file: size limited, type sniffed, images re-encoded."""
    try:
        data = uploads.read_limited(upload)
        content_type = uploads.sniff(data)
        if content_type is None:
            raise ValidationError(_("Attach PDF, JPEG, PNG or plain text files only."))
        if content_type in (uploads.JPEG, uploads.PNG):
            data = uploads.clean_image(data, content_type)
    except ValidationError as exc:
        raise ValidationError({"files": exc.messages}) from exc
    return uploads.safe_name(getattr(upload, "name", "")), data, content_type
