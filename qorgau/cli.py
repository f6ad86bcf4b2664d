"""`qorgau`: the one command operators use.

qorgau serve [--dev] [--bind ADDR]   web server (gunicorn; Django's server with --dev)
qorgau worker                        background tasks (deadlines, documents, rollups)
qorgau demo [--people N]             migrate and load deterministic demo data
qorgau audit verify                  walk the audit hash chain
qorgau import facilities FILE.csv    import places of detention, all or nothing
qorgau migrate | createsuperuser | … any other management command
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
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

    execute_from_command_line(["qorgau", aliases.get(command, command), *rest])


def _serve(args: list[str]) -> None:
    bind = os.environ.get("QORGAU_BIND", "127.0.0.1:8000")
    dev = False
    while args:
        arg = args.pop(0)
        if arg == "--dev":
            dev = True
        elif arg == "--bind" and args:
            bind = args.pop(0)
        else:
            sys.exit(f"qorgau serve: unknown argument {arg!r}")
    if dev:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["qorgau", "runserver", bind])
        return
    workers = os.environ.get("QORGAU_WEB_WORKERS", "2")
    os.execvp(
        sys.executable,
        [
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
        ],
    )


if __name__ == "__main__":
    main()
