"""Plain, immutable views of stored rows that the UI and CLI consume (no peewee objects leak)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from .expiration import EXPIRY_SOON
from .permissions import permission_names


def from_epoch(seconds: int | None) -> datetime | None:
    """An aware UTC datetime from stored epoch seconds (None stays None)."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def to_epoch(moment: datetime) -> int:
    """Epoch seconds of an aware datetime, as stored."""
    return int(moment.timestamp())


class KeyStatus(Enum):
    ACTIVE = "active"
    EXPIRING = "expiring"  # within EXPIRY_SOON
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """One API key as listed: everything but its secret, which is never stored."""

    key_id: str
    name: str
    permissions: int
    projects: tuple[str, ...]  # empty when the key is for all projects
    all_projects: bool
    expires_at: datetime | None
    created_at: datetime
    last_used_at: datetime | None
    keychain_service: str | None = None

    @property
    def permission_names(self) -> list[str]:
        return permission_names(self.permissions)

    def status(self, now: datetime) -> KeyStatus:
        """Active, expiring within a week, or expired, as of ``now``."""
        if self.expires_at is None or self.expires_at - now > EXPIRY_SOON:
            return KeyStatus.ACTIVE
        return KeyStatus.EXPIRED if self.expires_at <= now else KeyStatus.EXPIRING


@dataclass(frozen=True, slots=True)
class CreatedKey:
    """A new key and its plaintext token, which exists only here and only once."""

    record: KeyRecord
    token: str

    def __repr__(self) -> str:  # keep the token out of logs and tracebacks
        return f"CreatedKey(record={self.record!r}, token=<hidden>)"


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    name: str
    key_count: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class EventRecord:
    at: datetime
    kind: str
    key_id: str | None
    name: str
    details: str


@dataclass(frozen=True, slots=True)
class ProjectRemoval:
    """What removing a project did: keys narrowed, and keys revoked because no scope was left."""

    narrowed: tuple[str, ...]
    revoked: tuple[KeyRecord, ...]
