"""Reads of complaints and terminals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap

from .models import Terminal, TerminalStatus


def terminal_list_for_user(*, user: Any) -> QuerySet:
    """Terminals of facilities in the user's scope; unpaired ones only for national scope."""
    qs = Terminal.objects.select_related("facility", "facility__region")
    in_scope = scope_filter(
        qs.filter(facility__isnull=False), user, Cap.TERMINAL_MANAGE, "facility"
    )
    from qorgau.accounts.access import scope_for

    if scope_for(user, Cap.TERMINAL_MANAGE).national:
        return qs.filter(Q(pk__in=in_scope.values("pk")) | Q(facility__isnull=True))
    return in_scope


def silent_since() -> Any:
    return timezone.now() - timedelta(minutes=settings.QORGAU_TERMINAL_SILENT_MINUTES)


def terminal_is_silent(terminal: Terminal) -> bool:
    """An active kiosk that has not sent a heartbeat for longer than the setting."""
    return terminal.status == TerminalStatus.ACTIVE and (
        terminal.last_seen_at is None or terminal.last_seen_at < silent_since()
    )
