"""The server's settings plus one bare endpoint, for the terminal benchmark only."""

from qorgau.settings import *  # noqa: F403

ROOT_URLCONF = "bench.terminal_urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
