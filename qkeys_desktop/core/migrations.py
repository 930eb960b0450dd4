"""Versioned schema migrations: each step runs once, in order, in its own transaction.

Never "drop and recreate": a registry holds keys that apps depend on. Every step defines the
tables it touches in the shape they had then (frozen below, bound to the database it migrates),
so model changes never rewrite history. Later steps use :mod:`playhouse.migrate` or SQL.

Recognising a registry
----------------------
Nothing is changed in a database before :func:`recognised_version` has said it is a qkeys
registry (or an empty database, which becomes one); anything else is refused, untouched.

* SQLite: ``PRAGMA application_id`` = :data:`~.models.APPLICATION_ID` ("qkey", set by step 3)
  marks a registry. An unmarked file is one only with exactly the tables of
  :data:`~.models.REGISTRY_TABLES` (what qkeys wrote before step 3 existed; step 3 marks it), and
  an empty one only with no tables or views at all. Another application id: another program's.
* PostgreSQL has no application id: the mark is the comment :data:`POSTGRES_MARK` on the table
  ``schema_version`` (``COMMENT ON TABLE``, set by step 3; pg_dump keeps it). Unmarked, every
  table of REGISTRY_TABLES must be in the current schema (a server schema may hold other tables
  beside them); a schema with no ``schema_version`` is new only if it holds no table at all.
* Either way ``schema_version`` must hold exactly one row, a whole number from 1 up to
  :data:`LATEST_VERSION`. Anything else (text, NULL, a fraction, 0 or less, several rows) is
  refused with a message; a newer version with :class:`SchemaTooNewError`.

Two processes migrating at once: on SQLite every step's ``BEGIN IMMEDIATE`` waits for the other
writer and re-reads the version; on PostgreSQL the whole upgrade runs in one transaction holding
the advisory lock :data:`MIGRATION_LOCK`, so the later ones wait and then find the work done.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import peewee

from .errors import StoreError
from .models import APPLICATION_ID, NAME_KEY_MAX, REGISTRY_TABLES

if TYPE_CHECKING:  # imported when a step runs: an up-to-date registry (the usual) never needs it
    from playhouse.migrate import SchemaMigrator

Step = Callable[[peewee.Database, "SchemaMigrator"], None]

#: The comment on ``schema_version`` that marks a PostgreSQL database as a qkeys registry.
POSTGRES_MARK = "qkeys registry"
#: pg_advisory_xact_lock key serializing migrations of one database: "qkeysmig" in ASCII.
MIGRATION_LOCK = 0x716B6579736D6967
_NAME_KEY_MAX = 64  # api_key.name_key and project.name_key were VARCHAR(64) until step 4


def _frozen_base(db: peewee.Database) -> Any:
    class Frozen(peewee.Model):
        class Meta:
            database = db
            legacy_table_names = False

    return Frozen


def _schema_version_table(db: peewee.Database) -> Any:
    class SchemaVersion(_frozen_base(db)):  # type: ignore[misc]
        version = peewee.IntegerField()

    return SchemaVersion


def _create_version_1(db: peewee.Database, _migrator: SchemaMigrator) -> None:
    """The first schema: everything but ``api_key.keychain_service``."""
    base = _frozen_base(db)

    class RegistryStateV1(base):  # type: ignore[misc,valid-type]
        revision = peewee.BigIntegerField(default=0)

        class Meta:
            table_name = "registry_state"

    class ProjectV1(base):  # type: ignore[misc,valid-type]
        name = peewee.CharField(max_length=64)
        name_key = peewee.CharField(max_length=64, unique=True)
        created_at = peewee.BigIntegerField()

        class Meta:
            table_name = "project"

    class ApiKeyV1(base):  # type: ignore[misc,valid-type]
        key_id = peewee.CharField(max_length=32, unique=True)
        name = peewee.CharField(max_length=64)
        name_key = peewee.CharField(max_length=64, unique=True)
        secret_hash = peewee.TextField()
        permissions = peewee.IntegerField()
        all_projects = peewee.BooleanField(default=True)
        expires_at = peewee.BigIntegerField(null=True, index=True)
        created_at = peewee.BigIntegerField()
        last_used_at = peewee.BigIntegerField(null=True)

        class Meta:
            table_name = "api_key"

    class KeyProjectV1(base):  # type: ignore[misc,valid-type]
        key = peewee.ForeignKeyField(ApiKeyV1, on_delete="CASCADE")
        project = peewee.ForeignKeyField(ProjectV1, on_delete="CASCADE")

        class Meta:
            table_name = "key_project"
            indexes = ((("key", "project"), True),)

    class EventV1(base):  # type: ignore[misc,valid-type]
        at = peewee.BigIntegerField(index=True)
        kind = peewee.CharField(max_length=32)
        key_id = peewee.CharField(max_length=32, null=True)
        name = peewee.CharField(max_length=64)
        details = peewee.TextField(default="")

        class Meta:
            table_name = "event"

    db.create_tables([RegistryStateV1, ProjectV1, ApiKeyV1, KeyProjectV1, EventV1])
    RegistryStateV1.insert(revision=0).execute()


def _add_keychain_service(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Version 2: remember which keychain service holds a key's secret, if any."""
    from playhouse.migrate import migrate

    column = peewee.CharField(max_length=128, null=True)
    migrate(migrator.add_column("api_key", "keychain_service", column))


def _mark_registry(db: peewee.Database, _migrator: SchemaMigrator) -> None:
    """Version 3: mark the database as a qkeys registry; on SQLite never reuse the row id of a
    deleted key or project (AUTOINCREMENT); name keys recomputed by today's
    :func:`~.validation.name_key` (which normalises Unicode too)."""
    if _is_postgres(db):  # serial ids are never reused there
        db.execute_sql(f"COMMENT ON TABLE schema_version IS '{POSTGRES_MARK}'")
    else:
        for table, columns in _AUTOINCREMENT_TABLES.items():
            _rebuild_with_autoincrement(db, table, columns)
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    for table in ("project", "api_key"):
        _recompute_name_keys(db, table)


#: The tables step 3 rebuilds on SQLite, with their columns at version 2 (after "id").
_AUTOINCREMENT_TABLES = {
    "project": (
        "name VARCHAR(64) NOT NULL",
        "name_key VARCHAR(64) NOT NULL",
        "created_at INTEGER NOT NULL",
    ),
    "api_key": (
        "key_id VARCHAR(32) NOT NULL",
        "name VARCHAR(64) NOT NULL",
        "name_key VARCHAR(64) NOT NULL",
        "secret_hash TEXT NOT NULL",
        "permissions INTEGER NOT NULL",
        "all_projects INTEGER NOT NULL",
        "expires_at INTEGER",
        "created_at INTEGER NOT NULL",
        "last_used_at INTEGER",
        "keychain_service VARCHAR(128)",
    ),
}


def _rebuild_with_autoincrement(db: peewee.Database, table: str, columns: Sequence[str]) -> None:
    """SQLite's way to change a table's primary key: a new table, the rows copied, the old one
    dropped and the new one renamed, its indexes recreated as they were. Runs with foreign keys
    off (see :func:`_exclusive`), so dropping the old table cascades to nothing; the references
    from key_project then resolve to the new table by name, and are checked before commit."""
    indexes = [
        sql
        for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
    ]
    names = ", ".join(f'"{column.split()[0]}"' for column in columns)
    definition = ", ".join(f'"{name}" {rest}' for name, rest in (c.split(" ", 1) for c in columns))
    db.execute_sql(
        f'CREATE TABLE "{table}__v3" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
        f"{definition})"
    )
    db.execute_sql(
        f'INSERT INTO "{table}__v3" ("id", {names}) SELECT "id", {names} FROM "{table}" '
        f'ORDER BY "id"'
    )
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{table}__v3" RENAME TO "{table}"')
    for sql in indexes:
        db.execute_sql(sql)
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StoreError(
            f"upgrading the {table} table would break {len(broken)} reference(s) in "
            f"{broken[0][0]}; nothing was changed — restore the registry from a backup"
        )


def _recompute_name_keys(db: peewee.Database, table: str, longest: int = _NAME_KEY_MAX) -> None:
    """Each row's name key as :func:`~.validation.name_key` makes it now. Where the new key is
    held by another row, the row keeps its key (earlier rows first: if two rows now collide, the
    later keeps its existing value). Every UPDATE moves a row to a key no row holds, so the
    unique index holds throughout."""
    from .validation import name_key

    p = db.param
    rows = db.execute_sql(f'SELECT id, name, name_key FROM "{table}" ORDER BY id').fetchall()
    current = {pk: key for pk, _name, key in rows}
    taken = set(current.values())
    changed = True
    while changed:  # a row may move off a key an earlier row wants: go round until settled
        changed = False
        for pk, name, _key in rows:
            wanted = name_key(name)
            if wanted == current[pk] or wanted in taken or len(wanted) > longest:
                continue
            db.execute_sql(f'UPDATE "{table}" SET name_key = {p} WHERE id = {p}', (wanted, pk))
            taken.discard(current[pk])
            taken.add(wanted)
            current[pk] = wanted
            changed = True


def _key_lifecycle(db: peewee.Database, _migrator: SchemaMigrator) -> None:
    """Version 4: the life of a key — description, disable, rotation with overlap, who created
    it; the actor of each event and the key it concerns across rotations; tombstones of retired
    key ids (so a check answers "revoked", not "unknown key"), seeded from the deletions the
    audit trail already holds; the registry's lifetime policy. On PostgreSQL name keys widen to
    256 characters (a case-folded name may grow) and are recomputed where they did not fit."""
    postgres = _is_postgres(db)
    boolean = "BOOLEAN NOT NULL DEFAULT TRUE" if postgres else "INTEGER NOT NULL DEFAULT 1"
    serial = "SERIAL PRIMARY KEY" if postgres else "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT"
    statements = [
        "ALTER TABLE api_key ADD COLUMN description TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE api_key ADD COLUMN disabled_at BIGINT",
        "ALTER TABLE api_key ADD COLUMN created_by VARCHAR(128)",
        "ALTER TABLE api_key ADD COLUMN previous_key_id VARCHAR(32)",
        "ALTER TABLE api_key ADD COLUMN previous_hash TEXT",
        "ALTER TABLE api_key ADD COLUMN previous_until BIGINT",
        'CREATE UNIQUE INDEX "api_key_previous_key_id" ON "api_key" ("previous_key_id")',
        'CREATE INDEX "api_key_previous_until" ON "api_key" ("previous_until")',
        "ALTER TABLE event ADD COLUMN actor VARCHAR(128) NOT NULL DEFAULT ''",
        "ALTER TABLE event ADD COLUMN surface VARCHAR(16) NOT NULL DEFAULT ''",
        "ALTER TABLE event ADD COLUMN key_ref INTEGER",
        'CREATE INDEX "event_key_ref" ON "event" ("key_ref")',
        "UPDATE event SET key_ref = (SELECT api_key.id FROM api_key "
        "WHERE api_key.key_id = event.key_id) WHERE key_id IS NOT NULL",
        "ALTER TABLE registry_state ADD COLUMN max_lifetime_days INTEGER",
        f"ALTER TABLE registry_state ADD COLUMN allow_never {boolean}",
        f'CREATE TABLE "retired_key" ("id" {serial}, "key_id" VARCHAR(32) NOT NULL, '
        '"key_ref" INTEGER, "name" VARCHAR(64) NOT NULL, "reason" VARCHAR(16) NOT NULL, '
        "\"at\" BIGINT NOT NULL, \"actor\" VARCHAR(128) NOT NULL DEFAULT '')",
        'CREATE UNIQUE INDEX "retired_key_key_id" ON "retired_key" ("key_id")',
        # a regenerate deleted the old row "replaced by NEW": that token was rotated, not revoked
        "INSERT INTO retired_key (key_id, name, reason, at, actor) "
        "SELECT key_id, MAX(name), CASE WHEN MAX(substr(details, 1, 12)) = 'replaced by ' "
        "THEN 'rotated' ELSE 'revoked' END, MAX(at), '' FROM event "  # (no '%': psycopg2)
        "WHERE kind = 'key.deleted' AND key_id IS NOT NULL "
        "AND key_id NOT IN (SELECT key_id FROM api_key) GROUP BY key_id",
    ]
    if postgres:
        statements += [f"ALTER TABLE {table} ALTER COLUMN name_key TYPE VARCHAR({NAME_KEY_MAX})"
                       for table in ("api_key", "project")]
    for sql in statements:
        db.execute_sql(sql)
    _link_regenerated_keys(db)
    for table in ("project", "api_key"):
        _recompute_name_keys(db, table, NAME_KEY_MAX)


def _link_regenerated_keys(db: peewee.Database) -> None:
    """Before version 4 a regenerate replaced a key's row by a new one ("key.regenerated",
    "replaces OLD"). Give the replaced key ids' events and tombstones the row that lives on,
    following chains of regenerations, so a key's history spans those made before the upgrade.
    One pass over the events in Python: event.key_id has no index to join on."""
    p = db.param
    events = db.execute_sql(
        "SELECT id, kind, key_id, details, key_ref FROM event WHERE key_id IS NOT NULL"
    ).fetchall()
    ref_of = {key_id: ref for _pk, _kind, key_id, _details, ref in events if ref is not None}
    successor = {
        details.removeprefix("replaces "): key_id
        for _pk, kind, key_id, details, _ref in events
        if kind == "key.regenerated" and details.startswith("replaces ")
    }

    def living(key_id: str) -> int | None:
        seen = set()
        while key_id not in ref_of and key_id in successor and key_id not in seen:
            seen.add(key_id)
            key_id = successor[key_id]
        return ref_of.get(key_id)

    for pk, _kind, key_id, _details, ref in events:
        if ref is None and key_id in successor and (found := living(key_id)) is not None:
            db.execute_sql(f"UPDATE event SET key_ref = {p} WHERE id = {p}", (found, pk))
    for key_id in successor:
        if (found := living(key_id)) is not None:
            db.execute_sql(f"UPDATE retired_key SET key_ref = {p} WHERE key_id = {p}",
                           (found, key_id))


def _usage_and_limits(db: peewee.Database, _migrator: SchemaMigrator) -> None:
    """Version 5: per-key limits (a number of uses with an optional daily/monthly refill, a rate
    limit in a fixed window), who used a key last, and hourly usage counts per key, outcome and
    client (:mod:`.usage`)."""
    serial = ("SERIAL PRIMARY KEY" if _is_postgres(db)
              else "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT")
    for sql in (
        "ALTER TABLE api_key ADD COLUMN uses_limit BIGINT",
        "ALTER TABLE api_key ADD COLUMN uses_remaining BIGINT",
        "ALTER TABLE api_key ADD COLUMN uses_refill VARCHAR(8)",
        "ALTER TABLE api_key ADD COLUMN uses_refilled_at BIGINT",
        "ALTER TABLE api_key ADD COLUMN rate_limit BIGINT",
        "ALTER TABLE api_key ADD COLUMN rate_window INTEGER",
        "ALTER TABLE api_key ADD COLUMN rate_window_start BIGINT",
        "ALTER TABLE api_key ADD COLUMN rate_count BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE api_key ADD COLUMN last_used_by VARCHAR(128)",
        f'CREATE TABLE "key_usage" ("id" {serial}, "key_ref" INTEGER NOT NULL, '
        '"hour" BIGINT NOT NULL, "outcome" VARCHAR(24) NOT NULL, '
        "\"client\" VARCHAR(128) NOT NULL DEFAULT '', \"count\" BIGINT NOT NULL DEFAULT 0)",
        'CREATE UNIQUE INDEX "key_usage_key_ref_hour_outcome_client" ON "key_usage" '
        '("key_ref", "hour", "outcome", "client")',
        'CREATE INDEX "key_usage_hour" ON "key_usage" ("hour")',
    ):
        db.execute_sql(sql)


MIGRATIONS: Sequence[Step] = (
    _create_version_1, _add_keychain_service, _mark_registry, _key_lifecycle, _usage_and_limits
)
LATEST_VERSION = len(MIGRATIONS)


class SchemaTooNewError(StoreError):
    """The database was written by a newer qkeys; we refuse to touch it."""


def _is_postgres(db: object) -> bool:
    return isinstance(db, peewee.PostgresqlDatabase)


def _migrator_for(db: peewee.Database) -> SchemaMigrator:
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

    if _is_postgres(db):
        return PostgresqlMigrator(db)
    return SqliteMigrator(db)


# -- recognising a registry -------------------------------------------------------------------


def too_new(version: int, known: int = LATEST_VERSION) -> SchemaTooNewError:
    return SchemaTooNewError(
        f"this database uses schema version {version}, but this qkeys knows only up to "
        f"{known}; upgrade qkeys to open it (nothing was changed)"
    )


def foreign(where: str) -> StoreError:
    return StoreError(
        f"{where} is a database of another program, not a qkeys registry; it was left "
        f"untouched — choose another with --db"
    )


def _unreadable(where: str, detail: str) -> StoreError:
    return StoreError(
        f"{where} is not a registry this qkeys can open: {detail}; it was left untouched — "
        f"restore it from a backup or choose another with --db"
    )


def checked_version(rows: Sequence[Sequence[object]], where: str, known: int) -> int:
    """The version in ``schema_version``'s rows, or StoreError naming what is wrong with it."""
    if len(rows) != 1:
        detail = "empty" if not rows else f"holding {len(rows)} rows, not one"
        raise _unreadable(where, f"its schema_version table is {detail}")
    value = rows[0][0]
    if value is None:
        raise _unreadable(where, "its schema version is NULL")
    if isinstance(value, bool | str | bytes) or not isinstance(value, numbers.Number):
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise _unreadable(where, f"its schema version is {kind}, not a whole number")
    if not isinstance(value, int):  # REAL in SQLite, NUMERIC (Decimal) in PostgreSQL
        number = float(value)  # type: ignore[arg-type]
        if not number.is_integer():
            raise _unreadable(where, f"its schema version is {value}, not a whole number")
        value = int(number)
    if value < 1:
        raise _unreadable(where, f"its schema version is {value}, which no qkeys writes")
    if value > known:
        raise too_new(value, known)
    return value


def recognised_version(
    tables: Collection[str],
    mark: object,
    versions: Callable[[], Sequence[Sequence[object]]],
    where: str,
    *,
    sqlite: bool,
    known: int = LATEST_VERSION,
) -> int:
    """The schema version of a database that is a qkeys registry, 0 for an empty one (to become
    a registry); StoreError for anything else. ``mark`` is SQLite's application id or the
    comment on PostgreSQL's schema_version; ``versions`` reads schema_version's rows."""
    ours = mark == (APPLICATION_ID if sqlite else POSTGRES_MARK)
    present = set(tables)
    if ours:
        if "schema_version" not in present:
            raise _unreadable(where, "it is marked as a qkeys registry but has no schema_version")
    elif sqlite and mark:
        raise StoreError(
            f"{where} is a database of another program (application id {mark}), not a qkeys "
            f"registry; it was left untouched — choose another with --db"
        )
    elif "schema_version" not in present:
        if not present:
            return 0
        raise foreign(where)
    elif not (present == REGISTRY_TABLES if sqlite else present >= REGISTRY_TABLES):
        raise foreign(where)
    return checked_version(versions(), where, known)


def _catalog(db: peewee.Database) -> tuple[frozenset[str], object]:
    """The tables (and views) of the database's schema and its mark, read-only."""
    if _is_postgres(db):
        rows = db.execute_sql(
            "SELECT c.relname, CASE WHEN c.relname = 'schema_version' "
            "THEN obj_description(c.oid, 'pg_class') END "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        ).fetchall()
        marks = [comment for _name, comment in rows if comment is not None]
        return frozenset(name for name, _comment in rows), marks[0] if marks else None
    names = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    (mark,) = db.execute_sql("PRAGMA application_id").fetchone()
    return frozenset(name for (name,) in names), mark


def current_version(
    db: peewee.Database, where: str = "this database", known: int = LATEST_VERSION
) -> int:
    """The schema version of ``db``; 0 for an empty database; StoreError if it is no registry."""
    tables, mark = _catalog(db)
    return recognised_version(
        tables,
        mark,
        lambda: db.execute_sql("SELECT version FROM schema_version").fetchall(),
        where,
        sqlite=not _is_postgres(db),
        known=known,
    )


def require_current(db: peewee.Database, where: str = "this database") -> None:
    """For checking keys: refuse (changing nothing) unless ``db`` is a registry at exactly the
    latest version. Creating or upgrading is for commands that manage keys."""
    version = current_version(db, where)
    if version == 0:
        raise StoreError(
            f"{where} holds no qkeys registry, and checking keys creates none; check --db or "
            f"QKEYS_DB, or create the registry with a command that manages keys, e.g. "
            f"'qkeys --db {where} keys list'"
        )
    if version < LATEST_VERSION:
        raise outdated(where, version)


def outdated(where: str, version: int) -> StoreError:
    return StoreError(
        f"{where} holds a registry of schema version {version}, older than this qkeys's "
        f"{LATEST_VERSION}; checking keys changes nothing, so upgrade it first with a command "
        f"that manages keys, e.g. 'qkeys --db {where} keys list' (as a role that may change "
        f"the schema)"
    )


# -- upgrading --------------------------------------------------------------------------------


@contextmanager
def _exclusive(db: peewee.Database) -> Iterator[None]:
    """Around all steps: PostgreSQL's advisory lock in one transaction (steps nest as
    savepoints); on SQLite foreign keys off (not possible inside a transaction), so a step may
    rebuild a table that others reference, and back on after."""
    if _is_postgres(db):
        with db.atomic():
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            yield
        return
    (enforced,) = db.execute_sql("PRAGMA foreign_keys").fetchone()
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA foreign_keys = {1 if enforced else 0}")


def upgrade(
    db: peewee.Database, steps: Sequence[Step] = MIGRATIONS, where: str = "this database"
) -> int:
    """Bring ``db`` to the newest version; returns the number of steps this call applied.

    An up-to-date database is only read, so a role that may merely verify keys can open it.
    A database that is no registry (see the module docstring) is refused before any change.
    """
    version = current_version(db, where, len(steps))
    if version == len(steps):
        return 0
    applied = 0
    migrator = _migrator_for(db)
    with _exclusive(db):
        for number in range(version + 1, len(steps) + 1):
            with db.atomic():
                # again, now that we hold the lock: another process may have applied it meanwhile
                if current_version(db, where, len(steps)) >= number:
                    continue
                schema_version = _schema_version_table(db)
                schema_version.create_table()
                steps[number - 1](db, migrator)
                schema_version.delete().execute()
                schema_version.insert(version=number).execute()
                applied += 1
    if applied and not _is_postgres(db):
        # into the file itself, so its header shows the mark to readers that look before
        # opening (qkeys verify); PASSIVE: never waits, readers may hold part of the WAL longer
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
    return applied
