"""Files attached to complaints: checked by content, images cleaned, hashed, stored out of reach.

A file is accepted only when its first bytes say it is a PDF, a JPEG, a PNG or
UTF-8 plain text, whatever its name or declared type. Images are decoded and
written again from their pixels alone, so that EXIF (GPS position, camera,
time) and any other metadata are gone. The file goes to the "attachments"
storage under a random name; it is read back only through
`attachment_get_for_user`, which checks scope and capability and writes an
audit entry.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record
from qorgau.core.uploads import (
    EXTENSIONS,
    JPEG,
    PNG,
    clean_image,
    read_limited,
    safe_name,
    sniff,
    stored,
)

from .models import Complaint, ComplaintAttachment, ComplaintEvent


def attachment_add(
    *, actor: Any, complaint: Complaint, upload: Any, description: str = ""
) -> ComplaintAttachment:
    """Check, clean, hash and store an uploaded file; bad input changes nothing."""
    data = read_limited(upload)
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPEG, PNG and plain text (UTF-8) files can be attached."),
            code="type",
        )
    original_sha256 = hashlib.sha256(data).hexdigest()
    if content_type in (JPEG, PNG):
        data = clean_image(data, content_type)
    if complaint.attachments.filter(original_sha256=original_sha256).exists():
        raise ValidationError(_("This file is already attached to the complaint."))
    try:
        with stored(data, content_type) as name:
            return _record(
                actor=actor,
                complaint=complaint,
                stored=name,
                data=data,
                content_type=content_type,
                original_sha256=original_sha256,
                original_name=safe_name(getattr(upload, "name", "")),
                description=description.strip()[:200],
            )
    except IntegrityError as exc:
        raise ValidationError(_("This file is already attached to the complaint.")) from exc


@transaction.atomic
def _record(
    *, actor: Any, complaint: Complaint, stored: str, data: bytes, original_name: str, **fields: Any
) -> ComplaintAttachment:
    attachment = ComplaintAttachment.objects.create(
        complaint=complaint,
        storage_name=stored,
        original_name=original_name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user_or_none(actor),
        **fields,
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.ATTACHMENT,
        text=f"{original_name} ({filesizeformat(len(data))}, SHA-256 {attachment.sha256[:16]}…)",
    )
    audit_record(
        actor=actor,
        action="complaint.attachment.add",
        obj=complaint,
        details={
            "attachment": str(attachment.uuid),
            "type": attachment.content_type,
            "size": attachment.size,
            "sha256": attachment.sha256,
        },
    )
    return attachment


def attachment_get_for_user(*, user: Any, number: str, uuid: Any) -> ComplaintAttachment:
    """The attachment if its complaint is in the user's scope, else 404; the read is audited."""
    from .selectors import complaint_scope

    attachment = (
        ComplaintAttachment.objects.select_related("complaint")
        .filter(complaint__in=complaint_scope(user, Cap.COMPLAINT_VIEW), complaint__number=number)
        .filter(uuid=uuid)
        .first()
    )
    if attachment is None:
        raise Http404
    audit_record(
        actor=user,
        action="complaint.attachment.read",
        obj=attachment.complaint,
        details={"attachment": str(attachment.uuid), "sha256": attachment.sha256},
    )
    return attachment


def download_name(attachment: ComplaintAttachment) -> str:
    """A file name that names no one: the complaint's number and a part of the file's id."""
    return f"{attachment.complaint.number}-{str(attachment.uuid)[:8]}" + EXTENSIONS.get(
        attachment.content_type, ""
    )
