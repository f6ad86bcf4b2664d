from __future__ import annotations

import pytest

from qorgau.complaints import keys
from qorgau.complaints.intake import terminal_pair
from qorgau.terminal import sender
from qorgau.terminal.client import Client
from qorgau.terminal.store import Store

from .rig import Server


@pytest.fixture
def rig(world, client, tmp_path):
    """A kiosk paired with facility A of the test world, talking to the real endpoints."""
    keys.keys_init()
    store = Store(tmp_path / "kiosk")
    server = Server(client)
    kiosk = Client(server, store.signing_key())
    sender.refresh_config(store, kiosk)
    assert store.get("status") == "pending"
    terminal_pair(
        actor=None, code=store.get("pairing_code"), facility=world.facility_a, label="A-1"
    )
    sender.refresh_config(store, kiosk)
    yield store, server, kiosk
    store.close()
