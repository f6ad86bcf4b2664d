"""`qorgau`: the one command operators use.

qorgau serve [--bind ADDR] [--dev] [--with-worker]
                                     web server (gunicorn; Django's server with --dev;
                                     the task worker alongside with --with-worker)
qorgau terminal [--home DIR] [--server URL] [--bind 127.0.0.1:8100]
                                     the complaint kiosk agent (touch UI and outbox)
qorgau keys init | show | rotate     the Ombudsman's keys that open sealed complaints
qorgau worker                        background tasks (audit checks, deadline reminders)
qorgau complaints remind [--enqueue] record deadline reminders now, or queue them for the worker
qorgau demo [--people N]             migrate and load deterministic demo data
qorgau audit verify | checkpoint     check the audit chain; seal it with a signed checkpoint
qorgau import facilities FILE.csv    import places of detention, all or nothing
qorgau import cameras FILE.csv|.json import a video system's camera export, all or nothing
qorgau surveillance-holds take-up | expire | escalate [--enqueue]
                                     footage holds: take up earlier requests, record footage
                                     lost at the deadline, escalate holds near it
qorgau surveillance-health rollup [--day D | --from D --to D] | alerts [--enqueue]
                                     camera health: daily uptime rollups (default yesterday),
                                     alerts of long outages in high-risk zones
qorgau simulate-vms [--url URL] [--key KEY] [--rate N] [--duration S] [--seed N]
                                     feed simulated camera events to a server through its API
qorgau migrate | createsuperuser | … any other management command
"""

from __future__ import annotations

import os
import subprocess
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "terminal":
        # The kiosk agent has settings of its own and never loads the server's.
        from qorgau.terminal.agent import run

        run(argv[1:])
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.settings")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "serve":
        _serve(rest)
        return
    aliases = {"worker": "db_worker", "import": "qorgau_import", "audit": "audit", "demo": "demo"}
    from django.core.management import execute_from_command_line

    # Commands read with dashes (`surveillance-holds`); Django's names have underscores.
    name = aliases.get(command, command.replace("-", "_"))
    execute_from_command_line(["qorgau", name, *rest])


def _serve(args: list[str]) -> None:
    bind = os.environ.get("QORGAU_BIND", "127.0.0.1:8000")
    dev = with_worker = False
    while args:
        arg = args.pop(0)
        if arg == "--dev":
            dev = True
        elif arg == "--with-worker":
            with_worker = True
        elif arg == "--bind" and args:
            bind = args.pop(0)
        else:
            sys.exit(f"qorgau serve: unknown argument {arg!r}")
    if dev:
        web = [sys.executable, "-m", "django", "runserver", bind]
    else:
        workers = os.environ.get("QORGAU_WEB_WORKERS", "2")
        web = [
            sys.executable,
            "-m",
            "gunicorn",
            "qorgau.wsgi:application",
            "--bind",
            bind,
            "--workers",
            workers,
            "--access-logfile",
            "-",
            # The access log never carries query strings: they could name people.
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
        ]
    if not with_worker:
        os.execvp(web[0], web)
    # One command for the embedded default: the web server and the task worker
    # together, stopped together.
    worker = subprocess.Popen([sys.executable, "-m", "qorgau.cli", "worker"])
    try:
        sys.exit(subprocess.call(web))
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
