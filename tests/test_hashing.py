"""argon2id hashing of secrets: the real default parameters, failure modes and upgrades."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qkeys_desktop.core.hashing import (
    DEFAULT_PARAMS,
    FAST_TEST_PARAMS,
    HashParams,
    SecretHasher,
)
from qkeys_desktop.core.store import Store

SECRET = "s3cretS3cretS3cretS3cretS3cretS3cretS3cretAB"


@pytest.fixture(scope="module")
def default_hasher() -> SecretHasher:
    return SecretHasher()


@pytest.fixture(scope="module")
def default_hash(default_hasher: SecretHasher) -> str:
    return default_hasher.hash(SECRET)


def stored_hash(db_path: Path, key_id: str) -> str:
    with sqlite3.connect(db_path) as connection:
        row = connection.execute(
            "SELECT secret_hash FROM api_key WHERE key_id = ?", (key_id,)
        ).fetchone()
    connection.close()
    return str(row[0])


def test_default_parameters_are_argon2id_m19456_t2_p1(default_hash: str) -> None:
    assert default_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_default_params_are_the_documented_ones() -> None:
    assert HashParams(time_cost=2, memory_cost_kib=19456, parallelism=1) == DEFAULT_PARAMS
    assert SecretHasher().params == DEFAULT_PARAMS


def test_hash_never_contains_the_secret(default_hash: str) -> None:
    assert SECRET not in default_hash


def test_hashes_are_salted(default_hasher: SecretHasher, default_hash: str) -> None:
    assert default_hasher.hash(SECRET) != default_hash


def test_matches_the_right_secret(default_hasher: SecretHasher, default_hash: str) -> None:
    assert default_hasher.matches(default_hash, SECRET) is True


@pytest.mark.parametrize("wrong", [SECRET[:-1], SECRET + "A", SECRET.lower(), "", "x"])
def test_does_not_match_another_secret(
    default_hasher: SecretHasher, default_hash: str, wrong: str
) -> None:
    assert default_hasher.matches(default_hash, wrong) is False


@pytest.mark.parametrize(
    "invalid",
    [
        "",
        "not a hash",
        "$argon2id$v=19$m=19456,t=2,p=1$",
        "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB",
        "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
        "pbkdf2_sha256$600000$salt$hash",
    ],
)
def test_an_invalid_hash_is_no_match_not_an_exception(
    fast_hasher: SecretHasher, invalid: str
) -> None:
    assert fast_hasher.matches(invalid, SECRET) is False


@pytest.mark.parametrize("invalid", ["", "not a hash", "$2b$12$abc"])
def test_needs_rehash_of_garbage_is_false_not_an_exception(
    fast_hasher: SecretHasher, invalid: str
) -> None:
    assert fast_hasher.needs_rehash(invalid) is False


def test_hash_from_another_argon2_type_is_no_match(fast_hasher: SecretHasher) -> None:
    from argon2 import PasswordHasher, Type

    argon2i = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I)
    assert not fast_hasher.matches(argon2i.hash(SECRET), "another secret")


def test_needs_rehash_only_to_strengthen(
    default_hasher: SecretHasher, fast_hasher: SecretHasher, default_hash: str
) -> None:
    """A weaker hash is upgraded; a stronger one (a newer qkeys on the same team registry) is
    never rewritten with our weaker parameters."""
    fast_hash = fast_hasher.hash(SECRET)
    assert default_hasher.needs_rehash(default_hash) is False
    assert default_hasher.needs_rehash(fast_hash) is True
    assert fast_hasher.needs_rehash(default_hash) is False
    assert fast_hasher.needs_rehash(fast_hash) is False


@pytest.mark.parametrize(
    ("stored", "upgrade"),
    [
        (HashParams(time_cost=4, memory_cost_kib=65536, parallelism=1), False),  # stronger
        (HashParams(time_cost=1, memory_cost_kib=65536, parallelism=1), False),  # more memory
        (HashParams(time_cost=4, memory_cost_kib=8192, parallelism=1), False),  # more time
        (HashParams(time_cost=2, memory_cost_kib=19456, parallelism=4), False),  # more lanes
        (HashParams(time_cost=1, memory_cost_kib=8192, parallelism=1), True),  # weaker
    ],
)
def test_needs_rehash_never_lowers_any_cost(
    default_hasher: SecretHasher, stored: HashParams, upgrade: bool
) -> None:
    assert default_hasher.needs_rehash(SecretHasher(stored).hash(SECRET)) is upgrade


def test_needs_rehash_upgrades_another_argon2_type(default_hasher: SecretHasher) -> None:
    from argon2 import PasswordHasher, Type

    argon2i = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.I)
    assert default_hasher.needs_rehash(argon2i.hash(SECRET)) is True


def test_a_hash_with_other_parameters_still_verifies(
    default_hasher: SecretHasher, fast_hasher: SecretHasher
) -> None:
    """Parameters live in the hash string: raising ours later must not break existing keys."""
    assert default_hasher.matches(fast_hasher.hash(SECRET), SECRET)


def test_fast_test_params_are_cheaper_than_default() -> None:
    assert FAST_TEST_PARAMS.memory_cost_kib < DEFAULT_PARAMS.memory_cost_kib
    assert SecretHasher(FAST_TEST_PARAMS).hash(SECRET).startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_successful_verify_upgrades_an_old_parameter_hash(db_path: Path) -> None:
    old_hasher = SecretHasher(FAST_TEST_PARAMS)
    new_params = HashParams(time_cost=1, memory_cost_kib=64, parallelism=1)
    first = Store.open(str(db_path), hasher=old_hasher)
    created = first.create_key("upgrade me", ["read"], None)
    key_id = created.record.key_id
    first.close()
    before = stored_hash(db_path, key_id)
    assert before.startswith("$argon2id$v=19$m=8,t=1,p=1$")

    upgraded = Store.open(str(db_path), hasher=SecretHasher(new_params))
    assert upgraded.verify(created.token, "read").ok
    upgraded.close()
    after = stored_hash(db_path, key_id)
    assert after != before
    assert after.startswith("$argon2id$v=19$m=64,t=1,p=1$")

    fresh = Store.open(str(db_path), hasher=SecretHasher(new_params))
    assert fresh.verify(created.token, "read").ok
    fresh.close()


def test_failed_verify_does_not_upgrade_the_hash(db_path: Path) -> None:
    from qkeys_desktop.core.tokens import build_token, random_base62

    first = Store.open(str(db_path), hasher=SecretHasher(FAST_TEST_PARAMS))
    key_id = first.create_key("keep", ["read"], None).record.key_id
    first.close()
    before = stored_hash(db_path, key_id)

    other = Store.open(str(db_path), hasher=SecretHasher(HashParams(1, 64, 1)))
    wrong = build_token(key_id, random_base62(44))
    assert other.verify(wrong, "read").reason == "mismatch"
    other.close()
    assert stored_hash(db_path, key_id) == before
