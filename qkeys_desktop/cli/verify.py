"""``qkeys verify``, apart from the other commands so that a check imports neither peewee nor Qt.

Apps call it once per presented key, so its start-up is part of their latency: on an existing
SQLite registry it runs on the standard library's sqlite3 (:mod:`..core.verify_only`); anything
else opens the full Store for checking keys only, which never creates or migrates a registry.

The entry point hands ``qkeys [--db X] verify ARGS``, as apps write it, straight to
:func:`main` (:func:`parse_plain` reads ARGS): a check builds no argparse parser, neither the
full one's forty-odd sub-parsers nor one of its own. Any other spelling, ``--help`` included,
goes through the full parser, which reads it exactly as it always did. Both take verify's
options from here (:func:`add_arguments`). What a check needs of the core is imported when it
runs, so ``qkeys keys list`` building the full parser pays nothing for it. See
tests/benchmarks, ``cli_verify_ms``: a check costs little more than any Python script verifying
an argon2 hash (``cli_floor_ms``).
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from ..core.permissions import PERMISSION_NAMES
from .output import EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, fail, reporting_errors, say

if TYPE_CHECKING:
    from ..core.verification import Verifier, VerifyResult

MAX_TOKEN_INPUT = 4096  # far above a token's 66 characters; bounds what we read from stdin


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``verify``'s options, on its own parser or on the full one's ``verify`` subcommand."""
    parser.add_argument(
        "--action", required=True, choices=PERMISSION_NAMES, type=_action_spelling,
        help=f"one of {','.join(PERMISSION_NAMES)} (any case)",
    )
    parser.add_argument("-p", "--project", help="the project the token is used on")
    parser.add_argument(
        "--client", metavar="LABEL",
        help="who presents the token (an app name, host or IP): counted in 'qkeys usage' and "
        "kept as the key's 'last used by'",
    )


def _action_spelling(text: str) -> str:
    """Spell an action as the Python API accepts it: case and surrounding space don't matter."""
    return text.strip().lower() if text.isascii() else text


#: verify's options by name, as :func:`parse_plain` reads them (each takes one value)
_OPTIONS = ("action", "project", "client")


def parse_plain(argv: Sequence[str], db: str | None) -> argparse.Namespace | None:
    """``qkeys [--db DB] verify ARGV``'s namespace, as the full parser would make it, for ARGV
    as apps write it: each option spelled in full, ``--action read`` or ``--action=read``, a
    value that does not start with '-', an action by name. None for anything else — ``--help``,
    an abbreviation, a mistake — which the full parser then reads or explains.
    tests/test_cli_entry.py holds the two to the same result."""
    values: dict[str, str | None] = dict.fromkeys(_OPTIONS)
    rest = list(argv)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        name = option.removeprefix("--")
        if option == name or name not in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-"):  # argparse has rules of its own for such values: let it apply
            return None
        values[name] = value
    action = values["action"]
    if action is None or _action_spelling(action) not in PERMISSION_NAMES:
        return None
    values["action"] = _action_spelling(action)
    return argparse.Namespace(db=db, command="verify", **values)


def main(args: argparse.Namespace, *, whole_process: bool = False) -> int:
    """Run a parsed ``qkeys verify``; the exit status.

    ``whole_process`` when this check is all the process does (the entry point's own command
    line, which then ends the process at once: ``__main__.exit_now``). Such a process does not
    look for garbage cycles: it is over before any could matter, and the passes its imports
    set off cost it 1-2 ms.
    """
    if whole_process:
        gc.disable()
    return reporting_errors(lambda: run(args))


def run(args: argparse.Namespace) -> int:
    """The ``verify`` subcommand on the database the command line names.

    Exit 0 valid, 1 rejected, 2 usage, 3 registry unavailable: a caller can tell an outage
    (retry, alert) from a bad key (refuse the request).
    """
    from ..core.errors import StoreError

    try:
        if args.db:
            return verify(args.db, args)
        from ..core.paths import default_database  # pathlib: only when the path is worked out

        return verify(default_database(), args)
    except StoreError as error:
        return fail(str(error), EXIT_UNAVAILABLE)


def verify(target: str, args: argparse.Namespace) -> int:
    """Read a token from stdin (never argv: the process list is public) and check it."""
    from ..core.tokens import has_secret
    from ..core.verification import UNAVAILABLE

    raw = sys.stdin.buffer.read(MAX_TOKEN_INPUT + 1)
    if len(raw) > MAX_TOKEN_INPUT:
        return fail(f"rejected: malformed (input longer than {MAX_TOKEN_INPUT} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return fail("rejected: malformed (input is not UTF-8 text)")
    token = text.removesuffix("\n").removesuffix("\r")
    if not token:
        return fail(
            'no token on stdin; pipe it in, e.g. printf %s "$TOKEN" | qkeys verify --action read',
            EXIT_USAGE,
        )
    if args.client is not None and has_secret(args.client):
        # the core drops such a label too; say so (without repeating it), as a person put it there
        say("qkeys: --client holds what looks like a secret token: not recorded; keep tokens "
            "out of command lines and rotate that key")
    verifier = open_verifier(target)
    result = verifier.verify(token, args.action, args.project, args.client)
    # one check per process: its usage count must be written now or never (a verifier flushes
    # about once a minute otherwise). A registry that cannot take it (read-only, a verify-only
    # role) loses the count, not the verdict.
    verifier.flush_usage()
    # and the connection closed, which a process that ends at once no longer does on its way:
    # on SQLite the last connection to close checkpoints the WAL, which otherwise grows with
    # every check and is replayed by the next process to open it
    verifier.db.close()
    if result.reason == UNAVAILABLE:
        return fail(
            "registry unavailable: it could not be read, so the key was neither accepted nor "
            "rejected; try again",
            EXIT_UNAVAILABLE,
        )
    if not result.ok:
        return fail(f"rejected: {result.reason}{_why(result)}")
    say(
        f"valid: {result.key_id} may {args.action}"
        + (f" on {args.project}" if args.project else "")
    )
    return EXIT_OK


def _why(result: VerifyResult) -> str:
    """What a log needs after the reason: when a retired key stopped ("revoked on 2026-12-01
    10:00 UTC" tells it apart from garbage), when a rate-limited call may be retried."""
    from ..core.verification import RATE_LIMITED, USAGE_EXHAUSTED

    if result.reason == RATE_LIMITED and result.retry_after is not None:
        return f"; retry in {max(1, math.ceil(result.retry_after))} s"
    if result.reason == USAGE_EXHAUSTED:
        return " (the key has no uses left until it is refilled or given more)"
    if result.stopped_at is None:
        return ""
    return f" on {result.stopped_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def open_verifier(target: str) -> Verifier:
    """The light sqlite3 verifier when it applies, else the Store's, opened for checking keys
    only: it never creates, migrates or otherwise changes a registry on any engine, and refuses
    a missing, empty, foreign or outdated one with a StoreError."""
    from ..core import verify_only

    light = verify_only.open_verifier(target)
    if light is not None:
        return light
    from ..core.store import Store

    return Store.open(target, migrate=False).verifier
