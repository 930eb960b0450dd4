"""The registry's lifetime policy, on SQLite and PostgreSQL: stored in the registry, so every
Store on it enforces it; creation, edit and rotation outside it are refused with a message that
names it; keys made before it are flagged, never changed; migrate-db carries it along."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from doubles import FakeClock

from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.policy import (
    NO_POLICY,
    RegistryPolicy,
    check_against,
    parse_lifetime,
    violation,
)
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.transfer import copy_registry

RUN_ON_BOTH_ENGINES = True

T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)
DAY = timedelta(days=1)
STRICT = RegistryPolicy(90, False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def other(timed: Store, store_target: str, fast_hasher: SecretHasher,
          clock: FakeClock) -> Iterator[Store]:
    """Another Store on the same registry: another user of a team registry."""
    opened = Store.open(store_target, hasher=fast_hasher, clock=clock, surface="cli")
    yield opened
    opened.close()


def state(store: Store) -> tuple[object, ...]:
    """Everything a refused change must leave as it was."""
    return store.revision(), store.list_keys(), store.list_events()


# -- reading and setting -----------------------------------------------------------------------


def test_a_new_registry_has_no_policy(timed: Store) -> None:
    assert timed.policy() == NO_POLICY == RegistryPolicy(None, True)
    assert NO_POLICY.describe() == "no maximum lifetime; keys may never expire"


def test_the_policy_is_stored_in_the_registry_for_every_store_on_it(
    timed: Store, other: Store
) -> None:
    revision = timed.revision()
    assert other.set_policy(max_lifetime_days=90, allow_never=False) == STRICT
    assert timed.policy() == STRICT  # read afresh: nothing cached
    assert timed.revision() > revision  # windows watching the registry learn of it
    event = timed.list_events()[0]
    assert (event.kind, event.key_id, event.name, event.surface) == (
        "policy.changed", None, "lifetime policy", "cli")
    assert event.details == (
        "no maximum lifetime; keys may never expire → keys live at most 90 days; "
        "every key must expire")
    assert event.actor == other.actor


def test_setting_one_part_keeps_the_other(timed: Store) -> None:
    timed.set_policy(allow_never=False)
    assert timed.policy() == RegistryPolicy(None, False)
    timed.set_policy(max_lifetime_days=30)
    assert timed.policy() == RegistryPolicy(30, False)
    timed.set_policy(max_lifetime_days=None)
    assert timed.policy() == RegistryPolicy(None, False)
    assert timed.list_events()[0].details == (
        "keys live at most 30 days; every key must expire → no maximum lifetime; "
        "every key must expire")
    assert [e.kind for e in timed.list_events()] == ["policy.changed"] * 3


def test_setting_the_policy_it_has_records_nothing(timed: Store) -> None:
    timed.set_policy(max_lifetime_days=90, allow_never=False)
    before = state(timed)
    assert timed.set_policy(max_lifetime_days=90, allow_never=False) == STRICT
    assert timed.set_policy() == STRICT
    assert state(timed) == before


@pytest.mark.parametrize("days", [0, -1, 3661, 1.5, True, "90"])
def test_an_impossible_lifetime_is_refused(timed: Store, days: object) -> None:
    before = state(timed)
    with pytest.raises(ValidationError) as refused:
        timed.set_policy(max_lifetime_days=days)  # type: ignore[arg-type]
    assert refused.value.field == "max_lifetime"
    assert timed.policy() == NO_POLICY and state(timed) == before


def test_allow_never_must_be_a_bool(timed: Store) -> None:
    with pytest.raises(ValidationError) as refused:
        timed.set_policy(allow_never="no")  # type: ignore[arg-type]
    assert refused.value.field == "allow_never"
    assert timed.policy() == NO_POLICY


@pytest.mark.parametrize(("spec", "days"), [
    ("90d", 90), ("1d", 1), (" 30D ", 30), ("12w", 84), ("1y", 365), ("10y", 3650),
    ("3660d", 3660), ("none", None), ("NONE", None), ("no", None), ("off", None),
])
def test_parse_lifetime(spec: str, days: int | None) -> None:
    assert parse_lifetime(spec) == days


@pytest.mark.parametrize("spec", [
    "", "0d", "3661d", "11y", "90", "d", "-5d", "1.5d", "90 days", "90h", "100000d", "never",
    "9" * 40 + "d",
])
def test_parse_lifetime_names_the_forms_it_takes(spec: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_lifetime(spec)
    assert refused.value.field == "max_lifetime"
    message = str(refused.value)
    assert f"Unknown maximum lifetime {spec!r}" in message
    assert "90d, 12w, 1y" in message and "none" in message


# -- creating, editing and rotating within it --------------------------------------------------


def test_creation_outside_the_policy_is_refused_naming_it(timed: Store, clock: FakeClock) -> None:
    timed.set_policy(max_lifetime_days=90, allow_never=False)
    before = state(timed)
    with pytest.raises(ValidationError) as too_long:
        timed.create_key("long", ["read"], T0 + 91 * DAY)
    assert too_long.value.field == "expiration"
    assert str(too_long.value) == (
        "This registry's policy allows keys to live at most 90 days; choose an expiration on "
        "or before 2030-08-30.")
    with pytest.raises(ValidationError) as never:
        timed.create_key("eternal", ["read"], None)
    assert str(never.value) == (
        "This registry's policy requires every key to expire within 90 days; choose an "
        "expiration date.")
    assert state(timed) == before
    assert timed.create_key("ok", ["read"], T0 + 90 * DAY).record.expires_at == T0 + 90 * DAY


def test_never_may_be_refused_without_a_maximum(timed: Store) -> None:
    timed.set_policy(allow_never=False)
    with pytest.raises(ValidationError) as never:
        timed.create_key("eternal", ["read"], None)
    assert "policy requires every key to expire;" in str(never.value)
    assert timed.create_key("far", ["read"], T0 + 3000 * DAY).record.expires_at is not None


def test_a_policy_set_elsewhere_applies_at_once(timed: Store, other: Store) -> None:
    other.set_policy(max_lifetime_days=7)
    with pytest.raises(ValidationError, match="at most 7 days"):
        timed.create_key("k", ["read"], T0 + 8 * DAY)


def test_an_edit_outside_the_policy_is_refused(timed: Store) -> None:
    key = timed.create_key("k", ["read"], T0 + 30 * DAY).record
    timed.set_policy(max_lifetime_days=90, allow_never=False)
    before = state(timed)
    for expiry, says in ((T0 + 100 * DAY, "at most 90 days"), (None, "every key to expire")):
        with pytest.raises(ValidationError) as refused:
            timed.edit_key("k", expires_at=expiry)
        assert refused.value.field == "expiration" and says in str(refused.value)
    assert state(timed) == before
    assert timed.edit_key("k", expires_at=T0 + 60 * DAY).expires_at == T0 + 60 * DAY
    assert timed.get_key(key.key_id).expires_at == T0 + 60 * DAY


def test_a_rotation_outside_the_policy_is_refused(timed: Store, clock: FakeClock) -> None:
    eternal = timed.create_key("eternal", ["read"], None)
    long_lived = timed.create_key("long", ["read"], T0 + 365 * DAY)
    timed.set_policy(max_lifetime_days=90, allow_never=False)
    before = state(timed)
    for name, says in (("eternal", "every key to expire"), ("long", "at most 90 days")):
        with pytest.raises(ValidationError) as refused:  # its lifetime, counted from now
            timed.rotate_key(name, timedelta(hours=1))
        assert refused.value.field == "expiration" and says in str(refused.value)
    with pytest.raises(ValidationError):
        timed.regenerate_key("long")
    with pytest.raises(ValidationError):
        timed.rotate_key("long", expires_at=T0 + 91 * DAY)
    assert state(timed) == before
    for created in (eternal, long_lived):
        assert timed.verify(created.token, "read").ok  # untouched
    rotated = timed.rotate_key("eternal", expires_at=T0 + 30 * DAY)
    assert rotated.record.expires_at == T0 + 30 * DAY
    assert timed.verify(rotated.token, "read").ok


# -- existing keys: flagged, not changed -------------------------------------------------------


def test_existing_keys_are_flagged_not_changed(timed: Store, clock: FakeClock) -> None:
    eternal = timed.create_key("eternal", ["read"], None)
    long_lived = timed.create_key("long", ["read"], T0 + 365 * DAY)
    fine = timed.create_key("fine", ["read"], T0 + 90 * DAY)
    keys = timed.list_keys()
    clock.advance(days=1)
    policy = timed.set_policy(max_lifetime_days=90, allow_never=False)
    assert timed.list_keys() == keys
    for created in (eternal, long_lived, fine):
        assert timed.verify(created.token, "read").ok
    flags = {k.name: violation(policy, k.created_at, k.expires_at) for k in timed.list_keys()}
    assert flags == {
        "eternal": "never expires, which the policy no longer allows",
        "long": "lives longer than the policy's 90 days",
        "fine": None,
    }
    # a flagged key may still be renamed or narrowed; only its expiry must come within it
    assert timed.edit_key("long", name="long (legacy)", permissions=["read"]).name == (
        "long (legacy)")
    assert timed.edit_key("eternal", description="to be replaced").description == (
        "to be replaced")


def test_violation_and_check_against_agree_at_the_limit() -> None:
    policy = RegistryPolicy(90, True)
    assert violation(policy, T0, T0 + 90 * DAY) is None
    assert violation(policy, T0, T0 + 90 * DAY + timedelta(minutes=1)) is None  # a minute's slack
    assert violation(policy, T0, T0 + 90 * DAY + timedelta(minutes=2)) is not None
    check_against(policy, T0 + 90 * DAY + timedelta(minutes=1), T0)
    with pytest.raises(ValidationError):
        check_against(policy, T0 + 90 * DAY + timedelta(minutes=2), T0)
    assert violation(policy, T0, None) is None and violation(NO_POLICY, T0, None) is None
    assert violation(RegistryPolicy(None, False), T0, None) is not None
    assert violation(NO_POLICY, T0, T0 + 3660 * DAY) is None


# -- migrate-db --------------------------------------------------------------------------------


def test_migrate_db_carries_the_policy_and_the_tombstones(
    timed: Store, clock: FakeClock, tmp_path: Path, fast_hasher: SecretHasher
) -> None:
    timed.add_project("Lab")
    kept = timed.create_key("kept", ["read"], T0 + 30 * DAY, ["Lab"])
    deleted = timed.create_key("deleted", ["read"], None)
    replaced = timed.create_key("replaced", ["read"], T0 + 30 * DAY)
    timed.set_policy(max_lifetime_days=60, allow_never=False)
    timed.delete_key("deleted")
    rotated = timed.rotate_key("replaced", timedelta(hours=2))
    timed.rotate_key("kept")
    clock.advance(hours=1)
    destination = Store.open(str(tmp_path / "copy" / "keys.db"), hasher=fast_hasher, clock=clock)
    try:
        counts = copy_registry(timed, destination)
        assert counts["retired key ids"] == 3 and counts["keys"] == 2
        assert destination.policy() == RegistryPolicy(60, False)
        for token in (deleted.token, kept.token, replaced.token, rotated.token):
            assert destination.verify(token, "read", "Lab") == timed.verify(token, "read", "Lab")
        assert destination.verify(deleted.token, "read").reason == "revoked"
        assert destination.verify(kept.token, "read", "Lab").reason == "rotated"
        assert destination.verify(replaced.token, "read").ok  # the overlap runs on there
        clock.advance(hours=1)
        assert destination.verify(replaced.token, "read").reason == "rotated"
        assert [e.kind for e in destination.list_events(key_id=replaced.record.key_id)] == [
            "key.rotated", "key.created"]
        assert destination.list_events() == timed.list_events()
        with pytest.raises(ValidationError, match="at most 60 days"):
            destination.create_key("new", ["read"], T0 + 90 * DAY)
    finally:
        destination.close()
