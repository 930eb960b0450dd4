"""KeyListing: the first read lists every key, later reads only what changed — and what they
bring, applied to what was listed, always equals reading every key again. On both engines."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import timedelta

import pytest
from doubles import FakeClock

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.key_listing import KeyChanges, KeyListing
from qkeys_desktop.core.records import (
    KEY_ID,
    KEY_KEYCHAIN_SERVICE,
    KEY_NAME,
    KEY_USES_30D,
    KEY_USES_REMAINING,
    KeyRow,
)
from qkeys_desktop.core.store import Store

RUN_ON_BOTH_ENGINES = True


@pytest.fixture
def other(store_target: str, fast_hasher: SecretHasher, store: Store) -> Iterator[Store]:
    """Another connection to the same registry, as another process would have."""
    opened = Store.open(store_target, hasher=fast_hasher)
    yield opened
    opened.close()


class Replica:
    """What a table does with the changes: keys by id, in no order."""

    def __init__(self, listing: KeyListing) -> None:
        self.listing = listing
        self.keys: dict[str, KeyRow] = {}
        self.reads: list[KeyChanges] = []

    def follow(self) -> KeyChanges:
        changes = self.listing.read()
        self.reads.append(changes)
        if changes.full:
            self.keys = {row[KEY_ID]: row for row in changes.rows}
        else:
            for key_id in changes.removed:
                del self.keys[key_id]
            self.keys.update((row[KEY_ID], row) for row in changes.rows)
        return changes


def everything(store: Store) -> dict[str, KeyRow]:
    return {row[KEY_ID]: row for row in store.key_rows()}


@pytest.fixture
def replica(store: Store) -> Replica:
    for name in ("alpha", "beta", "gamma"):
        store.create_key(name, ["read"], None)
    follower = Replica(KeyListing(store))
    assert follower.follow().full
    return follower


def test_the_first_read_lists_every_key_newest_first(store: Store, replica: Replica) -> None:
    (first,) = replica.reads
    assert first.rows == store.key_rows()
    assert [row[KEY_NAME] for row in first.rows] == ["gamma", "beta", "alpha"]


def test_a_quiet_registry_brings_nothing(replica: Replica) -> None:
    changes = replica.follow()
    assert not changes.full and not changes


def test_another_process_edit_brings_that_key_alone(
        store: Store, other: Store, replica: Replica) -> None:
    other.edit_key("beta", name="beta renamed", description="elsewhere")
    changes = replica.follow()
    assert not changes.full
    assert [row[KEY_NAME] for row in changes.rows] == ["beta renamed"]
    assert changes.removed == frozenset()
    assert replica.keys == everything(store)


def test_a_key_deleted_elsewhere_is_removed(store: Store, other: Store, replica: Replica) -> None:
    gone = other.delete_key("alpha")
    changes = replica.follow()
    assert not changes.full and changes.rows == []
    assert changes.removed == {gone.key_id}
    assert replica.keys == everything(store)


def test_a_rotation_replaces_the_old_key_id(store: Store, other: Store, replica: Replica) -> None:
    old = store.get_key("gamma")
    new = other.rotate_key("gamma", overlap=timedelta(hours=1)).record
    changes = replica.follow()
    assert [row[KEY_ID] for row in changes.rows] == [new.key_id]
    assert changes.removed == {old.key_id}
    assert replica.keys == everything(store)


def test_our_own_write_brings_one_row(store: Store, replica: Replica) -> None:
    created = store.create_key("delta", ["read", "write"], None, description="ours").record
    changes = replica.follow()
    assert not changes.full
    assert [row[KEY_ID] for row in changes.rows] == [created.key_id]
    store.set_key_disabled("delta", True)
    assert [row[KEY_ID] for row in replica.follow().rows] == [created.key_id]
    assert replica.keys == everything(store)


def test_an_apps_use_and_its_usage_counts_are_followed(
        store: Store, other: Store, replica: Replica) -> None:
    token = store.create_key("used", ["read"], None).token
    replica.follow()
    assert other.verify(token, "read").ok
    other.verifier.flush_usage()  # as the app's process does once a minute
    changes = replica.follow()
    assert [(row[KEY_NAME], row[KEY_USES_30D]) for row in changes.rows] == [("used", 1)]
    assert replica.keys == everything(store)


def test_keychain_moves_are_followed_without_an_event(
        store: Store, other: Store, replica: Replica) -> None:
    beta = store.get_key("beta")
    other.set_keychain_service(beta.key_id, "qkeys-test")
    assert [row[KEY_KEYCHAIN_SERVICE] for row in replica.follow().rows] == ["qkeys-test"]
    other.set_keychain_service(beta.key_id, None)
    assert [row[KEY_KEYCHAIN_SERVICE] for row in replica.follow().rows] == [None]
    assert replica.keys == everything(store)


def test_a_limited_keys_spent_uses_are_followed(
        store: Store, other: Store, replica: Replica) -> None:
    created = store.create_key("metered", ["read"], None, uses=5)
    token = created.token
    replica.follow()
    for _ in range(2):
        assert other.verify(token, "read").ok
    replica.follow()
    assert replica.keys == everything(store)
    assert replica.keys[created.record.key_id][KEY_USES_REMAINING] == 3


def test_a_renamed_project_makes_a_full_read(store: Store, other: Store) -> None:
    store.add_project("Billing")
    store.create_key("scoped", ["read"], None, projects=["Billing"])
    follower = Replica(KeyListing(store))
    follower.follow()
    other.rename_project("Billing", "Invoices")
    assert follower.follow().full
    assert follower.keys == everything(store)


@pytest.mark.sqlite_only
def test_a_row_deleted_behind_qkeys_back_makes_a_full_read(
        timed: Store, clock: FakeClock) -> None:
    """No event names it (its creation is long past): the count of keys gives it away."""
    for name in ("one", "two"):
        timed.create_key(name, ["read"], None)
    clock.advance(hours=1)
    follower = Replica(KeyListing(timed))
    follower.follow()
    with sqlite3.connect(timed.db.database) as raw:
        raw.execute("DELETE FROM api_key WHERE name = 'one'")
    assert follower.follow().full
    assert follower.keys == everything(timed)


def test_nothing_is_lost_under_rapid_changes(store: Store, other: Store) -> None:
    """Writes by two stores, reads in between at random: what was followed is every key."""
    rng = random.Random(14)
    follower = Replica(KeyListing(store))
    follower.follow()
    names = 0
    for step in range(60):
        writer = rng.choice((store, other))
        living = [row[KEY_ID] for row in writer.key_rows()]
        action = rng.choice(("create", "create", "edit", "delete", "rotate", "disable"))
        if action == "create" or not living:
            names += 1
            writer.create_key(f"key {names}", ["read"], None)
        elif action == "edit":
            writer.edit_key(rng.choice(living), description=f"step {step}")
        elif action == "delete":
            writer.delete_key(rng.choice(living))
        elif action == "rotate":
            writer.rotate_key(rng.choice(living))
        else:
            writer.set_key_disabled(rng.choice(living), rng.random() < 0.5)
        if rng.random() < 0.4:
            follower.follow()
    follower.follow()
    assert follower.keys == everything(store)
    assert not any(changes.full for changes in follower.reads[1:])
