"""Real processes for end-to-end tests: the server (gunicorn) and the kiosk agent."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("QORGAU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Debian's nginx, for the video gateway's integration test (deploy/nginx/).
NGINX = os.environ.get("QORGAU_NGINX", "/usr/sbin/nginx")
QORGAU = [sys.executable, "-m", "qorgau.cli"]
# Screenshots and other files browser tests leave for the docs (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def browser_marks() -> list:
    """`pytestmark` of a browser test module: marked, and skipped without Chromium."""
    import pytest

    return [
        pytest.mark.browser,
        pytest.mark.skipif(
            not Path(CHROMIUM).exists(),
            reason=f"Debian's Chromium is not at {CHROMIUM} "
            "(apt-get install chromium; .ci/run does)",
        ),
    ]


def nginx_marks() -> list:
    """`pytestmark` of a test that runs real nginx: marked, and skipped without it."""
    import pytest

    return [
        pytest.mark.nginx,
        pytest.mark.skipif(
            not Path(NGINX).exists(),
            reason=f"Debian's nginx is not at {NGINX} (apt-get install nginx; .ci/run does)",
        ),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(var: Path) -> dict:
    env = {
        **os.environ,
        "QORGAU_VAR_DIR": str(var),
        "QORGAU_SQLITE_PATH": str(var / "server.sqlite3"),
        "QORGAU_INSECURE_HTTP": "1",  # plain http on loopback; secure cookies would not be sent
        "QORGAU_DEMO": "1",
        "QORGAU_WEB_WORKERS": "1",
        "QORGAU_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _wait(url: str, proc: subprocess.Popen, what: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback only
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"{what} exited: {proc.stderr.read().decode()[-2000:]}"
                ) from None
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{what} did not answer {url} within 30 s")


def prepare_server(var: Path, people: int = 400) -> dict:
    env = server_env(var)
    subprocess.run(
        [*QORGAU, "demo", "--people", str(people)], env=env, check=True, capture_output=True
    )
    return env


@contextmanager
def running_server(env: dict, port: int | None = None) -> Iterator[str]:
    port = port or free_port()
    proc = subprocess.Popen(
        [*QORGAU, "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/healthz", proc, "qorgau serve")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@contextmanager
def running_terminal(home: Path, server: str, interval: float = 0.5) -> Iterator[str]:
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    proc = subprocess.Popen(
        [
            *QORGAU,
            "terminal",
            "--home",
            str(home),
            "--server",
            server,
            "--bind",
            f"127.0.0.1:{port}",
            "--interval",
            str(interval),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/", proc, "qorgau terminal")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def pair_terminal(env: dict, pairing_code: str, facility_code: str = "UG-001") -> None:
    """Pair a kiosk as an administrator would, through the server's own service."""
    script = (
        "from qorgau.complaints.intake import terminal_pair;"
        "from qorgau.facilities.models import Facility;"
        f"terminal_pair(actor=None, code={pairing_code!r},"
        f" facility=Facility.objects.get(code={facility_code!r}), label='test')"
    )
    subprocess.run([*QORGAU, "shell", "-c", script], env=env, check=True, capture_output=True)
