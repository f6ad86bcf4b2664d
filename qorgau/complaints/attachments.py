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
import io
import secrets
import warnings
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import user_or_none
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from .models import Complaint, ComplaintAttachment, ComplaintEvent

PDF, JPEG, PNG, TEXT = "application/pdf", "image/jpeg", "image/png", "text/plain"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", TEXT: ".txt"}
# Larger images are refused rather than decoded: a small file can unpack to gigabytes.
MAX_PIXELS = 60_000_000
# Control characters that have no business in a text file (tab, newlines and form feed are fine).
_CONTROL = set(range(32)) - {9, 10, 12, 13}


def storage():
    return storages["attachments"]


def sniff(data: bytes) -> str | None:
    """The type of `data` by its content, or None when it is none of the accepted ones."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if text.strip() and not any(ord(ch) in _CONTROL for ch in text):
        return TEXT
    return None


def _pillow():
    try:
        from PIL import Image, ImageOps
    except ImportError:  # pragma: no cover - Pillow is a dependency
        return None, None
    return Image, ImageOps


def clean_image(data: bytes, content_type: str) -> bytes:
    """The image written again from its pixels only: no EXIF, GPS, comments or profiles."""
    Image, ImageOps = _pillow()
    if Image is None:  # pragma: no cover
        raise ValidationError(_("Images cannot be accepted on this server."))
    fmt = "JPEG" if content_type == JPEG else "PNG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if img.format != fmt:
                    raise ValueError(img.format)
                if img.width * img.height > MAX_PIXELS:
                    raise ValueError("too many pixels")
                img.load()
                # Turn the picture as the camera said before that note is dropped.
                img = ImageOps.exif_transpose(img)
                keep = ("L", "RGB", "CMYK") if fmt == "JPEG" else ("1", "L", "LA", "RGB", "RGBA")
                if img.mode not in keep:
                    img = img.convert("RGBA" if fmt == "PNG" else "RGB")
                bare = Image.frombytes(img.mode, img.size, img.tobytes())
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as exc:
        raise ValidationError(
            _("The image cannot be read or is too large. Scan it again or save it as PDF.")
        ) from exc
    out = io.BytesIO()
    if fmt == "JPEG":
        bare.save(out, "JPEG", quality=90, optimize=True)
    else:
        bare.save(out, "PNG", optimize=True)
    return out.getvalue()


def _read_limited(upload: Any) -> bytes:
    limit = settings.QORGAU_ATTACHMENT_MAX_BYTES
    too_big = ValidationError(
        _("The file is larger than %(max)s.") % {"max": filesizeformat(limit)}, code="too_big"
    )
    if upload.size is not None and upload.size > limit:
        raise too_big
    data = b"".join(upload.chunks())
    if len(data) > limit:
        raise too_big
    if not data:
        raise ValidationError(_("The file is empty."))
    return data


def _safe_name(name: str) -> str:
    # Keep what helps staff recognise the file; drop any path and control characters.
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-200:] or "file"


def attachment_add(
    *, actor: Any, complaint: Complaint, upload: Any, description: str = ""
) -> ComplaintAttachment:
    """Check, clean, hash and store an uploaded file; bad input changes nothing."""
    data = _read_limited(upload)
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
    name = f"{secrets.token_hex(1)}/{secrets.token_hex(20)}{EXTENSIONS[content_type]}"
    stored = storage().save(name, ContentFile(data))
    try:
        return _record(
            actor=actor,
            complaint=complaint,
            stored=stored,
            data=data,
            content_type=content_type,
            original_sha256=original_sha256,
            original_name=_safe_name(getattr(upload, "name", "")),
            description=description.strip()[:200],
        )
    except IntegrityError as exc:
        storage().delete(stored)
        raise ValidationError(_("This file is already attached to the complaint.")) from exc
    except BaseException:
        # Nothing is kept of a file whose record was not written.
        storage().delete(stored)
        raise


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
