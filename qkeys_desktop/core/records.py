"""Plain, immutable views of stored rows that the UI and CLI consume (no peewee objects leak)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
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
    DISABLED = "disabled"  # paused by a person; reversible


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
    description: str = ""
    disabled_at: datetime | None = None
    created_by: str | None = None  # "user@host"; None for keys made before qkeys recorded it
    #: After a rotation with overlap: the replaced token's key id, and when it stops working.
    previous_key_id: str | None = None
    previous_until: datetime | None = None
    #: Opt-in limits (:mod:`.limits`): None for unlimited.
    uses_limit: int | None = None
    uses_remaining: int | None = None
    uses_refill: str | None = None  # "daily" or "monthly"
    rate_limit: int | None = None  # at most this many valid verifications…
    rate_window: int | None = None  # …per this many seconds (1, 60 or 3600)
    last_used_by: str | None = None  # the client label of a recent use
    uses_30d: int = 0  # valid verifications in the last 30 days

    @property
    def permission_names(self) -> list[str]:
        return permission_names(self.permissions)

    def rotating(self, now: datetime) -> bool:
        """Whether the token this key replaced still works (a rotation's overlap is running)."""
        return self.previous_until is not None and self.previous_until > now

    def status(self, now: datetime) -> KeyStatus:
        """Disabled, or else active, expiring within a week, or expired, as of ``now``."""
        if self.disabled_at is not None:
            return KeyStatus.DISABLED
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
KeyRow = tuple[str, str, int, tuple[str, ...], bool, int | None, int, int | None, str | None,
               str, int | None, str | None, str | None, int | None, int | None, int | None,
               str | None, int | None, int | None, str | None, int]
KEY_ID: Final = 0
KEY_NAME: Final = 1
KEY_PERMISSIONS: Final = 2
KEY_PROJECTS: Final = 3  # empty when the key is for all projects
KEY_ALL_PROJECTS: Final = 4
KEY_EXPIRES_AT: Final = 5
KEY_CREATED_AT: Final = 6
KEY_LAST_USED_AT: Final = 7
KEY_KEYCHAIN_SERVICE: Final = 8
KEY_DESCRIPTION: Final = 9
KEY_DISABLED_AT: Final = 10
KEY_CREATED_BY: Final = 11
KEY_PREVIOUS_KEY_ID: Final = 12
KEY_PREVIOUS_UNTIL: Final = 13
KEY_USES_LIMIT: Final = 14
KEY_USES_REMAINING: Final = 15
KEY_USES_REFILL: Final = 16
KEY_RATE_LIMIT: Final = 17
KEY_RATE_WINDOW: Final = 18
KEY_LAST_USED_BY: Final = 19
KEY_USES_30D: Final = 20


def key_record(row: KeyRow) -> KeyRecord:
    """The record of a :data:`KeyRow`."""
    return KeyRecord(row[KEY_ID], row[KEY_NAME], row[KEY_PERMISSIONS], row[KEY_PROJECTS],
                     row[KEY_ALL_PROJECTS], from_epoch(row[KEY_EXPIRES_AT]),
                     datetime.fromtimestamp(row[KEY_CREATED_AT], UTC),
                     from_epoch(row[KEY_LAST_USED_AT]), row[KEY_KEYCHAIN_SERVICE],
                     row[KEY_DESCRIPTION], from_epoch(row[KEY_DISABLED_AT]), row[KEY_CREATED_BY],
                     row[KEY_PREVIOUS_KEY_ID], from_epoch(row[KEY_PREVIOUS_UNTIL]),
                     *row[KEY_USES_LIMIT:])


def key_row(record: KeyRecord) -> KeyRow:
    """The :data:`KeyRow` of a record (its fields in the order of the ``KEY_`` numbers)."""
    return (record.key_id, record.name, record.permissions, record.projects, record.all_projects,
            None if record.expires_at is None else to_epoch(record.expires_at),
            to_epoch(record.created_at),
            None if record.last_used_at is None else to_epoch(record.last_used_at),
            record.keychain_service, record.description,
            None if record.disabled_at is None else to_epoch(record.disabled_at),
            record.created_by, record.previous_key_id,
            None if record.previous_until is None else to_epoch(record.previous_until),
            record.uses_limit, record.uses_remaining, record.uses_refill, record.rate_limit,
            record.rate_window, record.last_used_by, record.uses_30d)


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
    actor: str = ""  # "user@host" who did it ("" for events recorded before qkeys kept it)
    surface: str = ""  # through what: "window", "cli" or "api"


#: An audit event as a plain tuple, for the same reasons as :data:`KeyRow`: an
#: :class:`EventRecord`'s fields, ``at`` in epoch seconds, read by name (``row[EVENT_KIND]``).
EventRow = tuple[int, str, str | None, str, str, str, str]
EVENT_AT: Final = 0
EVENT_KIND: Final = 1
EVENT_KEY_ID: Final = 2
EVENT_NAME: Final = 3
EVENT_DETAILS: Final = 4
EVENT_ACTOR: Final = 5
EVENT_SURFACE: Final = 6


def event_record(row: EventRow) -> EventRecord:
    """The record of an :data:`EventRow`."""
    return EventRecord(datetime.fromtimestamp(row[EVENT_AT], UTC), row[EVENT_KIND],
                       row[EVENT_KEY_ID], row[EVENT_NAME], row[EVENT_DETAILS], row[EVENT_ACTOR],
                       row[EVENT_SURFACE])


def event_row(event: EventRecord) -> EventRow:
    """The :data:`EventRow` of a record."""
    return (to_epoch(event.at), event.kind, event.key_id, event.name, event.details, event.actor,
            event.surface)


@dataclass(frozen=True, slots=True)
class ProjectRemoval:
    """What removing a project did: keys narrowed, and keys revoked because no scope was left."""

    narrowed: tuple[str, ...]
    revoked: tuple[KeyRecord, ...]


@dataclass(frozen=True, slots=True)
class RetiredKey:
    """What stays of a key id that no longer verifies: a tombstone, its hash long erased."""

    key_id: str
    name: str
    reason: str  # "revoked" (deleted) or "rotated" (replaced by a new token)
    at: datetime  # when it stopped (or, during a rotation's overlap, stops) working
    actor: str


@dataclass(frozen=True, slots=True)
class KeyUsage:
    """A key's verifications over the last ``days`` days (UTC), from the usage counters."""

    days: tuple[tuple[date, int, int], ...]  # (day, valid, rejected), oldest first, every day
    by_reason: dict[str, int]  # rejection reason → count
    by_client: dict[str, int]  # client label ("" when none was given) → count of all outcomes

    @property
    def valid(self) -> int:
        return sum(valid for _day, valid, _rejected in self.days)

    @property
    def rejected(self) -> int:
        return sum(rejected for _day, _valid, rejected in self.days)
