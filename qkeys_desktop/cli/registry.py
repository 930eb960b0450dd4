"""Commands on the registry as a whole: ``qkeys events`` (the audit log) and
``qkeys migrate-db`` (a copy into another database)."""

from __future__ import annotations

import argparse

from ..core.store import Store
from .output import EXIT_OK, emit_json, print_table, say


def events(store: Store, args: argparse.Namespace) -> int:
    rows = store.list_events()
    if args.json:
        emit_json(
            [
                {
                    "at": e.at,
                    "kind": e.kind,
                    "key_id": e.key_id,
                    "name": e.name,
                    "details": e.details,
                }
                for e in rows
            ]
        )
        return EXIT_OK
    print_table(
        [("TIME", "EVENT", "KEY ID", "NAME", "DETAILS")]
        + [
            (
                e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                e.kind,
                e.key_id or "",
                e.name,
                e.details,
            )
            for e in rows
        ]
    )
    return EXIT_OK


def migrate_db(store: Store, args: argparse.Namespace) -> int:
    from ..core.transfer import copy_registry

    counts = copy_registry(store, lambda: Store.open(args.destination))
    say("Copied " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "; counts verified.")
    return EXIT_OK
