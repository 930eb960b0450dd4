"""Opening the registry database from a path or a URL, safely and with the right settings."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path
from typing import Any

import peewee

from .errors import StoreError
from .tokens import redact_tokens

BUSY_TIMEOUT_MS = 5000
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


def is_url(target: str) -> bool:
    """Whether ``target`` is a database URL rather than a filesystem path."""
    return "://" in target


def describe(target: str) -> str:
    """A display form of the target with any password in a URL masked."""
    if not is_url(target):
        return target
    scheme, _, rest = target.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{host}"


def _prepare_private_file(path: Path) -> None:
    """Create the directory 0700 and the file 0600 whatever the umask; refuse what we can't use."""
    directory = path.parent
    try:
        # Every missing level 0700, not only the last: mkdir(parents=True) would make the
        # others by the umask, and under umask 000 anyone could swap our directory for theirs.
        for missing in reversed([d for d in (directory, *directory.parents) if not d.exists()]):
            missing.mkdir(mode=0o700, exist_ok=True)  # another process may be first
            os.chmod(missing, 0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
            os.chmod(path, 0o600)
        elif not path.is_file():  # never chmod a directory (or device) someone pointed us at
            raise StoreError(f"{path} is not a database file; give a file path with --db")
        elif stat.S_IMODE(path.stat().st_mode) & 0o077:
            # take away others' access, but never grant ourselves write on a read-only file
            os.chmod(path, stat.S_IMODE(path.stat().st_mode) & 0o700)
    except FileExistsError:
        pass
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


def _refuse_foreign_file(path: Path) -> None:
    """Before anything may change it: a file that is not a qkeys registry is refused untouched.

    Connecting would switch it to WAL and the migrations would add our tables to it, so look
    first, read-only: random bytes, a damaged file, another program's SQLite database.
    """
    if not path.is_file() or path.stat().st_size == 0:
        return  # nothing there yet (an empty file is what we create ourselves)
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as probe:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        if "not a database" not in str(error) and "malformed" not in str(error):
            return  # cannot look (permissions, a directory without -shm): opening will explain
        raise StoreError(
            f"{path} is not a qkeys database or is damaged ({error}); it was left untouched — "
            f"move it aside or open another with --db"
        ) from error
    if tables and "schema_version" not in tables:
        raise StoreError(
            f"{path} is a database of another program, not a qkeys registry; it was left "
            f"untouched — choose another file with --db"
        )


def _open_sqlite(path: Path) -> peewee.SqliteDatabase:
    _refuse_foreign_file(path)
    _prepare_private_file(path)
    # BEGIN IMMEDIATE: a write transaction takes the write lock up front, waiting out the busy
    # timeout. A deferred BEGIN that read first and then writes fails at once with "database is
    # locked" whenever another process committed meanwhile; no busy timeout helps that.
    db = peewee.SqliteDatabase(
        str(path), pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000, lock_type="IMMEDIATE"
    )
    try:
        db.connect(reuse_if_open=True)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        db.close()
        if not os.access(path.parent, os.W_OK | os.X_OK):  # not the file's fault: say so
            raise StoreError(
                f"cannot open the database {path}: its directory {path.parent} is not writable, "
                f"and SQLite keeps {path.name}-wal and {path.name}-shm there; make it writable "
                f"or choose another location with --db"
            ) from error
        raise StoreError(
            f"{path} is not a qkeys database or is damaged ({error}); it was left untouched — "
            f"move it aside or open another with --db"
        ) from error
    return db


def open_database(target: str, password: str | None = None) -> peewee.Database:
    """Open (creating if needed) the database at a path or a ``sqlite://``/``postgresql://`` URL.

    ``password`` (for a server) is passed to the driver only, so it never has to be written into
    a URL that might be displayed or saved; a percent-encoded password in the URL works too.
    """
    if not is_url(target):
        return _open_sqlite(Path(target).expanduser())
    if target.startswith("sqlite:///"):
        return _open_sqlite(Path(target.removeprefix("sqlite:///")).expanduser())
    from playhouse.db_url import connect as connect_url  # only for URLs: it imports every driver

    try:
        extra = {"password": password} if password else {}
        db = connect_url(target, unquote_password=True, **extra)
        db.connect(reuse_if_open=True)
    except peewee.ImproperlyConfigured as error:
        raise StoreError(f"cannot open {describe(target)}: {error}") from error
    except peewee.OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "refused"
        raise StoreError(f"cannot connect to {describe(target)}: {first_line}") from error
    except ValueError as error:
        raise StoreError(f"not a usable database URL: {describe(target)} ({error})") from error
    return db
