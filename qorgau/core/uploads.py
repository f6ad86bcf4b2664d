"""Uploaded files: checked by content, images cleaned of metadata, stored out of reach.

A file is accepted only when its first bytes say what it is, whatever its name
or declared type. Images are decoded and written again from their pixels alone,
so that EXIF (GPS position, camera, time) and any other metadata are gone.
Files go to the private "attachments" storage under random names and are read
back only through a service that checks scope and writes an audit entry.
"""

from __future__ import annotations

import io
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


def read_limited(upload: Any) -> bytes:
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


def safe_name(name: str) -> str:
    # Keep what helps staff recognise the file; drop any path and control characters.
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-200:] or "file"


def store(data: bytes, content_type: str, folder: str = "") -> str:
    """Save `data` under a random name in the private storage; the name actually used."""
    name = f"{secrets.token_hex(1)}/{secrets.token_hex(20)}{EXTENSIONS[content_type]}"
    return storage().save(f"{folder}/{name}" if folder else name, ContentFile(data))


@contextmanager
def stored(data: bytes, content_type: str, folder: str = "") -> Iterator[str]:
    """`store` for a block that writes the file's row: the name, and the file removed
    again if the block fails, so that no file is kept without its row."""
    name = store(data, content_type, folder)
    try:
        yield name
    except BaseException:
        storage().delete(name)
        raise


def file_response(storage_name: str, content_type: str, filename: str, inline: bool = False):
    """A stored file for download (or inline for images), sandboxed so that it runs nothing."""
    response = FileResponse(
        storage().open(storage_name, "rb"),
        as_attachment=not inline,
        filename=filename,
        content_type=content_type + ("; charset=utf-8" if content_type == TEXT else ""),
    )
    # Opened by mistake in the browser, the file still runs nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
