"""Verifying tokens on a SQLite registry with the standard library alone: a fast ``qkeys verify``.

An app that checks keys with ``qkeys verify`` starts a process per check. Importing peewee and
its playhouse (and through them psycopg2) would cost that process more than the argon2 check
itself, so here the same :class:`~.verification.Verifier` runs on a bare :mod:`sqlite3`
connection. It serves only an existing SQLite file marked as a registry and at the current
schema: anything else (a URL, a missing, damaged, foreign or older file) gets None, and the
caller opens the full :class:`~.store.Store` for verification only, which explains the refusal.

This module also holds the one rule for what a database target names (:func:`sqlite_path`),
shared with :mod:`.database`, because it must not import peewee.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime

from .errors import StoreError
from .hashing import SecretHasher
from .verification import BUSY_TIMEOUT_MS, Verifier

#: The schema this module's SQL is written for; migrations.LATEST_VERSION (a test keeps them
#: equal). Any other version goes to the Store, which refuses it for verification.
SCHEMA_VERSION = 5
#: models.APPLICATION_ID, the mark of a SQLite registry (a test keeps them equal).
APPLICATION_ID = 0x716B6579
#: What a verifier needs of database.SQLITE_PRAGMAS (a test keeps them equal): overwrite the old
#: hash when a rehash replaces it (and wait for writers: BUSY_TIMEOUT_MS). WAL is a property of
#: the file already.
SECURE_DELETE = 1

_SQLITE_HEADER = b"SQLite format 3\x00"
_POSTGRES_SCHEMES = ("postgresql", "postgres")
ACCEPTED_FORMS = (
    "a file path, sqlite:///relative/path.db, sqlite:////absolute/path.db or "
    "postgresql://user@host:5432/dbname"
)


class _SqliteDatabase:
    """The calls :class:`Verifier` makes of a peewee Database, on a plain sqlite3 connection."""

    param = "?"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute_sql(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def atomic(self) -> AbstractContextManager[None]:
        return nullcontext()  # each write is one statement, atomic in autocommit mode

    def close(self) -> None:
        self.connection.close()


def describe_target(target: str) -> str:
    """A display form of a path or URL, with any password in the URL masked."""
    if "://" not in target:
        return target
    scheme, _, rest = target.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{host}"


def sqlite_path(target: str) -> str | None:
    """The file a path or ``sqlite:`` URL names (``~`` expanded); None for a PostgreSQL URL.

    * no ``://``: a file path;
    * ``sqlite:///PATH``: PATH as written, so ``sqlite:////srv/keys.db`` is the absolute
      ``/srv/keys.db`` and ``sqlite:///keys.db`` is ``keys.db`` in the current directory (the
      convention of SQLAlchemy and peewee);
    * ``postgresql://`` or ``postgres://``: a server (None here).

    Anything else raises StoreError naming the accepted forms: another scheme (``sqlite+pool``,
    ``sqliteext``, ``ftp``...), ``sqlite://HOST/...``, options (``?...``) in a sqlite URL, and an
    empty path or ``:memory:`` (a registry that vanishes with the process would hand out tokens
    for keys that exist nowhere).
    """
    scheme, separator, rest = target.partition("://")
    if not separator:
        scheme, colon, _ = target.partition(":")
        if colon and scheme.lower() in ("sqlite", *_POSTGRES_SCHEMES):  # "sqlite:/x.db"
            raise _unusable(target, "is not a path, nor a database URL (it lacks '://')")
        return _file(target, target)
    if scheme.lower() in _POSTGRES_SCHEMES:
        return None
    if scheme.lower() != "sqlite":
        kind = "SQLite URL" if scheme.lower().startswith("sqlite") else "kind of database URL"
        raise _unusable(target, f"is an unsupported {kind} ({scheme}://)")
    if not rest.startswith("/"):
        if not rest:
            return _file(target, "")
        raise _unusable(
            target, f"names a host, which a sqlite URL has not: for the file {rest} write "
            f"sqlite:///{rest}, with a third '/'"
        )
    path = rest[1:]
    if "?" in path or "#" in path:
        raise _unusable(target, "has options ('?' or '#'); a sqlite URL takes none")
    return _file(target, path)


def _file(target: str, path: str) -> str:
    if path == ":memory:" or (not path and "://" in target):
        raise StoreError(
            f"{describe_target(target)} is an in-memory database: its keys would vanish with "
            f"the process, and their tokens with them; give {ACCEPTED_FORMS}"
        )
    if not path.strip():
        raise StoreError(f"no database path given; give {ACCEPTED_FORMS}")
    return os.path.expanduser(path)


def _unusable(target: str, why: str) -> StoreError:
    return StoreError(f"{describe_target(target)} {why}; give {ACCEPTED_FORMS}")


def _marked(path: str) -> bool | None:
    """Whether the file is marked as a registry, read from its header without SQLite: True;
    None when the mark may be in its WAL only (in use, not yet checkpointed: SQLite must look,
    which creates nothing then); False for anything else, not to be opened here."""
    try:
        with open(path, "rb") as file:
            header = file.read(72)
    except OSError:
        return False
    if not header.startswith(_SQLITE_HEADER) or len(header) < 72:
        return False
    if header[68:72] == APPLICATION_ID.to_bytes(4, "big"):
        return True
    try:
        in_use = header[18] == 2 and os.path.getsize(os.path.realpath(path) + "-wal") > 0
    except OSError:
        return False
    return None if in_use else False


def open_verifier(target: str, hasher: SecretHasher | None = None) -> Verifier | None:
    """A verifier for this thread on an existing, current SQLite registry at ``target``; None
    when the Store must handle it (URL, missing, foreign or damaged file, other schema version).
    StoreError for a target that names no usable database at all."""
    path = sqlite_path(target)
    if path is None or not os.path.isfile(path):
        return None
    marked = _marked(path)
    if marked is False:
        return None  # not opened with SQLite: that could leave a -shm beside a foreign file
    uri = "file:" + path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:  # mode=rw: never create a file, even if it vanished since the checks above
        connection = sqlite3.connect(
            f"{uri}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        rows = connection.execute("SELECT version FROM schema_version").fetchall()
        if rows != [(SCHEMA_VERSION,)] or (
            marked is None
            and connection.execute("PRAGMA application_id").fetchone() != (APPLICATION_ID,)
        ):
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
