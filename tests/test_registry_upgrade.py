"""Registries written by earlier releases open and are upgraded, on SQLite and PostgreSQL;
checking keys never creates or upgrades anything.

Three earlier releases: schema 2 (before registries carried a mark), schema 3 (the release
before a key's life: no description, disable, rotation or tombstones) and schema 4, the previous
release (a key's life, but no usage counts or limits). Each is built with its own migration
steps, which stay frozen in ``migrations.MIGRATIONS[:2]``, ``[:3]`` and ``[:4]``, and rows
written as that release's Store wrote them. ``PREVIOUS_RELEASE_DDL``, ``RELEASE_3_DDL`` and
``RELEASE_4_DDL`` pin what the steps wrote on SQLite (copied from registries made by commits
419621c, 80f716d and 029b3a6), so a change to those steps can't go unnoticed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import peewee
import pytest
from qkeys_cli import run_qkeys

from qkeys_desktop.core import migrations
from qkeys_desktop.core.errors import StoreError, ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.models import APPLICATION_ID, CURRENT_TABLES
from qkeys_desktop.core.policy import RegistryPolicy
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import new_token, parse_token
from qkeys_desktop.core.validation import name_key

RUN_ON_BOTH_ENGINES = True

PREVIOUS_RELEASE_DDL = {
    "schema_version": 'CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"version" INTEGER NOT NULL)',
    "api_key": 'CREATE TABLE "api_key" ("id" INTEGER NOT NULL PRIMARY KEY, "key_id" VARCHAR(32) '
    'NOT NULL, "name" VARCHAR(64) NOT NULL, "name_key" VARCHAR(64) NOT NULL, "secret_hash" TEXT '
    'NOT NULL, "permissions" INTEGER NOT NULL, "all_projects" INTEGER NOT NULL, "expires_at" '
    'INTEGER, "created_at" INTEGER NOT NULL, "last_used_at" INTEGER, "keychain_service" '
    "VARCHAR(128))",
    "event": 'CREATE TABLE "event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" INTEGER NOT NULL, '
    '"kind" VARCHAR(32) NOT NULL, "key_id" VARCHAR(32), "name" VARCHAR(64) NOT NULL, "details" '
    "TEXT NOT NULL)",
    "project": 'CREATE TABLE "project" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(64) '
    'NOT NULL, "name_key" VARCHAR(64) NOT NULL, "created_at" INTEGER NOT NULL)',
    "key_project": 'CREATE TABLE "key_project" ("id" INTEGER NOT NULL PRIMARY KEY, "key_id" '
    'INTEGER NOT NULL, "project_id" INTEGER NOT NULL, FOREIGN KEY ("key_id") REFERENCES '
    '"api_key" ("id") ON DELETE CASCADE, FOREIGN KEY ("project_id") REFERENCES "project" ("id") '
    "ON DELETE CASCADE)",
    "registry_state": 'CREATE TABLE "registry_state" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"revision" INTEGER NOT NULL)',
    "api_key_key_id": 'CREATE UNIQUE INDEX "api_key_key_id" ON "api_key" ("key_id")',
    "api_key_name_key": 'CREATE UNIQUE INDEX "api_key_name_key" ON "api_key" ("name_key")',
    "api_key_expires_at": 'CREATE INDEX "api_key_expires_at" ON "api_key" ("expires_at")',
    "event_at": 'CREATE INDEX "event_at" ON "event" ("at")',
    "key_project_key_id": 'CREATE INDEX "key_project_key_id" ON "key_project" ("key_id")',
    "key_project_project_id": 'CREATE INDEX "key_project_project_id" ON "key_project" '
    '("project_id")',
    "key_project_key_id_project_id": 'CREATE UNIQUE INDEX "key_project_key_id_project_id" ON '
    '"key_project" ("key_id", "project_id")',
    "project_name_key": 'CREATE UNIQUE INDEX "project_name_key" ON "project" ("name_key")',
}

#: Schema 3 on SQLite, as a registry made by commit 80f716d holds it: step 3 rebuilt api_key and
#: project with AUTOINCREMENT (so SQLite keeps sqlite_sequence).
RELEASE_3_DDL = {
    **PREVIOUS_RELEASE_DDL,
    "api_key": 'CREATE TABLE "api_key" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "key_id" '
    'VARCHAR(32) NOT NULL, "name" VARCHAR(64) NOT NULL, "name_key" VARCHAR(64) NOT NULL, '
    '"secret_hash" TEXT NOT NULL, "permissions" INTEGER NOT NULL, "all_projects" INTEGER NOT '
    'NULL, "expires_at" INTEGER, "created_at" INTEGER NOT NULL, "last_used_at" INTEGER, '
    '"keychain_service" VARCHAR(128))',
    "project": 'CREATE TABLE "project" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "name" '
    'VARCHAR(64) NOT NULL, "name_key" VARCHAR(64) NOT NULL, "created_at" INTEGER NOT NULL)',
    "sqlite_sequence": "CREATE TABLE sqlite_sequence(name,seq)",
}

#: Schema 4 on SQLite, as a registry made by commit 029b3a6 (the release before usage and limits)
#: holds it: step 4 added a key's life to api_key, who did it to event, the lifetime policy to
#: registry_state, and the tombstones.
RELEASE_4_DDL = {
    **RELEASE_3_DDL,
    "api_key": 'CREATE TABLE "api_key" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "key_id" '
    'VARCHAR(32) NOT NULL, "name" VARCHAR(64) NOT NULL, "name_key" VARCHAR(64) NOT NULL, '
    '"secret_hash" TEXT NOT NULL, "permissions" INTEGER NOT NULL, "all_projects" INTEGER NOT '
    'NULL, "expires_at" INTEGER, "created_at" INTEGER NOT NULL, "last_used_at" INTEGER, '
    '"keychain_service" VARCHAR(128), description TEXT NOT NULL DEFAULT \'\', disabled_at BIGINT, '
    "created_by VARCHAR(128), previous_key_id VARCHAR(32), previous_hash TEXT, previous_until "
    "BIGINT)",
    "api_key_previous_key_id": 'CREATE UNIQUE INDEX "api_key_previous_key_id" ON "api_key" '
    '("previous_key_id")',
    "api_key_previous_until": 'CREATE INDEX "api_key_previous_until" ON "api_key" '
    '("previous_until")',
    "event": 'CREATE TABLE "event" ("id" INTEGER NOT NULL PRIMARY KEY, "at" INTEGER NOT NULL, '
    '"kind" VARCHAR(32) NOT NULL, "key_id" VARCHAR(32), "name" VARCHAR(64) NOT NULL, "details" '
    "TEXT NOT NULL, actor VARCHAR(128) NOT NULL DEFAULT '', surface VARCHAR(16) NOT NULL "
    "DEFAULT '', key_ref INTEGER)",
    "event_key_ref": 'CREATE INDEX "event_key_ref" ON "event" ("key_ref")',
    "registry_state": 'CREATE TABLE "registry_state" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"revision" INTEGER NOT NULL, max_lifetime_days INTEGER, allow_never INTEGER NOT NULL '
    "DEFAULT 1)",
    "retired_key": 'CREATE TABLE "retired_key" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
    '"key_id" VARCHAR(32) NOT NULL, "key_ref" INTEGER, "name" VARCHAR(64) NOT NULL, "reason" '
    'VARCHAR(16) NOT NULL, "at" BIGINT NOT NULL, "actor" VARCHAR(128) NOT NULL DEFAULT \'\')',
    "retired_key_key_id": 'CREATE UNIQUE INDEX "retired_key_key_id" ON "retired_key" ("key_id")',
}

#: (name, name key as the schema-2 release stored it): stale keys are recomputed by the upgrade;
#: "Beta" and "BETA" collide once recomputed, so the later row keeps its old key.
PREVIOUS_KEYS = (
    ("Legacy", "legacy"),
    ("Everywhere", "everywhere"),
    ("Cafe\u0301", "cafe\u0301"),  # decomposed, as typed on some systems
    ("Beta", "beta (stale)"),
    ("BETA", "beta (also stale)"),
    ("Revoked", "revoked"),
)


def is_postgres(target: str) -> bool:
    return target.startswith("postgresql://")


def connect_raw(target: str) -> Any:
    """A bare peewee connection to ``target``, as earlier releases opened it."""
    if is_postgres(target):
        from playhouse.db_url import connect

        return connect(target)
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    return peewee.SqliteDatabase(target, pragmas={"foreign_keys": 1, "journal_mode": "wal"})


def build_previous_release(target: str, hasher: SecretHasher) -> dict[str, str]:
    """A registry as the schema-2 release left it: no mark, projects Lab and Ops, the
    keys of PREVIOUS_KEYS ("Legacy" scoped to Lab, "Everywhere" in the keychain, "Revoked" the
    newest and deleted). Returns the live keys' tokens by name."""
    db = connect_raw(target)
    assert migrations.upgrade(db, migrations.MIGRATIONS[:2]) == 2
    p = db.param
    tokens = {}
    with db.atomic():
        db.execute_sql(
            f"INSERT INTO project (name, name_key, created_at) VALUES ({p}, {p}, 1), ({p}, {p}, 2)",
            ("Lab", "lab", "Ops", "ops"),
        )
        for number, (name, stored_key) in enumerate(PREVIOUS_KEYS, 1):
            token, parsed = new_token()
            tokens[name] = token
            db.execute_sql(
                "INSERT INTO api_key (key_id, name, name_key, secret_hash, permissions, "
                "all_projects, expires_at, created_at, last_used_at, keychain_service) VALUES "
                f"({p}, {p}, {p}, {p}, {p}, {p}, NULL, {p}, NULL, {p})",
                (parsed.key_id, name, stored_key, hasher.hash(parsed.secret), 6,
                 name not in ("Legacy", "Revoked"), 1_700_000_000 + number,
                 "qkeys" if name == "Everywhere" else None),
            )
            db.execute_sql(
                f"INSERT INTO event (at, kind, key_id, name, details) VALUES ({p}, {p}, {p}, {p}, "
                f"'')",
                (1_700_000_000 + number, "key.created", parsed.key_id, name),
            )
        db.execute_sql("INSERT INTO key_project (key_id, project_id) VALUES (1, 1), (6, 2)")
        db.execute_sql(f"DELETE FROM api_key WHERE name = {p}", ("Revoked",))
    db.close()
    del tokens["Revoked"]
    return tokens


def rows(target: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows read beside the store, on a connection of their own."""
    if is_postgres(target):
        import psycopg2

        with contextlib.closing(psycopg2.connect(target)) as connection, connection.cursor() as c:
            c.execute(sql)
            return [tuple(row) for row in c.fetchall()] if c.description else []
    with contextlib.closing(sqlite3.connect(target)) as connection:
        return connection.execute(sql).fetchall()


def run(target: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", target, *args], input=stdin,
        capture_output=True, text=True, env=dict(os.environ), timeout=60, check=False,
    )


def tables_of(target: str) -> set[str]:
    if is_postgres(target):
        return {n for (n,) in rows(target, "SELECT tablename FROM pg_tables WHERE schemaname = "
                                           "current_schema()")}
    return {n for (n,) in rows(target, "SELECT name FROM sqlite_master WHERE type = 'table'")}


# -- the schema-2 release's registry -----------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_frozen_steps_write_what_release_2_wrote(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    build_previous_release(store_target, fast_hasher)
    written = dict(rows(store_target, "SELECT name, sql FROM sqlite_master WHERE sql NOT NULL"))
    assert written == PREVIOUS_RELEASE_DDL
    assert rows(store_target, "PRAGMA application_id") == [(0,)]
    assert rows(store_target, "SELECT version FROM schema_version") == [(2,)]


def test_a_release_2_registry_opens_and_is_upgraded(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    tokens = build_previous_release(store_target, fast_hasher)
    store = Store.open(store_target, hasher=fast_hasher)
    try:
        assert migrations.current_version(store.db) == migrations.LATEST_VERSION == 5
        assert tables_of(store_target) >= CURRENT_TABLES
        listed = {k.name: k for k in store.list_keys()}
        assert set(listed) == {"Legacy", "Everywhere", "Cafe\u0301", "Beta", "BETA"}
        assert listed["Legacy"].projects == ("Lab",) and not listed["Legacy"].all_projects
        assert listed["Everywhere"].keychain_service == "qkeys"
        for name, token in tokens.items():
            assert store.verify(token, "read", "Lab").ok, name
        assert store.verify(tokens["Legacy"], "read", "Ops").reason == "project out of scope"
        assert [e.kind for e in store.list_events()].count("key.created") == 6
        # the upgraded registry works as a new one: scope, names, new keys
        assert store.create_key("New", ["read"], None, ["Ops"]).record.projects == ("Ops",)
        store.delete_key("Legacy")
        assert rows(store_target, "SELECT key_id FROM key_project WHERE key_id = 1") == []
    finally:
        store.close()
    reopened = Store.open(store_target, hasher=fast_hasher)  # and opens again, unchanged
    assert migrations.upgrade(reopened.db) == 0
    reopened.close()


def test_the_upgrade_marks_the_registry(store_target: str, fast_hasher: SecretHasher) -> None:
    build_previous_release(store_target, fast_hasher)
    Store.open(store_target, hasher=fast_hasher).close()
    if is_postgres(store_target):
        assert rows(
            store_target, "SELECT obj_description('schema_version'::regclass, 'pg_class')"
        ) == [(migrations.POSTGRES_MARK,)]
    else:
        assert rows(store_target, "PRAGMA application_id") == [(APPLICATION_ID,)]
        assert APPLICATION_ID.to_bytes(4, "big") == b"qkey"
        # in the file's own header, where qkeys verify looks before opening anything
        assert Path(store_target).read_bytes()[68:72] == b"qkey"


def test_the_upgrade_recomputes_name_keys(store_target: str, fast_hasher: SecretHasher) -> None:
    build_previous_release(store_target, fast_hasher)
    Store.open(store_target, hasher=fast_hasher).close()
    stored = dict(rows(store_target, "SELECT name, name_key FROM api_key"))
    assert stored["Legacy"] == name_key("Legacy")
    assert stored["Cafe\u0301"] == name_key("Cafe\u0301")
    assert stored["Beta"] == name_key("Beta") == "beta"  # the earlier row gets the new key
    assert stored["BETA"] == "beta (also stale)"  # the later one, colliding, keeps its own
    assert dict(rows(store_target, "SELECT name, name_key FROM project")) == {
        "Lab": "lab", "Ops": "ops"}


def test_deleted_ids_are_never_reused_after_the_upgrade(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    build_previous_release(store_target, fast_hasher)
    store = Store.open(store_target, hasher=fast_hasher)
    try:
        store.add_project("Gone")
        newest = store.create_key("Newest", ["read"], None, ["Gone"]).record.key_id
        (newest_id,) = rows(store_target, f"SELECT id FROM api_key WHERE key_id = '{newest}'")[0]
        (gone_id,) = rows(store_target, "SELECT id FROM project WHERE name = 'Gone'")[0]
        store.delete_key("Newest")
        store.remove_project("Gone")
        after = store.create_key("After", ["read"], None).record.key_id
        store.add_project("Later")
        assert rows(store_target, f"SELECT id FROM api_key WHERE key_id = '{after}'")[0][0] > (
            newest_id)
        assert rows(store_target, "SELECT id FROM project WHERE name = 'Later'")[0][0] > gone_id
    finally:
        store.close()


def test_an_upgrade_that_fails_changes_nothing(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    build_previous_release(store_target, fast_hasher)
    before = rows(store_target, "SELECT id, name, name_key FROM api_key ORDER BY id")

    def failing(db: peewee.Database, migrator: Any) -> None:
        migrations.MIGRATIONS[2](db, migrator)
        raise RuntimeError("power cut")

    db = connect_raw(store_target)
    with pytest.raises(RuntimeError):
        migrations.upgrade(db, (*migrations.MIGRATIONS[:2], failing))
    db.close()
    assert rows(store_target, "SELECT id, name, name_key FROM api_key ORDER BY id") == before
    assert rows(store_target, "SELECT version FROM schema_version") == [(2,)]
    if not is_postgres(store_target):
        assert rows(store_target, "PRAGMA application_id") == [(0,)]
        assert rows(store_target, "PRAGMA foreign_key_check") == []
    Store.open(store_target, hasher=fast_hasher).close()  # and the real upgrade still works


# -- the release before a key's life (schema 3) --------------------------------------------------


@dataclass
class Release3:
    """What a schema-3 registry holds: live tokens by key name, and the tokens that stopped."""

    live: dict[str, str] = field(default_factory=dict)
    key_ids: dict[str, str] = field(default_factory=dict)  # every key id issued, by token
    revoked: str = ""  # deleted with "qkeys keys delete"
    unscoped: str = ""  # revoked when its only project was removed (--force)
    regenerated: tuple[str, ...] = ()  # "Rotating"'s tokens, oldest first: two regenerates
    deleted_at: int = 0


class Release3Writer:
    """Rows as the schema-3 Store wrote them (commit 80f716d): each regenerate deleted the old
    row ("key.deleted", "replaced by NEW") and inserted a new one ("key.regenerated",
    "replaces OLD"); a delete left only its "key.deleted" event."""

    def __init__(self, db: Any, hasher: SecretHasher, start: int) -> None:
        self.db, self.hasher, self.now, self.p = db, hasher, start, db.param
        self.issued = Release3()

    def event(self, kind: str, name: str, key_id: str | None = None, details: str = "") -> None:
        p = self.p
        self.now += 60
        self.db.execute_sql(
            f"INSERT INTO event (at, kind, key_id, name, details) VALUES ({p}, {p}, {p}, {p}, {p})",
            (self.now, kind, key_id, name, details))

    def project(self, name: str) -> int:
        p = self.p
        self.db.execute_sql(f"INSERT INTO project (name, name_key, created_at) VALUES ({p}, {p}, "
                            f"{p})", (name, name_key(name), self.now))
        self.event("project.added", name)
        return int(self.one(f"SELECT id FROM project WHERE name = {p}", name))

    def one(self, sql: str, *params: object) -> Any:
        return self.db.execute_sql(sql, params).fetchone()[0]

    def key(self, name: str, mask: int, projects: tuple[int, ...] = (), *,
            lifetime: int | None = None, keychain: str | None = None,
            event: tuple[str, str] | None = None, token: str | None = None) -> str:
        """Insert a key row (and its links and event); its token."""
        p = self.p
        token = token or new_token()[0]
        parsed = parse_token(token)
        self.issued.key_ids[token] = parsed.key_id
        self.db.execute_sql(
            "INSERT INTO api_key (key_id, name, name_key, secret_hash, permissions, all_projects, "
            "expires_at, created_at, last_used_at, keychain_service) VALUES "
            f"({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, NULL, {p})",
            (parsed.key_id, name, name_key(name), self.hasher.hash(parsed.secret), mask,
             not projects, None if lifetime is None else self.now + lifetime, self.now, keychain))
        pk = self.one(f"SELECT id FROM api_key WHERE key_id = {p}", parsed.key_id)
        for project in projects:
            self.db.execute_sql(f"INSERT INTO key_project (key_id, project_id) VALUES ({p}, {p})",
                                (pk, project))
        kind, details = event or ("key.created", "Read on all projects")
        self.event(kind, name, parsed.key_id, details)
        return token

    def delete(self, token: str, name: str, details: str) -> None:
        key_id = self.issued.key_ids[token]
        self.db.execute_sql(f"DELETE FROM api_key WHERE key_id = {self.p}", (key_id,))
        self.event("key.deleted", name, key_id, details)

    def regenerate(self, token: str, name: str, mask: int, projects: tuple[int, ...]) -> str:
        fresh = new_token()[0]  # made first: the deletion names its id
        old = self.issued.key_ids[token]
        self.delete(token, name, f"replaced by {parse_token(fresh).key_id}")
        return self.key(name, mask, projects, event=("key.regenerated", f"replaces {old}"),
                        token=fresh)


def build_release_3(target: str, hasher: SecretHasher) -> Release3:
    """A registry as the release before a key's life left it (schema 3, marked): projects Lab,
    Ops and Gone (removed with --force, revoking "Bound"); "Scoped" (read+write on Lab, 90 days),
    "Two" (read on Lab and Ops), "Wide" (all permissions, all projects, never expires, in the
    keychain); "Doomed" deleted; "Rotating" regenerated twice."""
    db = connect_raw(target)
    assert migrations.upgrade(db, migrations.MIGRATIONS[:3]) == 3
    write = Release3Writer(db, hasher, int(time.time()) - 86400)
    issued = write.issued
    with db.atomic():
        lab, ops, gone = write.project("Lab"), write.project("Ops"), write.project("Gone")
        issued.live["Scoped"] = write.key("Scoped", 6, (lab,), lifetime=90 * 86400,
                                          event=("key.created", "Read, Write on Lab"))
        issued.live["Two"] = write.key("Two", 2, (lab, ops))
        issued.live["Wide"] = write.key("Wide", 31, keychain="qkeys")
        issued.revoked = write.key("Doomed", 2)
        write.delete(issued.revoked, "Doomed", "revoked")
        issued.deleted_at = write.now
        issued.unscoped = write.key("Bound", 2, (gone,))
        write.delete(issued.unscoped, "Bound", "revoked: project Gone removed")
        db.execute_sql(f"DELETE FROM project WHERE id = {db.param}", (gone,))
        write.event("project.removed", "Gone", None, "revoked Bound")
        first = write.key("Rotating", 4, (ops,))
        second = write.regenerate(first, "Rotating", 4, (ops,))
        third = write.regenerate(second, "Rotating", 4, (ops,))
        issued.regenerated = (first, second, third)
        issued.live["Rotating"] = third
    db.close()
    return issued


@pytest.mark.sqlite_only
def test_the_frozen_steps_write_what_the_release_before_a_keys_life_wrote(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    build_release_3(store_target, fast_hasher)
    written = dict(rows(store_target, "SELECT name, sql FROM sqlite_master WHERE sql NOT NULL"))
    assert written == RELEASE_3_DDL
    assert rows(store_target, "SELECT version FROM schema_version") == [(3,)]
    assert rows(store_target, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_a_release_3_registry_is_upgraded_to_a_keys_life(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    issued = build_release_3(store_target, fast_hasher)
    store = Store.open(store_target, hasher=fast_hasher)
    try:
        assert migrations.current_version(store.db) == migrations.LATEST_VERSION == 5
        assert tables_of(store_target) >= CURRENT_TABLES
        listed = {k.name: k for k in store.list_keys()}
        assert set(listed) == {"Scoped", "Two", "Wide", "Rotating"}
        # existing keys verify as before, scope and permissions unchanged
        for name, project in (("Scoped", "Lab"), ("Two", "Ops"), ("Wide", None)):
            assert store.verify(issued.live[name], "read", project).ok, name
        assert store.verify(issued.live["Rotating"], "write", "Ops").ok
        assert store.verify(issued.live["Scoped"], "read", "Ops").reason == "project out of scope"
        assert store.verify(issued.live["Two"], "write", "Lab").reason == "action not permitted"
        assert listed["Two"].projects == ("Lab", "Ops")
        assert listed["Wide"].keychain_service == "qkeys" and listed["Wide"].all_projects
        assert listed["Wide"].expires_at is None and listed["Scoped"].expires_at is not None
        # the new fields start empty
        for record in listed.values():
            assert (record.description, record.disabled_at, record.created_by) == ("", None, None)
            assert (record.previous_key_id, record.previous_until) == (None, None)
        assert store.policy() == RegistryPolicy(None, True)
        # keys deleted before the upgrade answer "revoked", regenerated tokens "rotated"
        revoked = store.verify(issued.revoked, "read")
        assert (revoked.reason, revoked.key_id) == ("revoked", issued.key_ids[issued.revoked])
        assert revoked.stopped_at == datetime.fromtimestamp(issued.deleted_at, UTC)
        assert store.verify(issued.unscoped, "read", "Gone").reason == "revoked"
        for old in issued.regenerated[:2]:
            assert store.verify(old, "write", "Ops").reason == "rotated"
        assert store.verify(new_token()[0], "read").reason == "unknown key"
        tombstone = store.retired_key(issued.key_ids[issued.revoked])
        assert tombstone is not None
        assert (tombstone.name, tombstone.reason, tombstone.actor) == ("Doomed", "revoked", "")
        assert rows(store_target, "SELECT COUNT(*) FROM retired_key") == [(4,)]
        assert_no_hash_in_tombstones(store_target)
        # events: key_ref backfilled (also across the regenerations), no actor recorded then
        refs = dict(rows(store_target, "SELECT id, key_id FROM api_key"))
        for key_id, ref in rows(store_target, "SELECT key_id, key_ref FROM event "
                                              "WHERE key_id IS NOT NULL"):
            if key_id in refs.values():
                assert refs[ref] == key_id
        rotating = [issued.key_ids[t] for t in issued.regenerated]
        for key_id in rotating:
            history = store.list_events(key_id=key_id)
            assert [e.kind for e in history] == [
                "key.regenerated", "key.deleted", "key.regenerated", "key.deleted", "key.created"]
            assert {e.key_id for e in history} == set(rotating)
        assert {(e.actor, e.surface) for e in store.list_events()} == {("", "")}
        # and it works as a registry of today: edit, disable, rotate, delete
        store.edit_key("Scoped", description="billing service")
        store.set_key_disabled("Two", True)
        assert store.verify(issued.live["Two"], "read", "Lab").reason == "disabled"
        rotated = store.rotate_key("Rotating", timedelta(hours=1))
        for token in (issued.live["Rotating"], rotated.token):
            assert store.verify(token, "write", "Ops").ok
        newest = store.list_events(limit=3)
        assert [e.kind for e in newest] == ["key.rotated", "key.disabled", "key.edited"]
        assert {(e.actor, e.surface) for e in newest} == {(store.actor, "api")}
        assert len(store.list_events(key_id=rotating[0])) == 6
    finally:
        store.close()
    reopened = Store.open(store_target, hasher=fast_hasher)  # and opens again, unchanged
    assert migrations.upgrade(reopened.db) == 0
    reopened.close()


def assert_no_hash_in_tombstones(target: str) -> None:
    """A tombstone holds an id, a name, a reason, a time and an actor: nothing like a hash."""
    columns = ["key_id", "key_ref", "name", "reason", "at", "actor"]
    every = rows(target, f"SELECT {', '.join(columns)} FROM retired_key")
    for row in every:
        assert not any(isinstance(value, str) and "argon2" in value for value in row), row
    if is_postgres(target):
        found = rows(target, "SELECT column_name FROM information_schema.columns WHERE "
                             "table_name = 'retired_key'")
    else:
        found = rows(target, "SELECT name FROM pragma_table_info('retired_key')")
    assert sorted(name for (name,) in found) == sorted(["id", *columns])


def test_a_case_folded_name_fits_after_the_upgrade(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    """"ß" case-folds to "ss": a 64-character name has a 128-character key, which the
    VARCHAR(64) of earlier releases refused on PostgreSQL; the upgrade widens it."""
    build_release_3(store_target, fast_hasher)
    store = Store.open(store_target, hasher=fast_hasher)
    try:
        name = "ß" * 64
        assert len(name_key(name)) == 128
        assert store.create_key(name, ["read"], None).record.name == name
        store.add_project(name)
        with pytest.raises(ValidationError):
            store.create_key("SS" * 64, ["read"], None)  # the same name, ignoring case
        assert store.get_key("ss" * 64).name == name
    finally:
        store.close()


# -- the previous release (schema 4: a key's life, no usage or limits) ----------------------------


@dataclass
class Release4(Release3):
    """Release 3's keys and history, and what the previous release's Store added to them."""

    paused: str = ""  # "Paused", disabled by alice
    overlap_old: str = ""  # "Overlap"'s replaced token, accepted for another hour
    overlap_new: str = ""


class Release4Writer(Release3Writer):
    """Rows as the schema-4 Store wrote them (commit 029b3a6): events say who (actor, surface)
    and which row (key_ref); a key carries its description, creator, disable time and, during a
    rotation's overlap, the replaced token's id, hash and end."""

    def __init__(self, db: Any, hasher: SecretHasher, start: int, issued: Release4) -> None:
        super().__init__(db, hasher, start)
        self.issued = issued

    def event(self, kind: str, name: str, key_id: str | None = None, details: str = "") -> None:
        super().event(kind, name, key_id, details)
        p = self.p
        self.db.execute_sql(
            f"UPDATE event SET actor = 'alice', surface = 'cli', key_ref = (SELECT id FROM api_key "
            f"WHERE api_key.key_id = event.key_id) WHERE id = (SELECT MAX(id) FROM event) "
            f"AND at = {p}", (self.now,))

    def life(self, token: str, **columns: object) -> None:
        p = self.p
        assignments = ", ".join(f"{column} = {p}" for column in columns)
        self.db.execute_sql(f"UPDATE api_key SET {assignments} WHERE key_id = {p}",
                            (*columns.values(), self.issued.key_ids[token]))


def build_release_4(target: str, hasher: SecretHasher) -> Release4:
    """A registry as the previous release left it (schema 4): release 3's, upgraded by the
    frozen step 4, then written to as that release's Store did: "Scoped" described, "Paused"
    created and disabled by alice, "Overlap" rotated an hour ago with two hours' overlap, a
    lifetime policy of 400 days."""
    issued3 = build_release_3(target, hasher)
    issued = Release4(**vars(issued3))
    db = connect_raw(target)
    assert migrations.upgrade(db, migrations.MIGRATIONS[:4]) == 1
    write = Release4Writer(db, hasher, int(time.time()) - 7200, issued)
    with db.atomic():
        write.life(issued.live["Scoped"], description="billing service")
        issued.paused = write.key("Paused", 2)
        write.life(issued.paused, created_by="alice", disabled_at=write.now)
        write.event("key.disabled", "Paused", issued.key_ids[issued.paused])
        issued.overlap_old = new_token()[0]
        issued.overlap_new = write.key("Overlap", 2, event=("key.rotated", ""))
        old = parse_token(issued.overlap_old)
        issued.key_ids[issued.overlap_old] = old.key_id
        write.life(issued.overlap_new, previous_key_id=old.key_id,
                   previous_hash=hasher.hash(old.secret), previous_until=write.now + 7200)
        db.execute_sql("UPDATE registry_state SET max_lifetime_days = 400")
    db.close()
    return issued


@pytest.mark.sqlite_only
def test_the_frozen_steps_write_what_the_previous_release_wrote(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    build_release_4(store_target, fast_hasher)
    written = dict(rows(store_target, "SELECT name, sql FROM sqlite_master WHERE sql NOT NULL"))
    assert written == RELEASE_4_DDL
    assert rows(store_target, "SELECT version FROM schema_version") == [(4,)]
    assert rows(store_target, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_a_release_4_registry_is_upgraded_to_usage_and_limits(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    issued = build_release_4(store_target, fast_hasher)
    life = ("SELECT id, key_id, name, secret_hash, description, disabled_at, created_by, "
            "previous_key_id, previous_until FROM api_key ORDER BY id")
    before = rows(store_target, life)
    events = rows(store_target, "SELECT * FROM event ORDER BY id")
    retired = rows(store_target, "SELECT * FROM retired_key ORDER BY id")
    store = Store.open(store_target, hasher=fast_hasher)
    try:
        assert migrations.current_version(store.db) == migrations.LATEST_VERSION == 5
        assert tables_of(store_target) >= CURRENT_TABLES
        assert rows(store_target, "SELECT COUNT(*) FROM key_usage") == [(0,)]
        # what the previous release wrote is untouched
        assert rows(store_target, life) == before
        assert rows(store_target, "SELECT * FROM event ORDER BY id") == events
        assert rows(store_target, "SELECT * FROM retired_key ORDER BY id") == retired
        # existing keys are unlimited, unused and verify as before
        listed = {k.name: k for k in store.list_keys()}
        assert set(listed) == {"Scoped", "Two", "Wide", "Rotating", "Paused", "Overlap"}
        for record in listed.values():
            assert (record.uses_limit, record.uses_remaining, record.uses_refill) == (
                None, None, None), record.name
            assert (record.rate_limit, record.rate_window, record.last_used_by) == (
                None, None, None), record.name
            assert record.uses_30d == 0
        assert rows(store_target, "SELECT DISTINCT rate_count FROM api_key") == [(0,)]
        for name, project in (("Scoped", "Lab"), ("Two", "Ops"), ("Wide", None)):
            for _ in range(3):
                assert store.verify(issued.live[name], "read", project, client="ci").ok, name
        assert store.verify(issued.overlap_old, "read").ok  # the overlap runs on
        assert store.verify(issued.overlap_new, "read").ok
        assert store.verify(issued.paused, "read").reason == "disabled"
        assert store.verify(issued.revoked, "read").reason == "revoked"
        assert store.verify(issued.regenerated[0], "write", "Ops").reason == "rotated"
        assert listed["Scoped"].description == "billing service"
        assert (listed["Paused"].created_by, listed["Paused"].disabled_at is not None) == (
            "alice", True)
        assert store.policy() == RegistryPolicy(400, True)
        assert {(e.actor, e.surface) for e in store.list_events(key_id=listed["Paused"].key_id)
                } == {("alice", "cli")}
        # usage is counted from now on, and the old keys take limits like new ones
        wide = store.usage("Wide")
        assert (wide.valid, wide.rejected, wide.by_client) == (3, 0, {"ci": 3})
        assert store.usage("Paused").by_reason == {"disabled": 1}
        assert store.get_key("Wide").uses_30d == 3
        assert store.get_key("Wide").last_used_by == "ci"
        store.edit_key("Wide", uses=2, rate=(5, 60))
        assert [store.verify(issued.live["Wide"], "read").reason for _ in range(3)] == [
            None, None, "usage exhausted"]
        assert store.list_events(limit=1)[0].details == (
            "uses: unlimited → 2; rate limit: none → 5/min")
    finally:
        store.close()
    reopened = Store.open(store_target, hasher=fast_hasher)  # and opens again, unchanged
    assert migrations.upgrade(reopened.db) == 0
    assert reopened.usage("Wide").valid == 5  # the counts written on close
    reopened.close()


@pytest.mark.parametrize("release", [3, 4])
def test_qkeys_verify_waits_for_the_upgrade(
    store_target: str, fast_hasher: SecretHasher, release: int
) -> None:
    """Checking keys never upgrades: exit 3 (registry unavailable) until something that
    manages keys opens it, then the same token verifies, and a revoked one says so."""
    issued = (build_release_3 if release == 3 else build_release_4)(store_target, fast_hasher)
    before = fingerprint(store_target)
    refused = run_qkeys(store_target, "verify", "--action", "read", stdin=issued.live["Wide"])
    line = refused.assert_clean_failure(3)
    assert f"schema version {release}" in line and "upgrade it" in line
    assert issued.live["Wide"] not in refused.err
    assert fingerprint(store_target) == before
    Store.open(store_target, hasher=fast_hasher).close()
    valid = run_qkeys(store_target, "verify", "--action", "read", stdin=issued.live["Wide"])
    assert (valid.status, valid.out) == (0, ""), valid.err
    assert "valid: " + issued.key_ids[issued.live["Wide"]] in valid.err
    revoked = run_qkeys(store_target, "verify", "--action", "read", stdin=issued.revoked)
    assert "rejected: revoked" in revoked.assert_clean_failure(1)


# -- checking keys never creates or upgrades -------------------------------------------------


def fingerprint(target: str) -> object:
    """What must not change: a SQLite file's bytes and mode and its companions; a PostgreSQL
    database's tables, comments and rows."""
    if is_postgres(target):
        tables = sorted(tables_of(target))
        return tables, [rows(target, f"SELECT * FROM {t} ORDER BY 1") for t in tables], rows(
            target, "SELECT obj_description(oid, 'pg_class') FROM pg_class WHERE relname = "
                    "'schema_version'")
    path = Path(target)
    companions = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mode, companions


def test_verifying_on_a_release_2_registry_changes_nothing(
    store_target: str, fast_hasher: SecretHasher
) -> None:
    tokens = build_previous_release(store_target, fast_hasher)
    before = fingerprint(store_target)
    with pytest.raises(StoreError) as refused:
        Store.open(store_target, migrate=False)
    message = str(refused.value)
    assert "schema version 2" in message and "keys list" in message, message
    finished = run(store_target, "verify", "--action", "read", stdin=tokens["Legacy"])
    assert finished.returncode != 0 and "Traceback" not in finished.stderr, finished.stderr
    assert "schema version 2" in finished.stderr and "upgrade it" in finished.stderr
    assert tokens["Legacy"] not in finished.stderr
    assert fingerprint(store_target) == before


def test_verifying_on_an_empty_database_creates_nothing(store_target: str) -> None:
    if not is_postgres(store_target):
        Path(store_target).parent.mkdir(parents=True)
        Path(store_target).touch(mode=0o600)
    before = fingerprint(store_target)
    with pytest.raises(StoreError) as refused:
        Store.open(store_target, migrate=False)
    assert "no qkeys registry" in str(refused.value) or "no registry at" in str(refused.value)
    finished = run(store_target, "verify", "--action", "read", stdin="qk_" + "A" * 63)
    assert finished.returncode != 0 and "Traceback" not in finished.stderr, finished.stderr
    assert "registry" in finished.stderr
    assert fingerprint(store_target) == before
    assert tables_of(store_target) == set()


def test_verifying_on_a_current_registry_works(store: Store, store_target: str) -> None:
    token = store.create_key("app", ["read"], None).token
    checker = Store.open(store_target, migrate=False)
    try:
        assert checker.verify(token, "read").ok
        assert checker.verify(token, "write").reason == "action not permitted"
    finally:
        checker.close()
    finished = run(store_target, "verify", "--action", "read", stdin=token)
    assert finished.returncode == 0, finished.stderr
