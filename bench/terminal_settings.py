"""The server's settings plus one bare endpoint, for the terminal benchmark only."""

import os

from qorgau.settings import *  # noqa: F403

ROOT_URLCONF = "bench.terminal_urls"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# As shipped, Django opens a new SQLite connection for every request (CONN_MAX_AGE
# 0). `bench/terminal.py --keep-connections` measures connections kept instead.
if os.environ.get("BENCH_CONN_MAX_AGE"):
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405
