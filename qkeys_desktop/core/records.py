"""Plain, immutable views of stored rows that the UI and CLI consume (no peewee objects leak)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Final

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


#: A key as a table lists it, straight from the database: a :class:`KeyRecord`'s fields, in
#: that order, with times in epoch seconds. Read its fields by name: ``row[KEY_NAME]`` (the
#: type checker knows each field's type). :func:`key_record` makes the record of one.
#:
#: A plain tuple of plain values, not a NamedTuple: the cyclic garbage collector stops tracking
#: such tuples, never instances of a tuple subclass, and it stops every thread while it scans
#: what it tracks. With 100,000 NamedTuples a full collection took 50-110 ms instead of 20-45,
#: loading the table took about a third longer and the window stalled twice as long.
KeyRow = tuple[str, str, int, tuple[str, ...], bool, int | None, int, int | None, str | None]
KEY_ID: Final = 0
KEY_NAME: Final = 1
KEY_PERMISSIONS: Final = 2
KEY_PROJECTS: Final = 3  # empty when the key is for all projects
KEY_ALL_PROJECTS: Final = 4
KEY_EXPIRES_AT: Final = 5
KEY_CREATED_AT: Final = 6
KEY_LAST_USED_AT: Final = 7
KEY_KEYCHAIN_SERVICE: Final = 8


def key_record(row: KeyRow) -> KeyRecord:
    """The record of a :data:`KeyRow`."""
    return KeyRecord(row[KEY_ID], row[KEY_NAME], row[KEY_PERMISSIONS], row[KEY_PROJECTS],
                     row[KEY_ALL_PROJECTS], from_epoch(row[KEY_EXPIRES_AT]),
                     datetime.fromtimestamp(row[KEY_CREATED_AT], UTC),
                     from_epoch(row[KEY_LAST_USED_AT]), row[KEY_KEYCHAIN_SERVICE])


def key_row(record: KeyRecord) -> KeyRow:
    """The :data:`KeyRow` of a record (its fields in the order of the ``KEY_`` numbers)."""
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


#: An audit event as a plain tuple, for the same reasons as :data:`KeyRow`: an
#: :class:`EventRecord`'s fields, ``at`` in epoch seconds, read by name (``row[EVENT_KIND]``).
EventRow = tuple[int, str, str | None, str, str]
EVENT_AT: Final = 0
EVENT_KIND: Final = 1
EVENT_KEY_ID: Final = 2
EVENT_NAME: Final = 3
EVENT_DETAILS: Final = 4


def event_record(row: EventRow) -> EventRecord:
    """The record of an :data:`EventRow`."""
    return EventRecord(datetime.fromtimestamp(row[EVENT_AT], UTC), row[EVENT_KIND],
                       row[EVENT_KEY_ID], row[EVENT_NAME], row[EVENT_DETAILS])


def event_row(event: EventRecord) -> EventRow:
    """The :data:`EventRow` of a record."""
    return (to_epoch(event.at), event.kind, event.key_id, event.name, event.details)


@dataclass(frozen=True, slots=True)
class ProjectRemoval:
    """What removing a project did: keys narrowed, and keys revoked because no scope was left."""

    narrowed: tuple[str, ...]
    revoked: tuple[KeyRecord, ...]
