"""Verification: every reason, the order of checks, caching, throttled last use, no exceptions."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import peewee
import pytest
from doubles import CallCounter, FakeClock

from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import (
    SECRET_LENGTH,
    build_token,
    new_token,
    parse_token,
    random_base62,
)
from qkeys_desktop.core.verification import VerifyResult

RUN_ON_BOTH_ENGINES = True  # the store's behaviour is the same on SQLite and PostgreSQL


T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def timed(timed: Store) -> Store:
    """The shared clock-controlled store, with the two projects these tests scope keys to."""
    timed.add_project("Home")
    timed.add_project("Away")
    return timed


@pytest.fixture
def scoped(timed: Store, clock: FakeClock) -> CreatedKey:
    """read+write on Home only, expiring in 30 days."""
    return timed.create_key("scoped", ["read", "write"], clock.now + timedelta(days=30), ["Home"])


@pytest.fixture
def argon2(timed: Store, monkeypatch: pytest.MonkeyPatch) -> CallCounter:
    counter = CallCounter(timed.hasher.matches)
    monkeypatch.setattr(timed.hasher, "matches", counter)
    return counter


def last_used(store: Store, key_id: str) -> datetime | None:
    return store.get_key(key_id).last_used_at


# -- every reason ------------------------------------------------------------------------------


def test_valid_token_is_accepted_with_its_key_id(timed: Store, scoped: CreatedKey) -> None:
    result = timed.verify(scoped.token, "read", "Home")
    assert result == VerifyResult(True, None, scoped.record.key_id)
    assert bool(result) is True


def test_rejection_is_falsy(timed: Store) -> None:
    assert not timed.verify("nope", "read")


@pytest.mark.parametrize("token", ["", "qk_", "hello world", "qk_abc_def", "x" * 66])
def test_malformed(timed: Store, token: str) -> None:
    assert timed.verify(token, "read").reason == "malformed"


def test_bad_checksum(timed: Store, scoped: CreatedKey) -> None:
    last = scoped.token[-1]
    typo = scoped.token[:-1] + ("a" if last != "a" else "b")
    assert timed.verify(typo, "read", "Home") == VerifyResult(False, "bad checksum", None)


def test_unknown_key(timed: Store, scoped: CreatedKey) -> None:
    stranger = new_token()[0]
    result = timed.verify(stranger, "read", "Home")
    assert result.reason == "unknown key"
    assert result.key_id == parse_token(stranger).key_id


def test_mismatch_same_key_id_other_secret(
    timed: Store, scoped: CreatedKey, argon2: CallCounter
) -> None:
    forged = build_token(scoped.record.key_id, random_base62(SECRET_LENGTH))
    result = timed.verify(forged, "read", "Home")
    assert result == VerifyResult(False, "mismatch", scoped.record.key_id)
    assert argon2.calls == 1


def test_mismatch_also_after_the_real_token_was_cached(
    timed: Store, scoped: CreatedKey, argon2: CallCounter
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    forged = build_token(scoped.record.key_id, random_base62(SECRET_LENGTH))
    assert timed.verify(forged, "read", "Home").reason == "mismatch"
    assert timed.verify(scoped.token, "read", "Home").ok


def test_expired(timed: Store, scoped: CreatedKey, clock: FakeClock) -> None:
    clock.advance(days=30)
    assert timed.verify(scoped.token, "read", "Home").reason == "expired"


def test_valid_until_the_last_second(timed: Store, scoped: CreatedKey, clock: FakeClock) -> None:
    clock.advance(days=30, seconds=-1)
    assert timed.verify(scoped.token, "read", "Home").ok


def test_a_cached_token_becomes_expired(
    timed: Store, scoped: CreatedKey, clock: FakeClock, argon2: CallCounter
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    clock.advance(days=31)
    assert timed.verify(scoped.token, "read", "Home").reason == "expired"
    assert argon2.calls == 1


def test_expired_is_decided_before_argon2(
    timed: Store, scoped: CreatedKey, clock: FakeClock, argon2: CallCounter
) -> None:
    clock.advance(days=40)
    forged = build_token(scoped.record.key_id, random_base62(SECRET_LENGTH))
    assert timed.verify(forged, "read", "Home").reason == "expired"
    assert argon2.calls == 0


@pytest.mark.parametrize("action", ["create", "delete", "invite"])
def test_action_not_permitted(timed: Store, scoped: CreatedKey, action: str) -> None:
    assert timed.verify(scoped.token, action, "Home").reason == "action not permitted"


@pytest.mark.parametrize("action", ["READ", " write ", "Read"])
def test_action_names_ignore_case_and_spaces(timed: Store, scoped: CreatedKey, action: str) -> None:
    assert timed.verify(scoped.token, action, "Home").ok


@pytest.mark.parametrize("action", ["admin", "", "read,write", "reads", None, 2, b"read"])
def test_unknown_action(timed: Store, scoped: CreatedKey, action: object) -> None:
    assert timed.verify(scoped.token, action, "Home").reason == "unknown action"


def test_mismatch_comes_before_permission(timed: Store, scoped: CreatedKey) -> None:
    forged = build_token(scoped.record.key_id, random_base62(SECRET_LENGTH))
    assert timed.verify(forged, "delete", "Away").reason == "mismatch"


def test_permission_comes_before_scope(timed: Store, scoped: CreatedKey) -> None:
    assert timed.verify(scoped.token, "delete", "Away").reason == "action not permitted"


@pytest.mark.parametrize("project", ["Away", "Nowhere", "", "   ", "Home2"])
def test_project_out_of_scope(timed: Store, scoped: CreatedKey, project: str) -> None:
    assert timed.verify(scoped.token, "read", project).reason == "project out of scope"


def test_no_project_for_a_scoped_key_is_out_of_scope(timed: Store, scoped: CreatedKey) -> None:
    assert timed.verify(scoped.token, "read").reason == "project out of scope"
    assert timed.verify(scoped.token, "read", None).reason == "project out of scope"


@pytest.mark.parametrize("project", ["home", "HOME", " Home "])
def test_scope_ignores_case_and_spaces(timed: Store, scoped: CreatedKey, project: str) -> None:
    assert timed.verify(scoped.token, "read", project).ok


@pytest.mark.parametrize("project", [None, "Home", "Away", "never added", ""])
def test_unscoped_key_is_valid_for_any_project(timed: Store, project: str | None) -> None:
    token = timed.create_key("wide", ["read"], None).token
    assert timed.verify(token, "read", project).ok


# -- last use ----------------------------------------------------------------------------------


def test_last_used_is_written_at_most_once_a_minute(
    timed: Store, scoped: CreatedKey, clock: FakeClock
) -> None:
    key_id = scoped.record.key_id
    assert last_used(timed, key_id) is None
    first = clock.now
    assert timed.verify(scoped.token, "read", "Home").ok
    assert last_used(timed, key_id) == first
    clock.advance(seconds=30)
    assert timed.verify(scoped.token, "read", "Home").ok
    assert last_used(timed, key_id) == first
    clock.advance(seconds=31)
    assert timed.verify(scoped.token, "read", "Home").ok
    assert last_used(timed, key_id) == first + timedelta(seconds=61)


def test_throttled_verify_issues_no_write(
    timed: Store, scoped: CreatedKey, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    statements: list[str] = []
    original = timed.db.execute_sql

    def spy(sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(timed.db, "execute_sql", spy)
    clock.advance(seconds=30)
    assert timed.verify(scoped.token, "read", "Home").ok
    assert statements and not [s for s in statements if not s.lstrip().upper().startswith("SELECT")]


def spied(timed: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the store's connection runs from now on (BEGIN/COMMIT included)."""
    statements: list[str] = []
    original = timed.db.execute_sql

    def spy(sql: str, *args: Any, **kwargs: Any) -> Any:
        statements.append(" ".join(sql.split()))
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(timed.db, "execute_sql", spy)
    return statements


def test_a_warm_verify_of_an_unlimited_key_is_one_select(
    timed: Store, scoped: CreatedKey, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Limits and usage counts cost an unlimited key nothing: no write, no second query (the
    usage counters are written at most once a minute, and not within this one)."""
    assert timed.verify(scoped.token, "read", "Home", client="app").ok
    statements = spied(timed, monkeypatch)
    clock.advance(seconds=30)
    assert timed.verify(scoped.token, "read", "Home", client="app").ok
    assert len(statements) == 1 and statements[0].startswith("SELECT id, secret_hash,")
    assert statements[0].endswith(f"FROM api_key WHERE key_id = {timed.db.param}")


def test_a_warm_verify_of_a_limited_key_adds_one_write(
    timed: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = timed.create_key("metered", ["read"], None, uses=100, rate=(100, 60)).token
    assert timed.verify(token, "read").ok
    statements = spied(timed, monkeypatch)
    clock.advance(seconds=30)
    assert timed.verify(token, "read").ok
    writes = [s for s in statements if not s.startswith(("SELECT", "BEGIN", "COMMIT"))]
    assert len(writes) == 1 and writes[0].startswith("UPDATE api_key SET uses_remaining = ")
    assert [s for s in statements if s.startswith("SELECT")] == statements[:1]  # the lookup
    assert timed.get_key("metered").uses_remaining == 98


def test_rejections_do_not_record_use(timed: Store, scoped: CreatedKey, clock: FakeClock) -> None:
    timed.verify(scoped.token, "delete", "Home")
    timed.verify(scoped.token, "read", "Away")
    timed.verify(build_token(scoped.record.key_id, random_base62(SECRET_LENGTH)), "read", "Home")
    clock.advance(days=31)
    timed.verify(scoped.token, "read", "Home")
    assert last_used(timed, scoped.record.key_id) is None


def test_recording_use_does_not_bump_the_revision(timed: Store, scoped: CreatedKey) -> None:
    """Window refreshes follow management writes; a busy verifying app must not trigger them."""
    revision = timed.revision()
    assert timed.verify(scoped.token, "read", "Home").ok
    assert timed.revision() == revision


def test_busy_database_while_recording_use_still_accepts(
    timed: Store, scoped: CreatedKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = timed.db.execute_sql

    def locked_for_writes(sql: str, *args: Any, **kwargs: Any) -> Any:
        if sql.lstrip().upper().startswith("UPDATE"):
            raise peewee.OperationalError("database is locked")
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(timed.db, "execute_sql", locked_for_writes)
    assert timed.verify(scoped.token, "read", "Home").ok


# -- argon2 work and the cache -----------------------------------------------------------------


def test_one_argon2_check_then_none(timed: Store, scoped: CreatedKey, argon2: CallCounter) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    assert argon2.calls == 1
    for _ in range(5):
        assert timed.verify(scoped.token, "write", "Home").ok
    assert timed.verify(scoped.token, "delete", "Home").reason == "action not permitted"
    assert argon2.calls == 1


def test_each_key_costs_one_argon2_check(timed: Store, argon2: CallCounter) -> None:
    tokens = [timed.create_key(f"k{n}", ["read"], None).token for n in range(3)]
    for token in tokens * 3:
        before = argon2.calls
        assert timed.verify(token, "read").ok
        assert argon2.calls - before <= 1
    assert argon2.calls == 3


def test_lookup_is_by_key_id_not_a_scan(
    timed: Store, monkeypatch: pytest.MonkeyPatch, argon2: CallCounter
) -> None:
    for n in range(10):
        timed.create_key(f"filler{n}", ["read"], None)
    token = timed.create_key("target", ["read"], None).token
    statements: list[tuple[str, Any]] = []
    original = timed.db.execute_sql

    def spy(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        statements.append((sql, params))
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(timed.db, "execute_sql", spy)
    assert timed.verify(token, "read").ok
    lookups = [(sql, params) for sql, params in statements if "FROM api_key" in sql]
    assert len(lookups) == 1
    sql, params = lookups[0]
    assert sql.rstrip().endswith(f"WHERE key_id = {timed.db.param}")
    assert params[-1] == parse_token(token).key_id
    assert argon2.calls == 1


def test_cache_does_not_survive_a_delete(
    timed: Store, scoped: CreatedKey, clock: FakeClock
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    clock.advance(minutes=1)
    timed.delete_key(scoped.record.key_id)
    clock.advance(minutes=1)
    assert timed.verify(scoped.token, "read", "Home") == VerifyResult(
        False, "revoked", scoped.record.key_id, T0 + timedelta(minutes=1))


def test_cache_does_not_survive_a_regenerate(
    timed: Store, scoped: CreatedKey, clock: FakeClock
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    clock.advance(minutes=1)
    new = timed.regenerate_key(scoped.record.key_id)
    assert timed.verify(scoped.token, "read", "Home") == VerifyResult(
        False, "rotated", scoped.record.key_id, T0 + timedelta(minutes=1))
    assert timed.verify(new.token, "read", "Home").ok


def test_cache_does_not_survive_a_disable(timed: Store, scoped: CreatedKey) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    timed.set_key_disabled(scoped.record.key_id, True)
    assert timed.verify(scoped.token, "read", "Home") == VerifyResult(
        False, "disabled", scoped.record.key_id)
    timed.set_key_disabled(scoped.record.key_id, False)
    assert timed.verify(scoped.token, "read", "Home").ok


def test_cache_does_not_outlive_a_rotations_overlap(
    timed: Store, scoped: CreatedKey, clock: FakeClock, argon2: CallCounter
) -> None:
    """The old token, cached, keeps working through the overlap without argon2, then stops."""
    assert timed.verify(scoped.token, "read", "Home").ok
    timed.rotate_key(scoped.record.key_id, timedelta(hours=1))
    clock.advance(minutes=59, seconds=59)
    assert timed.verify(scoped.token, "read", "Home") == VerifyResult(
        True, None, scoped.record.key_id)
    assert argon2.calls == 1  # the first verification only
    clock.advance(seconds=1)
    assert timed.verify(scoped.token, "read", "Home") == VerifyResult(
        False, "rotated", scoped.record.key_id, T0 + timedelta(hours=1))


@pytest.mark.sqlite_only  # changes the file behind the store's back
def test_cache_does_not_survive_a_hash_change_under_the_same_id(
    timed: Store, scoped: CreatedKey, db_path: Path, argon2: CallCounter
) -> None:
    """If the stored hash changes (another process, a restore), the token is checked afresh."""
    assert timed.verify(scoped.token, "read", "Home").ok
    other_hash = timed.hasher.hash(random_base62(SECRET_LENGTH))
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE api_key SET secret_hash = ?", (other_hash,))
    connection.commit()
    connection.close()
    assert timed.verify(scoped.token, "read", "Home").reason == "mismatch"
    assert argon2.calls == 2


@pytest.mark.sqlite_only  # changes the file behind the store's back
def test_cache_does_not_survive_a_permission_or_scope_change(
    timed: Store, scoped: CreatedKey, db_path: Path
) -> None:
    assert timed.verify(scoped.token, "write", "Home").ok
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE api_key SET permissions = 2")
    connection.execute("DELETE FROM key_project")
    connection.commit()
    connection.close()
    assert timed.verify(scoped.token, "write", "Home").reason == "action not permitted"
    assert timed.verify(scoped.token, "read", "Home").reason == "project out of scope"


# -- never raises ------------------------------------------------------------------------------


class Weird:
    def __str__(self) -> str:
        raise RuntimeError("str")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = None  # type: ignore[assignment]


class StrSubclass(str):
    pass


WEIRD_TOKENS: list[object] = [
    None,
    0,
    -1,
    10**100,
    3.5,
    float("nan"),
    True,
    b"qk_" + b"A" * 63,
    bytearray(66),
    memoryview(b"x" * 66),
    [],
    {},
    ("qk_",),
    object(),
    Weird(),
    "",
    "\x00" * 66,
    "\ud800" * 66,
    "é" * 66,
    "🔑" * 66,
    "qk_" + "\u0660" * 63,
    "x" * 10_000_000,
    "qk_" * 22,
]


@pytest.mark.parametrize("token", WEIRD_TOKENS, ids=lambda value: type(value).__name__)
def test_weird_tokens_are_rejected_without_raising(timed: Store, token: object) -> None:
    result = timed.verify(token, "read", "Home")
    assert result.ok is False
    assert result.reason == "malformed"


@pytest.mark.parametrize(
    "action", [None, Weird(), b"read", ["read"], "\ud800", "\x00", "x" * 1_000_000, 2]
)
def test_weird_actions_are_rejected_without_raising(
    timed: Store, scoped: CreatedKey, action: object
) -> None:
    assert timed.verify(scoped.token, action, "Home").reason == "unknown action"


@pytest.mark.parametrize(
    "project", [Weird(), b"Home", ["Home"], 7, "\ud800", "Home\x00", "x" * 1_000_000, "🔑"]
)
def test_weird_projects_are_out_of_scope_without_raising(
    timed: Store, scoped: CreatedKey, project: object
) -> None:
    assert timed.verify(scoped.token, "read", project).reason == "project out of scope"


def test_string_subclass_token_is_accepted_like_a_string(timed: Store, scoped: CreatedKey) -> None:
    assert timed.verify(StrSubclass(scoped.token), "read", "Home").ok


# -- a failing database rejects ----------------------------------------------------------------


@pytest.mark.sqlite_only  # changes the file behind the store's back
def test_dropped_table_rejects_instead_of_raising(
    timed: Store, scoped: CreatedKey, db_path: Path
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DROP TABLE key_project")
    connection.execute("DROP TABLE api_key")
    connection.commit()
    connection.close()
    result = timed.verify(scoped.token, "read", "Home")
    assert not result.ok
    assert result.reason == "registry unavailable"


@pytest.mark.sqlite_only  # changes the file behind the store's back
def test_corrupted_file_rejects_instead_of_raising(
    timed: Store, scoped: CreatedKey, db_path: Path
) -> None:
    assert timed.verify(scoped.token, "read", "Home").ok
    timed.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"garbage " * 1024)
    result = timed.verify(scoped.token, "read", "Home")
    assert not result.ok
    assert result.reason == "registry unavailable"


@pytest.mark.sqlite_only  # changes the file behind the store's back
def test_deleted_directory_rejects_instead_of_raising(
    timed: Store, scoped: CreatedKey, db_path: Path
) -> None:
    import shutil

    timed.close()
    shutil.rmtree(db_path.parent)
    assert timed.verify(scoped.token, "read", "Home").reason == "registry unavailable"


@pytest.mark.parametrize(
    "error",
    [
        peewee.OperationalError("database is locked"),
        peewee.DatabaseError("database disk image is malformed"),
        peewee.InterfaceError("closed"),
        sqlite3.OperationalError("disk I/O error"),
        OSError("gone"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_driver_errors_reject_instead_of_raising(
    timed: Store,
    scoped: CreatedKey,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(timed.db, "execute_sql", broken)
    with caplog.at_level(logging.WARNING, logger="qkeys_desktop.core.verification"):
        result = timed.verify(scoped.token, "read", "Home")
    assert result == VerifyResult(False, "registry unavailable", None)
    assert scoped.token not in caplog.text
    assert parse_token(scoped.token).secret not in caplog.text


def test_reopened_database_verifies_again(timed: Store, scoped: CreatedKey) -> None:
    """A closed connection is reopened on the next call: closing is not a revocation."""
    timed.close()
    assert timed.verify(scoped.token, "read", "Home").ok
