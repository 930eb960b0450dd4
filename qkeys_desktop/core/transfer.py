"""Copying a whole registry to another database (``qkeys migrate-db``), e.g. SQLite → PostgreSQL.

Models share one binding per process, so the source is read completely before the destination
is opened; registries are small (hashes, names, events), so holding one in memory is fine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import StoreError
from .models import ApiKey, Event, KeyProject, Project


@dataclass
class RegistrySnapshot:
    """Every row of a registry as plain tuples, in dependency order."""

    projects: list[tuple[Any, ...]]
    keys: list[tuple[Any, ...]]
    scope: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]

    def counts(self) -> dict[str, int]:
        return {
            "projects": len(self.projects),
            "keys": len(self.keys),
            "scope links": len(self.scope),
            "events": len(self.events),
        }


_TABLES = (("projects", Project), ("keys", ApiKey), ("scope", KeyProject), ("events", Event))


def snapshot() -> RegistrySnapshot:
    """Read the registry the models are bound to."""
    rows = {name: list(model.select().order_by(model.id).tuples()) for name, model in _TABLES}
    return RegistrySnapshot(**rows)


def copy_registry(
    source_snapshot: RegistrySnapshot, open_destination: Callable[[], Any]
) -> dict[str, int]:
    """Write a snapshot into an empty destination store and check the counts match."""
    destination = open_destination()
    if ApiKey.select().exists() or Project.select().exists():
        raise StoreError(
            f"the destination {destination.target} already holds keys or projects; "
            f"migrate into an empty database"
        )
    with destination.db.atomic():
        for name, model in _TABLES:
            fields = list(model._meta.sorted_fields)
            rows = getattr(source_snapshot, name)
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start : start + 500], fields=fields).execute()
        _reset_sequences(destination.db)
        destination.bump_revision()
    copied = snapshot().counts()
    if copied != source_snapshot.counts():
        raise StoreError(f"copy incomplete: expected {source_snapshot.counts()}, found {copied}")
    return copied


def _reset_sequences(db: Any) -> None:
    """PostgreSQL serials don't advance on explicit ids; move them past the copied rows."""
    if type(db).__name__.startswith("Postgres"):
        for _name, model in _TABLES:
            table = model._meta.table_name
            db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
