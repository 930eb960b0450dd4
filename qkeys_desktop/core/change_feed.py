"""Noticing every committed change to a registry, whoever made it: the one signal a window needs.

A window shows keys that other processes change (the CLI, another window, apps recording a key's
last use), so it must learn of every commit, cheaply and without a reload just to find out.

- **SQLite:** ``PRAGMA data_version`` on a connection of the feed's own changes whenever any
  *other* connection — another process, or this process's store on another thread — commits.
  Asking costs microseconds and no disk read (it is kept in the shared WAL index).
- **PostgreSQL:** the feed's connection ``LISTEN``s on :data:`CHANNEL`; every qkeys write sends a
  ``NOTIFY`` in its own transaction (Store writes, a verification's last use or re-hash), and
  the notification arrives on the connection's socket the moment the transaction commits —
  :meth:`ChangeFeed.fileno` lets a caller wait on it. Writes by something that sends no
  notification (an older qkeys, SQL typed by hand) are still seen: the revision counter that
  every qkeys write bumps is read again every :data:`FALLBACK_INTERVAL` seconds.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

CHANNEL = "qkeys_registry"
NOTIFY_SQL = f"SELECT pg_notify('{CHANNEL}', '')"
FALLBACK_INTERVAL = 2.0  # seconds, PostgreSQL only


class ChangeFeed(Protocol):
    """Tells whether the registry changed since the last question; never blocks."""

    def changed(self) -> bool:
        """Whether anything was committed since the previous call (or since the feed opened)."""

    def fileno(self) -> int | None:
        """A socket that becomes readable when a change arrives, or None: then ask on a timer."""

    def close(self) -> None:
        """Release the feed's connection."""


class SqliteChangeFeed:
    """``PRAGMA data_version`` on a connection of its own."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._version = self._read()

    def _read(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        version = self._read()
        moved, self._version = version != self._version, version
        return moved

    def fileno(self) -> None:
        return None

    def close(self) -> None:
        self._connection.close()


class PostgresChangeFeed:
    """``LISTEN`` on a connection of its own, with the revision counter as a slow fallback."""

    def __init__(self, connection: Any, clock: Any = time.monotonic) -> None:
        connection.autocommit = True  # notifications are delivered between transactions
        self._connection = connection
        self._clock = clock
        with connection.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        self._revision = self._read_revision()
        self._checked_at = clock()

    def _read_revision(self) -> int:
        with self._connection.cursor() as cursor:
            cursor.execute("SELECT revision FROM registry_state")
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def changed(self) -> bool:
        self._connection.poll()  # reads what arrived on the socket, without waiting
        notified = bool(self._connection.notifies)
        self._connection.notifies.clear()
        if notified or self._clock() - self._checked_at >= FALLBACK_INTERVAL:
            self._checked_at = self._clock()
            revision = self._read_revision()
            moved, self._revision = revision != self._revision, revision
            return notified or moved
        return False

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def close(self) -> None:
        self._connection.close()
