"""Peewee models of the registry. Times are UTC epoch seconds: engine-neutral and cheap to sort.

The model classes are made per database by :func:`bound_models`, never bound through one
process-wide proxy: each :class:`~.store.Store` works on its own registry whatever else is open
in the process (two registries side by side, a copy from one into another, threads on each).
Fresh classes per database also make foreign keys point at that database's classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

#: ``PRAGMA application_id`` of a SQLite registry: "qkey" in ASCII. Set by migration 3; a file
#: with another id belongs to another program (see :mod:`.migrations` for how registries are
#: recognised, also on PostgreSQL).
APPLICATION_ID = 0x716B6579

#: The tables every registry written before step 3 marked them holds, exactly (SQLite's own
#: ``sqlite_*`` tables aside): how an unmarked file of an early release is recognised.
REGISTRY_TABLES = frozenset(
    {"schema_version", "registry_state", "project", "api_key", "key_project", "event"}
)
#: The tables of a current registry.
CURRENT_TABLES = REGISTRY_TABLES | {"retired_key", "key_usage"}
NAME_KEY_MAX = 256  # a 64-character name's case-folded form may grow ("ß" → "ss")


@dataclass(frozen=True, slots=True)
class RegistryModels:
    """The model classes of one registry database (attribute names as the classes are named)."""

    database: Any
    SchemaVersion: Any
    RegistryState: Any
    Project: Any
    ApiKey: Any
    KeyProject: Any
    Event: Any
    RetiredKey: Any
    KeyUsage: Any

    def all(self) -> list[Any]:
        """Every model, in dependency order."""
        return [
            self.SchemaVersion,
            self.RegistryState,
            self.Project,
            self.ApiKey,
            self.KeyProject,
            self.Event,
            self.RetiredKey,
            self.KeyUsage,
        ]


def bound_models(db: Any) -> RegistryModels:
    """Model classes bound to ``db`` alone (the current schema; migrations keep their own)."""

    class BaseModel(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class SchemaVersion(BaseModel):
        """One row: the schema version this database was migrated to."""

        version = IntegerField()

    class RegistryState(BaseModel):
        """One row: a counter bumped by every write, so windows notice other processes' changes;
        and the registry's lifetime policy (:mod:`.policy`)."""

        revision = BigIntegerField(default=0)
        max_lifetime_days = IntegerField(null=True)
        allow_never = BooleanField(default=True)

    class Project(BaseModel):
        name = CharField(max_length=64)
        name_key = CharField(max_length=NAME_KEY_MAX, unique=True)  # validation.name_key
        created_at = BigIntegerField()

    class ApiKey(BaseModel):
        key_id = CharField(max_length=32, unique=True)  # public, indexed: verification's lookup
        name = CharField(max_length=64)
        name_key = CharField(max_length=NAME_KEY_MAX, unique=True)
        secret_hash = TextField()
        permissions = IntegerField()
        all_projects = BooleanField(default=True)
        expires_at = BigIntegerField(null=True, index=True)
        created_at = BigIntegerField()  # when the current token was issued
        last_used_at = BigIntegerField(null=True)
        keychain_service = CharField(max_length=128, null=True)  # set when we stored it there
        description = TextField(default="")
        disabled_at = BigIntegerField(null=True)
        created_by = CharField(max_length=128, null=True)
        # a rotation with overlap: the replaced token still verifies until previous_until
        previous_key_id = CharField(max_length=32, null=True, unique=True)
        previous_hash = TextField(null=True)
        previous_until = BigIntegerField(null=True, index=True)
        # opt-in limits (:mod:`.limits`); all NULL for a key without them
        uses_limit = BigIntegerField(null=True)
        uses_remaining = BigIntegerField(null=True)
        uses_refill = CharField(max_length=8, null=True)
        uses_refilled_at = BigIntegerField(null=True)
        rate_limit = BigIntegerField(null=True)
        rate_window = IntegerField(null=True)
        rate_window_start = BigIntegerField(null=True)
        rate_count = BigIntegerField(default=0)
        last_used_by = CharField(max_length=128, null=True)  # the client label of a recent use

    class KeyProject(BaseModel):
        """Scope: a key that is not for all projects may be used on these."""

        key = ForeignKeyField(ApiKey, on_delete="CASCADE", backref="scope")
        project = ForeignKeyField(Project, on_delete="CASCADE", backref="key_links")

        class Meta:
            indexes = ((("key", "project"), True),)

    class Event(BaseModel):
        """The audit trail. Never holds a secret."""

        at = BigIntegerField(index=True)
        kind = CharField(max_length=32)
        key_id = CharField(max_length=32, null=True)
        name = CharField(max_length=64)
        details = TextField(default="")
        actor = CharField(max_length=128, default="")
        surface = CharField(max_length=16, default="")
        # api_key.id of the key it concerns (never reused): a key's history across rotations
        key_ref = IntegerField(null=True, index=True)

    class RetiredKey(BaseModel):
        """A tombstone: a key id that no longer verifies, so a check says "revoked" or
        "rotated", not "unknown key". Holds no hash."""

        key_id = CharField(max_length=32, unique=True)
        key_ref = IntegerField(null=True)
        name = CharField(max_length=64)
        reason = CharField(max_length=16)
        at = BigIntegerField()
        actor = CharField(max_length=128, default="")

    class KeyUsage(BaseModel):
        """Verification outcomes of a key per hour and client (:mod:`.usage`)."""

        key_ref = IntegerField()
        hour = BigIntegerField(index=True)
        outcome = CharField(max_length=24)
        client = CharField(max_length=128, default="")
        count = BigIntegerField(default=0)

        class Meta:
            indexes = ((("key_ref", "hour", "outcome", "client"), True),)

    return RegistryModels(
        db, SchemaVersion, RegistryState, Project, ApiKey, KeyProject, Event, RetiredKey, KeyUsage
    )
