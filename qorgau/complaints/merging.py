"""Possible duplicates of a complaint, merging one into another, and what a merged receipt shows.

A duplicate is scored from 0 to 100 against complaints about the same place
received within `QORGAU_DUPLICATE_WINDOW_DAYS` of it. Every point has a
reason that the triage panel shows, so staff see why two complaints look
alike before they merge them (docs/user-guide.md, "Possible duplicates").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qorgau.accounts.access import scope_for
from qorgau.accounts.models import user_or_none
from qorgau.accounts.roles import Cap
from qorgau.core.audit import audit_record

from .choices import Category, Status
from .models import Complaint, ComplaintEvent

# Points per reason; the total is capped at 100.
TEXT_POINTS = 50  # scaled by the share of words in common (full points from 50 % up)
TEXT_FULL_AT = 0.5
SAME_PERSON_POINTS = 40
SAME_DATE_POINTS = 25
NEAR_DATE_POINTS = 10  # event dates one or two days apart
SAME_ZONE_POINTS = 10
SAME_CATEGORY_POINTS = 10
CANDIDATES = 300  # the nearest in time that are compared; the rest are not looked at
# Words are cut to their first six letters: Kazakh and Russian endings change,
# the stem mostly does not ("избили", "избит", "избиение").
_STEM = 6
_WORD = re.compile(r"\w{4,}")


@dataclass
class Duplicate:
    complaint: Complaint
    score: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)

    def add(self, reason: str, points: int) -> None:
        if points > 0:
            self.reasons.append((reason, points))
            self.score = min(100, self.score + points)


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in _WORD.findall(text or "")}


def _complainant(c: Complaint) -> tuple[Any, str]:
    identity = getattr(c, "identity", None)
    if identity is None or c.anonymous:
        return None, ""
    return identity.person_id, identity.iin


def score(complaint: Complaint, other: Complaint) -> Duplicate:
    """How much `other` looks like `complaint`, with the reasons."""
    d = Duplicate(other)
    mine, theirs = _stems(complaint.search_text), _stems(other.search_text)
    if len(mine) >= 3 and len(theirs) >= 3:
        share = len(mine & theirs) / len(mine | theirs)
        d.add(
            _("%(pct)d%% of the words in common") % {"pct": round(share * 100)},
            round(TEXT_POINTS * min(1.0, share / TEXT_FULL_AT)),
        )
    person, iin = _complainant(complaint)
    other_person, other_iin = _complainant(other)
    if (person and person == other_person) or (iin and iin == other_iin):
        d.add(_("the same complainant"), SAME_PERSON_POINTS)
    if complaint.event_date and other.event_date:
        apart = abs((complaint.event_date - other.event_date).days)
        if apart == 0:
            d.add(_("the same date of the event"), SAME_DATE_POINTS)
        elif apart <= 2:
            d.add(
                _("dates of the event %(n)d day(s) apart") % {"n": apart},
                NEAR_DATE_POINTS,
            )
    if complaint.zone_id and complaint.zone_id == other.zone_id:
        d.add(_("the same place inside the facility"), SAME_ZONE_POINTS)
    shared = [c for c in complaint.categories if c in other.categories]
    if shared:
        labels = dict(Category.choices)
        d.add(
            _("also about: %(what)s") % {"what": ", ".join(str(labels.get(c, c)) for c in shared)},
            SAME_CATEGORY_POINTS,
        )
    return d


def duplicates_for_user(*, user: Any, complaint: Complaint, limit: int = 10) -> list[Duplicate]:
    """Complaints in the user's handling scope that may report the same events, best first."""
    from .selectors import complaint_scope

    if complaint.status == Status.MERGED:
        return []
    window = timedelta(days=settings.QORGAU_DUPLICATE_WINDOW_DAYS)
    received = complaint.received_at
    qs = (
        complaint_scope(user, Cap.COMPLAINT_HANDLE)
        .filter(
            facility_id=complaint.facility_id,
            received_at__gte=received - window,
            received_at__lte=received + window,
        )
        .exclude(pk=complaint.pk)
        .exclude(status=Status.MERGED)
        .select_related("identity")
    )
    # Only the nearest in time are compared: a flood of complaints about one place stays cheap.
    before = qs.filter(received_at__lte=received).order_by("-received_at")[:CANDIDATES]
    after = qs.filter(received_at__gt=received).order_by("received_at")[:CANDIDATES]
    nearest = sorted([*before, *after], key=lambda c: abs(c.received_at - received))
    found = [score(complaint, other) for other in nearest[:CANDIDATES]]
    found = [d for d in found if d.score >= settings.QORGAU_DUPLICATE_MIN_SCORE]
    found.sort(key=lambda d: (-d.score, abs(d.complaint.received_at - received)))
    return found[:limit]


def _event(complaint: Complaint, actor: Any, text: str, **status: str) -> None:
    ComplaintEvent.objects.create(
        complaint=complaint,
        at=timezone.now(),
        actor=user_or_none(actor),
        kind=ComplaintEvent.Kind.MERGE,
        text=text,
        **status,
    )


@transaction.atomic
def complaint_merge(
    *, actor: Any, duplicate: Complaint, main: Complaint, note: str = ""
) -> Complaint:
    """Merge `duplicate` into `main`: it becomes "Merged", linked, and both histories say so."""
    # Read both again under the write lock: a merge decided on a stale page is refused.
    duplicate = Complaint.objects.select_for_update().get(pk=duplicate.pk)
    main = Complaint.objects.select_for_update().get(pk=main.pk)
    if duplicate.pk == main.pk:
        raise ValidationError(_("A complaint cannot be merged into itself."))
    if duplicate.status == Status.MERGED:
        raise ValidationError(_("This complaint is already merged into another one."))
    if main.status == Status.MERGED:
        raise ValidationError(
            _("%(number)s is itself merged into another complaint: merge into that one.")
            % {"number": main.number}
        )
    scope = scope_for(actor, Cap.COMPLAINT_HANDLE)
    if not (scope.covers(duplicate.facility) and scope.covers(main.facility)):
        raise ValidationError(_("Both complaints must be in your area of work."))
    before = duplicate.status
    duplicate.status, duplicate.merged_into = Status.MERGED, main
    duplicate.save(update_fields=["status", "merged_into", "updated_at"])
    suffix = f"\n{note}" if note else ""
    _event(
        duplicate,
        actor,
        _("Merged into %(number)s.") % {"number": main.number} + suffix,
        from_status=before,
        to_status=Status.MERGED,
    )
    _event(
        main, actor, _("%(number)s merged into this one.") % {"number": duplicate.number} + suffix
    )
    # Complaints merged into the duplicate earlier now follow the main one: no chains.
    for earlier in Complaint.objects.filter(merged_into=duplicate):
        earlier.merged_into = main
        earlier.save(update_fields=["merged_into", "updated_at"])
        _event(earlier, actor, _("Now merged into %(number)s.") % {"number": main.number})
    audit_record(
        actor=actor,
        action="complaint.merge",
        obj=duplicate,
        details={"into": main.number, "from": before},
    )
    audit_record(
        actor=actor, action="complaint.merge.main", obj=main, details={"merged": duplicate.number}
    )
    return duplicate


@dataclass(frozen=True)
class ReceiptView:
    """What a receipt's holder reads at a kiosk or on the status page."""

    status: str
    status_label: str
    answer: str
    answered_at: Any
    merged: bool = False


MERGED_LABEL = gettext_lazy("Joined with another complaint about the same events, which is: %(s)s")


def receipt_view(receipt: Any) -> ReceiptView:
    """The status and answer for a receipt; a merged complaint shows its main complaint's."""
    complaint = receipt.complaint
    main = complaint
    for _hop in range(5):  # merges re-point earlier ones, so one hop is the rule
        if main.merged_into_id is None:
            break
        main = main.merged_into
    if main is complaint:
        return ReceiptView(
            complaint.status, complaint.get_status_display(), receipt.answer, receipt.answered_at
        )
    main_receipt = getattr(main, "receipt", None)
    answered = main_receipt is not None and bool(main_receipt.answer)
    return ReceiptView(
        status=complaint.status,
        status_label=str(MERGED_LABEL) % {"s": main.get_status_display()},
        answer=main_receipt.answer if answered else receipt.answer,
        answered_at=main_receipt.answered_at if answered else receipt.answered_at,
        merged=True,
    )
