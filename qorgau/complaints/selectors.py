"""Reads of complaints and terminals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Case, Q, QuerySet, When
from django.utils import timezone

from qorgau.accounts.access import scope_filter
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_read, audit_record

from .choices import Status
from .models import Complaint, ComplaintReminder, DeadlineKind, Terminal, TerminalStatus
from .search import text_filter


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


@dataclass(frozen=True)
class ComplaintFilters:
    q: str = ""
    status: str = ""
    category: str = ""
    facility: str = ""  # facility code
    received_from: Any = None
    received_to: Any = None


def complaint_scope(user: Any, capability: str = Cap.COMPLAINT_VIEW) -> QuerySet:
    """Complaints about facilities in scope; those naming no facility only for national scope."""
    from qorgau.accounts.access import scope_for

    qs = Complaint.objects.select_related("facility", "facility__region", "assigned_to")
    if scope_for(user, capability).national:
        return qs
    return scope_filter(qs.filter(facility__isnull=False), user, capability, "facility")


def complaint_list_for_user(*, user: Any, filters: ComplaintFilters | None = None) -> QuerySet:
    f = filters or ComplaintFilters()
    qs = complaint_scope(user)
    if f.q:
        qs = qs.filter(text_filter(f.q) | Q(number__iexact=f.q.strip()))
        # Searching the words of complaints is a read of their content: on the record.
        audit_record(actor=user, action="complaint.search", details={"query": f.q[:100]})
    if f.status:
        qs = qs.filter(status=f.status)
    if f.category:
        # Categories are a short JSON list; a quoted match works on SQLite and PostgreSQL alike.
        qs = qs.filter(categories__icontains=f'"{f.category}"')
    if f.facility:
        qs = qs.filter(facility__code=f.facility)
    if f.received_from:
        qs = qs.filter(received_at__date__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_at__date__lte=f.received_to)
    return qs.order_by("-received_at")


def complaint_get_for_user(
    *, user: Any, number: str, capability: str = Cap.COMPLAINT_VIEW
) -> Complaint:
    """The complaint if in scope, else 404; reading its content is an audit entry."""
    from django.http import Http404

    complaint = complaint_scope(user, capability).filter(number=number).first()
    if complaint is None:
        raise Http404
    audit_read(actor=user, obj=complaint)
    return complaint


_OPEN = [Status.REGISTERED, Status.TRIAGED, Status.FORWARDED, Status.IN_PROGRESS]

# Each deadline: the field that holds it, and the complaints it still binds.
DEADLINES: dict[str, tuple[str, Q]] = {
    DeadlineKind.FORWARD: ("forward_due", Q(status__in=[Status.REGISTERED, Status.TRIAGED])),
    DeadlineKind.FIRST_ANSWER: (
        "first_answer_due",
        Q(status__in=_OPEN, first_answered_at__isnull=True),
    ),
    DeadlineKind.FINAL_ANSWER: ("final_answer_due", Q(status__in=_OPEN)),
}


def deadline_pending(complaint: Complaint, kind: str) -> bool:
    """Whether the deadline `kind` still binds the complaint (the same rule as DEADLINES)."""
    if kind == DeadlineKind.FORWARD:
        return complaint.status in (Status.REGISTERED, Status.TRIAGED)
    still_open = complaint.status in _OPEN
    if kind == DeadlineKind.FIRST_ANSWER:
        return still_open and complaint.first_answered_at is None
    return still_open


def overdue_flags(complaint: Complaint) -> dict:
    """Which of a complaint's deadlines have passed unmet."""
    now = timezone.now()
    flags = {}
    for kind, (field, _binds) in DEADLINES.items():
        due = getattr(complaint, field)
        flags[str(kind)] = deadline_pending(complaint, kind) and bool(due and due < now)
    return flags


def overdue_counts_for_user(*, user: Any) -> dict | None:
    """Counters for the dashboard: complaints past each deadline, in the user's scope."""
    from qorgau.accounts.access import has_capability

    if not has_capability(user, Cap.COMPLAINT_VIEW):
        return None
    now = timezone.now()
    qs = complaint_scope(user)
    counts = {
        str(kind): qs.filter(binds, **{f"{field}__lt": now}).count()
        for kind, (field, binds) in DEADLINES.items()
    }
    counts["urgent"] = qs.filter(status__in=_OPEN, urgent=True).count()
    return counts


def my_complaints(*, user: Any, include_closed: bool = False) -> list[Complaint]:
    """Complaints assigned to `user` in scope, the nearest unmet deadline first.

    Each carries `overdue` (as overdue_flags), `next_due` and `open_reminders`:
    the reminders whose deadline still binds it.
    """
    qs = complaint_scope(user).filter(assigned_to=user)
    if not include_closed:
        qs = qs.filter(status__in=_OPEN)
    rows = list(qs.prefetch_related("reminders")[:500])
    for c in rows:
        c.overdue = overdue_flags(c)
        pending = [
            getattr(c, field)
            for kind, (field, _binds) in DEADLINES.items()
            if deadline_pending(c, kind) and getattr(c, field)
        ]
        c.next_due = min(pending) if pending else None
        c.open_reminders = [r for r in c.reminders.all() if deadline_pending(c, r.kind)]
    rows.sort(key=lambda c: (c.next_due is None, c.next_due or c.received_at))
    return rows


def reminders_count_for_user(*, user: Any) -> int | None:
    """For the dashboard: reminders of deadlines that still bind complaints assigned to `user`."""
    from qorgau.accounts.access import has_capability

    if not has_capability(user, Cap.COMPLAINT_VIEW):
        return None
    reminders = ComplaintReminder.objects.filter(
        complaint__in=complaint_scope(user).filter(assigned_to=user, status__in=_OPEN)
    ).select_related("complaint")
    return sum(deadline_pending(r.complaint, r.kind) for r in reminders)


def identity_for_user(*, user: Any, complaint: Complaint) -> Any:
    """The identity if `user` holds an approved, unexpired reveal; the read is audited."""
    from .models import IdentityReveal, RevealStatus

    approved = IdentityReveal.objects.filter(
        complaint=complaint,
        requested_by=user,
        status=RevealStatus.APPROVED,
        valid_until__gt=timezone.now(),
    ).exists()
    identity = getattr(complaint, "identity", None) if approved else None
    if identity is not None:
        audit_record(actor=user, action="identity.read", obj=complaint)
    return identity


def identity_for_referral(*, number: str) -> Any:
    """The identity of a complaint's complainant, for a referral letter the system writes.

    No user reads it here: the letter carries it only where the complainant consented,
    and sending the letter is audited with that fact.
    """
    from .models import ComplainantIdentity

    return ComplainantIdentity.objects.filter(complaint__number=number).first()


def accounts_of(*, numbers: list[str]) -> list[tuple[str, str]]:
    """(number, account) of these complaints, oldest first, for a referral letter."""
    return list(
        Complaint.objects.filter(number__in=numbers)
        .order_by("received_at")
        .values_list("number", "description")
    )


def reveal_of_user(*, user: Any, complaint: Complaint) -> Any:
    from .models import IdentityReveal

    return IdentityReveal.objects.filter(complaint=complaint, requested_by=user).first()


def reveals_for_custodian(*, user: Any) -> QuerySet:
    """Requests about complaints in the custodian's scope, pending first."""
    from qorgau.accounts.access import scope_for

    from .models import IdentityReveal, RevealStatus

    qs = IdentityReveal.objects.select_related(
        "complaint", "complaint__facility", "requested_by", "decided_by"
    )
    scope = scope_for(user, Cap.IDENTITY_APPROVE)
    if not scope.national:
        qs = qs.filter(complaint__facility__isnull=False).filter(scope.q("complaint__facility"))
    pending_first = Case(When(status=RevealStatus.PENDING, then=0), default=1)
    return qs.order_by(pending_first, "-requested_at")


def reveal_get_for_custodian(*, user: Any, uuid: Any) -> Any:
    from django.http import Http404

    reveal = reveals_for_custodian(user=user).filter(uuid=uuid).first()
    if reveal is None:
        raise Http404
    return reveal


def pending_reveals_count(*, user: Any) -> int | None:
    """For identity custodians: requests waiting for a decision (None for everyone else)."""
    from qorgau.accounts.access import has_capability

    from .models import RevealStatus

    if not has_capability(user, Cap.IDENTITY_APPROVE):
        return None
    return reveals_for_custodian(user=user).filter(status=RevealStatus.PENDING).count()
