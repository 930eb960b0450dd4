"""Following a registry's keys for a table: every key on the first read, then only what changed.

A window lists 100,000 keys and learns of every commit (:mod:`.change_feed`): its own writes,
another process's, an app recording a key's last use or the usage counts of the last minute.
Re-reading every key after each costs ~0.5 s of Python on a worker thread that shares the GIL
with the UI thread. :class:`KeyListing` reads every key once and afterwards only the keys that
may have changed, found without a schema change from what the registry already records:

- every write through the store that changes a key leaves an audit event naming the key's row
  (``event.key_ref``): created, edited, rotated (a new key id: the old one is listed as removed),
  disabled, enabled, deleted;
- an app's verification writes ``last_used_at`` (at most once a minute per key: read the keys
  used since the last read), spends the uses of a limited key (read every limited key: few),
  and its usage counts land in hourly ``key_usage`` buckets (read the keys with a bucket in the
  last hours, and those whose oldest bucket just slid out of the 30 days);
- the keychain column changes without an event (a key's token saved to or removed from the OS
  keychain): the few keys that have one are compared each time;
- a project renamed or removed changes the scope of keys without an event of theirs: that, or
  any event the listing does not know, makes the next read a full one; so does a count of keys
  that does not add up (a row deleted by hand, say).

Events are read by id and, on PostgreSQL, where a sequence's ids may commit out of order, also
by time over the last :data:`EVENT_MARGIN` seconds, so none is skipped. A key that may have
changed is read again, and sent only if its row differs from the one listed (the listing keeps a
reference to each row listed: 100,000 keys cost a dictionary, not a copy of the rows). Not
thread-safe: one read at a time (the window's reload rule guarantees it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import peewee

from .records import KEY_ID, KEY_KEYCHAIN_SERVICE, KeyRow, to_epoch
from .usage import BUCKET, VALID

if TYPE_CHECKING:
    from .store import Store

#: Events of these kinds change exactly the key they name (``key_ref``).
KEY_EVENTS: Final = frozenset(
    {"key.created", "key.edited", "key.rotated", "key.disabled", "key.enabled", "key.deleted"})
#: Events that change no key's row as listed (the policy is read with every reload anyway).
QUIET_EVENTS: Final = frozenset({"project.added", "policy.changed"})
EVENT_MARGIN: Final = 120  # seconds of events read again: PostgreSQL ids commit out of order
USE_MARGIN: Final = 300  # seconds: clocks of verifying processes may lag ours a little
USAGE_HOURS: Final = 3  # a usage flush may write a bucket of the hour before (or retry later)
USAGE_DAYS: Final = 30  # the table's "Uses (30 d)" (Store._uses_30d)


@dataclass(frozen=True, slots=True)
class KeyChanges:
    """What a read found. ``full``: ``rows`` is every key, newest first; otherwise ``rows`` are
    the keys new or changed since the previous read (any order) and ``removed`` the key ids
    listed before that are gone (deleted, or replaced by a rotation's new id)."""

    full: bool
    rows: list[KeyRow]
    removed: frozenset[str] = field(default_factory=frozenset)
    #: ``rows``' names as the uniqueness rule folds them, as stored (empty: not read)
    name_keys: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        """Whether there is anything to show."""
        return self.full or bool(self.rows) or bool(self.removed)


class KeyListing:
    """The keys of one registry as last read, and what changed since (see the module)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # row id → the row listed, the very tuple the table holds (no copy): a key that may
        # have changed but did not is not sent; a dict made by C loops, not by Python per key
        self._listed: dict[int, KeyRow] = {}
        # row id → keychain service, where there is one; made from the rows when first needed
        self._keychain: dict[int, str] | None = None
        self._event_id: int | None = None  # the last event seen; None: read everything next
        self._read_at = 0  # when the previous read began (epoch seconds, the store's clock)

    def reset(self) -> None:
        """Make the next read a full one."""
        self._event_id = None

    def read(self) -> KeyChanges:
        """Every key the first time (or after :meth:`reset`), then what changed since. After
        an error (the registry unreachable, say) the next read is a full one."""
        try:
            return self._read()
        except BaseException:
            self.reset()
            raise

    def _read(self) -> KeyChanges:
        with self.store.db.atomic():  # one snapshot on SQLite: no change falls between reads
            now = to_epoch(self.store.clock())
            last_event = self._last_event()
            changed = None if self._event_id is None else self._changed_ids(now)
            if changed is not None:
                changes = self._read_changed(changed, now, last_event)
                if len(self._listed) == self._count():
                    return changes
                # something changed that left no trace the listing follows: read everything
            ids, rows, folded = self.store.key_table()
            self._listed = dict(zip(ids, rows, strict=True))
            self._keychain = None
            self._event_id, self._read_at = last_event, now
            return KeyChanges(True, rows, name_keys=folded)

    def _read_changed(self, changed: set[int], now: int, last_event: int) -> KeyChanges:
        """The rows of the keys that may have changed, less those that did not after all (a
        key named by an event read again within the margin, used again a while ago)."""
        ids, rows, folded = self.store.key_table(changed) if changed else ([], [], [])
        found = dict(zip(ids, zip(rows, folded, strict=True), strict=True))
        listed, keychain = self._listed, self._services()
        removed = frozenset(listed[pk][KEY_ID] for pk in changed if pk in listed and (
            pk not in found or found[pk][0][KEY_ID] != listed[pk][KEY_ID]))
        fresh = [(row, name) for pk, (row, name) in found.items() if listed.get(pk) != row]
        for pk in changed:
            listed.pop(pk, None)
            keychain.pop(pk, None)
        for pk, row in zip(ids, rows, strict=True):
            listed[pk] = row
            if row[KEY_KEYCHAIN_SERVICE] is not None:
                keychain[pk] = row[KEY_KEYCHAIN_SERVICE]
        self._event_id, self._read_at = last_event, now
        return KeyChanges(False, [row for row, _name in fresh], removed,
                          [name for _row, name in fresh])

    def _services(self) -> dict[int, str]:
        """Row id → keychain service of the keys listed that have one."""
        if self._keychain is None:  # once after a full read: a pass over every row listed
            self._keychain = {pk: row[KEY_KEYCHAIN_SERVICE] for pk, row in self._listed.items()
                              if row[KEY_KEYCHAIN_SERVICE] is not None}
        return self._keychain

    # -- what may have changed --------------------------------------------------------------

    def _changed_ids(self, now: int) -> set[int] | None:
        """The row ids of keys that may have changed since the last read; None: read all."""
        keyed = self._event_refs()
        if keyed is None:
            return None
        return keyed | self._rows_moved() | self._usage_moved(now)

    def _event_refs(self) -> set[int] | None:
        """The keys named by events since the last read; None if an event changed keys in
        a way the listing cannot follow (a project renamed or removed, an unknown kind)."""
        events = self.store.models.Event
        assert self._event_id is not None
        since = (events.id > self._event_id) | (events.at >= self._read_at - EVENT_MARGIN)
        refs: set[int] = set()
        for kind, ref in self.store.select_rows(
                events.select(events.kind, events.key_ref).where(since)):
            if kind in KEY_EVENTS and ref is not None:
                refs.add(ref)
            elif kind not in QUIET_EVENTS:
                return None
        return refs

    def _rows_moved(self) -> set[int]:
        """In one pass over the keys (in SQL): those used since the last read (a verification
        writes last use at most once a minute), every key with limits (a verification spends
        its uses without touching last use) and those whose token went to or left the OS
        keychain (no event says so)."""
        keys = self.store.models.ApiKey
        used_since = self._read_at - USE_MARGIN
        limited = keys.uses_limit.is_null(False) | keys.rate_limit.is_null(False)
        found = self.store.select_rows(
            keys.select(keys.id, keys.keychain_service, keys.last_used_at, keys.uses_limit,
                        keys.rate_limit)
            .where((keys.last_used_at >= used_since) | limited
                   | keys.keychain_service.is_null(False)))
        moved = {pk for pk, _service, used, uses, rate in found
                 if (used is not None and used >= used_since) or uses is not None
                 or rate is not None}
        services = {pk: service for pk, service, *_rest in found if service is not None}
        known = self._services()
        moved.update(pk for pk in services.keys() | known.keys()
                     if services.get(pk) != known.get(pk))
        return moved

    def _usage_moved(self, now: int) -> set[int]:
        """Keys whose 30-day count may differ: new buckets, or buckets that left the window."""
        usage = self.store.models.KeyUsage
        recent = self._read_at - self._read_at % BUCKET - USAGE_HOURS * BUCKET
        window = USAGE_DAYS * 86_400
        then, since = self._read_at - window, now - window
        left = (usage.hour >= then - then % BUCKET) & (usage.hour < since - since % BUCKET)
        return {pk for (pk,) in self.store.select_rows(usage.select(usage.key_ref).distinct().where(
            (usage.outcome == VALID) & ((usage.hour >= recent) | left)))}

    # -- bookkeeping ------------------------------------------------------------------------

    def _last_event(self) -> int:
        events = self.store.models.Event
        rows = self.store.select_rows(events.select(peewee.fn.MAX(events.id)))
        return int(rows[0][0] or 0) if rows else 0

    def _count(self) -> int:
        keys = self.store.models.ApiKey
        return int(self.store.select_rows(keys.select(peewee.fn.COUNT(keys.id)))[0][0])
