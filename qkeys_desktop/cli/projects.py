"""``qkeys projects``: add, rename, remove and list projects."""

from __future__ import annotations

import argparse

from ..core.store import Store
from .keychain import forget_keychain_entry
from .output import EXIT_OK, emit_json, print_table, say


def add(store: Store, args: argparse.Namespace) -> int:
    say(f"Added project {store.add_project(args.name).name!r}.")
    return EXIT_OK


def rename(store: Store, args: argparse.Namespace) -> int:
    store.rename_project(args.old, args.new)
    say(f"Renamed {args.old!r} to {args.new.strip()!r}.")
    return EXIT_OK


def remove(store: Store, args: argparse.Namespace) -> int:
    outcome = store.remove_project(args.name, force=args.force)
    for record in outcome.revoked:
        forget_keychain_entry(record)
    say(
        f"Removed project {args.name!r}."
        + (f" Narrowed: {', '.join(outcome.narrowed)}." if outcome.narrowed else "")
        + (f" Revoked: {', '.join(k.name for k in outcome.revoked)}." if outcome.revoked else "")
    )
    return EXIT_OK


def list_projects(store: Store, args: argparse.Namespace) -> int:
    projects = store.list_projects()
    if args.json:
        emit_json(
            [{"name": p.name, "keys": p.key_count, "created_at": p.created_at} for p in projects]
        )
    elif projects:
        print_table([("NAME", "KEYS")] + [(p.name, str(p.key_count)) for p in projects])
    else:
        say("No projects yet; add one with: qkeys projects add NAME")
    return EXIT_OK
