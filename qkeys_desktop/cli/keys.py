"""``qkeys keys``: create, edit, disable/enable, rotate (regenerate), list, show, list expiring
and delete keys. A new token is handed over once, on stdout or into the OS keychain."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from datetime import datetime, timedelta

from ..core.changes import UNCHANGED, Unchanged, describe_changes, describe_limit_change
from ..core.errors import NotFoundError
from ..core.expiration import describe_span, parse_expiration, parse_overlap, parse_window
from ..core.keychain import DEFAULT_SERVICE
from ..core.limits import Rate, describe_rate, parse_rate, parse_uses
from ..core.policy import RegistryPolicy, violation
from ..core.records import CreatedKey, KeyRecord, KeyStatus, key_record
from ..core.relative_time import ago
from ..core.store import Store, utc_now
from ..core.usage import UNUSED_DAYS, unused
from ..core.validation import clean_name
from .keychain import (
    check_keychain_first,
    forget_keychain_entry,
    keychain_for,
    move_keychain_entry,
)
from .output import EXIT_FAILED, EXIT_OK, EXIT_USAGE, emit_json, fail, print_table, say


def create(store: Store, args: argparse.Namespace) -> int:
    permissions = [p for p in args.permissions.split(",") if p.strip()]
    expires = parse_expiration(args.expires, utc_now())
    uses = None if args.uses is None else parse_uses(args.uses)
    rate = None if args.rate is None else parse_rate(args.rate)
    check_keychain_first(args, clean_name(args.name))
    created = store.create_key(args.name, permissions, expires, args.project, args.description,
                               uses=uses, refill=args.refill, rate=rate)
    return deliver(store, created, args)


# -- change in place ---------------------------------------------------------------------------


def edit(store: Store, args: argparse.Namespace) -> int:
    """Change what the options name, keep the rest, and say what changed from what to what."""
    if all(value is None for value in (args.name, args.description, args.permissions,
                                        args.project, args.expires, args.uses, args.refill,
                                        args.rate)) and not args.all_projects:
        return fail(
            "nothing to change; give at least one of --name, --description, --permissions, "
            "--project/--all-projects, --expires, --uses, --refill or --rate", EXIT_USAGE,
        )
    uses: int | Unchanged | None = UNCHANGED if args.uses is None else parse_uses(args.uses)
    rate: Rate | Unchanged | None = UNCHANGED if args.rate is None else parse_rate(args.rate)
    old = find_key(store, args.key)
    new = store.edit_key(
        old.key_id,
        name=args.name,
        description=args.description,
        permissions=None if args.permissions is None
        else [p for p in args.permissions.split(",") if p.strip()],
        projects=None if args.all_projects else UNCHANGED if args.project is None
        else args.project,
        expires_at=UNCHANGED if args.expires is None else parse_expiration(args.expires,
                                                                           utc_now()),
        uses=uses,
        refill=UNCHANGED if args.refill is None else args.refill,
        rate=rate,
    )
    changes = "; ".join(part for part in (
        describe_changes(old, new.name, new.description, new.permissions, _scope(old),
                         _scope(new), new.expires_at),
        _limit_changes(old, new, restarted=args.uses is not None)) if part)
    if not changes:
        say(f"Nothing to change: {old.name!r} already has these settings.")
        return EXIT_OK
    say(f"Changed {old.name!r}: {changes}.")
    if args.uses is not None and new.uses_limit is not None:
        say(f"The count of uses starts afresh: {describe_uses(new)}.")
    if new.name != old.name:
        move_keychain_entry(old, new.name)
    return EXIT_OK


def _scope(record: KeyRecord) -> list[str] | None:
    return None if record.all_projects else list(record.projects)


def _limit_changes(old: KeyRecord, new: KeyRecord, *, restarted: bool) -> str:
    """The limits an edit changed, in the words of its audit event; a number of uses given
    anew restarts the count, so it is a change even when the number stays."""
    before = (old.uses_limit, old.uses_refill, key_rate(old))
    after = (new.uses_limit, new.uses_refill, key_rate(new))
    if not restarted and before == after:
        return ""
    return describe_limit_change(*before, *after, restarted=restarted)


def key_rate(record: KeyRecord) -> Rate | None:
    """A key's rate limit as (N, seconds), or None."""
    return None if record.rate_limit is None else (record.rate_limit, record.rate_window or 1)


def describe_uses(record: KeyRecord) -> str:
    """``12 of 100 uses left (refilled daily)``, or ``unlimited uses``."""
    if record.uses_limit is None:
        return "unlimited uses"
    refill = "" if record.uses_refill is None else f" (refilled {record.uses_refill})"
    return f"{_remaining(record):,} of {record.uses_limit:,} uses left{refill}"


def describe_limit_state(record: KeyRecord) -> str:
    """``12 of 100 uses left (refilled daily); at most 10/min``, or ``unlimited uses; no rate
    limit``: a key's limits in a sentence."""
    rate = key_rate(record)
    return describe_uses(record) + "; " + (
        "no rate limit" if rate is None else f"at most {describe_rate(rate)}")


def describe_limits(record: KeyRecord) -> str:
    """A key's limits in a table cell: ``12/100 uses/day, 10/min``; "" for none."""
    parts = []
    if record.uses_limit is not None:
        per = {"daily": "/day", "monthly": "/month"}.get(record.uses_refill or "", "")
        parts.append(f"{_remaining(record)}/{record.uses_limit} uses{per}")
    if record.rate_limit is not None:
        parts.append(describe_rate(key_rate(record)))
    return ", ".join(parts)


def _remaining(record: KeyRecord) -> int:
    # A refill is made by the first verification of a new day or month, so until then this
    # is what the last period left
    return (record.uses_limit or 0) if record.uses_remaining is None else record.uses_remaining


def disable(store: Store, args: argparse.Namespace) -> int:
    return _set_disabled(store, args.key, True)


def enable(store: Store, args: argparse.Namespace) -> int:
    return _set_disabled(store, args.key, False)


def _set_disabled(store: Store, key: str, disabled: bool) -> int:
    old = find_key(store, key)
    new = store.set_key_disabled(old.key_id, disabled)
    label = f"{new.name!r} ({new.key_id})"
    if (old.disabled_at is not None) == disabled:
        say(f"{label} is already disabled (since {describe_expiry(old.disabled_at)})."
            if disabled else f"{label} is already enabled.")
    elif disabled:
        say(f"Disabled {label}: every check now answers 'disabled'. "
            f"Resume it with: qkeys keys enable {new.key_id}")
    else:
        say(f"Enabled {label}: it verifies again.")
    return EXIT_OK


# -- new tokens --------------------------------------------------------------------------------


def rotate(store: Store, args: argparse.Namespace) -> int:
    """A new token with the same settings; the old one keeps working for ``--overlap``."""
    return _rotate(store, args, parse_overlap(args.overlap))


def regenerate(store: Store, args: argparse.Namespace) -> int:
    """A rotation without overlap: the old token stops at once."""
    return _rotate(store, args, timedelta(0))


def _rotate(store: Store, args: argparse.Namespace, overlap: timedelta) -> int:
    old = find_key(store, args.key)
    expires: datetime | Unchanged | None = (
        UNCHANGED if args.expires is None else parse_expiration(args.expires, utc_now()))
    delivery = _follow_the_key(args, old)
    check_keychain_first(delivery, old.name, [old.key_id],
                         "The key was not changed; its token still works. Use --to stdout, or "
                         "--to keyring with another --keyring-service.")
    created = store.rotate_key(old.key_id, overlap, expires)
    if delivery.to == "stdout" and old.keychain_service is not None:
        # the key's token leaves the keychain: its record must no longer say it is there
        store.set_keychain_service(created.record.key_id, None)
        created = CreatedKey(store.get_key(created.record.key_id), created.token)
    status = deliver(store, created, delivery, replacing=[old.key_id])
    if status == EXIT_OK:
        say(_old_token_note(old.key_id, created.record, overlap))
        # after the save, which may have replaced this very entry; an entry left in another
        # service, or by a move to stdout, goes (apps read the keychain for the current token)
        forget_keychain_entry(old, "the key has a new token")
    return status


def _follow_the_key(args: argparse.Namespace, old: KeyRecord) -> argparse.Namespace:
    """Delivery follows the key: without ``--to``, a key whose token is in the keychain gets
    its new one there, under the same service; otherwise stdout."""
    to = args.to or ("keyring" if old.keychain_service is not None else "stdout")
    service = args.keyring_service or old.keychain_service or DEFAULT_SERVICE
    return argparse.Namespace(**{**vars(args), "to": to, "keyring_service": service})


def _old_token_note(old_key_id: str, record: KeyRecord, overlap: timedelta) -> str:
    if record.previous_until is None or not record.rotating(utc_now()):
        return f"The old token {old_key_id} stopped working now."
    return (f"The old token {old_key_id} keeps working until "
            f"{describe_expiry(record.previous_until)} ({describe_span(overlap)}).")


# -- reading -----------------------------------------------------------------------------------


def list_keys(store: Store, args: argparse.Namespace) -> int:
    keys = store.list_keys()
    if args.json:
        policy = store.policy()
        emit_json([key_json(k, policy) for k in keys])
        return EXIT_OK
    if not keys:
        say("No keys yet; create one with: qkeys keys create --name NAME --permissions read")
        return EXIT_OK
    now = utc_now()
    # the LIMITS column only when a key has limits: most registries have none, and the table
    # is wide enough already
    limited = any(k.uses_limit is not None or k.rate_limit is not None for k in keys)
    rows = [("KEY ID", "NAME", "PERMISSIONS", "SCOPE", "EXPIRES", "LAST USED", "CREATED",
             *(("LIMITS",) if limited else ()), "STATUS")]
    for k in keys:
        rows.append(
            (
                k.key_id,
                k.name,
                ",".join(k.permission_names),
                "all" if k.all_projects else ",".join(k.projects),
                describe_due(k.expires_at, now),
                describe_ago(k.last_used_at, now),
                short_date(k.created_at),
                *((describe_limits(k),) if limited else ()),
                describe_status(k, now)
                + (f", unused {UNUSED_DAYS}d" if unused(k.created_at, k.last_used_at, now)
                   else ""),
            )
        )
    print_table(rows)
    return EXIT_OK


# The table's moments read as the window's columns do, at a glance and narrow: soon and recent
# ones relative ("in 5h", "3 hours ago"), the rest as a local date; `keys show` and --json
# give the exact time.
RELATIVE_SPAN = timedelta(days=7)


def short_date(moment: datetime) -> str:
    """The local date, ``2026-12-01``."""
    return f"{moment.astimezone():%Y-%m-%d}"


def describe_due(moment: datetime | None, now: datetime) -> str:
    """An expiration: ``never``, ``in 5h`` or ``in 3d`` within a week, else its date (also
    once past: the STATUS column says ``expired``)."""
    if moment is None:
        return "never"
    if now < moment <= now + RELATIVE_SPAN:
        return f"in {describe_remaining(moment - now)}"
    return short_date(moment)


def describe_ago(moment: datetime | None, now: datetime) -> str:
    """A last use: ``never``, ``just now``, ``5 min ago``, ``3 hours ago``, ``yesterday``,
    ``4 days ago`` within a week, else its date."""
    if moment is None:
        return "never"
    return ago(moment, now, RELATIVE_SPAN) or short_date(moment)


def describe_status(record: KeyRecord, now: datetime) -> str:
    """``active``, ``expiring``, ``expired``, ``disabled``; during a rotation's overlap
    ``rotating, old token stops in 5h`` (after the status unless that is plain active)."""
    status = record.status(now)
    if not record.rotating(now) or record.previous_until is None:
        return status.value
    rotating = f"rotating, old token stops in {describe_remaining(record.previous_until - now)}"
    return rotating if status is KeyStatus.ACTIVE else f"{status.value}, {rotating}"


def describe_remaining(span: timedelta) -> str:
    """A time left, rounded up to what a person reads at a glance: 3d, 5h, 12m."""
    minutes = -(-int(span.total_seconds()) // 60)
    if minutes >= 2 * 24 * 60:
        return f"{-(-minutes // (24 * 60))}d"
    if minutes >= 60:
        return f"{-(-minutes // 60)}h"
    return f"{max(minutes, 1)}m"


def show(store: Store, args: argparse.Namespace) -> int:
    """One key's details and its history from the audit trail (never its secret)."""
    from .registry import event_json, print_event_table

    record = find_key(store, args.key)
    history = store.list_events(key_id=record.key_id)
    policy = store.policy()
    if args.json:
        emit_json({**key_json(record, policy), "keychain_service": record.keychain_service,
                   "history": [event_json(e) for e in history]})
        return EXIT_OK
    now = utc_now()
    fields = [
        ("Name", record.name),
        ("Description", record.description or "(none)"),
        ("Key ID", record.key_id),
        ("Permissions", ", ".join(record.permission_names)),
        ("Scope", "all projects" if record.all_projects else ", ".join(record.projects)),
        ("Expires", describe_expiry(record.expires_at)),
        ("Created", describe_expiry(record.created_at)
         + (f" by {record.created_by}" if record.created_by else "")),
        ("Last used", describe_last_use(record)),
        ("30-day use", f"{record.uses_30d:,} valid verification"
         + ("" if record.uses_30d == 1 else "s") + f" (see: qkeys usage {record.key_id})"),
        ("Limits", describe_limit_state(record)),
        ("Status", describe_status(record, now)),
    ]
    if unused(record.created_at, record.last_used_at, now):
        fields.append(("Unused", f"for {UNUSED_DAYS} days or more: a candidate for deletion"))
    if record.disabled_at is not None:
        fields.append(("Disabled since", describe_expiry(record.disabled_at)))
    if record.rotating(now):
        fields.append(("Rotation", f"old token {record.previous_key_id} stops "
                       f"{describe_expiry(record.previous_until)}"))
    flagged = violation(policy, record.created_at, record.expires_at)
    fields += [
        ("Policy", f"breaks it: {flagged}" if flagged else "within the registry's policy"),
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
    soon = sorted((key_record(row) for row in store.key_rows(expiring_by=now + window)),
                  key=lambda k: k.expires_at or now)
    if args.json:
        policy = store.policy()
        emit_json([key_json(k, policy) for k in soon])
    elif soon:
        print_table(
            [("KEY ID", "NAME", "EXPIRES", "STATUS")]
            + [(k.key_id, k.name, describe_expiry(k.expires_at), describe_status(k, now))
               for k in soon]
        )
    expired = sum(1 for k in soon if k.expires_at is not None and k.expires_at <= now)
    if not soon:
        say(f"No key expires within {args.within.strip()}.")
        return EXIT_OK
    say(
        (f"{len(soon)} keys expire" if len(soon) > 1 else "1 key expires")
        + f" within {args.within.strip()}"
        + (f" ({expired} already expired)" if expired else "")
        + "; rotate them before apps are refused, keeping the old token for a day while apps "
        "switch: qkeys keys rotate KEY --overlap 24h"
    )
    return EXIT_FAILED


def delete(store: Store, args: argparse.Namespace) -> int:
    record = find_key(store, args.key)
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
    say(f"Deleted {record.name!r} ({record.key_id}); it no longer verifies (reason: revoked).")
    return EXIT_OK


def find_key(store: Store, key: str) -> KeyRecord:
    """The key a command names (id or name). For the id of a revoked or rotated key the
    refusal says what became of it, instead of only that no key has that id."""
    try:
        return store.get_key(key)
    except NotFoundError:
        retired = store.retired_key(key.strip())
        if retired is None:
            raise
        when = describe_expiry(retired.at) + (f" by {retired.actor}" if retired.actor else "")
        if retired.reason == "rotated":
            raise NotFoundError(
                f"{retired.key_id} is a replaced token of the key {retired.name!r} (rotated "
                f"{when}); name the key by its name or current id (see 'qkeys keys list')."
            ) from None
        raise NotFoundError(
            f"{retired.key_id} was revoked: the key {retired.name!r} was deleted {when}."
        ) from None


# -- output ------------------------------------------------------------------------------------


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
            emit_json({**key_json(record, store.policy()), "token": created.token})
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
            f"could not save the token to the OS keychain: {error} The key {record.key_id} "
            f"was revoked, so no key is left whose token nobody has; nothing was printed. Fix "
            f"the keychain and run the command again, or use --to stdout."
        )
    store.set_keychain_service(record.key_id, keychain.service)
    command = read_back_command(keychain.service, record.name)
    say(f"Saved to the OS keychain; read it with: {command}")
    if args.json:
        emit_json({**key_json(store.get_key(record.key_id), store.policy()), "token": None})
    return EXIT_OK


def describe_last_use(record: KeyRecord) -> str:
    """``2026-12-01 10:14 by billing-api``, or ``never``."""
    by = f" by {record.last_used_by}" if record.last_used_by and record.last_used_at else ""
    return describe_expiry(record.last_used_at, "never") + by


def describe_expiry(moment: datetime | None, none: str = "never") -> str:
    """A moment in local time, minutes precision; ``none`` when there is none."""
    return none if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def key_json(record: KeyRecord, policy: RegistryPolicy) -> dict[str, object]:
    """A key as ``--json`` prints it (never its secret); ``policy`` flags a key that breaks
    the registry's lifetime policy."""
    now = utc_now()
    return {
        "key_id": record.key_id,
        "name": record.name,
        "description": record.description,
        "permissions": record.permission_names,
        "projects": None if record.all_projects else list(record.projects),
        "expires_at": record.expires_at,
        "created_at": record.created_at,
        "created_by": record.created_by,
        "last_used_at": record.last_used_at,
        "last_used_by": record.last_used_by,
        "uses_30d": record.uses_30d,
        "unused_90d": unused(record.created_at, record.last_used_at, now),
        "status": record.status(now).value,
        "disabled": record.disabled_at is not None,
        "disabled_at": record.disabled_at,
        "rotating": record.rotating(now),
        "previous_key_id": record.previous_key_id if record.rotating(now) else None,
        "previous_until": record.previous_until if record.rotating(now) else None,
        "in_keychain": record.keychain_service is not None,
        "policy_violation": violation(policy, record.created_at, record.expires_at),
        "uses_limit": record.uses_limit,
        "uses_remaining": None if record.uses_limit is None else _remaining(record),
        "uses_refill": record.uses_refill,
        "rate_limit": None if record.rate_limit is None else describe_rate(key_rate(record)),
    }
