"""A qkeys registry is recognised by a mark of its own; anything else is refused untouched.

"Untouched" means exactly: the same bytes (SHA-256), the same mode, and no -wal or -shm left
beside the file — by the window's Store, and by every CLI command, ``qkeys verify`` included.
Odd schema versions are refused with a sentence, never a traceback. Also here: a dangling
symbolic link is named as one, and the -wal/-shm files are private from the start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from qkeys_cli import run_qkeys
from test_registry_upgrade import build_previous_release, connect_raw

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store

RUN_ON_BOTH_ENGINES = True
TOKEN = "qk_" + "A" * 63
OUR_TABLES = (
    "CREATE TABLE schema_version (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)",
    "CREATE TABLE registry_state (id INTEGER PRIMARY KEY, revision INTEGER)",
    "CREATE TABLE project (id INTEGER PRIMARY KEY, name TEXT)",
    "CREATE TABLE api_key (id INTEGER PRIMARY KEY, key_id TEXT, secret_hash TEXT)",
    "CREATE TABLE key_project (id INTEGER PRIMARY KEY, key_id INTEGER, project_id INTEGER)",
    "CREATE TABLE event (id INTEGER PRIMARY KEY, at INTEGER)",
)


def file_state(path: Path) -> tuple[str, int, list[str]]:
    """What "untouched" means: the bytes, the mode, and what lies beside the file."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        stat.S_IMODE(path.stat().st_mode),
        sorted(p.name for p in path.parent.iterdir()),
    )


def make_sqlite(path: Path, statements: tuple[str, ...], wal: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as connection:
        if wal:
            connection.execute("PRAGMA journal_mode = wal")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    path.chmod(0o644)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    return path


FOREIGN: dict[str, tuple[tuple[str, ...], bool]] = {
    "with a schema_version table": (
        ("CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES (1)",
         "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')"),
        False,
    ),
    "the same in WAL mode": (
        ("CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES (2)",
         "CREATE TABLE notes (body TEXT)"),
        True,
    ),
    "only a schema_version table": (
        ("CREATE TABLE schema_version (version INTEGER)", "INSERT INTO schema_version VALUES (2)"),
        True,
    ),
    "our tables and one more": (
        (*OUR_TABLES, "INSERT INTO schema_version (version) VALUES (2)",
         "CREATE TABLE notes (body TEXT)"),
        False,
    ),
    "our tables, another program's application id": (
        ("PRAGMA application_id = 1179403647", *OUR_TABLES,
         "INSERT INTO schema_version (version) VALUES (2)"),
        True,
    ),
    "another application id, no tables": (("PRAGMA application_id = 42",
                                            "PRAGMA user_version = 7"), False),
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("statements", "wal"), FOREIGN.values(), ids=FOREIGN.keys())
def test_a_foreign_sqlite_database_is_refused_untouched(
    tmp_path: Path, statements: tuple[str, ...], wal: bool
) -> None:
    db = make_sqlite(tmp_path / "data" / "other.db", statements, wal)
    before = file_state(db)
    with pytest.raises(StoreError) as refused:
        Store.open(str(db))
    assert str(refused.value).startswith(str(db))
    assert "another program" in str(refused.value) and "left untouched" in str(refused.value)
    assert file_state(db) == before
    for args, stdin in ((["keys", "list"], ""), (["projects", "add", "P"], ""),
                        (["verify", "--action", "read"], TOKEN)):
        finished = run_qkeys(db, *args, stdin=stdin)
        assert finished.status != 0 and "Traceback" not in finished.err, finished.err
        assert "another program" in finished.err, finished.err
        assert file_state(db) == before, args
    with pytest.raises(StoreError):
        Store.open(str(db), migrate=False)
    assert file_state(db) == before


ODD_VERSIONS: dict[str, tuple[str, str]] = {
    "text": ("INSERT INTO schema_version (version) VALUES ('two')", "text, not a whole number"),
    "NULL": ("INSERT INTO schema_version (version) VALUES (NULL)", "NULL"),
    "negative": ("INSERT INTO schema_version (version) VALUES (-2)", "-2"),
    "zero": ("INSERT INTO schema_version (version) VALUES (0)", "is 0, which no qkeys writes"),
    "a fraction": ("INSERT INTO schema_version (version) VALUES (2.5)", "2.5, not a whole"),
    "several rows": ("INSERT INTO schema_version (version) VALUES (2), (2)", "holding 2 rows"),
    "no row": ("DELETE FROM schema_version", "schema_version table is empty"),
    "binary": ("INSERT INTO schema_version (version) VALUES (x'02')", "not a whole number"),
}


def loosen_schema_version(target: str, fill: str) -> None:
    """schema_version without its NOT NULL and INTEGER type, holding what ``fill`` puts there."""
    db = connect_raw(target)
    postgres = target.startswith("postgresql://")
    with db.atomic():
        db.execute_sql("DROP TABLE schema_version")
        column = "" if not postgres else "TEXT" if "'" in fill else "NUMERIC"
        key = "SERIAL" if postgres else "INTEGER"
        db.execute_sql(f"CREATE TABLE schema_version (id {key} PRIMARY KEY, version {column})")
        db.execute_sql(fill.replace("x'02'", "'\\x02'" if postgres else "x'02'"))
    db.close()


@pytest.mark.parametrize(("fill", "says"), ODD_VERSIONS.values(), ids=ODD_VERSIONS.keys())
def test_an_odd_schema_version_is_a_sentence_and_changes_nothing(
    store_target: str, fast_hasher: SecretHasher, fill: str, says: str
) -> None:
    build_previous_release(store_target, fast_hasher)
    loosen_schema_version(store_target, fill)
    postgres = store_target.startswith("postgresql://")
    before = None if postgres else file_state(Path(store_target))
    with pytest.raises(StoreError) as refused:
        Store.open(store_target, hasher=fast_hasher)
    message = str(refused.value)
    if postgres and "binary" in fill:  # PostgreSQL has no bytes in a text column: text then
        says = "text, not a whole number"
    assert says in message and "not a registry this qkeys can open" in message, message
    for args, stdin in ((["keys", "list"], ""), (["verify", "--action", "read"], TOKEN)):
        finished = run_qkeys(store_target, *args, stdin=stdin)
        assert finished.status != 0 and "Traceback" not in finished.err, finished.err
        assert says in finished.err, finished.err
    if before is not None:
        assert file_state(Path(store_target)) == before


@pytest.mark.sqlite_only
def test_a_marked_registry_with_an_odd_version_is_refused_too(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    Store.open(str(db_path), hasher=fast_hasher).close()
    with contextlib.closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("INSERT INTO schema_version (version) VALUES (3)")
    before = file_state(db_path)
    with pytest.raises(StoreError) as refused:
        Store.open(str(db_path), hasher=fast_hasher)
    assert "holding 2 rows, not one" in str(refused.value)
    assert file_state(db_path) == before


@pytest.mark.sqlite_only
def test_an_empty_sqlite_database_becomes_a_registry_but_not_one_with_a_view(
    tmp_path: Path, fast_hasher: SecretHasher
) -> None:
    """An empty database (a first start that died before its tables) is not "foreign"; one
    holding nothing but a view is."""
    empty = make_sqlite(tmp_path / "empty" / "keys.db", ("PRAGMA user_version = 0",), wal=True)
    store = Store.open(str(empty), hasher=fast_hasher)
    store.create_key("first", ["read"], None)
    store.close()
    assert empty.read_bytes()[68:72] == b"qkey"
    viewed = make_sqlite(tmp_path / "view" / "keys.db", ("CREATE VIEW answer AS SELECT 42",))
    before = file_state(viewed)
    with pytest.raises(StoreError) as refused:
        Store.open(str(viewed), hasher=fast_hasher)
    assert "another program" in str(refused.value)
    assert file_state(viewed) == before


@pytest.mark.system
def test_a_foreign_postgresql_database_is_refused_untouched(postgres_db_url: str) -> None:
    import psycopg2

    store_target = postgres_db_url
    with contextlib.closing(psycopg2.connect(store_target)) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE invoices (id SERIAL PRIMARY KEY, total INTEGER)")
            cursor.execute("CREATE TABLE schema_version (version INTEGER)")
            cursor.execute("INSERT INTO schema_version VALUES (1)")

    def tables() -> list[tuple[str, ...]]:
        with contextlib.closing(psycopg2.connect(store_target)) as connection, \
                connection.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                           "ORDER BY 1")
            return cursor.fetchall()

    before = tables()
    with pytest.raises(StoreError) as refused:
        Store.open(store_target)
    assert "another program" in str(refused.value)
    finished = run_qkeys(store_target, "keys", "list")
    assert "another program" in finished.err and "Traceback" not in finished.err
    assert tables() == before


# -- the file and its companions -------------------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("dangling", ["the file", "its directory"])
def test_a_dangling_symbolic_link_is_named_as_such(tmp_path: Path, dangling: str) -> None:
    nowhere = tmp_path / "unmounted" / "qkeys"
    if dangling == "the file":
        link = tmp_path / "keys.db"
        link.symlink_to(nowhere / "keys.db")
        db, points_to = link, nowhere / "keys.db"
    else:
        link = tmp_path / "data"
        link.symlink_to(nowhere)
        db, points_to = link / "keys.db", nowhere
    expected = f"{link} is a symbolic link to {points_to}, which does not exist"
    for migrate in (True, False):
        with pytest.raises(StoreError) as refused:
            Store.open(str(db), migrate=migrate)
        assert str(refused.value).startswith(expected) and "read-only" not in str(refused.value)
    finished = run_qkeys(db, "keys", "list")
    assert expected in finished.err and "Traceback" not in finished.err
    assert not nowhere.exists() and link.is_symlink()
    # once the link leads somewhere, the registry opens through it; SQLite keeps its -wal and
    # -shm beside the real file, and they are private too
    real = nowhere / "keys.db"
    Store.open(str(real)).close()
    store = Store.open(str(db))
    store.create_key("via link", ["read"], None)
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in nowhere.iterdir()} == {
        "keys.db": 0o600, "keys.db-wal": 0o600, "keys.db-shm": 0o600}
    store.close()


def companions_while_open(db: Path, hasher: SecretHasher) -> dict[str, int]:
    previous = os.umask(0o022)
    try:
        store = Store.open(str(db), hasher=hasher)
        store.create_key("k", ["read"], None)
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in db.parent.iterdir()}
        store.close()
    finally:
        os.umask(previous)
    return modes


def stale_shm(db: Path) -> None:
    db.chmod(0o644)
    Path(f"{db}-shm").touch(mode=0o644)
    Path(f"{db}-shm").chmod(0o644)


PREPARE: dict[str, Callable[[Path], None]] = {
    "a previous release's registry left 0644": lambda db: db.chmod(0o644),
    "a -shm left 0644 by another program": stale_shm,
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("prepare", PREPARE.values(), ids=PREPARE.keys())
def test_wal_and_shm_files_are_private_from_the_start(
    db_path: Path, fast_hasher: SecretHasher, prepare: Callable[[Path], None]
) -> None:
    build_previous_release(str(db_path), fast_hasher)
    prepare(db_path)
    modes = companions_while_open(db_path, fast_hasher)
    assert modes == {"keys.db": 0o600, "keys.db-wal": 0o600, "keys.db-shm": 0o600}
