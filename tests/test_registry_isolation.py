"""Several registries in one process: each Store works on its own database, whatever else is
open — interleaved in one thread, in threads of their own, and across engines."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest

from qkeys_desktop.core.errors import NotFoundError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store

RUN_ON_BOTH_ENGINES = True


def names_in_file(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return {name for (name,) in connection.execute("SELECT name FROM api_key")}


def open_several(tmp_path: Path, hasher: SecretHasher, count: int) -> list[Store]:
    return [
        Store.open(str(tmp_path / f"registry-{n}" / "keys.db"), hasher=hasher)
        for n in range(count)
    ]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("count", [2, 3])
def test_interleaved_registries_keep_to_their_own_files(
    tmp_path: Path, fast_hasher: SecretHasher, count: int
) -> None:
    stores = open_several(tmp_path, fast_hasher, count)
    try:
        tokens = {}
        for n, store in enumerate(stores):  # the same names everywhere
            store.add_project("Shared")
            tokens[n] = store.create_key("deploy", ["read"], None, ["Shared"]).token
            store.create_key(f"only in {n}", ["read"], None)
        first = stores[0]
        assert first.delete_key("deploy").name == "deploy"  # the first registry's, nobody else's
        for n, store in enumerate(stores):
            path = tmp_path / f"registry-{n}" / "keys.db"
            expected = {f"only in {n}"} | ({"deploy"} if n else set())
            assert names_in_file(path) == expected
            assert {k.name for k in store.list_keys()} == expected
            assert store.verify(tokens[n], "read", "Shared").ok is bool(n)
            for m, token in tokens.items():  # no token works in another registry
                if m != n:
                    assert store.verify(token, "read", "Shared").reason == "unknown key"
        with pytest.raises(NotFoundError):
            first.delete_key("deploy")
        last = stores[-1]
        last.remove_project("Shared", force=True)
        assert [p.name for p in first.list_projects()] == ["Shared"]
        assert [p.name for p in last.list_projects()] == []
        assert {e.kind for e in first.list_events()} == {
            "project.added", "key.created", "key.deleted"}
    finally:
        for store in stores:
            store.close()


@pytest.mark.sqlite_only
def test_a_store_opened_later_does_not_take_over(tmp_path: Path, fast_hasher: SecretHasher) -> None:
    """The bug as reported: a = open(A); b = open(B); a.create_key writes into B."""
    a, b = open_several(tmp_path, fast_hasher, 2)
    try:
        created = a.create_key("deploy", ["read"], None)
        assert names_in_file(tmp_path / "registry-0" / "keys.db") == {"deploy"}
        assert names_in_file(tmp_path / "registry-1" / "keys.db") == set()
        assert a.get_key(created.record.key_id).name == "deploy"
        assert b.list_keys() == [] and b.revision() != a.revision()
    finally:
        a.close()
        b.close()


@pytest.mark.sqlite_only
def test_registries_in_threads_of_their_own(tmp_path: Path, fast_hasher: SecretHasher) -> None:
    stores = open_several(tmp_path, fast_hasher, 4)
    start = threading.Barrier(len(stores))
    problems: list[str] = []
    kept: dict[int, set[str]] = {}

    def work(n: int, store: Store) -> None:
        try:
            start.wait(timeout=30)
            mine: set[str] = set()
            for round_ in range(25):
                name = f"s{n} k{round_}"
                token = store.create_key(name, ["read"], None).token
                mine.add(name)
                if not store.verify(token, "read").ok:
                    problems.append(f"{name} does not verify in its own registry")
                if round_ % 3 == 2:
                    store.delete_key(name)
                    mine.discard(name)
            kept[n] = mine
        except Exception as error:  # reported below: the thread must not swallow it
            problems.append(f"store {n}: {type(error).__name__}: {error}")
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(n, s)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert problems == []
    for n in range(len(stores)):
        assert names_in_file(tmp_path / f"registry-{n}" / "keys.db") == kept[n]
        assert len(kept[n]) == 17


def test_a_sqlite_registry_beside_this_engines_registry(
    store: Store, tmp_path: Path, fast_hasher: SecretHasher
) -> None:
    """Personal and team registry open side by side (both SQLite when the engine is SQLite)."""
    personal = Store.open(str(tmp_path / "personal" / "keys.db"), hasher=fast_hasher)
    try:
        team_token = store.create_key("deploy", ["read"], None).token
        personal_token = personal.create_key("deploy", ["write"], None).token
        store.delete_key("deploy")
        assert [k.name for k in personal.list_keys()] == ["deploy"]
        assert personal.verify(personal_token, "write").ok
        assert not store.verify(team_token, "read").ok
        assert store.list_keys() == []
    finally:
        personal.close()


@pytest.mark.sqlite_only
def test_copying_between_two_open_registries(tmp_path: Path, fast_hasher: SecretHasher) -> None:
    """migrate-db's core, with source and destination both open: nothing else is needed."""
    from qkeys_desktop.core.transfer import copy_registry

    source, destination = open_several(tmp_path, fast_hasher, 2)
    try:
        source.add_project("Lab")
        token = source.create_key("ci", ["read"], None, ["Lab"]).token
        counts = copy_registry(source, destination)
        assert counts == {"projects": 1, "keys": 1, "scope links": 1, "events": 2,
                          "retired key ids": 0, "usage counts": 0}
        assert destination.verify(token, "read", "Lab").ok
        source.delete_key("ci")  # the source is still its own registry
        assert destination.verify(token, "read", "Lab").ok
        assert source.verify(token, "read", "Lab").reason == "revoked"
    finally:
        source.close()
        destination.close()
