"""The kiosk process's store and server client, made once from the agent's settings."""

from __future__ import annotations

import threading
from functools import lru_cache

from django.conf import settings

from .client import Client, http_transport
from .store import Store

# Set when a complaint is queued, so the sender tries at once instead of at its next round.
wake = threading.Event()


@lru_cache(maxsize=1)
def store() -> Store:
    return Store(settings.HOME)


@lru_cache(maxsize=1)
def client() -> Client:
    return Client(
        http_transport(settings.SERVER_URL, ca_file=settings.SERVER_CA), store().signing_key()
    )
