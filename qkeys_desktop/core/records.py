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


#: A key as a table lists it, straight from the database: (key_id, name, permissions, projects,
#: all_projects, expires_at, created_at, last_used_at, keychain_service), times in epoch seconds.
#: A plain tuple of plain values: 100,000 of them are quick to build, and they cost the cyclic
#: garbage collector nothing (it stops every thread while it scans what it tracks: with a
#: KeyRecord per key that was 100 ms and more). :func:`key_record` makes the record of one.
KeyRow = tuple[str, str, int, tuple[str, ...], bool, int | None, int, int | None, str | None]


def key_record(row: KeyRow) -> KeyRecord:
    """The record of a :data:`KeyRow`."""
    key_id, name, permissions, projects, all_projects, expires, created, used, keychain = row
    return KeyRecord(key_id, name, permissions, projects, all_projects, from_epoch(expires),
                     datetime.fromtimestamp(created, UTC), from_epoch(used), keychain)


def key_row(record: KeyRecord) -> KeyRow:
    """The :data:`KeyRow` of a record."""
    return (record.key_id, record.name, record.permissions, record.projects, record.all_projects,
            None if record.expires_at is None else to_epoch(record.expires_at),
            to_epoch(record.created_at),
            None if record.last_used_at is None else to_epoch(record.last_used_at),
            record.keychain_service)


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


#: An audit event as a plain tuple, for the same reasons as :data:`KeyRow`:
#: (at in epoch seconds, kind, key_id, name, details).
EventRow = tuple[int, str, str | None, str, str]


def event_record(row: EventRow) -> EventRecord:
    """The record of an :data:`EventRow`."""
    at, kind, key_id, name, details = row
    return EventRecord(datetime.fromtimestamp(at, UTC), kind, key_id, name, details)


def event_row(event: EventRecord) -> EventRow:
    """The :data:`EventRow` of a record."""
    return (to_epoch(event.at), event.kind, event.key_id, event.name, event.details)


@dataclass(frozen=True, slots=True)
class ProjectRemoval:
    """What removing a project did: keys narrowed, and keys revoked because no scope was left."""

    narrowed: tuple[str, ...]
    revoked: tuple[KeyRecord, ...]
