"""Two processes on one SQLite file: a writer loop in a child process, and this process standing
in for the window — polling ``revision()`` and ``list_keys()`` and verifying every new token.

What must hold: no error reaches either side that a retry would have hidden (no busy error, no
"registry unavailable" rejection), no key lost or duplicated (the final state is exactly what the
writer says it kept), the reader sees the final state, and a delete in one process fails the
next verify in the other, in both directions — even for a token the verifier had cached.
(The window-level version, MainWindow reflecting all this, is the lead's, with the UI.)
"""

from __future__ import annotations

import contextlib
import json
import queue
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.migrations import LATEST_VERSION
from qkeys_desktop.core.store import Store

OPERATIONS = 200  # per writer: two creates, then a delete of the oldest key kept, and so on
PROJECT = "Shared"

WRITER = textwrap.dedent(
    """
    import json, sys
    from qkeys_desktop.core.errors import StoreError
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    def tell(**event):
        print(json.dumps(event), flush=True)

    db, prefix, operations = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(db, hasher=SecretHasher(FAST_TEST_PARAMS))
    kept, errors = {}, []
    for number in range(operations):
        try:
            if number % 3 == 2:
                key_id = next(iter(kept))
                store.delete_key(key_id)
                del kept[key_id]
                tell(op="deleted", key_id=key_id)
            else:
                scope = ["Shared"] if number % 2 else None
                created = store.create_key(f"{prefix} {number}", ["read"], None, scope)
                kept[created.record.key_id] = created.token
                tell(op="created", key_id=created.record.key_id, token=created.token)
        except StoreError as error:
            errors.append(f"{type(error).__name__}: {error}")
    # The other direction: a token this process verified (and cached) is deleted by the reader.
    key_id, token = next(iter(kept.items()))
    tell(op="verified", key_id=key_id, ok=store.verify(token, "read", "Shared").ok)
    sys.stdin.readline()  # the reader has deleted it
    after = store.verify(token, "read", "Shared").reason
    del kept[key_id]
    tell(op="done", kept=sorted(kept), errors=errors, after=after)
    """
)


@dataclass
class Writer:
    """One writer child and what it has told us."""

    process: subprocess.Popen[str]
    tokens: dict[str, str] = field(default_factory=dict)
    done: dict[str, Any] | None = None


@dataclass
class Reader:
    """This process: the window's part. Everything it saw go wrong ends up in ``problems``."""

    store: Store
    problems: list[str] = field(default_factory=list)
    revisions: list[int] = field(default_factory=list)
    verdicts: Counter[str] = field(default_factory=Counter)

    def poll(self) -> None:
        try:
            self.revisions.append(self.store.revision())
            keys = self.store.list_keys()
        except StoreError as error:
            self.problems.append(f"poll: {type(error).__name__}: {error}")
            return
        if len({k.key_id for k in keys}) != len(keys):
            self.problems.append("a key listed twice")

    def verify(self, token: str, allowed: set[str | None], what: str) -> None:
        result = self.store.verify(token, "read", PROJECT)
        self.verdicts[result.reason or "ok"] += 1
        if result.reason not in allowed:
            self.problems.append(f"{what}: {result.reason}")

    def handle(self, writer: Writer, event: dict[str, Any]) -> None:
        if event["op"] == "created":
            writer.tokens[event["key_id"]] = event["token"]
            # valid, unless the writer deleted it before we got here
            self.verify(event["token"], {None, "revoked"}, "new token")
        elif event["op"] == "deleted":
            self.verify(writer.tokens[event["key_id"]], {"revoked"}, "deleted token")
        elif event["op"] == "verified":
            if not event["ok"]:
                self.problems.append("the writer could not verify its own key")
            self.store.delete_key(event["key_id"])
            assert writer.process.stdin is not None
            writer.process.stdin.write("\n")
            writer.process.stdin.flush()
        elif event["op"] == "done":
            writer.done = event


def start_writer(db: Path, prefix: str, operations: int = OPERATIONS) -> Writer:
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), prefix, str(operations)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    return Writer(process)


def pump(index: int, stream: IO[str], events: queue.Queue[tuple[int, dict[str, Any]]]) -> None:
    for line in stream:
        events.put((index, json.loads(line)))


def run_alongside(reader: Reader, writers: list[Writer], timeout: float = 180) -> None:
    """Poll and verify like the window until every writer is done."""
    events: queue.Queue[tuple[int, dict[str, Any]]] = queue.Queue()
    for index, writer in enumerate(writers):
        assert writer.process.stdout is not None
        threading.Thread(
            target=pump, args=(index, writer.process.stdout, events), daemon=True
        ).start()
    deadline = time.monotonic() + timeout
    while any(w.done is None for w in writers):
        assert time.monotonic() < deadline, "the writers did not finish"
        reader.poll()
        with contextlib.suppress(queue.Empty):
            while True:
                index, event = events.get(timeout=0.005)
                reader.handle(writers[index], event)
    for writer in writers:
        assert writer.process.wait(timeout=30) == 0


@pytest.fixture
def reader(store: Store) -> Reader:
    store.add_project(PROJECT)
    return Reader(store)


def event_counts(db: Path) -> Counter[str]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return Counter(kind for (kind,) in connection.execute("SELECT kind FROM event"))


@pytest.mark.parametrize("writers", [1, 2], ids=["one writer", "two writers"])
def test_writer_loop_and_window_on_one_file(reader: Reader, db_path: Path, writers: int) -> None:
    start = reader.store.revision()
    children = [start_writer(db_path, f"writer {n}") for n in range(writers)]
    run_alongside(reader, children)

    for child in children:
        assert child.done is not None
        assert child.done["errors"] == []  # not one busy error surfaced in the writer
        assert child.done["after"] == "revoked"  # our delete failed its next verify
    assert reader.problems == []  # nor in the reader
    assert reader.revisions == sorted(reader.revisions)

    kept = {kid for child in children if child.done for kid in child.done["kept"]}
    listed = reader.store.list_keys()
    assert {k.key_id for k in listed} == kept  # nothing lost, nothing left over
    assert len(listed) == len(kept)  # nothing twice
    assert reader.store.revision() == start + writers * (OPERATIONS + 1)
    creates = writers * sum(1 for n in range(OPERATIONS) if n % 3 != 2)
    assert event_counts(db_path) == Counter(
        {"project.added": 1, "key.created": creates, "key.deleted": creates - len(kept)}
    )
    for child in children:  # every kept token still verifies here
        assert all(reader.store.verify(child.tokens[k], "read", PROJECT).ok
                   for k in kept & set(child.tokens))
    assert reader.verdicts["ok"] > 0 and reader.verdicts["revoked"] > 0
    assert reader.verdicts["unknown key"] == 0  # a deleted key is never taken for garbage


# -- first start: several processes create the same database at once ---------------------------

OPENER = textwrap.dedent(
    """
    import os, sys, time
    from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher
    from qkeys_desktop.core.store import Store

    db, go, name = sys.argv[1], sys.argv[2], sys.argv[3]
    while not os.path.exists(go):
        time.sleep(0.001)
    Store.open(db, hasher=SecretHasher(FAST_TEST_PARAMS)).create_key(name, ["read"], None)
    """
)


@pytest.mark.parametrize("attempt", range(3))
def test_processes_creating_the_database_at_once(tmp_path: Path, attempt: int) -> None:
    """Each runs the migrations; each step must apply once, whoever comes first."""
    db, go = tmp_path / "data" / "keys.db", tmp_path / "go"
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(db), str(go), f"key {n}"],
            stderr=subprocess.PIPE, text=True,
        )
        for n in range(6)
    ]
    time.sleep(0.5)  # let them all reach the starting line
    go.touch()
    failures = [p.communicate(timeout=60)[1] for p in openers if p.wait(timeout=60) != 0]
    assert failures == []
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [
            (LATEST_VERSION,)
        ]
        assert connection.execute("SELECT COUNT(*) FROM api_key").fetchone() == (6,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
