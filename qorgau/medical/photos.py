"""Photographs of injuries: taken only with specific consent, cleaned, hashed, read under rule.

A photograph is a JPEG or PNG checked by its content and written again from its
pixels (no EXIF, no GPS: qorgau/core/uploads.py). Medical staff in scope see
ordinary photographs; an intimate one (flagged, or of the genital area or
buttocks) is read only by the examiner of its examination, and stays out of every
report. Every read is audited.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from qorgau.core.audit import audit_record
from qorgau.core.uploads import (
    EXTENSIONS,
    JPEG,
    PNG,
    clean_image,
    read_limited,
    sniff,
    storage,
    stored,
)

from .models import INTIMATE_REGIONS, Examination, ExaminationPhoto, Injury


def is_intimate(*, intimate: bool, injury: Injury | None) -> bool:
    return intimate or (injury is not None and injury.body_region in INTIMATE_REGIONS)


def photo_add(
    *,
    actor: Any,
    examination: Examination,
    upload: Any,
    consent: bool,
    injury: Injury | None = None,
    caption: str = "",
    intimate: bool = False,
    with_scale: bool = True,
) -> ExaminationPhoto:
    """Keep a photograph of the examination; without specific consent nothing is stored."""
    if not consent:
        raise ValidationError(
            {"consent": _("A photograph needs the person's specific consent to it.")}
        )
    if not examination.consent:
        raise ValidationError(_("The person refused the examination: no photographs."))
    if injury is not None and injury.examination_id != examination.pk:
        raise ValidationError({"injury": _("This injury belongs to another examination.")})
    data = read_limited(upload)
    content_type = sniff(data)
    if content_type not in (JPEG, PNG):
        raise ValidationError({"upload": _("A photograph must be a JPEG or PNG image.")})
    original_sha256 = hashlib.sha256(data).hexdigest()
    if examination.photos.filter(original_sha256=original_sha256).exists():
        raise ValidationError({"upload": _("This photograph is already kept.")})
    data = clean_image(data, content_type)
    try:
        with stored(data, content_type, folder="medical") as name, transaction.atomic():
            photo = ExaminationPhoto.objects.create(
                examination=examination,
                injury=injury,
                storage_name=name,
                content_type=content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                original_sha256=original_sha256,
                caption=caption.strip()[:200],
                intimate=is_intimate(intimate=intimate, injury=injury),
                with_scale=with_scale,
                consent=True,
                taken_by=actor,
            )
            audit_record(
                actor=actor,
                action="medical.photo.add",
                obj=examination,
                details={
                    "photo": str(photo.uuid),
                    "sha256": photo.sha256,
                    "intimate": photo.intimate,
                },
            )
    except IntegrityError as exc:
        raise ValidationError({"upload": _("This photograph is already kept.")}) from exc
    return photo


def may_see(user: Any, photo: ExaminationPhoto) -> bool:
    """Intimate photographs: their examiner alone. Others: whoever may read the examination."""
    return not photo.intimate or photo.examination.examiner_id == getattr(user, "pk", None)


def photo_get(*, user: Any, examination: Examination, uuid: Any) -> ExaminationPhoto:
    """A photograph of an examination the user may read, under the intimate rule; audited."""
    photo = examination.photos.filter(uuid=uuid).first()
    if photo is None or not may_see(user, photo):
        raise Http404
    audit_record(
        actor=user, action="medical.photo.read", obj=examination, details={"photo": str(photo.uuid)}
    )
    return photo


def photo_bytes(photo: ExaminationPhoto) -> bytes:
    with storage().open(photo.storage_name, "rb") as f:
        return f.read()


def download_name(photo: ExaminationPhoto) -> str:
    """A file name that names no one."""
    return f"photo-{str(photo.uuid)[:8]}{EXTENSIONS[photo.content_type]}"
