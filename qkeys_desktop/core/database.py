"""Opening the registry database from a path or a URL, safely and with the right settings."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
import stat
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import peewee

from . import migrations
from .errors import DatabaseBusyError, StoreError
from .postgres_driver import bind_postgres_driver
from .tokens import redact_tokens
from .verification import BUSY_TIMEOUT_MS
from .verify_only import describe_target, sqlite_path

SQLITE_PRAGMAS = {
    "journal_mode": "wal",  # readers never block the writer: the window polls while the CLI writes
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,  # a deleted key's hash is overwritten, not left in free pages
}


class _RedactSecrets(logging.Filter):
    """peewee logs every statement with its parameters at DEBUG: keep argon2 hashes out of it,
    and tokens that someone passed where a name belongs (looked up case-folded).

    A hash is not a token, but it must not leave the database either (it is what an attacker
    would need to test guesses offline), and DEBUG logs get pasted into bug reports.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            if isinstance(params, list | tuple):
                record.msg = (sql, [_redacted(p) for p in params])
        return True


def _redacted(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return "<argon2 hash>" if value.startswith("$argon2") else redact_tokens(value)


logging.getLogger("peewee").addFilter(_RedactSecrets())


#: A display form of a path or URL with any password masked (one rule, in verify_only).
describe = describe_target


def is_url(target: str) -> bool:
    """Whether ``target`` is a database URL rather than a filesystem path."""
    return "://" in target


def _refuse_dangling_link(path: Path) -> None:
    """A symbolic link to nothing (the path or a directory above it): say where it points."""
    for link in (path, *path.parents):
        if link.is_symlink() and not link.exists():
            points_to = Path(os.path.normpath(link.parent / os.readlink(link)))
            raise StoreError(
                f"{link} is a symbolic link to {points_to}, which does not exist; create it "
                f"or fix the link, or choose another location with --db"
            )


def _companions(path: Path) -> tuple[Path, Path]:
    """SQLite's -wal and -shm files, beside the file a link resolves to (as SQLite puts them)."""
    real = path.resolve()
    return Path(f"{real}-wal"), Path(f"{real}-shm")


def _prepare_private_file(path: Path) -> None:
    """Create the directory 0700 and the file 0600 whatever the umask; refuse what we can't use.

    The -wal and -shm files get 0600 too: SQLite creates them with the database file's mode
    (tightened here before it connects), and ones left by an earlier connection are tightened.
    """
    directory = path.parent
    try:
        # Every missing level 0700, not only the last: mkdir(parents=True) would make the
        # others by the umask, and under umask 000 anyone could swap our directory for theirs.
        for missing in reversed([d for d in (directory, *directory.parents) if not d.exists()]):
            missing.mkdir(mode=0o700, exist_ok=True)  # another process may be first
            os.chmod(missing, 0o700)
        if not path.exists():
            try:
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
                os.chmod(path, 0o600)
            except FileExistsError:
                pass  # another process was first
        if not path.is_file():  # never chmod a directory (or device) someone pointed us at
            raise StoreError(f"{path} is not a database file; give a file path with --db")
        for private in (path, *_companions(path)):
            with contextlib.suppress(FileNotFoundError):
                # take away others' access, but never grant ourselves write on a read-only file
                if stat.S_IMODE(private.stat().st_mode) & 0o077:
                    os.chmod(private, stat.S_IMODE(private.stat().st_mode) & 0o700)
    except PermissionError as error:
        raise StoreError(
            f"cannot write the database at {path}: permission denied; choose a writable "
            f"location with --db or QKEYS_DB"
        ) from error
    except OSError as error:
        raise StoreError(f"cannot create the database at {path}: {error.strerror}") from error
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"the database {path} is read-only; make it writable or choose another with --db"
        )


def _damaged(path: Path, error: object) -> StoreError:
    return StoreError(
        f"{path} is not a qkeys database or is damaged ({error}); it was left untouched — "
        f"move it aside or open another with --db"
    )


def _recognise_file(path: Path) -> int | None:
    """Before anything may change it: what the file at ``path`` is, read-only.

    Returns the registry's schema version, 0 for a file to make a registry of (none yet, or an
    empty one), None when it can't be read (opening explains why). Anything else — random bytes,
    a damaged file, another program's database — is refused untouched (StoreError): same bytes,
    same mode, and no -wal or -shm left beside it (see :func:`_read_catalog`).
    """
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return 0  # nothing there yet (an empty file is what we create ourselves)
        with path.open("rb") as file:
            header = file.read(100)
    except OSError:
        return None
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise _damaged(path, "file is not a database")
    wal_mode = header[18] == 2
    for attempt in range(2):
        try:
            tables, mark, rows = _read_catalog(path, wal_mode)
            return migrations.recognised_version(
                tables, mark, functools.partial(list, rows), str(path), sqlite=True
            )
        except migrations.SchemaTooNewError:
            raise
        except (StoreError, sqlite3.DatabaseError) as error:
            if attempt == 0 and wal_mode:
                continue  # read while a checkpoint rewrote pages? Look once more
            if isinstance(error, StoreError):
                raise
            text = str(error)
            if "not a database" not in text and "malformed" not in text:
                return None  # cannot look (permissions, a locked file): opening will explain
            raise _damaged(path, error) from error
    raise AssertionError("unreachable")


def _read_catalog(
    path: Path, wal_mode: bool
) -> tuple[frozenset[str], int, list[tuple[object, ...]]]:
    """Tables and views, application id and schema_version rows of a SQLite file, read-only.

    Leaves nothing behind: a file in rollback mode is read with ``mode=ro``, which creates no
    file. A WAL-mode file is read ``immutable`` (no -shm made) unless a -wal with content is
    beside it: then another connection is using it, its -shm exists, and a plain read-only
    connection joins it (the file itself may be behind its WAL).
    """
    wal, _shm = _companions(path)
    live = wal_mode and wal.exists() and wal.stat().st_size > 0
    options = "mode=ro&immutable=1" if wal_mode and not live else "mode=ro"
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)) as probe:
        tables = frozenset(
            name
            for (name,) in probe.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        )
        (mark,) = probe.execute("PRAGMA application_id").fetchone()
        versions = (
            probe.execute("SELECT version FROM schema_version").fetchall()
            if "schema_version" in tables
            else []
        )
    return tables, int(mark), versions


def _open_sqlite(path: Path, create: bool) -> peewee.SqliteDatabase:
    _refuse_dangling_link(path)
    version = _recognise_file(path)
    if not create:  # for checking keys: change nothing, create nothing
        if not path.is_file() or version == 0:
            raise StoreError(f"no registry at {path}; check --db or QKEYS_DB")
        if version is not None and version < migrations.LATEST_VERSION:
            raise migrations.outdated(str(path), version)
        pragmas = {k: v for k, v in SQLITE_PRAGMAS.items() if k != "journal_mode"}
    else:
        _prepare_private_file(path)
        pragmas = SQLITE_PRAGMAS
    # BEGIN IMMEDIATE: a write transaction takes the write lock up front, waiting out the busy
    # timeout. A deferred BEGIN that read first and then writes fails at once with "database is
    # locked" whenever another process committed meanwhile; no busy timeout helps that.
    db = peewee.SqliteDatabase(
        str(path), pragmas=pragmas, timeout=BUSY_TIMEOUT_MS / 1000, lock_type="IMMEDIATE"
    )
    try:
        _connect_when_free(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        db.close()
        if _is_busy(error):
            raise DatabaseBusyError(
                f"The database {path} stayed busy (another program is opening or writing it); "
                f"try again."
            ) from error
        if not os.access(path.parent, os.W_OK | os.X_OK):  # not the file's fault: say so
            raise StoreError(
                f"cannot open the database {path}: its directory {path.parent} is not writable, "
                f"and SQLite keeps {path.name}-wal and {path.name}-shm there; make it writable "
                f"or choose another location with --db"
            ) from error
        raise _damaged(path, error) from error
    return db


def _is_busy(error: BaseException) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def _connect_when_free(db: peewee.SqliteDatabase) -> None:
    """Connect, applying the pragmas. Switching a new file to WAL needs a moment alone with it,
    and SQLite answers "database is locked" at once (no busy wait: it would deadlock) when
    another process is opening the same new file: try again for up to the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.connect(reuse_if_open=True)
            return
        except (peewee.OperationalError, sqlite3.OperationalError) as error:
            db.close()
            if not _is_busy(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def open_database(target: str, password: str | None = None, *, create: bool = True) -> Any:
    """Open the database at a path or a ``sqlite:///``/``postgresql://`` URL (see
    :func:`~.verify_only.sqlite_path` for the exact forms); other forms are refused.

    ``create=False`` is for checking keys: a SQLite file must exist and be a current registry,
    and nothing about it is changed. ``password`` (for a server) is passed to the driver only,
    so it never has to be written into a URL that might be displayed or saved; a
    percent-encoded password in the URL works too.
    """
    path = sqlite_path(target)
    if path is not None:
        return _open_sqlite(Path(path), create)
    from playhouse.db_url import connect as connect_url  # only for URLs: it imports every driver

    bind_postgres_driver(peewee)  # the window's start imported peewee without it
    try:
        extra = {"password": password} if password else {}
        db = connect_url(target, unquote_password=True, **extra)
        db.connect(reuse_if_open=True)
    except peewee.ImproperlyConfigured as error:
        why = ("the PostgreSQL driver is not installed: pip install 'qkeys-desktop[postgres]'"
               if "psycopg2" in str(error) else str(error))  # peewee: "psycopg2 … not found"
        raise StoreError(f"cannot open {describe(target)}: {why}") from error
    except peewee.OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "refused"
        raise StoreError(f"cannot connect to {describe(target)}: {first_line}") from error
    except ValueError as error:
        raise StoreError(f"not a usable database URL: {describe(target)} ({error})") from error
    return db
