"""Verifying tokens on a SQLite registry with the standard library alone: a fast ``qkeys verify``.

An app that checks keys with ``qkeys verify`` starts a process per check. Importing peewee and
its playhouse (and through them psycopg2) would cost that process more than the argon2 check
itself, so here the same :class:`~.verification.Verifier` runs on a bare :mod:`sqlite3`
connection. It serves only an existing SQLite file already at the current schema: anything else
(a URL, a missing, damaged or older file) gets None, and the caller opens the full
:class:`~.store.Store`, which creates, migrates or explains.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime

from .hashing import SecretHasher
from .verification import Verifier

#: The schema this module's SQL is written for; migrations.LATEST_VERSION (a test keeps them
#: equal). An older file goes through the Store, which migrates it; a newer one is refused there.
SCHEMA_VERSION = 2
#: What a verifier needs of database.SQLITE_PRAGMAS (a test keeps them equal): wait for writers,
#: and overwrite the old hash when a rehash replaces it. WAL is a property of the file already.
BUSY_TIMEOUT_MS = 5000
SECURE_DELETE = 1


class _SqliteDatabase:
    """The calls :class:`Verifier` makes of a peewee Database, on a plain sqlite3 connection."""

    param = "?"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def atomic(self) -> AbstractContextManager[None]:
        return nullcontext()  # each write is one statement, atomic in autocommit mode


def sqlite_path(target: str) -> str | None:
    """The file behind a path or ``sqlite:///`` URL (as database.open_database reads it)."""
    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    elif "://" in target:
        return None
    return os.path.expanduser(target)


def open_verifier(target: str, hasher: SecretHasher | None = None) -> Verifier | None:
    """A verifier for this thread on an existing, current SQLite registry at ``target``; None
    when the Store must handle it (URL, missing or damaged file, other schema version)."""
    path = sqlite_path(target)
    if path is None or not os.path.isfile(path):
        return None
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        row = connection.execute("SELECT version FROM schema_version").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            connection.close()
            return None
        connection.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")
        # This connection only records last use and upgrades hashes: losing either to a power cut
        # is harmless, so skip the commit's fsync (WAL stays consistent), which a one-check
        # process would otherwise pay in full (~5-10 ms).
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error:
        connection.close()
        return None
    return Verifier(_SqliteDatabase(connection), hasher or SecretHasher(), _utc_now)


def _utc_now() -> datetime:
    return datetime.now(UTC)
