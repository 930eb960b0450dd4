"""The ``qkeys`` command line. Imports no Qt: apps verify keys through it on servers too."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import IO, Any, NoReturn

from .core.errors import StoreError, ValidationError
from .core.permissions import PERMISSION_NAMES
from .core.tokens import redact_tokens

MAX_TOKEN_INPUT = 4096  # far above a token's 66 characters; bounds what we read from stdin
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: ``qkeys verify`` only: the registry could not be read (missing, unreachable, damaged), so
#: the token was neither accepted nor rejected — an outage, not a bad key.
EXIT_UNAVAILABLE = 3


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
    delete = k.add_parser("delete", help="revoke a key at once")
    delete.add_argument("key", metavar="KEY_ID_OR_NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    verify = commands.add_parser("verify", help="check a token read from stdin; exit 0 if valid")
    verify.add_argument(
        "--action", required=True, choices=PERMISSION_NAMES, type=_action_spelling,
        help=f"one of {','.join(PERMISSION_NAMES)} (any case)",
    )
    verify.add_argument("--project", help="the project the token is used on")

    commands.add_parser("events", help="the audit log").add_argument("--json", action="store_true")

    migrate = commands.add_parser("migrate-db", help="copy this registry into another database")
    migrate.add_argument("--to", required=True, metavar="URL", dest="destination")
    return parser


def _action_spelling(text: str) -> str:
    """Spell an action as the Python API accepts it: case and surrounding space don't matter."""
    return text.strip().lower() if text.isascii() else text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "verify" and not args.version:
        from .verify_command import run  # imports no peewee: apps start one per check
    else:
        from .commands import run

    try:
        return run(args)
    except ValidationError as error:
        return fail(f"{error.field}: {error.message}")
    except StoreError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted")


def fail(message: str, status: int = EXIT_FAILED) -> int:
    """Print one line on stderr and return the status; a token in the input is not echoed."""
    print(f"qkeys: {redact_tokens(message)}", file=sys.stderr)
    return status


def say(message: str) -> None:
    """Human-facing progress and notes go to stderr, so stdout carries only data."""
    print(redact_tokens(message), file=sys.stderr)


def emit_json(payload: Any, out: IO[str] | None = None) -> None:
    """Write machine-readable output on stdout."""
    import json  # lazily: ``qkeys verify`` never prints JSON and starts once per check

    json.dump(payload, out or sys.stdout, indent=2, default=_json_default)
    (out or sys.stdout).write("\n")


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    raise TypeError(type(value).__name__)
