"""Writes to places of detention. Each runs in one transaction with its audit entry."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record

from .models import DEFAULT_ZONE_RISK, Facility, PopulationCount, RiskLevel, Zone


def zone_check(*, zone: Zone | None, facility: Facility) -> None:
    """Refuse a zone that is not of `facility` (None is fine: no zone given)."""
    if zone is not None and zone.facility_id != facility.pk:
        raise ValidationError({"zone": _("The zone belongs to another facility.")})


@transaction.atomic
def zone_create(
    *, actor: Any, facility: Facility, kind: str, name: str, risk_level: str = ""
) -> Zone:
    """Add a zone to a facility; the risk level defaults from the zone's kind."""
    zone = Zone(
        facility=facility,
        kind=kind,
        name=name,
        risk_level=risk_level or DEFAULT_ZONE_RISK.get(kind, RiskLevel.LOW),
    )
    zone.full_clean()
    zone.save()
    audit_record(
        actor=actor, action="zone.create", obj=zone, details={"facility": str(facility.uuid)}
    )
    return zone


@transaction.atomic
def population_record(
    *,
    actor: Any,
    facility: Facility,
    on: date,
    men: int,
    women: int,
    juveniles: int,
    convicted: int,
    remand: int,
) -> PopulationCount:
    """Record (or correct) the headcount of a facility on a date."""
    total = men + women
    errors = {}
    if juveniles > total:
        errors["juveniles"] = _("Juveniles cannot exceed the total of men and women.")
    if convicted + remand != total:
        errors["remand"] = _("Convicted and remand must add up to men and women.")
    if errors:
        raise ValidationError(errors)
    count, created = PopulationCount.objects.update_or_create(
        facility=facility,
        date=on,
        defaults={
            "men": men,
            "women": women,
            "juveniles": juveniles,
            "convicted": convicted,
            "remand": remand,
            "capacity": facility.capacity,
        },
    )
    audit_record(
        actor=actor,
        action="population.record" if created else "population.correct",
        obj=facility,
        details={
            "date": on.isoformat(),
            "men": men,
            "women": women,
            "juveniles": juveniles,
            "convicted": convicted,
            "remand": remand,
        },
    )
    return count


# --- CSV import -------------------------------------------------------------

IMPORT_COLUMNS = [
    "code",
    "name_kk",
    "name_ru",
    "name_en",
    "type",
    "agency",
    "regime",
    "region",
    "address",
    "capacity",
    "status",
]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, message)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportRejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.errors)} error(s)")
        self.report = report


def facility_import_csv(*, actor: Any, stream: io.TextIOBase) -> ImportReport:
    """Validate every row, then import all of them or none (create or update by code)."""
    from .forms import FacilityImportRowForm

    report = ImportReport()
    reader = csv.DictReader(stream)
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, "header", _("Missing columns: %s") % ", ".join(missing)))
        raise ImportRejected(report)
    valid: list[dict] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        report.rows += 1
        form = FacilityImportRowForm(data={k: (v or "").strip() for k, v in row.items() if k})
        if not form.is_valid():
            for name, msgs in form.errors.items():
                report.errors.extend((line, name, m) for m in msgs)
            continue
        code = form.cleaned_data["code"]
        if code in seen:
            report.errors.append(
                (
                    line,
                    "code",
                    _("Code %(code)s repeats line %(line)d.") % {"code": code, "line": seen[code]},
                )
            )
            continue
        seen[code] = line
        valid.append(form.cleaned_data)
    if not report.rows:
        report.errors.append((1, "file", _("The file has no data rows.")))
    if report.errors:
        raise ImportRejected(report)
    with transaction.atomic():
        for data in valid:
            code = data.pop("code")
            facility, created = Facility.objects.update_or_create(code=code, defaults=data)
            report.created += created
            report.updated += not created
            audit_record(
                actor=actor,
                action="facility.import.create" if created else "facility.import.update",
                obj=facility,
            )
    return report
