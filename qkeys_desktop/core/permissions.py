"""The five permissions a key can carry, stored as a bit set."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntFlag


class Permission(IntFlag):
    """One permission; combine with ``|``. Values are persisted: never renumber."""

    CREATE = 1
    READ = 2
    WRITE = 4
    DELETE = 8
    INVITE = 16


ALL_PERMISSIONS: tuple[Permission, ...] = tuple(Permission)
PERMISSION_NAMES: tuple[str, ...] = tuple(p.name.lower() for p in ALL_PERMISSIONS if p.name)


def permission_names(mask: int) -> list[str]:
    """The lower-case names of the permissions in ``mask``, in canonical order."""
    return [p.name.lower() for p in ALL_PERMISSIONS if mask & p and p.name]


def combine(permissions: Iterable[Permission]) -> int:
    """The bit mask of a collection of permissions."""
    mask = 0
    for permission in permissions:
        mask |= permission
    return mask
