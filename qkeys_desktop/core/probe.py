"""Checking that a database target is usable before switching to it (Settings → Test connection).

Opens its own connection and leaves the models' binding alone, so a running window's registry
is never disturbed by a probe.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .database import describe, is_url, open_database
from .errors import StoreError
from .migrations import LATEST_VERSION


def has_password(target: str) -> bool:
    """Whether a URL carries a password (which must not be saved in settings)."""
    return is_url(target) and bool(urlsplit(target).password)


def probe(target: str, password: str | None = None) -> str:
    """One sentence on what is at ``target``; raises StoreError saying why it can't be used."""
    if not is_url(target) and not Path(target).expanduser().exists():
        return f"No database at {target} yet: qkeys will create it there."
    db = open_database(target, password)
    try:
        engine = "PostgreSQL" if "postgres" in type(db).__name__.lower() else "SQLite"
        if not db.table_exists("schema_version"):
            return f"Connected to {engine}: an empty database, qkeys will create its tables."
        row = db.execute_sql("SELECT version FROM schema_version").fetchone()
        version = int(row[0]) if row else 0
        if version > LATEST_VERSION:
            raise StoreError(
                f"{describe(target)} was written by a newer qkeys (schema {version}); "
                f"upgrade qkeys to use it"
            )
        (keys,) = db.execute_sql("SELECT COUNT(*) FROM api_key").fetchone()
        return f"Connected to {engine}: a qkeys registry with {keys} key(s)."
    except StoreError:
        raise
    except Exception as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise StoreError(f"{describe(target)} can't be used: {reason}") from None
    finally:
        db.close()
