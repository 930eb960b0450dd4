"""Schema migrations: fresh databases, old databases, repeated runs, and newer databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import peewee
import pytest

from qkeys_desktop.core import migrations
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import new_token


def columns(db_path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(db_path)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def query(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def build_version_1(db_path: Path, hasher: SecretHasher) -> str:
    """A registry as qkeys 0.1 left it: schema version 1 with one scoped key. Returns its token."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = peewee.SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    assert migrations.upgrade(db, migrations.MIGRATIONS[:1]) == 1
    token, parsed = new_token()
    db.execute_sql("INSERT INTO project (name, name_key, created_at) VALUES ('Lab', 'lab', 1)")
    db.execute_sql(
        "INSERT INTO api_key (key_id, name, name_key, secret_hash, permissions, all_projects,"
        " expires_at, created_at, last_used_at) VALUES (?, 'Legacy', 'legacy', ?, 6, 0, NULL,"
        " 1700000000, 1700000100)",
        (parsed.key_id, hasher.hash(parsed.secret)),
    )
    db.execute_sql("INSERT INTO key_project (key_id, project_id) VALUES (1, 1)")
    db.close()
    return token


def test_fresh_database_lands_on_the_latest_version(store: Store, db_path: Path) -> None:
    assert migrations.LATEST_VERSION == len(migrations.MIGRATIONS) >= 2
    assert migrations.current_version(store.db) == migrations.LATEST_VERSION
    assert query(db_path, "SELECT version FROM schema_version") == [(migrations.LATEST_VERSION,)]
    assert "keychain_service" in columns(db_path, "api_key")


def test_empty_database_is_version_0(tmp_path: Path) -> None:
    db = peewee.SqliteDatabase(str(tmp_path / "empty.db"))
    assert migrations.current_version(db) == 0
    db.close()


def test_version_1_has_no_keychain_column(db_path: Path, fast_hasher: SecretHasher) -> None:
    build_version_1(db_path, fast_hasher)
    assert query(db_path, "SELECT version FROM schema_version") == [(1,)]
    assert "keychain_service" not in columns(db_path, "api_key")


def test_old_database_is_upgraded_with_its_rows_intact(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    token = build_version_1(db_path, fast_hasher)
    upgraded = Store.open(str(db_path), hasher=fast_hasher)
    try:
        assert migrations.current_version(upgraded.db) == migrations.LATEST_VERSION
        assert "keychain_service" in columns(db_path, "api_key")
        (legacy,) = upgraded.list_keys()
        assert legacy.name == "Legacy"
        assert legacy.permission_names == ["read", "write"]
        assert legacy.projects == ("Lab",) and not legacy.all_projects
        assert legacy.keychain_service is None
        assert int(legacy.created_at.timestamp()) == 1700000000
        assert legacy.last_used_at is not None
        assert upgraded.verify(token, "read", "lab").ok
        assert upgraded.verify(token, "read", "other").reason == "project out of scope"
        upgraded.set_keychain_service(legacy.key_id, "qkeys")
        assert upgraded.get_key(legacy.key_id).keychain_service == "qkeys"
        assert upgraded.create_key("new", ["read"], None).record.name == "new"
    finally:
        upgraded.close()


def test_upgrade_keeps_foreign_keys_working(db_path: Path, fast_hasher: SecretHasher) -> None:
    build_version_1(db_path, fast_hasher)
    upgraded = Store.open(str(db_path), hasher=fast_hasher)
    try:
        upgraded.delete_key("Legacy")
        assert query(db_path, "SELECT * FROM key_project") == []
    finally:
        upgraded.close()


def test_upgrade_is_idempotent(db_path: Path, fast_hasher: SecretHasher) -> None:
    build_version_1(db_path, fast_hasher)
    Store.open(str(db_path), hasher=fast_hasher).close()
    before = db_path.read_bytes()
    reopened = Store.open(str(db_path), hasher=fast_hasher)
    try:
        assert migrations.upgrade(reopened.db) == 0
        assert migrations.upgrade(reopened.db) == 0
        assert query(db_path, "SELECT version FROM schema_version") == [
            (migrations.LATEST_VERSION,)
        ]
        assert [k.name for k in reopened.list_keys()] == ["Legacy"]
    finally:
        reopened.close()
    assert db_path.read_bytes() == before


def test_upgrade_counts_the_steps_it_applied(tmp_path: Path) -> None:
    db = peewee.SqliteDatabase(str(tmp_path / "steps.db"), pragmas={"foreign_keys": 1})
    assert migrations.upgrade(db, migrations.MIGRATIONS[:1]) == 1
    assert migrations.upgrade(db) == migrations.LATEST_VERSION - 1
    assert migrations.upgrade(db) == 0
    db.close()


def test_schema_version_table_holds_one_row(store: Store, db_path: Path) -> None:
    assert query(db_path, "SELECT COUNT(*) FROM schema_version") == [(1,)]


def test_newer_version_is_refused_with_nothing_changed(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    Store.open(str(db_path), hasher=fast_hasher).close()
    newer = migrations.LATEST_VERSION + 1
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE schema_version SET version = ?", (newer,))
    connection.execute("ALTER TABLE api_key ADD COLUMN from_the_future TEXT")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()

    db = peewee.SqliteDatabase(str(db_path))
    with pytest.raises(migrations.SchemaTooNewError) as caught:
        migrations.upgrade(db)
    db.close()
    assert str(newer) in str(caught.value) and "upgrade qkeys" in str(caught.value)

    with pytest.raises(migrations.SchemaTooNewError):
        Store.open(str(db_path), hasher=fast_hasher)
    assert db_path.read_bytes() == before
    assert query(db_path, "SELECT version FROM schema_version") == [(newer,)]


def test_failed_step_rolls_back_and_keeps_the_version(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    build_version_1(db_path, fast_hasher)

    def broken_step(db: peewee.Database, _migrator: object) -> None:
        db.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("step failed")

    db = peewee.SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    with pytest.raises(RuntimeError):
        migrations.upgrade(db, (*migrations.MIGRATIONS, broken_step))
    db.close()
    tables = {name for (name,) in query(db_path, "SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert query(db_path, "SELECT version FROM schema_version") == [(migrations.LATEST_VERSION,)]
