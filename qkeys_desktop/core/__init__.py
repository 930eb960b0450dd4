"""The key registry: tokens, hashing, storage and verification. Never imports Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store


def open_registry(target: str | None = None, **options: Any) -> Store:
    """Open the registry at a path or URL (default: ``$QKEYS_DB`` or the per-user database)."""
    from .paths import default_database
    from .store import Store

    return Store.open(target or default_database(), **options)
