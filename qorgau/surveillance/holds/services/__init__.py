"""Writes of footage holds after their request, by topic; import them from here.

The request itself is `qorgau.surveillance.services.hold_request`, the door other
apps use.
"""

from .cases import case_hold, case_safeguard_follow, case_window, hold_for_case
from .clips import ClipReport, clips_confirm, footage_lost, sha256_error
from .custody import custody_record
from .deadlines import holds_escalate, holds_expire, requests_take_up
from .manual import MAX_WINDOW, hold_request_by_hand
from .status import CameraFootage, CameraState, camera_states, hold_settle, status_of

__all__ = [
    "MAX_WINDOW",
    "CameraFootage",
    "CameraState",
    "ClipReport",
    "camera_states",
    "case_hold",
    "case_safeguard_follow",
    "case_window",
    "clips_confirm",
    "custody_record",
    "footage_lost",
    "hold_for_case",
    "hold_request_by_hand",
    "hold_settle",
    "holds_escalate",
    "holds_expire",
    "requests_take_up",
    "sha256_error",
    "status_of",
]
