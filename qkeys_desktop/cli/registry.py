"""Commands on the registry as a whole: ``qkeys events`` (the audit log) and
``qkeys migrate-db`` (a copy into another database)."""

from __future__ import annotations

import argparse

from ..core.records import EventRecord
from ..core.store import Store
from .output import EXIT_OK, emit_json, print_table, say


def events(store: Store, args: argparse.Namespace) -> int:
    """The audit log, newest first: all of it, the last ``--limit``, or one ``--key``'s."""
    key_id = None if args.key is None else key_id_of(store, args.key)
    rows = store.list_events(args.limit, key_id)
    if args.json:
        emit_json([event_json(e) for e in rows])
        return EXIT_OK
    if not rows:
        say("No events" + (f" for {key_id}." if key_id else " yet."))
        return EXIT_OK
    print_event_table(rows)
    return EXIT_OK


def key_id_of(store: Store, key: str) -> str:
    """The id of an existing key (by id or name), or any key id as given: a deleted key's
    history stays in the log."""
    from ..core.errors import NotFoundError
    from ..core.tokens import is_key_id

    try:
        return store.get_key(key).key_id
    except NotFoundError:
        if is_key_id(key.strip()):
            return key.strip()
        raise


def event_json(event: EventRecord) -> dict[str, object]:
    """One audit event as ``--json`` prints it."""
    return {"at": event.at, "kind": event.kind, "key_id": event.key_id, "name": event.name,
            "details": event.details, "actor": event.actor or None,
            "surface": event.surface or None}


def who(event: EventRecord) -> str:
    """Who did it and through what: ``alice@laptop (cli)``; "" for events from before qkeys
    recorded it."""
    return f"{event.actor} ({event.surface})" if event.surface else event.actor


def print_event_table(rows: list[EventRecord]) -> None:
    """Audit events as a table on stdout."""
    print_table(
        [("TIME", "EVENT", "WHO", "KEY ID", "NAME", "DETAILS")]
        + [
            (
                e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                e.kind,
                who(e),
                e.key_id or "",
                e.name,
                e.details,
            )
            for e in rows
        ]
    )


def migrate_db(store: Store, args: argparse.Namespace) -> int:
    from ..core.transfer import copy_registry

    counts = copy_registry(store, lambda: Store.open(args.destination, surface="cli"))
    say("Copied " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "; counts verified.")
    return EXIT_OK
