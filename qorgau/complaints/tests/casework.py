"""Helpers for the tests of merging, attachments, reminders, export and search."""

from __future__ import annotations

from qorgau.complaints.choices import Channel
from qorgau.complaints.schemas import ComplaintPayload
from qorgau.complaints.services import complaint_register

from .kiosk import payload

_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def receipt_code(n: int) -> str:
    """A distinct valid receipt code per n (letters only, in the receipt alphabet)."""
    letters = []
    for _ in range(5):
        n, r = divmod(n, len(_CODE_LETTERS))
        letters.append(_CODE_LETTERS[r])
    return "QQQQQ-" + "".join(letters)


def register(facility, n: int, *, received_at=None, **overrides):
    """A terminal complaint about `facility`, with receipt secret "12345678"."""
    data = payload(receipt={"code": receipt_code(n), "secret": "12345678"})
    data.update(overrides)
    return complaint_register(
        actor=None,
        channel=Channel.TERMINAL,
        facility=facility,
        payload=ComplaintPayload.model_validate(data),
        received_at=received_at,
    )
