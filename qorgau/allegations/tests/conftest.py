from __future__ import annotations

import pytest

from qorgau.complaints.choices import Channel
from qorgau.complaints.protocol import new_receipt
from qorgau.complaints.schemas import ComplaintPayload
from qorgau.complaints.services import complaint_register
from qorgau.complaints.tests.kiosk import payload


@pytest.fixture
def make_complaint(world):
    def _make(**overrides):
        data = payload(**overrides)
        code, secret = new_receipt()
        data["receipt"] = {"code": code, "secret": secret}
        return complaint_register(
            actor=None,
            channel=Channel.TERMINAL,
            facility=world.facility_a,
            payload=ComplaintPayload.model_validate(data),
        )

    return _make


@pytest.fixture
def staff(world):
    from qorgau.accounts.roles import Role

    return world.users[Role.OMBUDSMAN_STAFF]
