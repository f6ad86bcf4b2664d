"""The chain of custody of a preserved clip: each export, access and hand-over.

Each entry keeps the SHA-256 of the clip as it was at that moment. A hash that
differs from the one the video system confirmed is not refused: it is recorded,
because it is the evidence that the copy changed, and the pages flag it loudly.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.accounts.models import ApiClient, user_or_none
from qorgau.core.audit import audit_record

from ...choices import CustodyAction
from ...models import CustodyEntry, PreservedClip
from .clips import sha256_error

# Clocks of video systems and of this server disagree a little.
CLOCK_SKEW = timedelta(minutes=5)


def _actor_label(actor: Any, by: str) -> str:
    """Who acted: the signed-in person, or the person a video system names, with the system."""
    if isinstance(actor, ApiClient):
        return f"{by.strip()} ({actor.name})"[:160]
    return str(actor)[:160]  # the person's full name, else their username


def _errors(
    *,
    actor: Any,
    clip: PreservedClip,
    action: str,
    at: datetime,
    sha256: str,
    recipient: str,
    by: str,
) -> dict[str, str]:
    errors = {}
    if action not in CustodyAction.values:
        errors["action"] = _("Choose an export, an access or a hand-over.")
    if at > timezone.now() + CLOCK_SKEW:
        errors["at"] = _("A custody entry cannot be recorded in the future.")
    elif at < clip.window_from:
        errors["at"] = _("The entry precedes the footage itself.")
    if (err := sha256_error(sha256)) is not None:
        errors["sha256"] = err
    if action == CustodyAction.HANDOVER and not recipient.strip():
        errors["recipient"] = _("Name to whom the clip was handed over.")
    if isinstance(actor, ApiClient) and not by.strip():
        errors["by"] = _("Name the person who acted.")
    return errors


@transaction.atomic
def custody_record(
    *,
    actor: Any,
    clip: PreservedClip,
    action: str,
    at: datetime,
    sha256: str,
    recipient: str = "",
    by: str = "",
    note: str = "",
) -> tuple[CustodyEntry, bool]:
    """Add an entry to a clip's chain of custody: (entry, created); the same entry is kept once."""
    errors = _errors(
        actor=actor, clip=clip, action=action, at=at, sha256=sha256, recipient=recipient, by=by
    )
    if errors:
        raise ValidationError(errors)
    fields = {
        "clip": clip,
        "action": action,
        "at": at,
        "actor_label": _actor_label(actor, by),
        "recipient": recipient.strip(),
        "sha256": sha256.strip().lower(),
    }
    entry = CustodyEntry.objects.filter(**fields).first()
    if entry is not None:
        return entry, False
    entry = CustodyEntry.objects.create(**fields, actor=user_or_none(actor), note=note.strip())
    audit_record(
        actor=actor,
        action="footage.custody",
        obj=clip.hold,
        details={
            "clip": str(clip.uuid),
            "custody": action,
            "hash_differs": entry.sha256 != clip.sha256,
        },
    )
    return entry, True
