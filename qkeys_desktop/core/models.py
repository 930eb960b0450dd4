"""Peewee models of the registry. Times are UTC epoch seconds: engine-neutral and cheap to sort."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DatabaseProxy,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database_proxy = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class SchemaVersion(BaseModel):
    """One row: the schema version this database was migrated to."""

    version = IntegerField()


class RegistryState(BaseModel):
    """One row: a counter bumped by every write, so windows can notice other processes' changes."""

    revision = BigIntegerField(default=0)


class Project(BaseModel):
    name = CharField(max_length=64)
    name_key = CharField(max_length=64, unique=True)  # casefolded: uniqueness ignores case
    created_at = BigIntegerField()


class ApiKey(BaseModel):
    key_id = CharField(max_length=32, unique=True)  # public, indexed: verification's lookup
    name = CharField(max_length=64)
    name_key = CharField(max_length=64, unique=True)
    secret_hash = TextField()
    permissions = IntegerField()
    all_projects = BooleanField(default=True)
    expires_at = BigIntegerField(null=True, index=True)
    created_at = BigIntegerField()
    last_used_at = BigIntegerField(null=True)
    keychain_service = CharField(max_length=128, null=True)  # set when we stored it there


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


ALL_MODELS = [SchemaVersion, RegistryState, Project, ApiKey, KeyProject, Event]
