"""``qkeys verify``, apart from the other commands so that a check imports neither peewee nor Qt.

Apps call it once per presented key, so its start-up is part of their latency: on an existing
SQLite registry it runs on the standard library's sqlite3 (:mod:`..core.verify_only`); anything
else opens the full Store for checking keys only, which never creates or migrates a registry.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import UTC

from ..core.tokens import has_secret
from ..core.verification import RATE_LIMITED, UNAVAILABLE, USAGE_EXHAUSTED, Verifier, VerifyResult
from .output import EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, fail, say

MAX_TOKEN_INPUT = 4096  # far above a token's 66 characters; bounds what we read from stdin


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
