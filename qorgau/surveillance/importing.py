"""The camera registry from a video system's export (CSV or JSON): all rows or none.

Every row is checked before anything is written, and a rejected file comes back
with each error by line (CSV) or item (JSON) and field. Rows are matched to the
registry by facility and camera code: new cameras are created, known ones
updated. Built for a national export of about 40,000 rows: one query per table
to read what exists, validation in memory, bulk writes in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from django.db import connections, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.access import scope_for
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.facilities.models import Facility, Zone
from qorgau.facilities.services import ImportRejected, ImportReport

from .choices import CameraKind, RecordingMode
from .models import Camera

COLUMNS = ("facility", "code", "vms_id")
OPTIONAL = ("zone", "stream_path", "kind", "recording", "retention_days", "installed_on", "active")
FIELDS = (
    "zone",
    "vms_id",
    "stream_path",
    "kind",
    "recording",
    "retention_days",
    "installed_on",
    "active",
)
_TRUE, _FALSE = {"", "1", "true", "yes", "да", "иә"}, {"0", "false", "no", "нет", "жоқ"}
BATCH = 2000


@dataclass
class _Known:
    facilities: dict[str, Facility]
    zones: dict[tuple[int, str], Zone]
    cameras: dict[tuple[int, str], Camera]
    vms_ids: dict[tuple[int, str], str] = field(default_factory=dict)  # → camera code


def _rows(data: bytes, fmt: str) -> list[dict[str, Any]]:
    text = data.decode("utf-8-sig")
    if fmt == "json":
        rows = json.loads(text)
        if isinstance(rows, dict):
            rows = rows.get("cameras", [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError(_('A JSON export is a list of cameras, or {"cameras": [...]}.'))
        return rows
    return list(csv.DictReader(io.StringIO(text)))


def _known(actor: Any) -> _Known:
    scope = scope_for(actor, Cap.SURVEILLANCE_MANAGE) if actor is not None else None
    facilities = Facility.objects.all() if scope is None else Facility.objects.filter(scope.q())
    by_code = {f.code: f for f in facilities.only("id", "code", "region_id")}
    zones = {
        (z.facility_id, z.name.casefold()): z
        for z in Zone.objects.filter(facility__in=by_code.values()).only(
            "id", "facility_id", "name"
        )
    }
    cameras = {
        (c.facility_id, c.code): c for c in Camera.objects.filter(facility__in=by_code.values())
    }
    known = _Known(by_code, zones, cameras)
    known.vms_ids = {(c.facility_id, c.vms_id): c.code for c in cameras.values()}
    return known


def _text(row: dict, name: str, limit: int) -> tuple[str, str | None]:
    value = str(row.get(name) if row.get(name) is not None else "").strip()
    if len(value) > limit:
        return value, _("Longer than %(n)d characters.") % {"n": limit}
    return value, None


_VALUES = {CameraKind: frozenset(CameraKind.values), RecordingMode: frozenset(RecordingMode.values)}


def _choice(value: str, choices: Any, default: str) -> tuple[str, str | None]:
    value = value.strip().lower() or default
    if value not in _VALUES[choices]:
        return value, _("One of: %(values)s.") % {"values": ", ".join(choices.values)}
    return value, None


def _check_row(row: dict, known: _Known) -> tuple[dict | None, list[tuple[str, str]]]:
    """The row as camera fields, or its errors (field, message)."""
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    for name, limit in (("facility", 32), ("code", 64), ("vms_id", 128), ("stream_path", 255)):
        values[name], error = _text(row, name, limit)
        if error:
            errors.append((name, error))
        elif not values[name] and name in COLUMNS:
            errors.append((name, _("Required.")))
    facility = known.facilities.get(values["facility"])
    if values["facility"] and facility is None:
        errors.append(
            ("facility", _("No facility with this code in your scope: %s") % values["facility"])
        )
    zone_name = str(row.get("zone") or "").strip()
    values["zone"] = None
    if zone_name and facility is not None:
        values["zone"] = known.zones.get((facility.pk, zone_name.casefold()))
        if values["zone"] is None:
            errors.append(("zone", _("No zone of this name at the facility: %s") % zone_name))
    values["kind"], error = _choice(str(row.get("kind") or ""), CameraKind, CameraKind.FIXED)
    if error:
        errors.append(("kind", error))
    values["recording"], error = _choice(
        str(row.get("recording") or ""), RecordingMode, RecordingMode.RECORDED
    )
    if error:
        errors.append(("recording", error))
    retention = str(row.get("retention_days") or "").strip()
    values["retention_days"] = None
    if retention:
        if not retention.isdigit() or not 1 <= int(retention) <= 3650:
            errors.append(("retention_days", _("Whole days between 1 and 3650.")))
        else:
            values["retention_days"] = int(retention)
    installed = str(row.get("installed_on") or "").strip()
    values["installed_on"] = None
    if installed:
        try:
            values["installed_on"] = date.fromisoformat(installed)
        except ValueError:
            errors.append(("installed_on", _("A date as YYYY-MM-DD.")))
    active = str(row.get("active") if row.get("active") is not None else "").strip().lower()
    if active not in _TRUE | _FALSE:
        errors.append(("active", _("Yes or no.")))
    values["active"] = active in _TRUE
    values["facility"] = facility
    return (None if errors else values), errors


def _vms_id_clashes(valid: list[dict], lines: dict, known: _Known) -> list[tuple[int, str, str]]:
    """A video-system id used by a camera that the file leaves as it is."""
    in_file = {(v["facility"].pk, v["code"]) for v in valid}
    errors = []
    for v in valid:
        owner = known.vms_ids.get((v["facility"].pk, v["vms_id"]))
        if owner is not None and owner != v["code"] and (v["facility"].pk, owner) not in in_file:
            line = lines[(v["facility"].pk, v["code"])]
            message = _("Already the id of camera %(code)s.") % {"code": owner}
            errors.append((line, "vms_id", message))
    return errors


def cameras_import(*, actor: Any, data: bytes, fmt: str = "csv") -> ImportReport:
    """Validate every camera, then create or update all of them or none; one audit entry."""
    report = ImportReport()
    try:
        rows = _rows(data, fmt)
    except (ValueError, UnicodeDecodeError) as exc:
        report.errors.append((1, "file", str(exc) or _("The file cannot be read.")))
        raise ImportRejected(report) from exc
    if fmt == "csv" and rows and (missing := [c for c in COLUMNS if c not in rows[0]]):
        report.errors.append((1, "header", _("Missing columns: %s") % ", ".join(missing)))
        raise ImportRejected(report)
    known = _known(actor)
    first = 2 if fmt == "csv" else 1  # the line after the header; the JSON item's number
    seen: dict[tuple[int, str], int] = {}
    seen_vms: dict[tuple[int, str], int] = {}
    valid = []
    for line, row in enumerate(rows, start=first):
        report.rows += 1
        values, errors = _check_row(row, known)
        report.errors.extend((line, name, message) for name, message in errors)
        if values is None:
            continue
        key = (values["facility"].pk, values["code"])
        vms_key = (values["facility"].pk, values["vms_id"])
        if key in seen:
            report.errors.append((line, "code", _("Repeats line %(line)d.") % {"line": seen[key]}))
            continue
        if vms_key in seen_vms:
            report.errors.append(
                (line, "vms_id", _("Repeats line %(line)d.") % {"line": seen_vms[vms_key]})
            )
            continue
        seen[key], seen_vms[vms_key] = line, line
        valid.append(values)
    if not report.rows:
        report.errors.append((1, "file", _("The file has no cameras.")))
    report.errors.extend(_vms_id_clashes(valid, seen, known))
    if report.errors:
        raise ImportRejected(report)
    _write(actor=actor, valid=valid, known=known, report=report, sha256=hashlib.sha256(data))
    return report


def _differs(camera: Camera, values: dict) -> bool:
    zone = values["zone"]
    if camera.zone_id != (zone.pk if zone is not None else None):  # no query for the zone
        return True
    return any(getattr(camera, f) != values[f] for f in FIELDS if f != "zone")


@transaction.atomic
def _write(*, actor: Any, valid: list[dict], known: _Known, report: ImportReport, sha256) -> None:
    new, changed, moving = [], [], []
    for values in valid:
        camera = known.cameras.get((values["facility"].pk, values["code"]))
        if camera is None:
            new.append(values)
            continue
        if _differs(camera, values):
            if camera.vms_id != values["vms_id"]:
                moving.append(camera.pk)
            for f in FIELDS:
                setattr(camera, f, values[f])
            changed.append(camera)
    # vms_id is unique per facility: ids moving between known cameras must not collide midway.
    Camera.objects.filter(pk__in=moving).update(
        vms_id=Concat(Value("~"), Cast("id", output_field=CharField()))
    )
    _insert(new)
    Camera.objects.bulk_update(changed, FIELDS, batch_size=BATCH)
    report.created, report.updated = len(new), len(changed)
    audit_record(
        actor=actor,
        action="surveillance.cameras.import",
        details={
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "sha256": sha256.hexdigest(),
        },
    )


# Written as they are; the facility and zone as their ids (FIELDS[0] is the zone).
_PLAIN = ("code", *FIELDS[1:])


def _insert(new: list[dict]) -> None:
    """New cameras as plain rows: building 40,000 model instances was most of an import.

    Text, numbers and booleans go to the database as they are; the uuid and the
    installation date through their field's own conversion, as bulk_create would do.
    A new camera's other columns take the model's defaults (online, no status time).
    """
    if not new:
        return
    meta = Camera._meta
    db = connections[Camera.objects.db]  # the connection itself, not the per-thread proxy
    uuid_to_db = partial(meta.get_field("uuid").get_db_prep_save, connection=db)
    date_to_db = partial(meta.get_field("installed_on").get_db_prep_save, connection=db)
    now = meta.get_field("created_at").get_db_prep_save(timezone.now(), db)
    status = meta.get_field("status").get_default()
    columns = [
        "created_at",
        "updated_at",
        "uuid",
        "status",
        "facility_id",
        "zone_id",
        *_PLAIN,
    ]
    # Table and column names from the model, quoted; values as parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        db.ops.quote_name(meta.db_table),
        ", ".join(db.ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = []
    for v in new:
        row = [now, now, uuid_to_db(uuid.uuid4()), status, v["facility"].pk]
        row.append(v["zone"].pk if v["zone"] is not None else None)
        row.extend(v[name] for name in _PLAIN)
        rows.append(row)
    at = columns.index("installed_on")
    for row in rows:
        if row[at] is not None:
            row[at] = date_to_db(row[at])
    with db.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
