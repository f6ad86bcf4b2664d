"""Writes to allegation case files, by topic; import them from here."""

from .cases import (
    SAFEGUARD_OWNERS,
    case_link_complaint,
    case_link_source,
    case_open,
    case_open_from_complaint,
    case_set_status,
    case_update,
    perpetrator_add,
    safeguard_complete,
    safeguard_due,
    victim_add,
)
from .referrals import (
    referral_next_kinds,
    referral_notify,
    referral_record,
    referral_send,
    referral_updates_seen,
)
from .reprisals import ISOLATION_ZONES, flag_review, reprisal_check

__all__ = [
    "ISOLATION_ZONES",
    "SAFEGUARD_OWNERS",
    "case_link_complaint",
    "case_link_source",
    "case_open",
    "case_open_from_complaint",
    "case_set_status",
    "case_update",
    "flag_review",
    "perpetrator_add",
    "referral_next_kinds",
    "referral_notify",
    "referral_record",
    "referral_send",
    "referral_updates_seen",
    "reprisal_check",
    "safeguard_complete",
    "safeguard_due",
    "victim_add",
]
