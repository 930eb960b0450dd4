"""Versioned schema migrations: each step runs once, in order, in its own transaction.

Never "drop and recreate": a registry holds keys that apps depend on. Step 1 creates the
tables as they were at version 1: a table that a later step altered is frozen in its version-1
shape below, so model changes never rewrite history. Later steps use :mod:`playhouse.migrate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import peewee

from . import models
from .errors import StoreError

if TYPE_CHECKING:  # imported when a step runs: an up-to-date registry (the usual) never needs it
    from playhouse.migrate import SchemaMigrator

Step = Callable[[peewee.Database, "SchemaMigrator"], None]


def _create_version_1(db: peewee.Database, _migrator: SchemaMigrator) -> None:
    """The first schema: everything but ``api_key.keychain_service``."""

    class ApiKeyV1(models.BaseModel):
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

    class KeyProjectV1(models.BaseModel):
        key = peewee.ForeignKeyField(ApiKeyV1, on_delete="CASCADE")
        project = peewee.ForeignKeyField(models.Project, on_delete="CASCADE")

        class Meta:
            table_name = "key_project"
            indexes = ((("key", "project"), True),)

    tables = [models.RegistryState, models.Project, ApiKeyV1, KeyProjectV1, models.Event]
    with models.database_proxy.bind_ctx(tables):
        db.create_tables(tables)
    models.RegistryState.insert(revision=0).execute()


def _add_keychain_service(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Version 2: remember which keychain service holds a key's secret, if any."""
    from playhouse.migrate import migrate

    migrate(migrator.add_column("api_key", "keychain_service", models.ApiKey.keychain_service))


MIGRATIONS: Sequence[Step] = (_create_version_1, _add_keychain_service)
LATEST_VERSION = len(MIGRATIONS)


class SchemaTooNewError(StoreError):
    """The database was written by a newer qkeys; we refuse to touch it."""


def _migrator_for(db: peewee.Database) -> SchemaMigrator:
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

    if isinstance(db, peewee.PostgresqlDatabase):
        return PostgresqlMigrator(db)
    return SqliteMigrator(db)


def current_version(db: peewee.Database) -> int:
    """The schema version of ``db``; 0 for an empty database."""
    if not db.table_exists("schema_version"):
        return 0
    row = models.SchemaVersion.select(models.SchemaVersion.version).first()
    return int(row.version) if row else 0


def upgrade(db: peewee.Database, steps: Sequence[Step] = MIGRATIONS) -> int:
    """Bring ``db`` to the newest version; returns the number of steps applied.

    An up-to-date database is only read, so a role that may merely verify keys can open it.
    """
    version = current_version(db)
    if version > len(steps):
        raise SchemaTooNewError(
            f"this database uses schema version {version}, but this qkeys knows only up to "
            f"{len(steps)}; upgrade qkeys to open it (nothing was changed)"
        )
    if version == len(steps):
        return 0
    migrator = _migrator_for(db)
    for number in range(version + 1, len(steps) + 1):
        with db.atomic():
            if current_version(db) >= number:  # another process applied it meanwhile
                continue
            db.create_tables([models.SchemaVersion])
            steps[number - 1](db, migrator)
            models.SchemaVersion.delete().execute()
            models.SchemaVersion.insert(version=number).execute()
    return len(steps) - version
