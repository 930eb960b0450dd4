"""``qkeys scan PATH… [--git] [--json] [--revoke] [--yes]``: find leaked qkeys tokens in files,
folders and (``--git``) a repository's history, say which key each is, and revoke the live ones.

stdout carries one row per token found (``where  key id  name  status``, or JSON), never the
token itself; the summary and notes go to stderr. Exit 0 when no live key was found, 1 when one
was (revoked or not: the token is still where it was found), 2 for bad usage, 3 when the
registry cannot be read — a scan never creates one.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict

from ..core.errors import NotFoundError, StoreError
from ..core.scan import (
    Finding,
    Identifier,
    Identity,
    LeakStatus,
    ScanError,
    ScanTally,
    found_in,
    printable,
    scan,
)
from ..core.store import Store
from .keychain import forget_keychain_entry
from .output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    emit_json,
    fail,
    print_table,
    say,
)

_SECRET_NOTE = (
    "A token's checksum shows it is a qkeys token of that key id; whether its secret is the "
    "key's own was not checked (that would count as a use of the key)."
)


def run(args: argparse.Namespace) -> int:
    """Open the registry (never creating one) and scan; see the module's docstring."""
    from ..core.paths import default_database

    if args.revoke and not args.yes and not sys.stdin.isatty():
        return fail("refusing to revoke without confirmation: stdin is not a terminal; add --yes",
                    EXIT_USAGE)
    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:
        return fail(f"no such file or folder: {printable(missing[0])}", EXIT_USAGE)
    try:
        store = Store.open(args.db or default_database(), migrate=False, surface="cli")
    except StoreError as error:
        return fail(str(error), EXIT_UNAVAILABLE)
    try:
        return scan_registry(store, args)
    finally:
        store.close()


def scan_registry(store: Store, args: argparse.Namespace) -> int:
    tally = ScanTally()
    try:
        found = list(scan(args.paths, tally, git=args.git))
    except ScanError as error:
        return fail(str(error), EXIT_USAGE)
    identify = Identifier(store, store.clock())
    rows = [(finding, identify(finding.key_id)) for finding in found]
    revoked = _revoke(store, rows, args) if args.revoke else []
    if args.json:
        emit_json({
            "findings": [_finding_json(f, who) for f, who in rows],
            "revoked": revoked,
            "skipped": [{"path": s.path, "reason": s.reason} for s in tally.skipped],
            "files_scanned": tally.files,
            "commits_scanned": tally.commits,
            "secrets_checked": False,
        })
    elif rows:
        print_table([("WHERE", "KEY ID", "NAME", "STATUS")]
                    + [(f.where, f.key_id, who.name or "-", _describe(who)) for f, who in rows])
    _summarise(tally, [who for _, who in rows], revoked)
    return EXIT_FAILED if any(who.status.live for _, who in rows) else EXIT_OK


def _describe(who: Identity) -> str:
    """The status column: what the key is now, in words."""
    when = "" if who.at is None else who.at.astimezone().strftime("%Y-%m-%d %H:%M")
    return {
        LeakStatus.LIVE: "live",
        LeakStatus.DISABLED: "live (disabled)",
        LeakStatus.ROTATING: f"live (replaced by {who.key}; works until {when})",
        LeakStatus.EXPIRED: f"expired {when}",
        LeakStatus.REVOKED: f"revoked {when}",
        LeakStatus.ROTATED: f"rotated {when}",
        LeakStatus.UNKNOWN: "not in this registry",
    }[who.status]


def _finding_json(finding: Finding, who: Identity) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "commit": finding.commit,
        "key_id": finding.key_id,
        "name": who.name or None,
        "status": who.status.value,
        "live": who.status.live,
        "key": who.key,  # the live key's current id (another after a rotation), else null
        "at": who.at,
    }


def _revoke(store: Store, rows: list[tuple[Finding, Identity]], args: argparse.Namespace
            ) -> list[str]:
    """Revoke each live key found, once, after confirmation; returns the ids revoked."""
    places: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for finding, who in rows:
        if who.key is not None and who.status.live:
            places[who.key].append(finding.where)
            names[who.key] = who.name
    if not places or not (args.yes or _confirmed(names)):
        return []
    revoked = []
    for key, where in places.items():
        try:
            record = store.delete_keys([key], reason=found_in(where))[0]
        except NotFoundError:  # deleted (or rotated) by someone else since it was identified
            say(f"Not revoked: {names[key]!r} ({key}) is gone or was replaced meanwhile.")
            continue
        forget_keychain_entry(record)
        revoked.append(record.key_id)
        say(f"Revoked {record.name!r} ({record.key_id}); it no longer verifies.")
    return revoked


def _confirmed(names: dict[str, str]) -> bool:
    """Ask on the terminal (on stderr: stdout may be a JSON file)."""
    for key, name in names.items():
        say(f"  {name!r} ({key})")
    count = f"these {len(names)} keys" if len(names) > 1 else "this key"
    print(f"Revoke {count}? Apps using them lose access at once; this cannot be undone. [y/N] ",
          end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() in ("y", "yes"):
        return True
    say("Nothing revoked.")
    return False


def _summarise(tally: ScanTally, found: list[Identity], revoked: list[str]) -> None:
    for skipped in tally.skipped:
        say(f"Skipped {skipped.path}: {skipped.reason}")
    scanned = _count(tally.files, "file") + (
        f" and {_count(tally.commits, 'commit')}" if tally.commits else "")
    binary = f" ({tally.binary} binary left out)" if tally.binary else ""
    if not found:
        say(f"No qkeys token found in {scanned}{binary}.")
        return
    by_status: dict[LeakStatus, set[str]] = defaultdict(set)
    for who in found:
        by_status[who.status].add(who.key_id)
    statuses = ", ".join(
        f"{len(ids)} {'not in this registry' if status is LeakStatus.UNKNOWN else status.value}"
        for status, ids in by_status.items())
    say(f"Scanned {scanned}{binary}: {_count(len(found), 'token')} of "
        f"{_count(len({w.key_id for w in found}), 'key id')} ({statuses}).")
    live = {w.key for w in found if w.key is not None and w.status.live}
    if live:
        say(_SECRET_NOTE)
        left = live - set(revoked)
        if left:
            say(f"{_count(len(left), 'live key')} leaked: revoke with qkeys scan --revoke, or "
                "qkeys keys delete KEY; then remove the tokens (and rewrite the git history).")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
