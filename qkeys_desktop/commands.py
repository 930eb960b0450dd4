"""What each ``qkeys`` subcommand does, on top of the core store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from .cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, emit_json, fail, say
from .core.errors import StoreError
from .core.expiration import parse_expiration
from .core.paths import default_database
from .core.records import CreatedKey, KeyRecord
from .core.store import Store, utc_now
from .core.validation import clean_name

if TYPE_CHECKING:
    from .core.keychain import Keychain

Handler = Callable[[Store, argparse.Namespace], int]


def run(args: argparse.Namespace) -> int:
    """Dispatch a parsed command line."""
    if args.version:
        from . import __version__

        print(f"qkeys {__version__}")
        return EXIT_OK
    if args.command is None:
        from .__main__ import launch_window

        return launch_window(args.db)
    store = Store.open(args.db or default_database())
    handler = HANDLERS[(args.command, getattr(args, "action", None))]
    return handler(store, args)


# -- keys --------------------------------------------------------------------------------------


def describe_expiry(moment: datetime | None) -> str:
    return "never" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def key_json(record: KeyRecord) -> dict[str, object]:
    return {
        "key_id": record.key_id,
        "name": record.name,
        "permissions": record.permission_names,
        "projects": None if record.all_projects else list(record.projects),
        "expires_at": record.expires_at,
        "created_at": record.created_at,
        "last_used_at": record.last_used_at,
        "status": record.status(utc_now()).value,
        "in_keychain": record.keychain_service is not None,
    }


def deliver(
    store: Store, created: CreatedKey, args: argparse.Namespace, replacing: Collection[str] = ()
) -> int:
    """Hand the token over once: stdout, or the OS keychain with only a note on stderr.

    A key whose token cannot reach the keychain it was meant for is revoked at once and the
    command fails (exit 1), with nothing on stdout: a script chose the keychain to keep tokens
    out of its output, and a key nobody holds the token of must not stay behind, valid.
    """
    record = created.record
    scope = "all projects" if record.all_projects else ", ".join(record.projects)
    say(
        f"Key {record.name!r} ({record.key_id}): {'+'.join(record.permission_names)} on "
        f"{scope}; expires {describe_expiry(record.expires_at)}."
    )
    if args.to != "keyring":
        say("Store the token now: it will not be shown again.")
        if args.json:
            emit_json({**key_json(record), "token": created.token})
        else:
            print(created.token)
        return EXIT_OK
    from .core.keychain import KeychainError, read_back_command
    from .core.keychain_policy import save_token

    keychain = _keychain(args)
    try:
        save_token(keychain, record.name, created.token, replacing)
    except KeychainError as error:
        store.delete_key(record.key_id)
        return fail(
            f"could not save the token to the OS keychain: {error} The new key {record.key_id} "
            f"was revoked, so no key is left whose token nobody has; nothing was printed. Fix "
            f"the keychain and run the command again, or use --to stdout."
        )
    store.set_keychain_service(record.key_id, keychain.service)
    command = read_back_command(keychain.service, record.name)
    say(f"Saved to the OS keychain; read it with: {command}")
    if args.json:
        emit_json({**key_json(store.get_key(record.key_id)), "token": None})
    return EXIT_OK


def _keychain(args: argparse.Namespace) -> Keychain:
    from .core.keychain import Keychain
    from .core.keychain_policy import check_service

    return Keychain(check_service(args.keyring_service))


def _check_keychain_first(
    args: argparse.Namespace, account: str, key_ids: Sequence[str] = ()
) -> None:
    """With ``--to keyring``: refuse before anything is created if the token could not go there."""
    if args.to != "keyring":
        return
    from .core.keychain import KeychainError
    from .core.keychain_policy import check_free

    try:
        check_free(_keychain(args), account, key_ids)
    except KeychainError as error:
        raise StoreError(f"{error} Nothing was created.") from None


def keys_create(store: Store, args: argparse.Namespace) -> int:
    permissions = [p for p in args.permissions.split(",") if p.strip()]
    expires = parse_expiration(args.expires, utc_now())
    _check_keychain_first(args, clean_name(args.name))
    created = store.create_key(args.name, permissions, expires, args.project)
    return deliver(store, created, args)


def keys_regenerate(store: Store, args: argparse.Namespace) -> int:
    old = store.get_key(args.key)
    _check_keychain_first(args, old.name, [old.key_id])
    created = store.regenerate_key(old.key_id)
    status = deliver(store, created, args, replacing=[old.key_id])
    forget_keychain_entry(old)  # after the save: it may have replaced this very entry
    return status


def forget_keychain_entry(record: KeyRecord) -> None:
    """Remove a revoked key's token from the keychain, if we put it there and it is still its."""
    if record.keychain_service is None:
        return
    from .core.keychain import Keychain, KeychainError
    from .core.keychain_policy import forget_token

    try:
        forget_token(Keychain(record.keychain_service), record.name, record.key_id)
    except KeychainError as error:
        say(f"Note: the key is revoked, but its keychain entry could not be removed: {error}")


def keys_list(store: Store, args: argparse.Namespace) -> int:
    keys = store.list_keys()
    if args.json:
        emit_json([key_json(k) for k in keys])
        return EXIT_OK
    if not keys:
        say("No keys yet; create one with: qkeys keys create --name NAME --permissions read")
        return EXIT_OK
    now = utc_now()
    rows = [("KEY ID", "NAME", "PERMISSIONS", "SCOPE", "EXPIRES", "STATUS")]
    for k in keys:
        rows.append(
            (
                k.key_id,
                k.name,
                ",".join(k.permission_names),
                "all" if k.all_projects else ",".join(k.projects),
                describe_expiry(k.expires_at),
                k.status(now).value,
            )
        )
    print_table(rows)
    return EXIT_OK


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def keys_delete(store: Store, args: argparse.Namespace) -> int:
    record = store.get_key(args.key)
    if not args.yes:
        if not sys.stdin.isatty():
            return fail(
                "refusing to delete without confirmation: stdin is not a terminal; add --yes",
                EXIT_USAGE,
            )
        answer = input(
            f"Delete {record.name!r} ({record.key_id})? Apps using it lose access "
            f"at once; this cannot be undone. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            say("Not deleted.")
            return EXIT_FAILED
    store.delete_key(record.key_id)
    forget_keychain_entry(record)
    say(f"Deleted {record.name!r} ({record.key_id}); it no longer verifies.")
    return EXIT_OK


# -- projects, events, migration ---------------------------------------------------------------


def projects_add(store: Store, args: argparse.Namespace) -> int:
    say(f"Added project {store.add_project(args.name).name!r}.")
    return EXIT_OK


def projects_rename(store: Store, args: argparse.Namespace) -> int:
    store.rename_project(args.old, args.new)
    say(f"Renamed {args.old!r} to {args.new.strip()!r}.")
    return EXIT_OK


def projects_remove(store: Store, args: argparse.Namespace) -> int:
    outcome = store.remove_project(args.name, force=args.force)
    for record in outcome.revoked:
        forget_keychain_entry(record)
    say(
        f"Removed project {args.name!r}."
        + (f" Narrowed: {', '.join(outcome.narrowed)}." if outcome.narrowed else "")
        + (f" Revoked: {', '.join(k.name for k in outcome.revoked)}." if outcome.revoked else "")
    )
    return EXIT_OK


def projects_list(store: Store, args: argparse.Namespace) -> int:
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
    from .core.transfer import copy_registry

    counts = copy_registry(store, lambda: Store.open(args.destination))
    say("Copied " + ", ".join(f"{n} {what}" for what, n in counts.items()) + "; counts verified.")
    return EXIT_OK


HANDLERS: dict[tuple[str, str | None], Handler] = {
    ("keys", "create"): keys_create,
    ("keys", "regenerate"): keys_regenerate,
    ("keys", "list"): keys_list,
    ("keys", "delete"): keys_delete,
    ("projects", "add"): projects_add,
    ("projects", "rename"): projects_rename,
    ("projects", "remove"): projects_remove,
    ("projects", "list"): projects_list,
    ("events", None): events,
    ("migrate-db", None): migrate_db,
}
