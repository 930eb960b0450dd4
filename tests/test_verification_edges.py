"""Verification's own writes never cost a valid key its verdict, nor make it wait, nor weaken it.

A re-hash that cannot be written (read-only registry) still accepts the key; a re-hash only ever
strengthens (two qkeys versions on one team registry don't flip hashes); recording last use gives
up after a few milliseconds instead of the 5 s busy timeout while another process writes. And the
Python API and ``qkeys verify`` accept the same spellings of an action.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from qkeys_cli import run_qkeys

from qkeys_desktop.core import verify_only
from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, HashParams, SecretHasher
from qkeys_desktop.core.store import Store

RUN_ON_BOTH_ENGINES = True
STRONGER = HashParams(time_cost=2, memory_cost_kib=64, parallelism=1)  # than FAST_TEST_PARAMS
#: Far below the 5 s busy timeout a blocked write used to wait: the verdict must not wait on it.
WAITED_TOO_LONG = 2.5


def stored_hash(store: Store, key_id: str) -> str:
    row = store.db.execute_sql(
        f"SELECT secret_hash FROM api_key WHERE key_id = {store.db.param}", (key_id,)
    ).fetchone()
    return str(row[0])


def last_used(store: Store, key_id: str) -> int | None:
    row = store.db.execute_sql(
        f"SELECT last_used_at FROM api_key WHERE key_id = {store.db.param}", (key_id,)
    ).fetchone()
    return None if row[0] is None else int(row[0])


@contextmanager
def another_writer(store_target: str, engine: str, key_id: str) -> Iterator[None]:
    """Another process's open write transaction on the key's row, held until the block ends."""
    if engine == "sqlite":
        with closing(sqlite3.connect(store_target, isolation_level=None)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("UPDATE api_key SET name = name WHERE key_id = ?", (key_id,))
            try:
                yield
            finally:
                connection.execute("ROLLBACK")
        return
    import psycopg2

    connection = psycopg2.connect(store_target)
    try:
        connection.cursor().execute(
            "UPDATE api_key SET name = name WHERE key_id = %s", (key_id,)
        )
        yield
    finally:
        connection.rollback()
        connection.close()


def test_a_rehash_that_cannot_be_written_never_rejects(
    store_target: str, engine: str
) -> None:
    weak = Store.open(store_target, hasher=SecretHasher(FAST_TEST_PARAMS))
    created = weak.create_key("old hash", ["read"], None)
    weak.close()
    stronger = Store.open(store_target, hasher=SecretHasher(STRONGER))
    before = stored_hash(stronger, created.record.key_id)
    assert stronger.hasher.needs_rehash(before)
    # this connection may only read, like a verify-only role or a read-only file
    if engine == "sqlite":
        stronger.db.execute_sql("PRAGMA query_only = 1")
    else:
        stronger.db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    assert stronger.verify(created.token, "read").ok
    assert stronger.verify(created.token, "read").ok  # and again, from the process's memory
    assert stored_hash(stronger, created.record.key_id) == before


def test_a_rehash_only_ever_strengthens(store_target: str) -> None:
    strong = Store.open(store_target, hasher=SecretHasher(STRONGER))
    created = strong.create_key("strong hash", ["read"], None)
    strong_hash = stored_hash(strong, created.record.key_id)
    strong.close()

    weak = Store.open(store_target, hasher=SecretHasher(FAST_TEST_PARAMS))
    assert weak.verify(created.token, "read").ok
    assert stored_hash(weak, created.record.key_id) == strong_hash  # not downgraded
    weak.close()

    weaker_key = Store.open(store_target, hasher=SecretHasher(FAST_TEST_PARAMS)).create_key(
        "weak hash", ["read"], None
    )
    strong = Store.open(store_target, hasher=SecretHasher(STRONGER))
    assert strong.verify(weaker_key.token, "read").ok
    assert "m=64,t=2" in stored_hash(strong, weaker_key.record.key_id)  # upgraded


def test_recording_use_never_waits_for_another_writer(
    store: Store, store_target: str, engine: str
) -> None:
    created = store.create_key("busy", ["read"], None)
    with another_writer(store_target, engine, created.record.key_id):
        started = time.monotonic()
        result = store.verify(created.token, "read")
        waited = time.monotonic() - started
    assert result.ok
    assert waited < WAITED_TOO_LONG, waited
    assert last_used(store, created.record.key_id) is None  # skipped, not waited for
    assert store.verify(created.token, "read").ok  # the lock is gone: recorded now
    assert last_used(store, created.record.key_id) is not None


@pytest.mark.sqlite_only
def test_the_light_verifier_never_waits_for_another_writer(store: Store, db_path: Path) -> None:
    """``qkeys verify``'s own path (stdlib sqlite3) follows the same rule."""
    created = store.create_key("busy", ["read"], None)
    verifier = verify_only.open_verifier(str(db_path), store.hasher)
    assert verifier is not None
    with another_writer(str(db_path), "sqlite", created.record.key_id):
        started = time.monotonic()
        assert verifier.verify(created.token, "read").ok
        assert time.monotonic() - started < WAITED_TOO_LONG
    # the connection waits for writers again afterwards (its own timeout was put back)
    connection = verifier.db.connection  # type: ignore[attr-defined]
    assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


@pytest.mark.sqlite_only
def test_a_rehash_under_a_writer_is_skipped_not_waited_for(db_path: Path) -> None:
    created = Store.open(str(db_path), hasher=SecretHasher(FAST_TEST_PARAMS)).create_key(
        "old hash", ["read"], None
    )
    stronger = Store.open(str(db_path), hasher=SecretHasher(STRONGER))
    results: list[bool] = []
    with another_writer(str(db_path), "sqlite", created.record.key_id):
        worker = threading.Thread(
            target=lambda: results.append(stronger.verify(created.token, "read").ok)
        )
        worker.start()
        worker.join(WAITED_TOO_LONG)
        assert results == [True]


# -- one spelling of an action for the API and the CLI -----------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("action", ["read", "READ", "Read", " read", "read\n"])
def test_api_and_cli_accept_the_same_spellings(store: Store, db_path: Path, action: str) -> None:
    token = store.create_key("spelled", ["read"], None).token
    assert store.verify(token, action).ok
    finished = run_qkeys(db_path, "verify", "--action", action, stdin=token)
    assert finished.status == 0, finished.err


@pytest.mark.sqlite_only
@pytest.mark.parametrize("action", ["reed", "wrıte", "", "read write"])
def test_api_and_cli_refuse_the_same_spellings(store: Store, db_path: Path, action: str) -> None:
    token = store.create_key("spelled", ["read", "write"], None).token
    assert store.verify(token, action).reason == "unknown action"
    finished = run_qkeys(db_path, "verify", "--action", action, stdin=token)
    assert finished.status == 2 and "Traceback" not in finished.err, finished.err
