"""``qkeys keys``: create, regenerate, list, show, list expiring and delete keys. A new token
is handed over once, on stdout or into the OS keychain."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from datetime import datetime

from ..core.expiration import parse_expiration, parse_window
from ..core.records import CreatedKey, KeyRecord
from ..core.store import Store, utc_now
from ..core.validation import clean_name
from .keychain import check_keychain_first, forget_keychain_entry, keychain_for
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, emit_json, fail, print_table, say


def create(store: Store, args: argparse.Namespace) -> int:
    permissions = [p for p in args.permissions.split(",") if p.strip()]
    expires = parse_expiration(args.expires, utc_now())
    check_keychain_first(args, clean_name(args.name))
    created = store.create_key(args.name, permissions, expires, args.project)
    return deliver(store, created, args)


def regenerate(store: Store, args: argparse.Namespace) -> int:
    old = store.get_key(args.key)
    check_keychain_first(args, old.name, [old.key_id])
    created = store.regenerate_key(old.key_id)
    status = deliver(store, created, args, replacing=[old.key_id])
    forget_keychain_entry(old)  # after the save: it may have replaced this very entry
    return status


def list_keys(store: Store, args: argparse.Namespace) -> int:
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


def show(store: Store, args: argparse.Namespace) -> int:
    """One key's details and its history from the audit trail (never its secret)."""
    from .registry import event_json, print_event_table

    record = store.get_key(args.key)
    history = store.list_events(key_id=record.key_id)
    if args.json:
        emit_json({**key_json(record), "keychain_service": record.keychain_service,
                   "history": [event_json(e) for e in history]})
        return EXIT_OK
    fields = [
        ("Name", record.name),
        ("Key ID", record.key_id),
        ("Permissions", ", ".join(record.permission_names)),
        ("Scope", "all projects" if record.all_projects else ", ".join(record.projects)),
        ("Expires", describe_expiry(record.expires_at)),
        ("Created", describe_expiry(record.created_at)),
        ("Last used", "never" if record.last_used_at is None
         else describe_expiry(record.last_used_at)),
        ("Status", record.status(utc_now()).value),
        ("Keychain", record.keychain_service or "not saved there by qkeys"),
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        print(f"{label + ':':<{width + 1}} {value}")
    print()
    print_event_table(history)
    return EXIT_OK


def expiring(store: Store, args: argparse.Namespace) -> int:
    """For cron and monitoring: the keys that expire within ``--within`` (expired ones too),
    soonest first; exit 0 when there are none, 1 when there are some."""
    window = parse_window(args.within)
    now = utc_now()
    soon = sorted(
        (k for k in store.list_keys() if k.expires_at is not None and k.expires_at <= now + window),
        key=lambda k: k.expires_at or now,
    )
    if args.json:
        emit_json([key_json(k) for k in soon])
    elif soon:
        print_table(
            [("KEY ID", "NAME", "EXPIRES", "STATUS")]
            + [(k.key_id, k.name, describe_expiry(k.expires_at), k.status(now).value) for k in soon]
        )
    expired = sum(1 for k in soon if k.expires_at is not None and k.expires_at <= now)
    if not soon:
        say(f"No key expires within {args.within.strip()}.")
        return EXIT_OK
    say(
        (f"{len(soon)} keys expire" if len(soon) > 1 else "1 key expires")
        + f" within {args.within.strip()}"
        + (f" ({expired} already expired)" if expired else "")
        + "; regenerate them (qkeys keys regenerate KEY) before apps are refused."
    )
    return EXIT_FAILED


def delete(store: Store, args: argparse.Namespace) -> int:
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
    from ..core.keychain import KeychainError, read_back_command
    from ..core.keychain_policy import save_token

    keychain = keychain_for(args)
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
