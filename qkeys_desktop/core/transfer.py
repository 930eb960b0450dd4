"""Copying a whole registry into another database (``qkeys migrate-db``), e.g. SQLite → PostgreSQL.

Each Store has its own models, so source and destination are open side by side: the rows go
table by table, in dependency order and with their ids, in one transaction on the destination,
which must be empty; the counts are checked after the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .policy import RegistryPolicy

if TYPE_CHECKING:
    from .store import Store

_TABLES = (("projects", "Project"), ("keys", "ApiKey"), ("scope", "KeyProject"),
           ("events", "Event"), ("retired", "RetiredKey"), ("usage", "KeyUsage"))
_BATCH = 500


@dataclass
class RegistrySnapshot:
    """Every row of a registry as plain tuples, in dependency order."""

    projects: list[tuple[Any, ...]]
    keys: list[tuple[Any, ...]]
    scope: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    retired: list[tuple[Any, ...]]  # tombstones: copied keys' revoked ids stay "revoked"
    usage: list[tuple[Any, ...]]  # hourly usage counts: a key's chart and uses_30d come along
    policy: RegistryPolicy

    def counts(self) -> dict[str, int]:
        return {
            "projects": len(self.projects),
            "keys": len(self.keys),
            "scope links": len(self.scope),
            "events": len(self.events),
            "retired key ids": len(self.retired),
            "usage counts": len(self.usage),
        }


def snapshot(source: Store) -> RegistrySnapshot:
    """Every row of ``source``, and its lifetime policy (this process's own usage counts are
    written first, so the copy holds them)."""
    source.verifier.flush_usage()
    rows = {}
    for name, model_name in _TABLES:
        model = getattr(source.models, model_name)
        rows[name] = list(model.select().order_by(model.id).tuples())
    return RegistrySnapshot(**rows, policy=source.policy())


def copy_registry(
    source: Store | RegistrySnapshot, destination: Store | Callable[[], Store]
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty registry ``destination`` (a Store, or a
    function opening it) and check the counts match; returns them."""
    rows = source if isinstance(source, RegistrySnapshot) else snapshot(source)
    target = destination if not callable(destination) else destination()
    models = target.models
    if models.ApiKey.select().exists() or models.Project.select().exists():
        raise StoreError(
            f"the destination {target.target} already holds keys or projects; "
            f"migrate into an empty database"
        )
    with target.db.atomic():
        for name, model_name in _TABLES:
            model = getattr(models, model_name)
            fields = list(model._meta.sorted_fields)
            table_rows = getattr(rows, name)
            for start in range(0, len(table_rows), _BATCH):
                model.insert_many(table_rows[start : start + _BATCH], fields=fields).execute()
        _reset_sequences(target)
        models.RegistryState.update(max_lifetime_days=rows.policy.max_lifetime_days,
                                    allow_never=rows.policy.allow_never).execute()
        target.bump_revision()
    copied = snapshot(target).counts()
    if copied != rows.counts():
        raise StoreError(f"copy incomplete: expected {rows.counts()}, found {copied}")
    return copied


def _reset_sequences(store: Store) -> None:
    """PostgreSQL serials don't advance on explicit ids; move them past the copied rows.
    (SQLite's AUTOINCREMENT counter follows explicit ids by itself.)"""
    if store._postgres:
        for _name, model_name in _TABLES:
            table = getattr(store.models, model_name)._meta.table_name
            store.db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
