"""``qkeys serve``: the HTTP verification endpoint (:mod:`qkeys_desktop.http`) for apps in any
language, so a Go or Node app checks a key with one local HTTP call instead of a process.

Why waitress: it is a production WSGI server in pure Python, so it installs from a wheel with no
C build and runs on every OS Python does (gunicorn needs fork, so no Windows; uWSGI compiles C);
it serves unix sockets too; it has few dependencies (none) and a long record (Pylons project),
limits request headers and bodies before the application sees them, and keeps no access log —
a server whose requests carry tokens must not write them anywhere.

The sockets are made by :mod:`.listen` (loopback unless ``--allow-public``). The registry is
opened once, before listening, for verification only (``Store.open(target, migrate=False)``):
a missing or outdated registry stops the command with status 3 instead of failing every
request.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TypeVar

from qkeys_desktop.cli.output import EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, fail, say
from qkeys_desktop.core.errors import StoreError

if TYPE_CHECKING:  # this module is imported to build every command's parser: keep it light
    import socket

    from qkeys_desktop.cli.listen import Listen
    from qkeys_desktop.core.store import Store

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)
DEFAULT_LISTEN = "127.0.0.1:8765"
DEFAULT_THREADS = 4
MAX_THREADS = 64
#: Headers beyond this are refused by waitress (431): a verify request's are a few hundred bytes.
MAX_HEADERS = 16 * 1024
#: Bodies beyond this are refused by waitress itself (413) before they are buffered; smaller
#: ones over the application's own MAX_BODY get its JSON 413.
MAX_BUFFERED_BODY = 64 * 1024


def add_parser(commands: argparse._SubParsersAction[Parser]) -> None:
    """The ``serve`` subcommand's options."""
    serve = commands.add_parser(
        "serve", help="serve verification over HTTP (POST /v1/verify) for apps in any language",
        description="Serve POST /v1/verify and GET /v1/health over HTTP with waitress, on the "
        "loopback interface or a unix socket. Ctrl+C stops it.",
    )
    serve.add_argument(
        "--listen", default=DEFAULT_LISTEN, metavar="HOST:PORT|[IPV6]:PORT|unix:PATH",
        help=f"where to listen (default {DEFAULT_LISTEN}; port 0 picks a free one; a unix "
        "socket is made readable by you only)",
    )
    serve.add_argument(
        "--threads", type=_thread_count, default=DEFAULT_THREADS, metavar="N",
        help=f"requests served at once (default {DEFAULT_THREADS}, at most {MAX_THREADS})",
    )
    serve.add_argument(
        "--allow-public", action="store_true",
        help="allow an address other than loopback: anyone who reaches it may try tokens, so "
        "put TLS and rate limiting in front",
    )


def _thread_count(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_THREADS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 1 to {MAX_THREADS}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C (or SIGTERM); then write the usage counted and exit 0."""
    from qkeys_desktop.cli.listen import ServeError, close_all, open_sockets, parse_listen

    try:
        listen = parse_listen(args.listen)
        sockets = open_sockets(listen, args.allow_public)
    except ServeError as error:
        return fail(str(error), EXIT_USAGE)
    try:
        store = _open_registry(args.db)
    except StoreError as error:
        close_all(sockets, listen)
        return fail(str(error), EXIT_UNAVAILABLE)
    try:
        _serve(store, sockets, listen, args.threads)
    finally:
        close_all(sockets, listen)
        written = store.verifier.flush_usage()
        store.close()
    say("qkeys: stopped" + ("" if written else "; the last usage counts could not be written"))
    return EXIT_OK


def _open_registry(db: str | None) -> Store:
    from qkeys_desktop.core.paths import default_database
    from qkeys_desktop.core.store import Store

    return Store.open(db or default_database(), migrate=False)


def _serve(store: Store, sockets: list[socket.socket], listen: Listen, threads: int) -> None:
    """Serve until Ctrl+C, or a service manager's SIGTERM, which stops it the same way: once
    the requests being served are answered."""
    import signal

    from waitress.server import create_server

    from qkeys_desktop.cli.listen import urls
    from qkeys_desktop.http.app import VerificationApp

    server = create_server(
        VerificationApp(lambda: store), sockets=sockets, threads=threads, ident="qkeys",
        max_request_header_size=MAX_HEADERS, max_request_body_size=MAX_BUFFERED_BODY,
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)  # before saying it listens
    try:
        for where in urls(sockets, listen):
            say(f"qkeys: verifying keys of {store.target} on {where} (POST /v1/verify, "
                "GET /v1/health); Ctrl+C stops")
        server.run()  # waitress ends its loop on KeyboardInterrupt and waits for its threads
    except KeyboardInterrupt:
        pass  # came before the loop began: no request was being served
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
