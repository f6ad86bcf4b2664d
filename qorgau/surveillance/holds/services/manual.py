"""Holds asked for by hand: Ombudsman staff or a prosecutor, for a place, a window and a reason."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qorgau.allegations.selectors import case_by_number
from qorgau.facilities.models import Facility, Zone

from ...models import FootageHold
from ...services import hold_request

# A video system exports a window of footage as one job: weeks of it in one hold
# would be days of export. Longer stretches are several holds, each with its reason.
MAX_WINDOW = timedelta(days=7)


def _case_at(number: str, facility: Facility) -> bool:
    # The same answer for "no such case file" and "another place's": scope is not leaked.
    try:
        return case_by_number(number=number).facility_id == facility.pk
    except ObjectDoesNotExist:
        return False


@transaction.atomic
def hold_request_by_hand(
    *,
    actor: Any,
    facility: Facility,
    zone: Zone | None,
    window_from: datetime,
    window_to: datetime,
    reason: str,
    case_number: str = "",
) -> FootageHold:
    """Ask for a hold by hand; a case file it names must be of the same place."""
    errors: dict[str, str] = {}
    if len(reason.strip()) < 10:
        errors["reason"] = _("Give the reason in a few words.")
    if window_to <= window_from:
        errors["window_to"] = _("The end of the window precedes its start.")
    elif window_to - window_from > MAX_WINDOW:
        errors["window_to"] = _("A hold keeps at most %(days)d days of footage.") % {
            "days": MAX_WINDOW.days
        }
    if window_from > timezone.now():
        errors["window_from"] = _("Footage not recorded yet cannot be held.")
    if zone is not None and zone.facility_id != facility.pk:
        errors["zone"] = _("The zone belongs to another facility.")
    number = case_number.strip().upper()
    if number and not _case_at(number, facility):
        errors["case_number"] = _("There is no case file %(number)s at this place.") % {
            "number": number
        }
    if errors:
        raise ValidationError(errors)
    return hold_request(
        facility=facility,
        zone=zone,
        window_from=window_from,
        window_to=window_to,
        case_reference=number,
        reason=reason.strip(),
        actor=actor,
    )
