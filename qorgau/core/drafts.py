"""Form drafts: what a user typed and has not yet submitted, per user and form key.

A form opts in with `data-draft="<key>"` (qorgau/core/static/qorgau/drafts.js):
the browser keeps every keystroke in localStorage at once and sends the draft
here when online, retrying when the connection returns. A successful
submission clears the draft: views wrap themselves in `clears_draft`, which
leaves a tombstone with the submission's token so that the browser that
submitted knows its copy can go. A user only ever reads their own drafts.
Drafts are purged `QORGAU_DRAFT_DAYS` days (default 7) after their last change,
since a draft of interview notes is as sensitive as the notes (ADR 0023).
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .models import FormDraft

KEY_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,120}$")
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
# A draft is what a person types into one form: far below this.
MAX_BYTES = 256 * 1024
MAX_DRAFTS_PER_USER = 300


def draft_days() -> int:
    return int(getattr(settings, "QORGAU_DRAFT_DAYS", 7))


def _check_key(key: str) -> str:
    if not KEY_RE.match(key or ""):
        raise ValidationError(_("This form cannot keep drafts."))
    return key


def drafts_purge(*, now=None) -> int:
    """Delete every draft left unchanged longer than the retention period; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=draft_days())
    deleted, _ = FormDraft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


def draft_get(*, user: Any, key: str) -> FormDraft | None:
    """The user's own draft for `key`, if any and not expired."""
    cutoff = timezone.now() - timedelta(days=draft_days())
    return FormDraft.objects.filter(user=user, key=_check_key(key), updated_at__gte=cutoff).first()


def draft_save(*, user: Any, key: str, data: dict) -> FormDraft:
    """Keep what the user typed into the form `key` (replacing the previous draft)."""
    _check_key(key)
    if not isinstance(data, dict) or not isinstance(data.get("fields", {}), dict):
        raise ValidationError(_("The draft cannot be read."))
    if len(json.dumps(data, ensure_ascii=False).encode()) > MAX_BYTES:
        raise ValidationError(_("The draft is too large to keep on the server."))
    drafts_purge()
    mine = FormDraft.objects.filter(user=user)
    if not mine.filter(key=key).exists() and mine.count() >= MAX_DRAFTS_PER_USER:
        raise ValidationError(_("Too many drafts are kept: submit or discard some forms."))
    draft, _created = FormDraft.objects.update_or_create(
        user=user, key=key, defaults={"data": data, "cleared_token": ""}
    )
    return draft


def draft_discard(*, user: Any, key: str) -> None:
    """Forget the user's draft for `key`."""
    FormDraft.objects.filter(user=user, key=_check_key(key)).delete()


def draft_submitted(request: Any) -> None:
    """The form posted in `request` was accepted: drop its draft, leave the submission's token."""
    key = request.POST.get("_draft_key", "")
    token = request.POST.get("_draft_token", "")
    if not KEY_RE.match(key) or not getattr(request.user, "is_authenticated", False):
        return
    FormDraft.objects.update_or_create(
        user=request.user,
        key=key,
        defaults={"data": {}, "cleared_token": token if TOKEN_RE.match(token) else ""},
    )


def clears_draft(view):
    """Wrap a view whose successful POST answers with a redirect: its form's draft is cleared."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code in (301, 302, 303):
            draft_submitted(request)
        return response

    return wrapped


def _payload(request) -> dict:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(_("The draft cannot be read.")) from exc
        if not isinstance(body, dict):
            raise ValidationError(_("The draft cannot be read."))
        return body
    body: dict[str, Any] = {"key": request.POST.get("key", "")}
    if request.POST.get("discard"):
        body["discard"] = True
    try:
        body["data"] = json.loads(request.POST.get("data") or "{}")
    except ValueError as exc:
        raise ValidationError(_("The draft cannot be read.")) from exc
    return body


def _answer(draft: FormDraft | None, key: str) -> dict:
    return {
        "key": key,
        "data": draft.data if draft is not None and draft.data else None,
        "cleared_token": draft.cleared_token if draft is not None else "",
        "saved": draft.updated_at.isoformat() if draft is not None else None,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def draft_endpoint(request):
    """GET ?key=…: the user's draft; POST {key, data} keeps it, {key, discard: true} forgets it."""
    try:
        if request.method == "GET":
            key = request.GET.get("key", "")
            return JsonResponse(_answer(draft_get(user=request.user, key=key), key))
        body = _payload(request)
        key = str(body.get("key", ""))
        if body.get("discard"):
            draft_discard(user=request.user, key=key)
            return JsonResponse(_answer(None, key))
        draft = draft_save(user=request.user, key=key, data=body.get("data") or {})
        return JsonResponse(_answer(draft, key))
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
