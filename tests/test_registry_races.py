"""Races between processes and threads on one registry, on SQLite and PostgreSQL.

SQLite has one writer at a time, so its transactions simply queue. PostgreSQL runs them side
by side: migrations hold an advisory lock, and a project being removed is locked against keys
being scoped to it at the same moment — so what holds on SQLite holds there too: every key not
for all projects keeps at least one project in its scope, or is revoked with an audit event.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from qkeys_desktop.core.errors import StoreError, ValidationError
from qkeys_desktop.core.migrations import LATEST_VERSION
from qkeys_desktop.core.store import Store

RUN_ON_BOTH_ENGINES = True

OPENER = textwrap.dedent(
    """
    import os, sys, time
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    target, go, name = sys.argv[1], sys.argv[2], sys.argv[3]
    while not os.path.exists(go):
        time.sleep(0.001)
    Store.open(target, hasher=SecretHasher(FAST_TEST_PARAMS)).create_key(name, ["read"], None)
    """
)


def rows(target: str, sql: str) -> list[tuple[Any, ...]]:
    if target.startswith("postgresql://"):
        import psycopg2

        with contextlib.closing(psycopg2.connect(target)) as connection, connection.cursor() as c:
            c.execute(sql)
            return [tuple(row) for row in c.fetchall()]
    with contextlib.closing(sqlite3.connect(target)) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.parametrize("attempt", range(2))
def test_six_processes_opening_an_empty_registry_at_once(
    store_target: str, tmp_path: Path, attempt: int
) -> None:
    """Each runs the migrations; each step applies once, whoever comes first. (PostgreSQL
    without the advisory lock: "duplicate key value violates pg_type", "relation
    schema_version already exists".)"""
    go = tmp_path / "go"
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, store_target, str(go), f"key {n}"],
            stderr=subprocess.PIPE, text=True, env=dict(os.environ),
        )
        for n in range(6)
    ]
    time.sleep(1.0)  # let them all reach the starting line
    go.touch()
    failures = [p.communicate(timeout=90)[1] for p in openers if p.wait(timeout=90) != 0]
    assert failures == []
    assert rows(store_target, "SELECT version FROM schema_version") == [(LATEST_VERSION,)]
    assert rows(store_target, "SELECT COUNT(*) FROM api_key") == [(6,)]
    assert rows(store_target, "SELECT COUNT(*) FROM registry_state") == [(1,)]


def assert_no_key_scoped_to_nothing(target: str) -> None:
    """The invariant: a key not for all projects has a project, else it is gone, on record."""
    orphans = rows(
        target,
        "SELECT key_id FROM api_key WHERE NOT all_projects AND NOT EXISTS "
        "(SELECT 1 FROM key_project WHERE key_project.key_id = api_key.id)",
    )
    assert orphans == [], "keys scoped to nothing, neither revoked nor on record"
    # a key is its row (key_ref), whatever key ids its rotations gave it
    live = {k for (k,) in rows(target, "SELECT id FROM api_key")}
    created = {k for (k,) in rows(target, "SELECT key_ref FROM event WHERE kind = 'key.created'")}
    deleted = {k for (k,) in rows(target, "SELECT key_ref FROM event WHERE kind = 'key.deleted'")}
    assert live == created - deleted
    # and each deletion left its key id's tombstone, so a check answers "revoked"
    revoked = set(rows(target, "SELECT key_id, key_ref FROM retired_key WHERE reason = 'revoked'"))
    deletions = set(rows(target, "SELECT key_id, key_ref FROM event WHERE kind = 'key.deleted'"))
    assert deletions <= revoked


Racer = Callable[[Store], object]
RACERS: dict[str, tuple[Callable[[Store], None], Racer, str]] = {
    # (set up, the racing write, the event kind it writes last inside its transaction)
    "create scoped to it": (
        lambda s: None,
        lambda s: s.create_key("racer", ["read"], None, ["Doomed"]),
        "key.created",
    ),
    "regenerate a key scoped to it": (
        lambda s: s.create_key("racer", ["read"], None, ["Doomed"]) and None,
        lambda s: s.regenerate_key("racer"),
        "key.rotated",
    ),
}


@pytest.mark.parametrize(("setup", "write", "last_event"), RACERS.values(), ids=RACERS.keys())
def test_removing_a_project_while_a_key_is_scoped_to_it(
    store: Store, store_target: str, setup: Callable[[Store], None], write: Racer,
    last_event: str,
) -> None:
    """The write pauses inside its transaction until the removal has started and had time to
    get as far as it can; the removal then waits for it (or refuses it), never orphans it.
    One Store, a connection per thread: as the window's worker threads use it."""
    store.add_project("Doomed")
    setup(store)
    inside, outcomes = threading.Event(), {}
    record_event = store._record_event

    def pausing(kind: str, *args: Any, **kwargs: Any) -> None:
        record_event(kind, *args, **kwargs)
        if kind == last_event and threading.current_thread().name == "write":
            inside.set()
            time.sleep(0.8)  # the removal runs meanwhile

    store._record_event = pausing  # type: ignore[method-assign]

    def run(work: Callable[[], object]) -> None:
        name = threading.current_thread().name
        try:
            outcomes[name] = work()
        except (StoreError, ValidationError) as error:
            outcomes[name] = error
        finally:
            store.close()  # this thread's connection

    threads = [
        threading.Thread(target=run, name="write", args=(lambda: write(store),)),
        threading.Thread(target=run, name="remove", args=(
            lambda: inside.wait(10) and store.remove_project("Doomed", force=True),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not isinstance(outcomes["remove"], Exception), outcomes
    assert_no_key_scoped_to_nothing(store_target)
    assert store.list_projects() == []
    assert store.list_keys() == []  # scoped only to the removed project: revoked
    assert outcomes["remove"].revoked and outcomes["remove"].revoked[0].name == "racer"
