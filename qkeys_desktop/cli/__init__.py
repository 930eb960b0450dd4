"""The ``qkeys`` command line: parses it and runs the command it names.

Imports no Qt: apps verify keys through it on servers too. Each command family has its module
(:mod:`.keys`, :mod:`.projects`, :mod:`.registry`, :mod:`.verify`), imported only when run, so
``qkeys verify`` loads no peewee. ``qkeys`` without a command opens the window: that is the entry
point's call (:mod:`qkeys_desktop.__main__`), not this package's.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from ..core.permissions import PERMISSION_NAMES
from ..core.tokens import redact_tokens
from .output import EXIT_OK, EXIT_USAGE, fail, reporting_errors

if TYPE_CHECKING:
    from ..core.store import Store

Handler = Callable[["Store", argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse echoes what it did not understand; a token pasted as an argument stays out."""

    def error(self, message: str) -> NoReturn:
        super().error(redact_tokens(message, "<secret token: pipe it on stdin instead>"))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog="qkeys",
        description="Issue, manage and verify API keys. Without a command, opens the window.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database path or URL (default: $QKEYS_DB or keys.db in the per-user data directory)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    projects = commands.add_parser("projects", help="add, rename, remove and list projects")
    p = projects.add_subparsers(dest="action", metavar="ACTION", required=True)
    p.add_parser("add", help="add a project").add_argument("name")
    rename = p.add_parser("rename", help="rename a project")
    rename.add_argument("old")
    rename.add_argument("new")
    remove = p.add_parser("remove", help="remove a project")
    remove.add_argument("name")
    remove.add_argument(
        "--force",
        action="store_true",
        help="also when keys are scoped to it: "
        "they lose it, and keys scoped to nothing else are revoked",
    )
    p.add_parser("list", help="list projects").add_argument("--json", action="store_true")

    keys = commands.add_parser("keys", help="create, list, delete and regenerate keys")
    k = keys.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = k.add_parser("create", help="create a key; prints the token once")
    create.add_argument("--name", required=True)
    create.add_argument(
        "--permissions", required=True, help=f"comma-separated: {','.join(PERMISSION_NAMES)}"
    )
    create.add_argument(
        "--expires", default="30d", help="7d, 30d, 60d, 90d, 1y, YYYY-MM-DD or never (default 30d)"
    )
    create.add_argument(
        "--project",
        action="append",
        metavar="P",
        help="limit the key to this project (repeatable); default: all projects",
    )
    for sub in (create, k.add_parser("regenerate", help="replace a key by a new one")):
        if sub is not create:
            sub.add_argument("key", metavar="KEY_ID_OR_NAME")
        sub.add_argument("--json", action="store_true")
        sub.add_argument(
            "--to",
            choices=("stdout", "keyring"),
            default="stdout",
            help="deliver the token on stdout (default) or into the OS keychain",
        )
        sub.add_argument(
            "--keyring-service",
            default="qkeys",
            metavar="NAME",
            help="keychain service name with --to keyring (default qkeys)",
        )
    k.add_parser("list", help="list keys").add_argument("--json", action="store_true")
    show = k.add_parser("show", help="one key's details and history (never its secret)")
    show.add_argument("key", metavar="KEY_ID_OR_NAME")
    show.add_argument("--json", action="store_true")
    expiring = k.add_parser(
        "expiring", help="keys that expire soon or have expired; exit 1 if there are any",
    )
    expiring.add_argument(
        "--within", default="7d", metavar="SPAN", help="how far ahead: 24h, 7d, 2w… (default 7d)"
    )
    expiring.add_argument("--json", action="store_true")
    delete = k.add_parser("delete", help="revoke a key at once")
    delete.add_argument("key", metavar="KEY_ID_OR_NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    verify = commands.add_parser("verify", help="check a token read from stdin; exit 0 if valid")
    verify.add_argument(
        "--action", required=True, choices=PERMISSION_NAMES, type=_action_spelling,
        help=f"one of {','.join(PERMISSION_NAMES)} (any case)",
    )
    verify.add_argument("--project", help="the project the token is used on")

    events = commands.add_parser("events", help="the audit log, newest first")
    events.add_argument("--key", metavar="KEY_ID_OR_NAME", help="only this key's events")
    events.add_argument("--limit", type=_positive, metavar="N", help="only the newest N")
    events.add_argument("--json", action="store_true")

    migrate = commands.add_parser("migrate-db", help="copy this registry into another database")
    migrate.add_argument("--to", required=True, metavar="URL", dest="destination")
    return parser


def _positive(text: str) -> int:
    """A whole number of at least 1, for ``--limit``."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _action_spelling(text: str) -> str:
    """Spell an action as the Python API accepts it: case and surrounding space don't matter."""
    return text.strip().lower() if text.isascii() else text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line (default: ``sys.argv[1:]``); returns the exit status."""
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command line; returns the exit status."""
    return reporting_errors(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    if args.version:
        from .. import __version__

        print(f"qkeys {__version__}")
        return EXIT_OK
    if args.command is None:
        return fail("no command given; see 'qkeys --help'", EXIT_USAGE)
    if args.command == "verify":
        from .verify import run as verify  # imports no peewee: apps start one per check

        return verify(args)
    from ..core.paths import default_database
    from ..core.store import Store

    store = Store.open(args.db or default_database(), surface="cli")
    return _store_handlers()[(args.command, getattr(args, "action", None))](store, args)


def _store_handlers() -> dict[tuple[str, str | None], Handler]:
    """The commands that run on an opened Store, by (command, action)."""
    from . import keys, projects, registry

    return {
        ("keys", "create"): keys.create,
        ("keys", "regenerate"): keys.regenerate,
        ("keys", "list"): keys.list_keys,
        ("keys", "expiring"): keys.expiring,
        ("keys", "show"): keys.show,
        ("keys", "delete"): keys.delete,
        ("projects", "add"): projects.add,
        ("projects", "rename"): projects.rename,
        ("projects", "remove"): projects.remove,
        ("projects", "list"): projects.list_projects,
        ("events", None): registry.events,
        ("migrate-db", None): registry.migrate_db,
    }
