"""`qorgau terminal`: the kiosk agent — touch UI on localhost plus the outbox sender."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

log = logging.getLogger("qorgau.terminal")


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        # Request lines are not logged: a kiosk keeps no trace of who used it when.
        pass


def run(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="qorgau terminal", description=__doc__)
    parser.add_argument(
        "--home", help="folder of the kiosk's key and outbox (QORGAU_TERMINAL_HOME)"
    )
    parser.add_argument("--server", help="the Ombudsman server's URL (QORGAU_TERMINAL_SERVER)")
    parser.add_argument("--bind", default="127.0.0.1:8100", help="where the touch UI listens")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between outbox rounds")
    args = parser.parse_args(argv)
    if args.home:
        os.environ["QORGAU_TERMINAL_HOME"] = args.home
    if args.server:
        os.environ["QORGAU_TERMINAL_SERVER"] = args.server
    os.environ["DJANGO_SETTINGS_MODULE"] = "qorgau.terminal.settings"
    host, _, port = args.bind.rpartition(":")
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("qorgau terminal: the touch UI listens on localhost only")

    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    from . import runtime, sender

    store, client = runtime.store(), runtime.client()
    stop = threading.Event()
    worker = threading.Thread(
        target=sender.run_forever,
        args=(store, client, stop, runtime.wake, args.interval),
        name="outbox",
        daemon=True,
    )
    worker.start()
    server = make_server(
        host,
        int(port),
        get_wsgi_application(),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )

    def _shutdown(*_args):
        stop.set()
        runtime.wake.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _shutdown)
    signal.signal(signal.SIGINT, _shutdown)
    print(f"qorgau terminal: touch UI on http://{host}:{port}/ — home {store.home}", flush=True)
    try:
        server.serve_forever()
    finally:
        worker.join(timeout=10)
        store.close()
