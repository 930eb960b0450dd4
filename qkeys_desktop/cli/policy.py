"""``qkeys policy``: the registry's lifetime policy (maximum lifetime, never-expiring keys).

It is stored in the registry, so on a team registry it binds everyone who issues keys there.
Changing it changes no key: the keys that break the new policy are listed (and flagged in
``qkeys keys list --json`` and ``keys show``) for a person to edit or rotate.
"""

from __future__ import annotations

import argparse

from ..core.changes import UNCHANGED, Unchanged
from ..core.policy import RegistryPolicy, parse_lifetime, violation
from ..core.records import KeyRecord
from ..core.store import Store
from .output import EXIT_OK, EXIT_USAGE, emit_json, fail, print_table, say


def show(store: Store, args: argparse.Namespace) -> int:
    policy = store.policy()
    flagged = breaking(store, policy)
    if args.json:
        emit_json(policy_json(policy, flagged))
        return EXIT_OK
    print(f"Maximum lifetime:    {_lifetime(policy)}")
    print(f"Never-expiring keys: {'allowed' if policy.allow_never else 'not allowed'}")
    _report(flagged)
    return EXIT_OK


def set_policy(store: Store, args: argparse.Namespace) -> int:
    if args.max_lifetime is None and args.allow_never is None:
        return fail("nothing to change; give --max-lifetime 90d|none, --allow-never yes|no or "
                    "both", EXIT_USAGE)
    days: int | Unchanged | None = (
        UNCHANGED if args.max_lifetime is None else parse_lifetime(args.max_lifetime))
    allow: bool | Unchanged = UNCHANGED if args.allow_never is None else args.allow_never == "yes"
    before = store.policy()
    policy = store.set_policy(days, allow)
    flagged = breaking(store, policy)
    if policy == before:
        say(f"Nothing to change: the policy already is: {policy.describe()}.")
    else:
        say(f"Policy changed: {before.describe()} → {policy.describe()}.")
    _report(flagged)
    return EXIT_OK


def breaking(store: Store, policy: RegistryPolicy) -> list[tuple[KeyRecord, str]]:
    """The existing keys that break ``policy``, and why (they are flagged, never changed)."""
    found = []
    for key in store.list_keys():
        reason = violation(policy, key.created_at, key.expires_at)
        if reason is not None:
            found.append((key, reason))
    return found


def policy_json(policy: RegistryPolicy, flagged: list[tuple[KeyRecord, str]]) -> dict[str, object]:
    return {
        "max_lifetime_days": policy.max_lifetime_days,
        "allow_never": policy.allow_never,
        "description": policy.describe(),
        "keys_breaking_it": [{"key_id": k.key_id, "name": k.name, "policy_violation": why}
                             for k, why in flagged],
    }


def _lifetime(policy: RegistryPolicy) -> str:
    days = policy.max_lifetime_days
    return "none (up to 10 years)" if days is None else f"{days} days"


def _report(flagged: list[tuple[KeyRecord, str]]) -> None:
    """How many keys break the policy (stderr) and which (a table on stdout)."""
    if not flagged:
        say("No existing key breaks it.")
        return
    count = "1 existing key breaks" if len(flagged) == 1 else (
        f"{len(flagged)} existing keys break")
    say(f"{count} it (flagged, not changed; shorten with 'qkeys keys edit KEY --expires …' or "
        f"rotate with a new --expires):")
    print_table([("KEY ID", "NAME", "WHY")] + [(k.key_id, k.name, why) for k, why in flagged])
