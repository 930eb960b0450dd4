"""Opening the registry database from a path or a URL, safely and with the right settings."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url

from .errors import StoreError

BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",  # readers never block the writer: the window polls while the CLI writes
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,  # a deleted key's hash is overwritten, not left in free pages
}


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
        if not directory.exists():
            directory.mkdir(parents=True, mode=0o700)
            os.chmod(directory, 0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        os.chmod(path, 0o600)
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


def _open_sqlite(path: Path) -> peewee.SqliteDatabase:
    _prepare_private_file(path)
    db = peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db.connect(reuse_if_open=True)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as error:
        db.close()
        raise StoreError(
            f"{path} is not a qkeys database or is damaged ({error}); it was left untouched — "
            f"move it aside or open another with --db"
        ) from error
    return db


def open_database(target: str) -> peewee.Database:
    """Open (creating if needed) the database at a path or a ``sqlite://``/``postgresql://`` URL."""
    if not is_url(target):
        return _open_sqlite(Path(target).expanduser())
    if target.startswith("sqlite:///"):
        return _open_sqlite(Path(target.removeprefix("sqlite:///")).expanduser())
    try:
        db = connect_url(target)
        db.connect(reuse_if_open=True)
    except peewee.ImproperlyConfigured as error:
        raise StoreError(f"cannot open {describe(target)}: {error}") from error
    except peewee.OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "refused"
        raise StoreError(f"cannot connect to {describe(target)}: {first_line}") from error
    except ValueError as error:
        raise StoreError(f"not a usable database URL: {describe(target)} ({error})") from error
    return db
